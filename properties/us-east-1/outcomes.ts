/**
 * The composed Region's manifest, one variant at a time: each hunt of the cascade takes seconds
 * (runs of ~80 steps over four systems, shrunk to the explorer's shortest), so the outcomes are
 * spread over several test files, each asserting its share with describeManifest.
 */
import { fromCatalog, withOutcomes, type LoadedModel } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';

export const region = fromCatalog(catalog, 'us-east-1');

/** The model with only the manifest outcomes `keep` admits. */
export function outcomesWhere(
  keep: (o: { variant: string; property: string; expect: string }) => boolean,
): LoadedModel {
  return withOutcomes(region, keep);
}
