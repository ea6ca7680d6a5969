/** Running a catalog model's search with helper threads, and what of its result must not depend on them. */
import { configure } from '../core/instance.ts';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/explore.ts';
import { fromCatalog } from '../project/load.ts';
import { exploreSource } from '../project/explore-source.ts';
import { catalog } from '../../models/index.ts';

const CATALOG = new URL('../../models/index.ts', import.meta.url).href;

export interface Case {
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly opts: ExploreOptions;
}

export function run(c: Case, workers: number, extra: ExploreOptions = {}): ExploreResult {
  const { model } = fromCatalog(catalog, c.model);
  const inst = configure(model, c.variant, c.params);
  const source = exploreSource({
    modelRef: c.model,
    catalogModule: CATALOG,
    variant: c.variant,
    params: c.params,
    deadlock: true,
  });
  return explore(inst, { ...c.opts, ...extra, workers, source });
}

/** Everything a result says that must not depend on the threads (not times, threads, or where the trail is kept). */
export function answer(r: ExploreResult): unknown {
  const { ms: _ms, statesPerSec: _r, workers: _w, passes, bytesPerState: _b, fingerprintOnly: _f, ...rest } = r;
  return { ...rest, passes: passes?.map(answer) };
}
