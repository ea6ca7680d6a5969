/**
 * Breadth-first search over every reachable state of a configured model, level by level, on one
 * thread or several.
 *
 * A state is stored once, by the 64-bit fingerprint of its words (of its canonical
 * representative's words when the model declares a symmetry), in a visited set (fingerprints.ts);
 * the way back to it (parent and choice) is kept in a trail (trail.ts), in memory or, for
 * fingerprint-only searches, on disk. Only the current and the next level are held, as encoded
 * states. States are checked when discovered, so the first state that decides a property is one
 * of the closest: its path is a shortest counterexample or witness.
 *
 * A level is expanded in chunks of CHUNK states (expand.ts), and the chunks' successors are stored
 * strictly in chunk order, and within a chunk in the order of its states and their choices: the
 * order a plain one-thread breadth-first search discovers them in. So a state's number, its
 * parent, the first state that decides a property, the state counts and the verdicts are the same
 * whether one thread expands every chunk or helper threads expand most of them (helpers.ts); and
 * every safe point (Ctrl-C, the time and memory budgets, progress) is between two chunks.
 *
 * One thing must not depend on which thread encodes a state: the numbers a codec gives strings
 * and key sets. Only this thread numbers; helpers' codecs are frozen, learn what this thread
 * numbered, and hand back a transition they cannot encode, which this thread then expands in its
 * place in the order. This thread numbers only while it expands the chunk next in order, or such
 * a transition, so numbers are given in discovery order, the same for any number of helpers.
 *
 * The first transitions and states are probed (probe.ts), on this thread, in order, so that a
 * model that breaks the explorer's assumptions gets a one-line error instead of a wrong answer.
 */
import { availableParallelism, totalmem } from 'node:os';
import type { Instance } from '../core/instance.ts';
import { monitorStart } from '../core/judge.ts';
import type { AnyProperty } from '../core/model.ts';
import { StateCodec, Words } from './codec/state-codec.ts';
import { CHUNK, DEFER, Expander, FAILED, NEW, NEW_HEADER, type Batch, type LevelView } from './expand.ts';
import { FingerprintSet, laneB } from './fingerprints.ts';
import { Helpers, type InstanceSource } from './helpers.ts';
import { Levels, type LevelArena } from './levels.ts';
import { Prober } from './probe.ts';
import type { StepperKind } from './stepper.ts';
import { DiskTrail, MemoryTrail, NO_PARENT, type Trail } from './trail.ts';
import { decisions, monitorsOf, watchesFor, type Watch } from './watch.ts';

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
  /** Called the moment a watch is decided, with the path to the state that decided it. */
  /** `origin`: which of the model's initial states the path starts from (Stepper.initials). */
  readonly onDecided?: ((w: Watch, path: readonly number[], ms: number, origin: number) => void) | undefined;
  /** Stop after this many milliseconds (a hunt's --time-budget bounds its prove phase too). */
  readonly timeBudgetMs?: number | undefined;
  /** Asked between chunks: true stops the search there (Ctrl-C: core/interrupt.ts). */
  readonly interrupted?: (() => boolean) | undefined;
  /** Threads in all, this one included (default 1); more need `source`. */
  readonly workers?: number | undefined;
  /** How helper threads load the model (without one, the search runs on this thread alone). */
  readonly source?: InstanceSource | undefined;
  /** Keep the trail on disk: in memory only the visited set, at most 16 bytes a state. */
  readonly fingerprintOnly?: boolean | undefined;
  /** Stop when the process holds this many bytes (resident), between chunks. */
  readonly maxMemoryBytes?: number | undefined;
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

/**
 * Why the search ended before the whole reachable state space was explored ('interrupted': Ctrl-C;
 * 'memory': the memory budget).
 */
export type Cut = 'max-states' | 'max-depth' | 'time-budget' | 'memory' | 'decided' | 'interrupted' | null;

export interface SearchResult {
  /** Per property asked: decided or still open, and where. */
  readonly watches: readonly Watch[];
  /** States stored: each with its monitors' memories, when a monitor is checked. */
  readonly states: number;
  /** Distinct states of the model alone (classes under symmetry), whatever the monitors remember. */
  readonly modelStates: number;
  readonly transitions: number;
  /** The deepest level any stored state is at. */
  readonly depth: number;
  /** Every state at most this many steps from the initial state was stored and checked. */
  readonly depthComplete: number;
  /** States without any enabled action (runs can only end there). */
  readonly terminal: number;
  readonly cut: Cut;
  readonly symmetry: boolean;
  readonly ms: number;
  /** The largest level held at once, and the bytes its words took. */
  readonly peakFrontier: number;
  readonly peakFrontierBytes: number;
  /** Bytes the visited set and the trail hold in memory. */
  readonly storeBytes: number;
  /** Threads that expanded states, this one included. */
  readonly workers: number;
  readonly fingerprintOnly: boolean;
  /** Paths (choice indices) to a cut search's states not yet expanded: evenly spread, at most `frontier` of them. */
  readonly frontier: readonly (readonly number[])[];
}

/** How many transitions are probed at the start of every search. */
export const PROBED = 2000;

/** The default memory budget: most of this machine, leaving the rest to everything else on it. */
export const DEFAULT_MAX_MEMORY_BYTES = Math.floor(totalmem() * 0.6);

/** The cores here: what --workers defaults to. */
export function defaultWorkers(): number {
  return availableParallelism();
}

export function search(
  inst: Instance,
  properties: readonly AnyProperty[],
  decisive: (p: AnyProperty) => boolean,
  opts: SearchOptions,
): SearchResult {
  const started = Date.now();
  const choices = inst.allChoices();
  const symmetry = opts.symmetry && inst.canonical !== undefined;
  const initial = inst.initial();
  const codec = new StateCodec(initial);
  const numbered = codec.mark();
  const watches = watchesFor(inst, initial, properties, decisive);
  const monitors = monitorsOf(watches);
  // A monitor's memory splits one model state into several stored ones; the model's own states are
  // counted apart (under symmetry the fingerprint is the class's alone, so the store counts them).
  const countModels = monitors.length > 0 && !symmetry;
  const setup = { inst, codec, watches, monitors, symmetry, stepper: opts.stepper, countModels };
  const expander = new Expander(setup);
  const probe = new Prober(inst, watches, symmetry, codec, opts.stepper);
  const visited = new FingerprintSet();
  const models = countModels ? new FingerprintSet() : null;
  const fingerprintOnly = opts.fingerprintOnly === true;
  const trail: Trail = fingerprintOnly ? new DiskTrail() : new MemoryTrail(choices.length > 0xffff);
  const wanted = Math.max(1, Math.floor(opts.workers ?? 1));
  let helpers: Helpers | null = null;
  let shippedTable: SharedArrayBuffer | null = null;
  let shipped = numbered;

  let undecided = watches.filter((w) => w.decisive).length;
  const stopAfter = !opts.exhaust && undecided > 0;
  const open = new Uint8Array(watches.length).fill(1);
  let states = 0;
  let transitions = 0;
  let terminal = 0;
  let depth = 0;
  let cut: Cut = null;
  let lastProgress = started;
  // Where the search is in its level (for a cut search's frontier): the level's first index and
  // size, the states before `expandedTo` expanded, and the next level's states so far.
  let levelFirst = 0;
  let levelCount = 1;
  let expandedTo = 0;
  let nextCount = 0;
  let lastMemoryCheck = 0;
  let peakFrontier = 1;
  let peakFrontierBytes = 0;
  const deadline = opts.timeBudgetMs === undefined ? undefined : started + opts.timeBudgetMs;
  const maxMemory = opts.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;

  /** Close the watches a new state decides; true when the search should stop there. */
  const close = (found: readonly (number | string)[], index: number, at: number): boolean => {
    let counterexample = false;
    let any = false;
    for (let j = 0; j < found.length; j += 2) {
      const i = found[j] as number;
      const w = watches[i] as Watch;
      if (!w.open) continue;
      w.open = false;
      open[i] = 0;
      w.at = index;
      w.depth = at;
      w.message = found[j + 1] as string;
      any = true;
      opts.onDecided?.(w, trail.pathTo(index), Date.now() - started, trail.origin(index));
      if (w.decisive) {
        undecided--;
        if (w.property.kind !== 'sometimes') counterexample = true;
      }
    }
    return any && stopAfter && (undecided === 0 || (opts.stopAtCounterexample === true && counterexample));
  };

  try {
    // The initial states, as any other: encoded, stored, checked (a model's inits may give several,
    // as TLA+'s Init may: each is a root of the search, its index in the trail's root record).
    const initials = inst.initials();
    const initialMemories = monitors.length > 0 ? monitors.map((m) => monitorStart(inst, m, initial)) : null;
    const levels = new Levels(maxMemory);
    let next = levels.next();
    const fp = { a: 0, b: 0 };
    for (let k = 0; k < initials.length && cut === null; k++) {
      const start = initials[k];
      if (!inst.inModel(start)) continue;
      const memories = monitors.length > 0 ? monitors.map((m) => monitorStart(inst, m, start)) : null;
      const first = new Words();
      codec.write(start, first);
      const initialEnd = first.length;
      if (memories) codec.writeValue(memories, first);
      if (symmetry) {
        const rep = new Words();
        codec.write((inst.canonical as (s: unknown) => unknown)(start), rep);
        codec.fingerprint(rep.data, 0, rep.length, fp);
      } else codec.fingerprint(first.data, 0, first.length, fp);
      if (!visited.add(fp.a, laneB(fp.b))) continue;
      if (models) {
        codec.fingerprint(first.data, 0, initialEnd, fp);
        models.add(fp.a, laneB(fp.b));
      }
      trail.add(NO_PARENT, k);
      const found = decisions(inst, watches, open, start, memories);
      if (found && close(found, states, 0)) cut = 'decided';
      states++;
      next.add(first.data, 0, first.length, initialEnd);
    }
    let level = next.view(initialMemories !== null);
    peakFrontierBytes = next.bytes;

    levels: while (cut === null && level.count > 0) {
      levelCount = level.count;
      expandedTo = 0;
      nextCount = 0;
      if (opts.maxDepth !== undefined && depth >= opts.maxDepth) {
        if (anyNewSuccessor(level)) cut = 'max-depth';
        break;
      }
      next = levels.next();
      const chunks = Math.ceil(level.count / CHUNK);
      // Helpers join once probing is over: the probes run on this thread, in order.
      if (helpers === null && wanted > 1 && opts.source && transitions >= PROBED) {
        helpers = new Helpers(wanted - 1, {
          source: opts.source,
          initial,
          properties: watches.map((w) => w.property.name),
          symmetry,
          stepper: opts.stepper,
          countModels,
        });
      }
      if (helpers) {
        ship();
        helpers.level(
          {
            words: level.words.buffer as SharedArrayBuffer,
            starts: level.starts.buffer as SharedArrayBuffer,
            memories: level.memories ? (level.memories.buffer as SharedArrayBuffer) : null,
            count: level.count,
            open: open.slice(),
          },
          0,
        );
      }
      const stash = new Map<number, Batch>();
      for (let k = 0; k < chunks; k++) {
        const batch = batchOf(k, level, chunks, stash);
        const stop = store(batch, level, levelFirst, next);
        helpers?.stored(k + 1);
        nextCount = next.count;
        if (stop) break levels;
        expandedTo = Math.min(level.count, (k + 1) * CHUNK);
        if (safePoint(next.count + level.count - (k + 1) * CHUNK)) break levels;
      }
      if (next.count > peakFrontier) peakFrontier = next.count;
      levelFirst += level.count;
      trail.flush();
      level = next.view(monitors.length > 0);
      peakFrontierBytes = Math.max(peakFrontierBytes, next.bytes);
      if (level.count > 0) depth++;
    }
  } catch (e) {
    if (e instanceof Stopped) {
      // A safe point while waiting for a helper: the cut is set.
    } else if (e instanceof RangeError && /allocation failed|Invalid typed array length|Array buffer/i.test(e.message))
      cut = 'memory';
    else {
      helpers?.stop();
      trail.close();
      throw e;
    }
  }
  helpers?.stop();
  const result: SearchResult = {
    watches,
    states,
    modelStates: models ? models.size : states,
    transitions,
    depth: cut !== null && cut !== 'max-depth' && states > 1 ? Math.max(depth, trail.pathTo(states - 1).length) : depth,
    // Levels are stored whole before the next is expanded: every state at the depth being expanded, and above, is in.
    depthComplete: depth,
    terminal,
    cut,
    symmetry,
    ms: Date.now() - started,
    peakFrontier,
    peakFrontierBytes,
    storeBytes: visited.bytes + (models?.bytes ?? 0) + trail.bytes,
    workers: helpers ? helpers.count + 1 : 1,
    fingerprintOnly,
    frontier:
      cut === null || cut === 'decided'
        ? []
        : spread(levelFirst + expandedTo, levelCount - expandedTo + nextCount, opts.frontier ?? 0)
            // A hunt's runs start from the first initial state: the frontier it may start them from.
            .filter((i) => trail.origin(i) === 0)
            .map((i) => trail.pathTo(i)),
  };
  trail.close();
  return result;

  /** Send helpers what they lack: strings and key sets numbered since, a grown visited set. */
  function ship(): void {
    if (!helpers) return;
    helpers.tables(codec.deltaSince(shipped));
    shipped = codec.mark();
    if (visited.shared !== shippedTable) {
      shippedTable = visited.shared;
      helpers.visited(shippedTable);
    }
  }

  /** Chunk k's batch: from a helper, or expanded here (while waiting for it, this thread takes chunks too). */
  function batchOf(k: number, level: LevelView, chunks: number, stash: Map<number, Batch>): Batch {
    const probes = Math.max(0, PROBED - transitions);
    if (!helpers) {
      codec.frozen = false;
      // Stored at once (store() below), before this expander expands again: no copy.
      return expander.expand(level, k, visited, open, probes > 0 ? probe : null, probes, true);
    }
    for (;;) {
      const mine = stash.get(k);
      if (mine) {
        stash.delete(k);
        return mine;
      }
      const theirs = helpers.batch(k, 0);
      if (theirs) return theirs;
      const j = helpers.take(chunks);
      if (j >= 0) {
        // Only the chunk next in order may number new strings; any other defers what it cannot encode.
        codec.frozen = j !== k;
        const b = expander.expand(level, j, visited, open);
        codec.frozen = false;
        if (j === k) return b;
        stash.set(j, b);
        continue;
      }
      const waited = helpers.batch(k, 1000);
      if (waited) return waited;
      if (safePoint(0)) throw new Stopped();
    }
  }

  /**
   * Store a chunk's successors in order: number the new ones, keep the way back to them, check
   * them. True when the search stops here (decided, or the state budget).
   */
  function store(batch: Batch, level: LevelView, levelFirst: number, next: LevelArena): boolean {
    const r = batch.records;
    let p = 0;
    while (p < r.length) {
      const kind = r[p] as number;
      if (kind === FAILED) throw batch.errors[r[p + 1] as number] as Error;
      if (kind === DEFER) {
        const [pos, c, tr] = [r[p + 1] as number, r[p + 2] as number, r[p + 3] as number];
        p += 4;
        codec.frozen = false;
        const again = expander.redo(level, pos, c, tr, visited, open);
        if (storeRecords(again, 0, level, levelFirst, next)) return true;
        continue;
      }
      if (kind !== NEW) throw new Error(`explorer: a record of unknown kind ${kind}`);
      const end = p + NEW_HEADER + (r[p + 9] as number) + 2 * (r[p + 10] as number);
      if (storeOne(batch, p, level, levelFirst, next)) return true;
      p = end;
    }
    transitions += batch.transitions;
    terminal += batch.terminal;
    if (helpers) ship();
    return false;

    function storeRecords(b: Batch, from: number, lv: LevelView, lf: number, nx: LevelArena): boolean {
      const rr = b.records;
      if (rr.length === 0) return false;
      if (rr[from] === FAILED) throw b.errors[rr[from + 1] as number] as Error;
      return storeOne(b, from, lv, lf, nx);
    }

    function storeOne(b: Batch, q: number, _lv: LevelView, lf: number, nx: LevelArena): boolean {
      const rr = b.records;
      const pos = rr[q + 1] as number;
      const c = rr[q + 2] as number;
      const tr = rr[q + 3] as number;
      if (!visited.add(rr[q + 4] as number, rr[q + 5] as number)) return false;
      const index = states++;
      trail.add(lf + pos, c);
      if (models) models.add(rr[q + 6] as number, rr[q + 7] as number);
      const k = rr[q + 10] as number;
      const wordsAt = q + NEW_HEADER;
      if (k > 0) {
        const at = wordsAt + (rr[q + 9] as number);
        const found: (number | string)[] = [];
        for (let j = 0; j < k; j++)
          found.push(rr[at + 2 * j] as number, b.messages[rr[at + 2 * j + 1] as number] as string);
        if (close(found, index, depth + 1)) {
          transitions += tr;
          cut = 'decided';
          expandedTo = pos;
          return true;
        }
      }
      nx.add(rr, wordsAt, rr[q + 9] as number, rr[q + 8] as number);
      if (states >= opts.maxStates) {
        transitions += tr;
        cut = 'max-states';
        expandedTo = pos;
        return true;
      }
      return false;
    }
  }

  /** Between two chunks: progress, and whether Ctrl-C or a budget stops the search here. */
  function safePoint(frontier: number): boolean {
    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= 1000) {
      lastProgress = now;
      opts.onProgress({ states, transitions, depth, frontier: Math.max(frontier, 0), ms: now - started });
    }
    if (deadline !== undefined && now >= deadline) cut = 'time-budget';
    else if (opts.interrupted?.()) cut = 'interrupted';
    else if (now - lastMemoryCheck >= 100) {
      // Asking the system for the resident size is dear next to a chunk: ten times a second.
      lastMemoryCheck = now;
      if (process.memoryUsage.rss() >= maxMemory) cut = 'memory';
    }
    return cut !== null;
  }

  /** At the depth bound: would one more level add a state? If not, the search is complete after all. */
  function anyNewSuccessor(level: LevelView): boolean {
    const none = new Uint8Array(0);
    codec.frozen = false;
    for (let k = 0; k * CHUNK < level.count; k++) {
      const b = expander.expand(level, k, visited, none);
      for (let p = 0; p < b.records.length;) {
        const kind = b.records[p] as number;
        if (kind === FAILED) throw b.errors[b.records[p + 1] as number] as Error;
        if (kind === NEW) return true;
        p += 4;
      }
    }
    return false;
  }
}

/**
 * At most k of the n consecutive indices from `first`, evenly spread (all of them when they fit):
 * the rest of the level being expanded, then the next level, numbered after it.
 */
function spread(first: number, n: number, k: number): number[] {
  if (n <= k) return Array.from({ length: n }, (_, j) => first + j);
  return Array.from({ length: k }, (_, j) => first + Math.floor((j * n) / k));
}

/** Thrown out of a wait to reach the level loop's safe point (the cut is already set). */
class Stopped extends Error {}
