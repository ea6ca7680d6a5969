/** The DNS manifest split by planner/enactor link, so that each link's tests run in a file of their own. */
import type { LoadedModel } from '../../engine/load.ts';
import type { DnsSwitches } from '../../models/dns/variants.ts';

/** The variant's link, read from its switches. */
export function linkOf(m: LoadedModel, variant: string): DnsSwitches['link'] {
  return (m.model.variants[variant]?.switches as DnsSwitches | undefined)?.link ?? 'stack';
}

/** The same model with only the manifest outcomes of variants on this link. */
export function onLink(m: LoadedModel, link: DnsSwitches['link']): LoadedModel {
  if (!m.manifest) throw new Error(`model ${m.ref} has no manifest`);
  return { ...m, manifest: { ...m.manifest, outcomes: m.manifest.outcomes.filter((o) => linkOf(m, o.variant) === link) } };
}
