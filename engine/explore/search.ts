/**
 * Breadth-first search over every reachable state of a configured model, level by level.
 *
 * A state is stored once, by fingerprint (of its canonical representative when the model declares
 * a symmetry); only the current and the next level are held as real states. Guards run before any
 * step; a step runs on a plain copy of its state (see stepper.ts). Because states are discovered in
 * order of depth and checked when discovered, the first state that decides a property is one of the
 * closest: its path is a shortest counterexample or witness.
 *
 * The first transitions and states are probed: the copy-based step is compared with immer's, and a
 * model's `canonical` with itself and with the properties, so that a model that breaks the
 * explorer's assumptions gets a one-line error instead of a wrong answer.
 */
import { freeze } from 'immer';
import { RacehuntError, messageOf } from '../errors.ts';
import type { Choice, Instance } from '../instance.ts';
import type { AnyCtx } from '../model.ts';
import { fingerprint, fingerprintWith, type Lanes } from './fingerprint.ts';
import { NO_PARENT, StateStore } from './store.ts';
import { stepper, type Step, type StepperKind } from './stepper.ts';
import { checkState, monitorsOf, type Monitor, type Watch } from './watch.ts';

export interface SearchOptions {
  readonly maxStates: number;
  /** Do not expand states at this depth (undefined: no bound). */
  readonly maxDepth: number | undefined;
  /** Reduce by the model's `canonical`, when it has one. */
  readonly symmetry: boolean;
  /** Keep going after every watch is decided (to count the whole state space). */
  readonly exhaust: boolean;
  readonly stepper: StepperKind;
  readonly onProgress?: ((p: SearchProgress) => void) | undefined;
}

export interface SearchProgress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  readonly ms: number;
}

/** Why the search ended before the whole reachable state space was explored. */
export type Cut = 'max-states' | 'max-depth' | 'decided' | null;

export interface SearchResult {
  readonly store: StateStore;
  readonly states: number;
  readonly transitions: number;
  /** The deepest level any stored state is at. */
  readonly depth: number;
  /** States without any enabled action (runs can only end there). */
  readonly terminal: number;
  readonly cut: Cut;
  readonly symmetry: boolean;
  readonly ms: number;
}

/** How many transitions (and new states) are probed at the start of every search. */
export const PROBED = 2000;

export function search(inst: Instance, watches: Watch[], opts: SearchOptions): SearchResult {
  const started = Date.now();
  const { ctx, model } = inst;
  const choices = inst.allChoices();
  const monitors = monitorsOf(watches);
  const canonical = opts.symmetry ? model.canonical : undefined;
  const step = stepper(opts.stepper, ctx);
  const store = new StateStore(choices.length);
  const fp: Lanes = { a: 0, b: 0 };
  const probe = new Prober(inst, watches, canonical);

  const key = (state: unknown, memories: readonly unknown[] | null): void => {
    const s = canonical ? canonical(state, ctx) : state;
    if (memories) fingerprintWith(s, memories, fp);
    else fingerprint(s, fp);
  };

  let undecided = watches.filter((w) => w.decisive).length;
  const stopAfter = !opts.exhaust && undecided > 0;
  const close = (state: unknown, memories: readonly unknown[] | null, index: number, depth: number): boolean => {
    undecided -= checkState(inst, watches, state, memories, index, depth);
    return stopAfter && undecided === 0;
  };

  const initial = inst.initial();
  const initialMemories = monitors.length > 0 ? monitors.map((m) => remember(inst, m, () => m.start(initial, ctx))) : null;
  key(initial, initialMemories);
  store.add(fp.a, fp.b, NO_PARENT, 0);
  let cut: Cut = close(initial, initialMemories, 0, 0) ? 'decided' : null;

  let level: unknown[] = [initial];
  let levelMemories: (readonly unknown[] | null)[] = [initialMemories];
  let levelIndex: number[] = [0];
  let depth = 0;
  let transitions = 0;
  let terminal = 0;
  let lastProgress = started;

  search: while (cut === null && level.length > 0) {
    if (opts.maxDepth !== undefined && depth >= opts.maxDepth) {
      if (anyNewSuccessor(inst, choices, level, levelMemories, step, monitors, key, fp, store)) cut = 'max-depth';
      break;
    }
    const next: unknown[] = [];
    const nextMemories: (readonly unknown[] | null)[] = [];
    const nextIndex: number[] = [];
    for (let i = 0; i < level.length; i++) {
      const state = level[i];
      const memories = levelMemories[i] ?? null;
      const parent = levelIndex[i] as number;
      level[i] = undefined; // let the garbage collector have the states already expanded
      // While probing, states are frozen as in a hunt, so a guard or step that writes outside its
      // draft throws here too instead of silently editing a state other branches share.
      if (transitions < PROBED) freeze(state, true);
      let enabled = 0;
      for (let c = 0; c < choices.length; c++) {
        const choice = choices[c] as Choice;
        let succ: unknown;
        try {
          if (!choice.action.enabled(state, choice.arg, ctx)) continue;
          succ = step(state, choice.action, choice.arg);
        } catch (e) {
          throw modelError(inst, state, choice, e);
        }
        enabled++;
        transitions++;
        if (transitions <= PROBED) probe.step(state, choice, succ, step);
        const succMemories = memories ? observeAll(inst, monitors, memories, succ, ctx) : null;
        key(succ, succMemories);
        const index = store.add(fp.a, fp.b, parent, c);
        if (index < 0) continue;
        if (index < PROBED) probe.state(succ);
        if (close(succ, succMemories, index, depth + 1)) {
          cut = 'decided';
          break search;
        }
        next.push(succ);
        nextMemories.push(succMemories);
        nextIndex.push(index);
        if (store.size >= opts.maxStates) {
          cut = 'max-states';
          break search;
        }
      }
      if (enabled === 0) terminal++;
      if (opts.onProgress && (i & 1023) === 0) {
        const now = Date.now();
        if (now - lastProgress >= 1000) {
          lastProgress = now;
          opts.onProgress({ states: store.size, transitions, depth, frontier: next.length + level.length - i, ms: now - started });
        }
      }
    }
    level = next;
    levelMemories = nextMemories;
    levelIndex = nextIndex;
    if (level.length > 0) depth++;
  }
  return { store, states: store.size, transitions, depth: deepest(store, depth, cut), terminal, cut, symmetry: canonical !== undefined, ms: Date.now() - started };
}

/** When the search breaks off inside a level, the states stored so far reach one level deeper. */
function deepest(store: StateStore, depth: number, cut: Cut): number {
  if (cut !== 'max-states' && cut !== 'decided') return depth;
  const last = store.size - 1;
  return last <= 0 ? 0 : store.pathTo(last).length;
}

/** At the depth bound: would one more level add a state? If not, the search is complete after all. */
function anyNewSuccessor(
  inst: Instance,
  choices: readonly Choice[],
  level: readonly unknown[],
  levelMemories: readonly (readonly unknown[] | null)[],
  step: Step,
  monitors: readonly Monitor[],
  key: (s: unknown, m: readonly unknown[] | null) => void,
  fp: Lanes,
  store: StateStore,
): boolean {
  for (let i = 0; i < level.length; i++) {
    const state = level[i];
    const memories = levelMemories[i] ?? null;
    for (const choice of choices) {
      let succ: unknown;
      try {
        if (!choice.action.enabled(state, choice.arg, inst.ctx)) continue;
        succ = step(state, choice.action, choice.arg);
      } catch (e) {
        throw modelError(inst, state, choice, e);
      }
      key(succ, memories ? observeAll(inst, monitors, memories, succ, inst.ctx) : null);
      if (!store.has(fp.a, fp.b)) return true;
    }
  }
  return false;
}

function observeAll(inst: Instance, monitors: readonly Monitor[], memories: readonly unknown[], state: unknown, ctx: AnyCtx): readonly unknown[] {
  const out = new Array<unknown>(monitors.length);
  for (let k = 0; k < monitors.length; k++) {
    const m = monitors[k] as Monitor;
    out[k] = remember(inst, m, () => m.observe(memories[k], state, ctx));
  }
  return out;
}

/**
 * A monitor's memory is shared by every successor of a state, so it is frozen: a monitor that
 * edits its memory in place (instead of returning a new one) fails loudly rather than leaking
 * one branch's history into another.
 */
function remember(inst: Instance, m: Monitor, f: () => unknown): unknown {
  try {
    return freeze(f(), true);
  } catch (e) {
    if (e instanceof RacehuntError) throw e;
    throw new RacehuntError('model-error', `model "${inst.model.name}": progress monitor ${m.name} threw ${messageOf(e)} (its observe must return a new memory, not edit the old one)`);
  }
}

/** A guard or step that threw: run it again through the instance, which names the culprit. */
function modelError(inst: Instance, state: unknown, choice: Choice, e: unknown): Error {
  if (e instanceof RacehuntError) return e;
  try {
    if (inst.enabled(state, choice)) inst.next(state, choice);
  } catch (again) {
    if (again instanceof RacehuntError) return again;
  }
  const arg = choice.arg === undefined ? '' : `(${JSON.stringify(choice.arg)})`;
  return new RacehuntError('model-error', `model "${inst.model.name}" (${inst.variant}): action ${choice.action.name}${arg} threw ${messageOf(e)} while exploring, but not when run through immer; run with --stepper immer`);
}

/** The checks behind the explorer's assumptions, run on the first transitions and states. */
class Prober {
  private readonly fp1: Lanes = { a: 0, b: 0 };
  private readonly fp2: Lanes = { a: 0, b: 0 };

  constructor(
    private readonly inst: Instance,
    private readonly watches: readonly Watch[],
    private readonly canonical: ((s: unknown, ctx: AnyCtx) => unknown) | undefined,
  ) {}

  /** The explorer's successor equals immer's, and the step is deterministic. */
  step(state: unknown, choice: Choice, succ: unknown, step: Step): void {
    const { inst } = this;
    const same = (x: unknown, y: unknown) => {
      fingerprint(x, this.fp1);
      fingerprint(y, this.fp2);
      return this.fp1.a === this.fp2.a && this.fp1.b === this.fp2.b;
    };
    if (same(succ, inst.next(state, choice))) return;
    const arg = choice.arg === undefined ? '' : `(${JSON.stringify(choice.arg)})`;
    const how = same(succ, step(state, choice.action, choice.arg))
      ? 'gives a different state on a plain copy than on an immer draft (does it use original() or current()?); run with --stepper immer'
      : 'is nondeterministic: the same state and arguments gave different next states (a step must not read clocks, randomness or outside variables)';
    throw new RacehuntError('model-error', `model "${inst.model.name}" (${inst.variant}): action ${choice.action.name}${arg} ${how}`);
  }

  /** `canonical` leaves its argument alone, is idempotent, and no property can tell a state from its representative. */
  state(state: unknown): void {
    const { canonical, inst } = this;
    if (!canonical) return;
    const bad = (what: string) => new RacehuntError('bad-model', `model "${inst.model.name}": its canonical() ${what}; symmetry reduction would be unsound (run with --no-symmetry, or fix canonical)`);
    fingerprint(state, this.fp1);
    let rep: unknown;
    let again: unknown;
    try {
      rep = canonical(state, inst.ctx);
      again = canonical(rep, inst.ctx);
    } catch (e) {
      throw bad(`threw ${messageOf(e)}`);
    }
    fingerprint(state, this.fp2);
    if (this.fp1.a !== this.fp2.a || this.fp1.b !== this.fp2.b) throw bad('changed the state it was given (it must return a new one)');
    fingerprint(rep, this.fp1);
    fingerprint(again, this.fp2);
    if (this.fp1.a !== this.fp2.a || this.fp1.b !== this.fp2.b) throw bad('is not idempotent: the representative of a representative differs from it');
    for (const w of this.watches) {
      const p = w.property;
      let a: boolean;
      let b: boolean;
      if (p.kind === 'always') {
        a = p.check(state, inst.ctx) === true;
        b = p.check(rep, inst.ctx) === true;
      } else if (p.kind === 'sometimes') {
        a = p.reached(state, inst.ctx);
        b = p.reached(rep, inst.ctx);
      } else continue;
      if (a !== b) throw bad(`maps a state where ${p.name} is ${a} to one where it is ${b}: the property is not symmetric under it`);
    }
  }
}
