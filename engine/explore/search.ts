/**
 * Breadth-first search over every reachable state of a configured model, level by level.
 *
 * A state is stored once, by the fingerprint of its words (of its canonical representative's words
 * when the model declares a symmetry); only the current and the next level are held, as encoded
 * states in two arenas (codec.ts). Guards run before any step, on the state decoded once; each step
 * runs on a fresh decoding of its parent. States are discovered in order of depth and checked when
 * discovered, so the first state that decides a property is one of the closest: its path is a
 * shortest counterexample or witness.
 *
 * The first transitions and states are probed (probe.ts), so that a model that breaks the
 * explorer's assumptions gets a one-line error instead of a wrong answer.
 */
import { freeze } from 'immer';
import { RacehuntError, messageOf } from '../errors.ts';
import type { Choice, Instance } from '../instance.ts';
import type { AnyCtx } from '../model.ts';
import { Codec, Words, hashWords } from './codec.ts';
import { compile } from './compile.ts';
import { RecoveryJudge } from './recovery.ts';
import { mergeShapes, sameShape, shapeOf } from './shape.ts';
import { NO_PARENT, SeenRecently, StateStore } from './store.ts';
import { Prober, modelError } from './probe.ts';
import { stepper, type StepperKind } from './stepper.ts';
import { checkState, monitorsOf, type Monitor, type Watch } from './watch.ts';

export interface SearchOptions {
  readonly maxStates: number;
  /** Do not expand states at this depth (undefined: no bound). */
  readonly maxDepth: number | undefined;
  /** Reduce by the model's `canonical`, when it has one. */
  readonly symmetry: boolean;
  /** Keep going after every decisive watch is decided (to count the whole state space). */
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
  /** The largest level held at once, and the bytes its arena took. */
  readonly peakFrontier: number;
  readonly peakFrontierBytes: number;
}

/** How many transitions (and new states) are probed at the start of every search. */
export const PROBED = 2000;

/** How many states that did not fit the compiled shape the codec learns from, at most. */
const MAX_LESSONS = 1000;

/** One level of the search: encoded states (with their monitors' memories) and their store indices. */
class Level {
  readonly words = new Words(1 << 12);
  starts: number[] = [];
  indices: number[] = [];
  get size(): number {
    return this.starts.length;
  }
  add(from: Words, index: number): void {
    this.starts.push(this.words.length);
    this.indices.push(index);
    this.words.append(from.data, 0, from.length);
  }
  reset(): void {
    this.words.clear();
    this.starts = [];
    this.indices = [];
  }
}

export function search(inst: Instance, watches: Watch[], opts: SearchOptions): SearchResult {
  const started = Date.now();
  const { ctx, model } = inst;
  const choices = inst.allChoices();
  const monitors = monitorsOf(watches);
  const canonical = opts.symmetry ? model.canonical : undefined;
  const codec = new Codec();
  const step = stepper(opts.stepper, codec, ctx);
  const store = new StateStore(choices.length);
  const probe = new Prober(inst, watches, canonical, codec);
  for (const w of watches) {
    const p = w.property;
    if (p.kind === 'progress' && p.form === 'recovers') w.judge = new RecoveryJudge(inst, p, codec);
  }
  const fp = { a: 0, b: 0 };
  /** The state being added, encoded; and its representative's encoding, under symmetry. */
  const scratch = new Words();
  const canonicalScratch = new Words();

  /**
   * Encode a state (and its monitors' memories) into scratch and fingerprint it (its
   * representative, under symmetry). Returns false for a state met before exactly as it is, which
   * under symmetry saves calling canonical() on it (see SeenRecently).
   */
  const encode = (state: unknown, memories: readonly unknown[] | null): boolean => {
    scratch.clear();
    codec.write(state, scratch);
    if (memories) codec.encode(memories, scratch);
    if (codec.fallbacks !== learnt.fallbacks) learn(state);
    hashWords(scratch.data, 0, scratch.length, fp);
    if (canonical) {
      if (recent.has(fp.a, fp.b)) return false;
      recent.add(fp.a, fp.b);
      let representative: unknown;
      try {
        representative = canonical(state, ctx);
      } catch (e) {
        throw new RacehuntError('bad-model', `model "${model.name}": its canonical() threw ${messageOf(e)}`);
      }
      canonicalScratch.clear();
      codec.write(representative, canonicalScratch);
      hashWords(canonicalScratch.data, 0, canonicalScratch.length, fp);
    }
    return true;
  };
  const recent = new SeenRecently();

  let undecided = watches.filter((w) => w.decisive).length;
  const stopAfter = !opts.exhaust && undecided > 0;
  const close = (state: unknown, memories: readonly unknown[] | null, index: number, depth: number): boolean => {
    undecided -= checkState(inst, watches, state, memories, index, depth);
    return stopAfter && undecided === 0;
  };

  const initial = inst.initial();
  // The codec compiles for the shape of the initial state, and learns from states that do not fit.
  const learnt = { shape: shapeOf(initial), fallbacks: 0, lessons: 0 };
  codec.fast = compile(codec, learnt.shape);
  const learn = (state: unknown): void => {
    learnt.fallbacks = codec.fallbacks;
    if (learnt.lessons++ >= MAX_LESSONS) return;
    const merged = mergeShapes(learnt.shape, shapeOf(state));
    if (sameShape(merged, learnt.shape)) return;
    learnt.shape = merged;
    codec.fast = compile(codec, merged);
  };
  const initialMemories = monitors.length > 0 ? monitors.map((m) => remember(inst, m, () => m.start(initial, ctx))) : null;
  encode(initial, initialMemories);
  store.add(fp.a, fp.b, NO_PARENT, 0);
  let cut: Cut = close(initial, initialMemories, 0, 0) ? 'decided' : null;

  let level = new Level();
  let next = new Level();
  level.add(scratch, 0);
  let depth = 0;
  let transitions = 0;
  let terminal = 0;
  let lastProgress = started;
  let peakFrontier = 1;
  let peakFrontierBytes = level.words.data.byteLength;
  const enabledChoices = new Int32Array(choices.length);

  search: while (cut === null && level.size > 0) {
    if (opts.maxDepth !== undefined && depth >= opts.maxDepth) {
      if (anyNewSuccessor()) cut = 'max-depth';
      break;
    }
    const words = level.words.data;
    for (let i = 0; i < level.size; i++) {
      const at = level.starts[i] as number;
      const parent = level.indices[i] as number;
      const state = codec.read(words, at);
      const memories = monitors.length > 0 ? (codec.decode(words, codec.end) as unknown[]) : null;
      // While probing, states are frozen as in a hunt, so a guard or step that writes outside its
      // draft throws instead of silently editing the state its siblings are made from.
      const probing = transitions < PROBED;
      if (probing) freeze(state, true);
      // Guards first, then steps: the last step may then edit the decoded state itself (once
      // probing is over), which saves decoding it again.
      let enabled = 0;
      let c = 0;
      try {
        for (; c < choices.length; c++) {
          const choice = choices[c] as Choice;
          if (choice.action.enabled(state, choice.arg, ctx)) enabledChoices[enabled++] = c;
        }
      } catch (e) {
        throw modelError(inst, state, choices[c] as Choice, e, words, at, codec);
      }
      for (let k = 0; k < enabled; k++) {
        c = enabledChoices[k] as number;
        const choice = choices[c] as Choice;
        const inPlace = k === enabled - 1 && !probing && opts.stepper === 'copy';
        let succ: unknown = state;
        try {
          if (inPlace) choice.action.step(state, choice.arg, ctx);
          else succ = step(state, words, at, choice.action, choice.arg);
        } catch (e) {
          throw modelError(inst, state, choice, e, words, at, codec);
        }
        transitions++;
        if (transitions <= PROBED) probe.step(state, words, at, choice, succ, step);
        const succMemories = memories ? observeAll(inst, monitors, memories, succ, ctx) : null;
        if (!encode(succ, succMemories)) continue;
        const index = store.add(fp.a, fp.b, parent, c);
        if (index < 0) continue;
        if (index < PROBED) probe.state(succ);
        if (close(succ, succMemories, index, depth + 1)) {
          cut = 'decided';
          break search;
        }
        next.add(scratch, index);
        if (store.size >= opts.maxStates) {
          cut = 'max-states';
          break search;
        }
      }
      if (enabled === 0) terminal++;
      if (opts.onProgress && (i & 255) === 0) {
        const now = Date.now();
        if (now - lastProgress >= 1000) {
          lastProgress = now;
          opts.onProgress({ states: store.size, transitions, depth, frontier: next.size + level.size - i, ms: now - started });
        }
      }
    }
    if (next.size > peakFrontier) peakFrontier = next.size;
    peakFrontierBytes = Math.max(peakFrontierBytes, next.words.data.byteLength + 16 * next.size);
    [level, next] = [next, level];
    next.reset();
    if (level.size > 0) depth++;
  }
  return {
    store,
    states: store.size,
    transitions,
    depth: cut === 'max-states' || cut === 'decided' ? Math.max(depth, store.size > 1 ? store.pathTo(store.size - 1).length : 0) : depth,
    terminal,
    cut,
    symmetry: canonical !== undefined,
    ms: Date.now() - started,
    peakFrontier,
    peakFrontierBytes,
  };

  /** At the depth bound: would one more level add a state? If not, the search is complete after all. */
  function anyNewSuccessor(): boolean {
    const words = level.words.data;
    for (let i = 0; i < level.size; i++) {
      const at = level.starts[i] as number;
      const state = codec.read(words, at);
      const memories = monitors.length > 0 ? (codec.decode(words, codec.end) as unknown[]) : null;
      for (const choice of choices) {
        let succ: unknown;
        try {
          if (!choice.action.enabled(state, choice.arg, ctx)) continue;
          succ = step(state, words, at, choice.action, choice.arg);
        } catch (e) {
          throw modelError(inst, state, choice, e);
        }
        if (encode(succ, memories ? observeAll(inst, monitors, memories, succ, ctx) : null) && !store.has(fp.a, fp.b)) return true;
      }
    }
    return false;
  }
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
