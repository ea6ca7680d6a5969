/**
 * The checks behind the explorer's assumptions, run on the first transitions and states of every
 * search (search.ts): a step gives the same state on a plain copy as on an immer draft, and the
 * same state twice; a model's canonical() leaves its argument alone, is idempotent, and keeps
 * every property's verdict. And when a guard or step throws, the error names the culprit as a
 * hunt would. A model that breaks an assumption gets a one-line error instead of a wrong answer.
 */
import { freeze } from 'immer';
import { RacehuntError, messageOf } from '../errors.ts';
import type { Choice, Instance } from '../instance.ts';
import type { AnyCtx } from '../model.ts';
import { Words, type Codec } from './codec.ts';
import type { Step } from './stepper.ts';
import type { Watch } from './watch.ts';

/**
 * A guard or step that threw: run it again through the instance, which names the culprit, on the
 * state decoded afresh (a step that threw may have half-edited the one it was given).
 */
export function modelError(inst: Instance, given: unknown, choice: Choice, e: unknown, words?: Int32Array, at?: number, codec?: Codec): Error {
  if (e instanceof RacehuntError) return e;
  // Frozen, as a hunt's states are, so that a write outside the draft is named as such.
  const state = codec && words && at !== undefined ? freeze(codec.read(words, at), true) : given;
  try {
    if (inst.enabled(state, choice)) inst.next(state, choice);
  } catch (again) {
    if (again instanceof RacehuntError) return again;
  }
  const arg = choice.arg === undefined ? '' : `(${JSON.stringify(choice.arg)})`;
  return new RacehuntError('model-error', `model "${inst.model.name}" (${inst.variant}): action ${choice.action.name}${arg} threw ${messageOf(e)} while exploring, but not when run through immer; run with --stepper immer`);
}

export class Prober {
  private readonly x = new Words();
  private readonly y = new Words();

  constructor(
    private readonly inst: Instance,
    private readonly watches: readonly Watch[],
    private readonly canonical: ((s: unknown, ctx: AnyCtx) => unknown) | undefined,
    private readonly codec: Codec,
  ) {}

  private same(u: unknown, v: unknown): boolean {
    const { x, y, codec } = this;
    x.clear();
    y.clear();
    codec.encode(u, x);
    codec.encode(v, y);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x.data[i] !== y.data[i]) return false;
    return true;
  }

  /** The explorer's successor equals immer's, and the step is deterministic. */
  step(state: unknown, words: Int32Array, at: number, choice: Choice, succ: unknown, step: Step): void {
    const { inst } = this;
    if (this.same(succ, inst.next(state, choice))) return;
    const arg = choice.arg === undefined ? '' : `(${JSON.stringify(choice.arg)})`;
    const how = this.same(succ, step(state, words, at, choice.action, choice.arg))
      ? 'gives a different state on a plain tree than on an immer draft (does it use original() or current()?); run with --stepper immer'
      : 'is nondeterministic: the same state and arguments gave different next states (a step must not read clocks, randomness or outside variables)';
    throw new RacehuntError('model-error', `model "${inst.model.name}" (${inst.variant}): action ${choice.action.name}${arg} ${how}`);
  }

  /** `canonical` leaves its argument alone, is idempotent, and no property can tell a state from its representative. */
  state(state: unknown): void {
    const { canonical, inst } = this;
    if (!canonical) return;
    const bad = (what: string) => new RacehuntError('bad-model', `model "${inst.model.name}": its canonical() ${what}; symmetry reduction would be unsound (run with --no-symmetry, or fix canonical)`);
    const before = this.codec;
    const copy = before.decode(this.encoded(state), 0);
    let rep: unknown;
    let again: unknown;
    try {
      rep = canonical(state, inst.ctx);
      again = canonical(rep, inst.ctx);
    } catch (e) {
      throw bad(`threw ${messageOf(e)}`);
    }
    if (!this.same(state, copy)) throw bad('changed the state it was given (it must return a new one)');
    if (!this.same(rep, again)) throw bad('is not idempotent: the representative of a representative differs from it');
    for (const w of this.watches) {
      const p = w.property;
      let a: boolean;
      let b: boolean;
      if (p.kind === 'always') {
        a = p.check(state, inst.ctx) === true;
        b = p.check(rep, inst.ctx) === true;
      } else if (p.kind === 'sometimes' && !p.memory) {
        a = p.reached(state, inst.ctx, undefined);
        b = p.reached(rep, inst.ctx, undefined);
      } else continue;
      if (a !== b) throw bad(`maps a state where ${p.name} is ${a} to one where it is ${b}: the property is not symmetric under it`);
    }
  }

  private encoded(v: unknown): Int32Array {
    this.x.clear();
    this.codec.encode(v, this.x);
    return this.x.data.slice(0, this.x.length);
  }
}
