/**
 * The checks behind the explorer's assumptions, run on the first transitions and states of every
 * search (search.ts), so that a model that breaks one gets a one-line error instead of a wrong
 * answer:
 * - a guard is deterministic (asked twice, it answers the same), and so is a step (immer twice
 *   gives the same state), which gives the same state on the explorer's plain copy as on a draft;
 * - a state stays plain data;
 * - a model's canonical() leaves its argument alone, is idempotent, keeps every property's verdict
 *   and every action's enabled count, and maps the successors of a state onto the successors of
 *   its representative (so that exploring representatives explores every class): checked of new
 *   classes, and of states that join a class already stored.
 */
import { freeze } from 'immer';
import { isA, messageOf, RacehuntError } from '../core/errors.ts';
import type { Choice, Instance } from '../core/instance.ts';
import { decide, remembers } from '../core/judge.ts';
import { assertPlainData } from '../core/plain.ts';
import { Words, type StateCodec } from './codec/state-codec.ts';
import type { Step, StepperKind } from './stepper.ts';
import type { Watch } from './watch.ts';

/**
 * A guard or step that threw on the explorer's copy of a state: run it again through immer on a
 * frozen copy, as a hunt would, which names the culprit (a write outside the draft shows as such);
 * if immer does not throw, the step depends on being run on a draft.
 */
export function explorerError(
  inst: Instance,
  choice: Choice,
  e: unknown,
  fresh: () => unknown,
  kind: StepperKind,
): Error {
  if (kind === 'immer' || !(e instanceof RacehuntError) || !e.message.includes('its step threw'))
    return isA(e, Error) ? e : new Error(messageOf(e));
  const state = freeze(fresh(), true);
  try {
    if (inst.enabled(state, choice)) inst.next(state, choice);
  } catch (again) {
    return isA(again, Error) ? again : e;
  }
  return new RacehuntError(
    'model-error',
    `${inst.culprit(choice)} threw ${messageOf(e).replace(/^.*its step threw /, '')} while exploring, but not when run through immer (does it use original() or current()?); run with --stepper immer`,
  );
}

export class Prober {
  private readonly x = new Words();
  private readonly y = new Words();
  private readonly fp = { a: 0, b: 0 };

  constructor(
    private readonly inst: Instance,
    private readonly watches: readonly Watch[],
    private readonly symmetric: boolean,
    private readonly codec: StateCodec,
    private readonly kind: StepperKind,
  ) {}

  private same(u: unknown, v: unknown): boolean {
    const { x, y, codec } = this;
    x.clear();
    y.clear();
    codec.writeValue(u, x);
    codec.writeValue(v, y);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x.data[i] !== y.data[i]) return false;
    return true;
  }

  /** Guards are deterministic: asked again about the same state, each gives the same answer. */
  guards(state: unknown, enabled: Int32Array): void {
    const { inst } = this;
    const choices = inst.allChoices();
    let k = 0;
    choices.forEach((c, i) => {
      const before = enabled[k] === i;
      if (before) k++;
      if (inst.enabled(state, c) !== before)
        throw new RacehuntError(
          'model-error',
          `${inst.culprit(c)}: its guard is nondeterministic (same state and arguments, different answers; a guard must not read clocks, randomness or outside variables)`,
        );
    });
  }

  /** The step is deterministic, and the explorer's successor equals immer's. */
  step(state: unknown, words: Int32Array, at: number, choice: Choice, succ: unknown, step: Step): void {
    const { inst } = this;
    assertPlainData(
      succ,
      'state',
      (where, what) =>
        new RacehuntError(
          'bad-model',
          `${inst.culprit(choice)}: after its step, ${where} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`,
        ),
    );
    const viaImmer = inst.next(state, choice);
    const nondeterministic = () =>
      new RacehuntError(
        'model-error',
        `${inst.culprit(choice)} is nondeterministic: the same state and arguments gave different next states (a step must not read clocks, randomness or outside variables)`,
      );
    if (!this.same(viaImmer, inst.next(state, choice))) throw nondeterministic();
    if (this.same(succ, viaImmer)) return;
    if (this.kind === 'immer' || !this.same(succ, step(state, words, at, choice))) throw nondeterministic();
    throw new RacehuntError(
      'model-error',
      `${inst.culprit(choice)} gives a different state on a plain tree than on an immer draft (does it use original() or current()?); run with --stepper immer`,
    );
  }

  /** `canonical` is a symmetry: it changes nothing any property, guard or successor can tell. */
  state(state: unknown): void {
    const { inst } = this;
    const canonical = inst.canonical;
    if (!this.symmetric || !canonical) return;
    const bad = (what: string) =>
      new RacehuntError(
        'bad-model',
        `model "${inst.model.name}": its canonical() ${what}; symmetry reduction would be unsound (run with --no-symmetry, or fix canonical; see docs/exhaustive.md, "What canonical must guarantee")`,
      );
    const copy = this.codec.readValue(this.encoded(state), 0);
    const rep = canonical(state);
    const again = canonical(rep);
    if (!this.same(state, copy)) throw bad('changed the state it was given (it must return a new one)');
    if (!this.same(rep, again)) throw bad('is not idempotent: the representative of a representative differs from it');
    for (const w of this.watches) {
      const p = w.property;
      if ((p.kind !== 'always' && p.kind !== 'sometimes') || remembers(p)) continue;
      const a = decide(inst, p, state) === null;
      const b = decide(inst, p, rep) === null;
      if (a !== b)
        throw bad(
          `maps a state where ${p.name} ${p.kind === 'always' ? (a ? 'holds' : 'is broken') : a ? 'is not reached' : 'is reached'} to one where it ${p.kind === 'always' ? (b ? 'holds' : 'is broken') : b ? 'is not reached' : 'is reached'}: the property is not symmetric under it`,
        );
    }
    const enabled = (s: unknown) => {
      const counts = new Map<string, number>();
      for (const c of inst.choices(s)) counts.set(c.action.name, (counts.get(c.action.name) ?? 0) + 1);
      return counts;
    };
    const before = enabled(state);
    const after = enabled(rep);
    for (const a of inst.model.actions) {
      if ((before.get(a.name) ?? 0) !== (after.get(a.name) ?? 0))
        throw bad(
          `maps a state where ${a.name} is enabled for ${before.get(a.name) ?? 0} arguments to one where it is enabled for ${after.get(a.name) ?? 0}`,
        );
    }
    const mine = this.successorClasses(state);
    const theirs = new Set(this.successorClasses(rep).map(([k]) => k));
    const lost = mine.find(([k]) => !theirs.has(k));
    if (lost)
      throw bad(
        `maps a state to one from which it cannot go where the state goes: from the representative no step leads where ${lost[1]} leads from the state`,
      );
  }

  /** The fingerprints of the representatives of a state's successors, each with the step that leads there. */
  private successorClasses(state: unknown): [string, string][] {
    const { inst, codec, fp } = this;
    const canonical = inst.canonical as (s: unknown) => unknown;
    return inst.choices(state).map((c) => {
      this.x.clear();
      codec.write(canonical(inst.next(state, c)), this.x);
      codec.fingerprint(this.x.data, 0, this.x.length, fp);
      return [`${fp.a}:${fp.b}`, `${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`}`];
    });
  }

  private encoded(v: unknown): Int32Array {
    this.x.clear();
    this.codec.writeValue(v, this.x);
    return this.x.data.slice(0, this.x.length);
  }
}
