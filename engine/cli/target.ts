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
  const variantNames = Object.keys(model.variants);
  const variant = str(values, 'variant') ?? (variantNames.length === 1 ? variantNames[0] : undefined);
  if (variant === undefined)
    throw new RacehuntError(
      'usage',
      `model "${model.name}" has several variants: choose one with --variant (${variantNames.join(', ')})`,
    );
  const inst = configure(model, variant, params(list(values, 'param')), { deadlock: values['no-deadlock'] !== true });
  for (const name of list(values, 'property') ?? (str(values, 'property') ? [str(values, 'property') as string] : []))
    inst.property(name);
  return { loaded, variant, inst };
}
