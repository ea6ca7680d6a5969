/**
 * A model bound to one variant and one set of parameters: the thing every explorer runs. It is the
 * only code that calls a model's functions (init, guards, steps, descriptions, actors, canonical),
 * so that frozen states, error messages that name the culprit, and the checks on what a model
 * gives back are done in one place.
 *
 * Two faces. A Stepper is what the searches need (the explorer and the hunt): the choices, their
 * guards, one step (on an immer draft or a plain tree, in place) and next (through immer, frozen),
 * the end states, canonical and the properties (steps.ts). An Instance adds who acts (actors.ts)
 * and how a step is recorded in a trace (record.ts), for the traces, replays and renderers.
 */
import { freeze } from 'immer';
import { bindActors } from './actors.ts';
import { culprits } from './culprit.ts';
import { RacehuntError, own, unknownName } from './errors.ts';
import { makeCtx, type AnyCtx, type AnyModel } from './model.ts';
import { bindRecording, type StepRecord } from './record.ts';
import { bindSteps } from './steps.ts';
import type { Choice, Stepper } from './stepper.ts';

export { orderLanes } from './actors.ts';
export type { Change, StepRecord } from './record.ts';
export type { Choice, Stepper } from './stepper.ts';

/** A Stepper with who acts and how a step is recorded. */
export interface Instance extends Stepper {
  /** Lane order: the model's actors, then any actor its choices name that it did not declare. */
  readonly lanes: readonly string[];
  actor(c: Choice): string;
  /** The model's actors() in its order, checked (a throwing or non-string actor is named with its action). */
  declaredActors(): readonly string[];
  describe(before: unknown, c: Choice, after: unknown): string;
  /** Take a step and describe it as a trace records it (the description sees both states). */
  record(state: unknown, c: Choice): { state: unknown; step: StepRecord };
}

export interface ConfigureOptions {
  /** Check `no-deadlock` (default true): a state with nothing enabled must be a declared end. */
  readonly deadlock?: boolean;
}

/** Validate names and values, fill in defaults, and bind. Unknown names are RacehuntErrors. */
export function configure(
  model: AnyModel,
  variant: string | undefined,
  overrides: Readonly<Record<string, number>> = {},
  opts: ConfigureOptions = {},
): Instance {
  const variantNames = Object.keys(model.variants);
  const variantName = variant ?? variantNames[0];
  if (variantName === undefined) throw new RacehuntError('bad-model', `model "${model.name}" has no variants`);
  const v = own(model.variants, variantName);
  if (!v) throw unknownName('variant', variantName, variantNames, `of model "${model.name}"`);

  const ctx: AnyCtx = makeCtx(Object.freeze(resolveParams(model, overrides)), freeze(v.switches, true), variantName);
  return bind(model, ctx, opts.deadlock !== false);
}

/**
 * The parameters a run of `model` uses, in any variant: each one's default, unless `overrides`
 * sets it (checked against its range). With no overrides: what a command that names no
 * `--param` runs with (render/command.ts names only the parameters that differ from it).
 */
export function resolveParams(
  model: AnyModel,
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const params: Record<string, number> = {};
  for (const [k, spec] of Object.entries(model.params)) params[k] = spec.default;
  for (const [k, value] of Object.entries(overrides)) {
    const spec = own(model.params, k);
    if (!spec) throw unknownName('parameter', k, Object.keys(model.params), `of model "${model.name}"`);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new RacehuntError(
        'bad-param',
        `parameter ${k}=${value} is out of range: ${model.name} takes an integer in [${spec.min}, ${spec.max}]`,
      );
    }
    params[k] = value;
  }
  return params;
}

function bind(model: AnyModel, ctx: AnyCtx, deadlock: boolean): Instance {
  const names = culprits(model, ctx);
  const steps = bindSteps(model, ctx, deadlock, names);
  const actors = bindActors(steps, names);
  const recording = bindRecording(steps, actors, names);
  // The Stepper's members as they are (properties is a getter), and the rest beside them.
  return Object.defineProperties(steps, {
    lanes: { get: actors.lanes, enumerable: true },
    actor: { value: actors.actor, enumerable: true },
    declaredActors: { value: actors.declaredActors, enumerable: true },
    describe: { value: recording.describe, enumerable: true },
    record: { value: recording.record, enumerable: true },
  }) as Instance;
}
