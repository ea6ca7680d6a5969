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
import type { Choice, Instance } from '../core/instance.ts';
import { monitorObserve, monitorStart } from '../core/judge.ts';
import { StateCodec, Words } from './codec/state-codec.ts';
import { NO_PARENT, SeenRecently, StateStore } from './store.ts';
import { Prober, explorerError } from './probe.ts';
import { stepper, type StepperKind } from './stepper.ts';
import { checkState, monitorsOf, watchesFor, type Watch } from './watch.ts';
import type { AnyProperty } from '../core/model.ts';

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
  /** Stop at the first counterexample to a decisive property (the others are then undecided). */
  readonly stopAtCounterexample?: boolean | undefined;
  /** Called the moment a watch is decided, with the store (for its path). */
  readonly onDecided?: ((w: Watch, store: StateStore, ms: number) => void) | undefined;
  /** Stop after this many milliseconds (a hunt's --time-budget bounds its prove phase too). */
  readonly timeBudgetMs?: number | undefined;
  /** Asked every 256 states: true stops the search there (Ctrl-C: core/interrupt.ts). */
  readonly interrupted?: (() => boolean) | undefined;
  /** When the search is cut, keep the store indices of up to this many states not yet expanded (default 0). */
  readonly frontier?: number | undefined;
}

export interface SearchProgress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly frontier: number;
  readonly ms: number;
}

/** Why the search ended before the whole reachable state space was explored ('interrupted': Ctrl-C). */
export type Cut = 'max-states' | 'max-depth' | 'time-budget' | 'decided' | 'interrupted' | null;

export interface SearchResult {
  /** Per property asked: decided or still open, and where. */
  readonly watches: readonly Watch[];
  readonly store: StateStore;
  /** States stored: each with its monitors' memories, when a monitor is checked. */
  readonly states: number;
  /** Distinct states of the model alone (classes under symmetry), whatever the monitors remember. */
  readonly modelStates: number;
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
  /** A cut search's states not yet expanded (store indices, evenly spread, at most `frontier` of them). */
  readonly frontier: readonly number[];
}

/** How many transitions (and new states) are probed at the start of every search. */
export const PROBED = 2000;

/** One level of the search: encoded states, their monitors' memories after them, and their store indices. */
class Level {
  readonly words = new Words(1 << 12);
  starts: number[] = [];
  /** Where each state's memories start (the end of its own words). */
  memories: number[] = [];
  indices: number[] = [];
  get size(): number {
    return this.starts.length;
  }
  add(from: Words, stateEnd: number, index: number): void {
    this.starts.push(this.words.length);
    this.memories.push(this.words.length + stateEnd);
    this.indices.push(index);
    this.words.append(from.data, 0, from.length);
  }
  reset(): void {
    this.words.clear();
    this.starts = [];
    this.memories = [];
    this.indices = [];
  }
}

export function search(
  inst: Instance,
  properties: readonly AnyProperty[],
  decisive: (p: AnyProperty) => boolean,
  opts: SearchOptions,
): SearchResult {
  const started = Date.now();
  const choices = inst.allChoices();
  const canonical = opts.symmetry ? inst.canonical : undefined;
  const initial = inst.initial();
  const codec = new StateCodec(initial);
  const watches = watchesFor(inst, codec, properties, decisive);
  const monitors = monitorsOf(watches);
  const step = stepper(opts.stepper, codec, inst);
  const store = new StateStore(choices.length);
  const probe = new Prober(inst, watches, canonical !== undefined, codec, opts.stepper);
  const fp = { a: 0, b: 0 };
  /** The state being added, encoded; and its representative's encoding, under symmetry. */
  const scratch = new Words();
  const canonicalScratch = new Words();

  /**
   * Encode a state (and its monitors' memories) into scratch and fingerprint it (its
   * representative, under symmetry). Returns false for a state met before exactly as it is, which
   * under symmetry saves calling canonical() on it (see SeenRecently).
   */
  let stateEnd = 0;
  const encode = (state: unknown, memories: readonly unknown[] | null): boolean => {
    scratch.clear();
    codec.write(state, scratch);
    stateEnd = scratch.length;
    if (memories) codec.writeValue(memories, scratch);
    codec.fingerprint(scratch.data, 0, scratch.length, fp);
    if (canonical) {
      if (recent.has(fp.a, fp.b)) return false;
      recent.add(fp.a, fp.b);
      canonicalScratch.clear();
      codec.write(canonical(state), canonicalScratch);
      codec.fingerprint(canonicalScratch.data, 0, canonicalScratch.length, fp);
    }
    return true;
  };
  const recent = new SeenRecently();
  // A monitor's memory splits one model state into several stored ones; the model's own states are
  // counted apart (the store already counts them when nothing remembers, or under symmetry, whose
  // fingerprint is the class's alone).
  const models = monitors.length > 0 && !canonical ? new StateStore(1) : null;
  const fpModel = { a: 0, b: 0 };
  const countModelState = (): void => {
    if (!models) return;
    codec.fingerprint(scratch.data, 0, stateEnd, fpModel);
    models.add(fpModel.a, fpModel.b, NO_PARENT, 0);
  };

  let undecided = watches.filter((w) => w.decisive).length;
  const stopAfter = !opts.exhaust && undecided > 0;
  const close = (state: unknown, memories: readonly unknown[] | null, index: number, depth: number): boolean => {
    const closed = checkState(inst, watches, state, memories, index, depth);
    if (closed.length === 0) return false;
    for (const w of closed) opts.onDecided?.(w, store, Date.now() - started);
    undecided -= closed.filter((w) => w.decisive).length;
    const counterexample = closed.some((w) => w.decisive && w.property.kind !== 'sometimes');
    return stopAfter && (undecided === 0 || (opts.stopAtCounterexample === true && counterexample));
  };

  const initialMemories = monitors.length > 0 ? monitors.map((m) => monitorStart(inst, m, initial)) : null;
  encode(initial, initialMemories);
  store.add(fp.a, fp.b, NO_PARENT, 0);
  countModelState();
  let cut: Cut = close(initial, initialMemories, 0, 0) ? 'decided' : null;

  let level = new Level();
  let next = new Level();
  level.add(scratch, stateEnd, 0);
  let depth = 0;
  let transitions = 0;
  let terminal = 0;
  let lastProgress = started;
  let peakFrontier = 1;
  let peakFrontierBytes = level.words.data.byteLength;
  const enabledChoices = new Int32Array(choices.length);
  const deadline = opts.timeBudgetMs === undefined ? undefined : started + opts.timeBudgetMs;
  let expanding = 0;

  search: while (cut === null && level.size > 0) {
    if (opts.maxDepth !== undefined && depth >= opts.maxDepth) {
      if (anyNewSuccessor()) cut = 'max-depth';
      break;
    }
    const words = level.words.data;
    for (let i = 0; i < level.size; i++) {
      expanding = i;
      const at = level.starts[i] as number;
      const parent = level.indices[i] as number;
      const state = codec.read(words, at);
      const memories = monitors.length > 0 ? (codec.readValue(words, level.memories[i] as number) as unknown[]) : null;
      // While probing, states are frozen as in a hunt, so a guard or step that writes outside its
      // draft throws instead of silently editing the state its siblings are made from.
      const probing = transitions < PROBED;
      if (probing) freeze(state, true);
      // Guards first, then steps: the last step may then edit the decoded state itself (once
      // probing is over), which saves decoding it again.
      let enabled = 0;
      let c = 0;
      for (; c < choices.length; c++) {
        if (inst.enabled(state, choices[c] as Choice)) enabledChoices[enabled++] = c;
      }
      if (probing) probe.guards(state, enabledChoices.subarray(0, enabled));
      for (let k = 0; k < enabled; k++) {
        c = enabledChoices[k] as number;
        const choice = choices[c] as Choice;
        const inPlace = k === enabled - 1 && !probing && opts.stepper === 'copy';
        let succ: unknown = state;
        try {
          if (inPlace) inst.stepTree(state, choice);
          else succ = step(state, words, at, choice);
        } catch (e) {
          throw explorerError(inst, choice, e, () => codec.read(words, at), opts.stepper);
        }
        transitions++;
        if (transitions <= PROBED) probe.step(state, words, at, choice, succ, step);
        const succMemories = memories ? observeAll(inst, monitors, memories, succ) : null;
        if (!encode(succ, succMemories)) continue;
        const index = store.add(fp.a, fp.b, parent, c);
        // Under symmetry, a state that joins a class already stored is probed too: an unsound
        // canonical() shows where two states that are not alike are merged, not where a class is new.
        if (index < PROBED || (canonical && index < 0 && transitions <= PROBED)) probe.state(succ);
        if (index < 0) continue;
        countModelState();
        if (close(succ, succMemories, index, depth + 1)) {
          cut = 'decided';
          break search;
        }
        next.add(scratch, stateEnd, index);
        if (store.size >= opts.maxStates) {
          cut = 'max-states';
          break search;
        }
      }
      if (enabled === 0) terminal++;
      if (deadline !== undefined && (i & 63) === 0 && Date.now() >= deadline) {
        cut = 'time-budget';
        break search;
      }
      if ((i & 255) === 0) {
        if (opts.onProgress) {
          const now = Date.now();
          if (now - lastProgress >= 1000) {
            lastProgress = now;
            opts.onProgress({
              states: store.size,
              transitions,
              depth,
              frontier: next.size + level.size - i,
              ms: now - started,
            });
          }
        }
        if (opts.interrupted?.()) {
          cut = 'interrupted';
          break search;
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
    watches,
    store,
    states: store.size,
    modelStates: models ? models.size : store.size,
    transitions,
    depth:
      cut === 'max-states' || cut === 'time-budget' || cut === 'decided' || cut === 'interrupted'
        ? Math.max(depth, store.size > 1 ? store.pathTo(store.size - 1).length : 0)
        : depth,
    terminal,
    cut,
    symmetry: canonical !== undefined,
    ms: Date.now() - started,
    peakFrontier,
    peakFrontierBytes,
    frontier:
      cut === null || cut === 'decided'
        ? []
        : spread([...level.indices.slice(expanding), ...next.indices], opts.frontier ?? 0),
  };

  /** At the depth bound: would one more level add a state? If not, the search is complete after all. */
  function anyNewSuccessor(): boolean {
    const words = level.words.data;
    for (let i = 0; i < level.size; i++) {
      const at = level.starts[i] as number;
      const state = codec.read(words, at);
      const memories = monitors.length > 0 ? (codec.readValue(words, level.memories[i] as number) as unknown[]) : null;
      for (const choice of choices) {
        if (!inst.enabled(state, choice)) continue;
        let succ: unknown;
        try {
          succ = step(state, words, at, choice);
        } catch (e) {
          throw explorerError(inst, choice, e, () => codec.read(words, at), opts.stepper);
        }
        if (encode(succ, memories ? observeAll(inst, monitors, memories, succ) : null) && !store.has(fp.a, fp.b))
          return true;
      }
    }
    return false;
  }
}

/** At most k of these, evenly spread (all of them when they fit). */
function spread(xs: readonly number[], k: number): number[] {
  if (xs.length <= k) return [...xs];
  return Array.from({ length: k }, (_, j) => xs[Math.floor((j * xs.length) / k)] as number);
}

function observeAll(
  inst: Instance,
  monitors: readonly AnyProperty[],
  memories: readonly unknown[],
  state: unknown,
): readonly unknown[] {
  const out = new Array<unknown>(monitors.length);
  for (let k = 0; k < monitors.length; k++)
    out[k] = monitorObserve(inst, monitors[k] as AnyProperty, memories[k], state);
  return out;
}
