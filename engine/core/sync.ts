/**
 * Model code is synchronous: a step edits its draft and returns, a guard, a property, an actor or
 * a description returns its answer at once. A function written `async` returns a promise instead,
 * which would be taken for an answer (a truthy guard, a broken property) while its own rejection
 * surfaced later as a second, unrelated error. So a promise returned by model code is refused by
 * name, and marked handled first, so that its rejection never reaches the process.
 */
import { RacehuntError } from './errors.ts';

/** Does this value look like a promise (anything with a `then` method)? */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return false;
  try {
    return typeof (v as { then?: unknown }).then === 'function';
  } catch {
    return false; // a getter that throws: not a promise racehunt can wait on either
  }
}

/** Throw the one-line error for a promise returned where an answer was due; `culprit` names the function. */
export function refusePromise(v: unknown, culprit: () => string): void {
  if (!isThenable(v)) return;
  try {
    v.then(undefined, () => undefined); // its rejection is this error's, not the process's
  } catch {
    // a then() that throws: nothing to mark
  }
  throw new RacehuntError(
    'bad-model',
    `${culprit()} returned a promise; model code is synchronous (a step edits its draft, guards and properties answer at once): drop its async, and await nothing in it`,
  );
}
