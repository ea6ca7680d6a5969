/**
 * Where a parallel breadth-first search's helper threads get the model (explore/helpers.ts): an
 * Instance cannot cross threads, so each helper loads the same model by the name or path it was
 * loaded by (a catalog name through the catalog module, a path through loadModel) and binds the
 * same variant, parameters and built-in checks. A model built in memory (a test's) has no source:
 * its search runs on one thread.
 */
import { configure, type Instance } from '../core/instance.ts';
import type { InstanceSource } from '../explore/helpers.ts';
import { loadModel, type Catalog } from './load.ts';

export interface SourceSpec {
  /** A catalog name or a module path, as loadModel takes it. */
  readonly modelRef: string;
  /** The catalog module (a file URL) for catalog names; null: paths only. */
  readonly catalogModule: string | null;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  /** Check no-deadlock (configure's `deadlock`). */
  readonly deadlock: boolean;
}

/** A source for explore()'s `source` option. */
export function exploreSource(spec: SourceSpec): InstanceSource {
  return { module: import.meta.url, spec };
}

/** The helper's side: the Instance the spec names. */
export async function instanceFromSource(spec: SourceSpec): Promise<Instance> {
  const catalog = spec.catalogModule ? ((await import(spec.catalogModule)) as { catalog: Catalog }).catalog : {};
  const loaded = await loadModel(spec.modelRef, catalog);
  return configure(loaded.model, spec.variant, spec.params, { deadlock: spec.deadlock });
}
