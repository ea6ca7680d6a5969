/**
 * One chunk of a breadth-first level, expanded: for each state in it, the enabled choices in
 * declaration order, each step run on a fresh decoding of the state, the successor encoded and
 * fingerprinted (its representative's, under symmetry), and every successor not already known
 * written out as a record, with what it decides of the properties still open. Nothing here stores
 * a state or numbers one: the search's own thread does that, chunk by chunk in level order
 * (search.ts), so the same records give the same search whichever thread expanded them.
 *
 * The same code runs in the search's thread and in the helper threads of a parallel search
 * (helper-main.ts). A helper's codec is frozen: a successor that holds a string or key set the
 * search has not numbered yet is written as a DEFER record, and the search expands that one
 * transition itself, in order.
 */
import { isA, messageOf } from '../core/errors.ts';
import { freeze } from 'immer';
import type { Choice, Instance } from '../core/instance.ts';
import { monitorObserve } from '../core/judge.ts';
import type { AnyProperty } from '../core/model.ts';
import { StateCodec, UNKNOWN_TO_FOLLOWER, Words } from './codec/state-codec.ts';
import { laneB } from './fingerprints.ts';
import { explorerError, type Prober } from './probe.ts';
import { RecentSet } from './store.ts';
import { stepper, type Step, type StepperKind } from './stepper.ts';
import { decisions, type Watch } from './watch.ts';

/** States a chunk holds: the unit of work handed out, and of the search's safe points. */
export const CHUNK = 256;

/** A successor: [NEW, pos, choice, tr, a, b, ma, mb, stateEnd, length, k, words…, (watch, message)×k]. */
export const NEW = 1;
/** A transition a frozen codec could not encode: [DEFER, pos, choice, tr]. */
export const DEFER = 2;
/** A guard, step or property threw: [FAILED, error index]. */
export const FAILED = 3;
/** Fixed words before a NEW record's words. */
export const NEW_HEADER = 11;

/** The successors met lately, 2^MET_BITS of them: 512 kB, which stays in a core's cache. */
const MET_BITS = 16;

/** A level as the expanders read it: states' words, where each starts, where its memories start. */
export interface LevelView {
  readonly words: Int32Array;
  readonly starts: Int32Array;
  /** Where each state's monitors' memories start (absent when nothing is remembered). */
  readonly memories: Int32Array | null;
  readonly count: number;
}

export interface Batch {
  readonly chunk: number;
  readonly records: Int32Array;
  /** Decision messages, by index from the records. */
  readonly messages: readonly string[];
  readonly errors: readonly Error[];
  /** Transitions executed and states with nothing enabled, over the whole chunk. */
  readonly transitions: number;
  readonly terminal: number;
}

/** Membership in the visited set: the set itself, or a helper's view of it. */
export interface Known {
  has(a: number, b: number): boolean;
}

export interface ExpanderSetup {
  readonly inst: Instance;
  readonly codec: StateCodec;
  readonly watches: readonly Watch[];
  readonly monitors: readonly AnyProperty[];
  readonly symmetry: boolean;
  readonly stepper: StepperKind;
  /** Fingerprint the model's own state apart (a monitor splits states, without symmetry). */
  readonly countModels: boolean;
}

export class Expander {
  private readonly choices: readonly Choice[];
  private readonly canonical: ((s: unknown) => unknown) | undefined;
  private readonly step: Step;
  private readonly enabled: Int32Array;
  private out = new Words(1 << 14);
  private spare = new Words(1 << 10);
  private readonly canonicalScratch = new Words();
  /** Under symmetry: the real states met lately (see encode). */
  private readonly recent = new RecentSet(20);
  /** The successors met lately (see successor). */
  private readonly met = new RecentSet(MET_BITS);
  /** False while redoing a DEFER record's transition, which must not consult `met`. */
  private filtering = true;
  private readonly local = new LocalSet();
  private readonly fp = { a: 0, b: 0 };
  private readonly fpModel = { a: 0, b: 0 };
  private messages: string[] = [];
  private errors: Error[] = [];
  private stateEnd = 0;
  private readonly guards: (state: unknown, out: Int32Array) => number;
  private readonly inModel: (state: unknown) => boolean;
  private readonly runStep: (draft: unknown, c: Choice) => void;

  constructor(private readonly s: ExpanderSetup) {
    this.choices = s.inst.allChoices();
    this.canonical = s.symmetry ? s.inst.canonical : undefined;
    this.step = stepper(s.stepper, s.codec, s.inst);
    // The instance's functions, once: an Instance is an object with many members, looked up slowly.
    this.guards = s.inst.enabledInto.bind(s.inst);
    this.inModel = s.inst.inModel.bind(s.inst);
    this.runStep = s.inst.step.bind(s.inst);
    this.enabled = new Int32Array(this.choices.length);
  }

  /**
   * Expand states [from, to) of a level. `open` flags the watches to judge new states on; `probe`,
   * with `probes` transitions left, probes them (the search's thread only, in order). With `view`,
   * the records are the expander's own buffer, good until it expands again (a caller that stores
   * them at once spares a copy of every chunk).
   */
  expand(
    level: LevelView,
    chunk: number,
    known: Known,
    open: Uint8Array,
    probe: Prober | null = null,
    probes = 0,
    view = false,
  ): Batch {
    const { s, choices, enabled: on, out, guards } = this;
    const { inst, codec } = s;
    const from = chunk * CHUNK;
    const to = Math.min(level.count, from + CHUNK);
    out.clear();
    this.messages = [];
    this.errors = [];
    this.local.reset();
    let tr = 0;
    let terminal = 0;
    const words = level.words;
    chunkLoop: for (let pos = from; pos < to; pos++) {
      const at = level.starts[pos] as number;
      let state: unknown;
      let memories: unknown[] | null = null;
      let enabled = 0;
      const probing = probe !== null && tr < probes;
      try {
        state = codec.readParent(words, at);
        if (level.memories) memories = codec.readValue(words, level.memories[pos] as number) as unknown[];
        // While probing, states are frozen as in a hunt, so a guard or step that writes outside its
        // draft throws instead of silently editing the state its siblings are made from.
        if (probing) freeze(state, true);
        enabled = guards(state, on);
        if (probing) probe.guards(state, on.subarray(0, enabled));
      } catch (e) {
        this.fail(e);
        break;
      }
      if (enabled === 0) terminal++;
      // Guards first, then steps: the last step may then edit the decoded state itself (once
      // probing is over), which saves decoding it again.
      for (let k = 0; k < enabled; k++) {
        const c = on[k] as number;
        const choice = choices[c] as Choice;
        const probingThis = probe !== null && tr < probes;
        const inPlace = k === enabled - 1 && !probing && s.stepper === 'copy';
        let succ: unknown = state;
        try {
          if (inPlace) {
            codec.forgetParent();
            this.runStep(state, choice);
          } else succ = this.step(state, words, at, choice);
        } catch (e) {
          this.fail(explorerError(inst, choice, e, () => codec.read(words, at), s.stepper));
          break chunkLoop;
        }
        tr++;
        try {
          if (probingThis) probe.step(state, words, at, choice, succ, this.step);
          this.successor(succ, memories, pos, c, tr, known, open, probingThis ? probe : null);
        } catch (e) {
          if (e === UNKNOWN_TO_FOLLOWER) {
            out.push(DEFER);
            out.push(pos);
            out.push(c);
            out.push(tr);
            continue;
          }
          this.fail(e);
          break chunkLoop;
        }
      }
    }
    return {
      chunk,
      records: view ? out.data.subarray(0, out.length) : out.data.slice(0, out.length),
      messages: this.messages,
      errors: this.errors,
      transitions: tr,
      terminal,
    };
  }

  /** The one transition of a DEFER record, expanded by a codec that may number (the search's). */
  redo(level: LevelView, pos: number, c: number, tr: number, known: Known, open: Uint8Array): Batch {
    const { s } = this;
    const codec = s.codec;
    // Its own buffer: the batch being stored may be a view of the expander's (expand's `view`).
    const out = this.spare;
    this.spare = this.out;
    this.out = out;
    out.clear();
    this.messages = [];
    this.errors = [];
    const at = level.starts[pos] as number;
    const choice = this.choices[c] as Choice;
    this.filtering = false;
    try {
      const state = codec.read(level.words, at);
      const memories = level.memories
        ? (codec.readValue(level.words, level.memories[pos] as number) as unknown[])
        : null;
      const succ = this.step(state, level.words, at, choice);
      this.successor(succ, memories, pos, c, tr, known, open, null);
    } catch (e) {
      this.fail(e);
    }
    this.filtering = true;
    this.out = this.spare;
    this.spare = out;
    return {
      chunk: -1,
      records: out.data.slice(0, out.length),
      messages: this.messages,
      errors: this.errors,
      transitions: 0,
      terminal: 0,
    };
  }

  /** Encode a successor and, unless it is known, write its record. */
  private successor(
    succ: unknown,
    memories: readonly unknown[] | null,
    pos: number,
    c: number,
    tr: number,
    known: Known,
    open: Uint8Array,
    probe: Prober | null,
  ): void {
    const { s, out } = this;
    // Outside the model's constraint (TLC's CONSTRAINT), a state is not in the model: not stored,
    // checked or expanded.
    if (!this.inModel(succ)) return;
    const succMemories = memories ? observeAll(s.inst, s.monitors, memories, succ) : null;
    // The successor's words go straight into its record, after the header; a successor dropped
    // below takes its words back.
    const start = out.length;
    try {
      this.record(succ, succMemories, pos, c, tr, known, open, probe, start);
    } catch (e) {
      // A frozen codec's UNKNOWN_TO_FOLLOWER, a probe's finding, a model's error: no record.
      out.length = start;
      throw e;
    }
  }

  /** Write a successor's record at `start`, or take its words back when it is not new. */
  private record(
    succ: unknown,
    succMemories: readonly unknown[] | null,
    pos: number,
    c: number,
    tr: number,
    known: Known,
    open: Uint8Array,
    probe: Prober | null,
    start: number,
  ): void {
    const { s, fp, out } = this;
    out.reserve(NEW_HEADER);
    out.length = start + NEW_HEADER;
    if (!this.encode(succ, succMemories)) {
      out.length = start;
      return;
    }
    // Under symmetry, a state that joins a class already stored is probed too: an unsound
    // canonical() shows where two states that are not alike are merged, not where a class is new.
    if (probe) probe.state(succ);
    // Most successors met again were met lately: interleavings that commute meet again within a
    // few states. `met` is a small table that stays in the processor's cache, and it saves most
    // lookups in the visited set, which miss the cache. A successor met before here was then known
    // or written in a record of this chunk or an earlier one (this thread takes chunks in order),
    // and the search stores that record first, so it would drop this one anyway. Not so for a
    // DEFER record's transition, redone after later chunks were expanded: redo does not look.
    if (
      (this.filtering && this.met.has(fp.a, fp.b)) ||
      (this.met.add(fp.a, fp.b), known.has(fp.a, fp.b)) ||
      !this.local.add(fp.a, fp.b)
    ) {
      out.length = start;
      return;
    }
    const found = open.length > 0 ? decisions(s.inst, s.watches, open, succ, succMemories) : null;
    const wordsAt = start + NEW_HEADER;
    const length = out.length - wordsAt;
    if (s.countModels) s.codec.fingerprint(out.data, wordsAt, wordsAt + this.stateEnd, this.fpModel);
    const k = found ? found.length >> 1 : 0;
    if (k > 0) {
      out.reserve(2 * k);
      for (let j = 0; j < k; j++) {
        out.data[out.length++] = found![2 * j] as number;
        out.data[out.length++] = this.messages.push(found![2 * j + 1] as string) - 1;
      }
    }
    const d = out.data;
    let p = start;
    d[p++] = NEW;
    d[p++] = pos;
    d[p++] = c;
    d[p++] = tr;
    d[p++] = fp.a;
    d[p++] = fp.b;
    d[p++] = this.fpModel.a;
    d[p++] = laneB(this.fpModel.b);
    d[p++] = this.stateEnd;
    d[p++] = length;
    d[p] = k;
  }

  /**
   * Append a state's words (and its monitors' memories') to `out` and fingerprint them (its
   * representative's, under symmetry) into fp. False for a state met before exactly as it is,
   * which under symmetry saves calling canonical() on it (see RecentSet).
   */
  private encode(state: unknown, memories: readonly unknown[] | null): boolean {
    const { s, out, fp } = this;
    const codec = s.codec;
    const from = out.length;
    codec.write(state, out);
    this.stateEnd = out.length - from;
    if (memories) codec.writeValue(memories, out);
    codec.fingerprint(out.data, from, out.length, fp);
    fp.b = laneB(fp.b);
    if (this.canonical) {
      if (this.recent.has(fp.a, fp.b)) return false;
      const a = fp.a;
      const b = fp.b;
      const cs = this.canonicalScratch;
      cs.clear();
      codec.write(this.canonical(state), cs);
      // Only once it is known to encode: a state deferred is not "met before".
      this.recent.add(a, b);
      codec.fingerprint(cs.data, 0, cs.length, fp);
      fp.b = laneB(fp.b);
    }
    return true;
  }

  private fail(e: unknown): void {
    this.out.push(FAILED);
    this.out.push(this.errors.push(isA(e, Error) ? e : new Error(messageOf(e))) - 1);
  }
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

/** The successors one chunk already wrote, so that it writes each once (a small table, reset per chunk). */
class LocalSet {
  private readonly keys = new Int32Array(2 << 14);
  private readonly stamps = new Int32Array(1 << 14);
  private stamp = 0;
  private size = 0;
  reset(): void {
    this.stamp++;
    this.size = 0;
  }
  /** False when the fingerprint is in the set; past half full, everything is new (the search dedupes). */
  add(a: number, b: number): boolean {
    if (this.size * 2 >= this.stamps.length) return true;
    const mask = this.stamps.length - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      if (this.stamps[slot] !== this.stamp) {
        this.stamps[slot] = this.stamp;
        this.keys[2 * slot] = a;
        this.keys[2 * slot + 1] = b;
        this.size++;
        return true;
      }
      if (this.keys[2 * slot] === a && this.keys[2 * slot + 1] === b) return false;
    }
  }
}
