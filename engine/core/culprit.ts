/**
 * How an error in a model's own code is named: the model, the variant, the action and its
 * argument, and what of the action threw (its guard, step, actor, description or target). A write
 * to a frozen state is called what it is: a step that mutated state outside its draft.
 */
import { isA, messageOf, RacehuntError } from './errors.ts';
import type { AnyCtx, AnyModel } from './model.ts';
import type { Choice } from './stepper.ts';

export interface Culprits {
  /** `model "dns" (as-2025): action enactorPicksLatestPlan(2)`. */
  culprit(c: Choice): string;
  /** The error to throw for what `c`'s `what` threw. */
  wrap(c: Choice, what: string, e: unknown): RacehuntError;
}

export function culprits(model: AnyModel, ctx: AnyCtx): Culprits {
  const where = `model "${model.name}" (${ctx.variantName})`;
  const culprit = (c: Choice) =>
    `${where}: action ${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`}`;
  const wrap = (c: Choice, what: string, e: unknown): RacehuntError => {
    if (e instanceof RacehuntError) return e;
    const msg = messageOf(e);
    if (isA(e, TypeError) && /read[- ]only|not extensible|Cannot (assign|add|delete|define)|frozen/i.test(msg)) {
      return new RacehuntError(
        'model-error',
        `${culprit(c)}: its ${what} mutated state outside the immer draft (states are frozen): ${msg}`,
      );
    }
    return new RacehuntError('model-error', `${culprit(c)}: its ${what} threw ${msg}`);
  };
  return { culprit, wrap };
}
