/**
 * What `hunt` and `check` both take first: one model (a catalog name or a path), a variant (which
 * may be omitted only when there is one) and parameters, bound into an instance.
 */
import { RacehuntError } from '../core/errors.ts';
import { configure, type Instance } from '../core/instance.ts';
import { loadModel, type Catalog, type LoadedModel } from '../project/load.ts';
import { list, params, str, type Values } from './options.ts';

export interface Target {
  readonly loaded: LoadedModel;
  readonly variant: string;
  readonly inst: Instance;
}

/** The variant a command works on, of a model or a system (`who`): --variant, else the only one. */
export function chosenVariant(values: Values, who: string, names: readonly string[]): string {
  const variant = str(values, 'variant') ?? (names.length === 1 ? names[0] : undefined);
  if (variant === undefined)
    throw new RacehuntError('usage', `${who} has several variants: choose one with --variant (${names.join(', ')})`);
  return variant;
}

export async function loadTarget(
  command: string,
  positionals: readonly string[],
  values: Values,
  catalog: Catalog,
): Promise<Target> {
  if (positionals.length !== 1)
    throw new RacehuntError('usage', `${command} takes one model name or path (see racehunt ${command} --help)`);
  const loaded = await loadModel(positionals[0] as string, catalog);
  const { model } = loaded;
  const variant = chosenVariant(values, `model "${model.name}"`, Object.keys(model.variants));
  const inst = configure(model, variant, params(list(values, 'param')), { deadlock: values['no-deadlock'] !== true });
  for (const name of list(values, 'property') ?? (str(values, 'property') ? [str(values, 'property') as string] : []))
    inst.property(name);
  return { loaded, variant, inst };
}
