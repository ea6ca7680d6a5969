/**
 * What `hunt` and `check` both take first: one model (a catalog name or a path), a variant (which
 * may be omitted only when there is one) and parameters, bound into an instance.
 */
import { RacehuntError } from '../core/errors.ts';
import { configure, type Instance } from '../core/instance.ts';
import { loadModel, type Catalog, type LoadedModel } from '../project/load.ts';
import { params } from './options.ts';

export interface Target {
  readonly loaded: LoadedModel;
  readonly variant: string;
  readonly inst: Instance;
}

export async function loadTarget(
  command: string,
  usage: string,
  positionals: readonly string[],
  values: { variant?: string | undefined; param?: string[] | undefined },
  catalog: Catalog,
): Promise<Target> {
  if (positionals.length !== 1) throw new RacehuntError('usage', `${command} takes one model name or path — usage: ${usage}`);
  const loaded = await loadModel(positionals[0] as string, catalog);
  const { model } = loaded;
  const variantNames = Object.keys(model.variants);
  const variant = values.variant ?? (variantNames.length === 1 ? variantNames[0] : undefined);
  if (variant === undefined) throw new RacehuntError('usage', `model "${model.name}" has several variants: choose one with --variant (${variantNames.join(', ')})`);
  return { loaded, variant, inst: configure(model, variant, params(values.param)) };
}
