/**
 * How the explorer computes a successor state. A model's step is written against an immer draft,
 * but the same code runs unchanged on a plain mutable copy, which is several times cheaper than a
 * draft for the small states models have. So the explorer copies and mutates ('copy'), and checks
 * itself: for the first transitions it also runs immer and compares the two results, and says so
 * when a step behaves differently on a copy (it would be using immer's `original()` or `current()`,
 * say); `--stepper immer` then runs every step through immer, without freezing.
 */
import { Immer } from 'immer';
import type { AnyCtx, AnyAction, Arg } from '../model.ts';

export type StepperKind = 'copy' | 'immer';

export type Step = (state: unknown, action: AnyAction, arg: Arg) => unknown;

/** A deep copy of plain data: objects, arrays and primitives only (what a state is made of). */
export function copyPlain<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = copyPlain(v[i] as unknown);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  const o = v as Record<string, unknown>;
  for (const k in o) out[k] = copyPlain(o[k]);
  return out as T;
}

/** Successors without freezing: frozen states would cost a walk per state and buy nothing here. */
const unfrozen = new Immer({ autoFreeze: false });

export function stepper(kind: StepperKind, ctx: AnyCtx): Step {
  if (kind === 'immer') {
    return (state, action, arg) =>
      unfrozen.produce(state, (draft: unknown) => {
        action.step(draft, arg, ctx);
      });
  }
  return (state, action, arg) => {
    const next = copyPlain(state);
    action.step(next, arg, ctx);
    return next;
  };
}
