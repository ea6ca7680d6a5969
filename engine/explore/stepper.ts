/**
 * How the explorer computes a successor state: the fast steppers, beside the stepping contract
 * (core/instance.ts's Stepper, whose `step` runs a model's step in place). A model's step is
 * written against an immer draft, but the same code runs unchanged on a plain mutable tree, and
 * the explorer has one for free: a copy of the parent's tree, the same tree decoding its words
 * again would give ('copy', codec/state-codec.ts), many times cheaper than an immer draft. The
 * search checks itself: for the first transitions it also runs immer and compares, and says so
 * when a step behaves differently on a plain tree (it would be using immer's `original()` or
 * `current()`); `--stepper immer` then runs every step through immer, without freezing.
 */
import { Immer } from 'immer';
import type { Choice, Stepper } from '../core/instance.ts';
import type { StateCodec } from './codec/state-codec.ts';

export type StepperKind = 'copy' | 'immer';

/** The successor of a state (given as its decoded tree and as its words) by one choice. */
export type Step = (state: unknown, words: Int32Array, at: number, choice: Choice) => unknown;

/** Successors the explorer encodes and drops: freezing them would cost a walk per state for nothing. */
const unfrozen = new Immer({ autoFreeze: false });

export function stepper(kind: StepperKind, codec: StateCodec, inst: Stepper): Step {
  if (kind === 'immer')
    return (state, _words, _at, choice) =>
      unfrozen.produce(state, (draft: unknown) => {
        inst.step(draft, choice);
      });
  // The step function once: an Instance is an object with many members, looked up slowly.
  const step = inst.step.bind(inst);
  return (state, words, at, choice) => {
    const next = codec.copy(state, words, at);
    step(next, choice);
    return next;
  };
}
