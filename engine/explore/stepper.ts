/**
 * How the explorer computes a successor state. A model's step is written against an immer draft,
 * but the same code runs unchanged on a plain mutable tree, and the explorer has one for free: it
 * decodes the parent's words again ('copy'), which is several times cheaper than an immer draft.
 * The search checks itself: for the first transitions it also runs immer and compares, and says so
 * when a step behaves differently on a plain tree (it would be using immer's `original()` or
 * `current()`); `--stepper immer` then runs every step through immer, without freezing.
 */
import { Immer } from 'immer';
import type { AnyAction, AnyCtx, Arg } from '../model.ts';
import type { Codec } from './codec.ts';

export type StepperKind = 'copy' | 'immer';

/** The successor of a state (given as its decoded tree and as its words) by one action. */
export type Step = (state: unknown, words: Int32Array, at: number, action: AnyAction, arg: Arg) => unknown;

/** Successors without freezing: frozen states would cost a walk per state and buy nothing here. */
const unfrozen = new Immer({ autoFreeze: false });

export function stepper(kind: StepperKind, codec: Codec, ctx: AnyCtx): Step {
  if (kind === 'immer') {
    return (state, _words, _at, action, arg) =>
      unfrozen.produce(state, (draft: unknown) => {
        action.step(draft, arg, ctx);
      });
  }
  return (_state, words, at, action, arg) => {
    const next = codec.read(words, at);
    action.step(next, arg, ctx);
    return next;
  };
}
