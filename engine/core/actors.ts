/**
 * Who takes each step, and the order of lanes in a trace and in the fair schedule: a model's
 * actors() and each action's actor(arg), checked once (a throwing or non-string actor is named with
 * its action) and remembered per choice.
 */
import { RacehuntError, messageOf } from './errors.ts';
import { refusePromise } from './sync.ts';
import type { Culprits } from './culprit.ts';
import type { Choice, Stepper } from './stepper.ts';

export interface Actors {
  actor(c: Choice): string;
  /** The model's actors() in its order, checked. */
  declaredActors(): readonly string[];
  /** Lane order: the model's actors, then any actor its choices name that it did not declare. */
  lanes(): readonly string[];
}

export function bindActors(steps: Stepper, { culprit, wrap }: Culprits): Actors {
  const { model, ctx } = steps;
  const where = `model "${model.name}" (${ctx.variantName})`;
  const actors = new Map<Choice, string>();
  const actor = (c: Choice): string => {
    const known = actors.get(c);
    if (known !== undefined) return known;
    let a: unknown;
    try {
      a = c.action.actor(c.arg, ctx);
    } catch (e) {
      throw wrap(c, 'actor', e);
    }
    refusePromise(a, () => `${culprit(c)}: its actor`);
    if (typeof a !== 'string' || a === '')
      throw new RacehuntError(
        'bad-model',
        `${culprit(c)}: its actor must be a non-empty string, got ${messageOf(JSON.stringify(a) ?? String(a))}`,
      );
    actors.set(c, a);
    return a;
  };
  let declared: readonly string[] | undefined;
  const declaredActors = (): readonly string[] => {
    if (declared) return declared;
    // Every choice's actor first, each checked with its action named: a model without its own
    // actors() lists them by calling the same functions.
    steps.allChoices().forEach(actor);
    let names: unknown;
    try {
      names = model.actors(ctx);
    } catch (e) {
      throw new RacehuntError('model-error', `${where}: its actors() threw ${messageOf(e)}`);
    }
    if (!Array.isArray(names) || !names.every((a) => typeof a === 'string'))
      throw new RacehuntError(
        'bad-model',
        `${where}: its actors() must return a list of names, got ${messageOf(JSON.stringify(names) ?? String(names))}`,
      );
    return (declared = names as readonly string[]);
  };
  let laneOrder: string[] | undefined;
  const lanes = (): string[] =>
    (laneOrder ??= orderLanes(declaredActors(), [...declaredActors(), ...steps.allChoices().map(actor)]));
  return { actor, declaredActors, lanes };
}

/**
 * Lane order, for swimlanes and fair scheduling: the declared actors that are present, in the
 * order declared, then the present actors the model did not declare, in the order met.
 */
export function orderLanes(declared: readonly string[], present: Iterable<string>): string[] {
  const seen = new Set(present);
  return [...declared.filter((a) => seen.has(a)), ...[...seen].filter((a) => !declared.includes(a))];
}
