/**
 * How the explorer computes a successor state. A model's step is written against an immer draft,
 * but the same code runs unchanged on a plain mutable tree, and the explorer has one for free: it
 * decodes the parent's words again ('copy'), which is several times cheaper than an immer draft.
 * The search checks itself: for the first transitions it also runs immer and compares, and says so
 * when a step behaves differently on a plain tree (it would be using immer's `original()` or
 * `current()`); `--stepper immer` then runs every step through immer, without freezing.
 */
import type { Choice, Instance } from '../core/instance.ts';
import type { StateCodec } from './codec/state-codec.ts';

export type StepperKind = 'copy' | 'immer';

/** The successor of a state (given as its decoded tree and as its words) by one choice. */
export type Step = (state: unknown, words: Int32Array, at: number, choice: Choice) => unknown;

export function stepper(kind: StepperKind, codec: StateCodec, inst: Instance): Step {
  if (kind === 'immer') return (state, _words, _at, choice) => inst.nextUnfrozen(state, choice);
  return (_state, words, at, choice) => {
    const next = codec.read(words, at);
    inst.stepTree(next, choice);
    return next;
  };
}
