/**
 * The coverage-guided strategy's corpus, as AFL keeps inputs and Go-Explore keeps cells: the runs
 * that reached a new situation (situations.ts), kept as they stood there. A coverage-guided run
 * starts from an entry that has been explored the least (fresh entries first), and goes on from
 * it; every new situation it reaches becomes an entry. States are immutable, so starting from a
 * reached state costs a fork of its run, not a replay. An entry remembers the steps that led to it
 * (shared with its parent entry), so a counterexample found from it is still one sequence of
 * choices from the initial state, and is shrunk like any other.
 *
 * Bounded: at most MAX_ENTRIES entries, none deeper than `maxDepth` steps.
 *
 * A corpus that starts at a breadth-first frontier also keeps a second pool for `frontier`'s
 * lineages (lineage.ts): the frontier's states and the states where runs stopped at their step
 * limit, but not every new situation on the way. A lineage of many runs should start where depth
 * was gained, and an entry for every state a run passes through (in a large model, every state is
 * new) would bury those few among thousands of shallow ones.
 */
import type { Choice } from '../core/instance.ts';
import type { Run } from '../core/run.ts';

export const MAX_ENTRIES = 20_000;

export interface Entry {
  readonly run: Run;
  readonly parent: Entry | null;
  /** The steps from the parent entry to this one. */
  readonly steps: readonly Choice[];
  readonly depth: number;
}

export interface Start {
  /** A fork of the run as it stood at the entry. */
  readonly run: Run;
  readonly entry: Entry;
}

/** Entries, the fresh ones among them, and how a run picks the one it starts from. */
class Pool {
  readonly entries: Entry[];
  /** Entries not started from yet. */
  private readonly fresh: Entry[] = [];

  /** `fromRoot`: the root is an entry like any other (no frontier), so it is fresh too, and one run in eight starts there. */
  constructor(
    root: Entry,
    private readonly fromRoot: boolean,
  ) {
    this.entries = [root];
    if (fromRoot) this.fresh.push(root);
  }

  add(entry: Entry): void {
    this.entries.push(entry);
    this.fresh.push(entry);
  }

  /**
   * One run in eight from the initial state (or, from a frontier, any entry); else a fresh entry
   * when there is one (every other time the newest, which takes the search deep, else any), else
   * any entry.
   */
  pick(draw: number): Entry {
    if (draw % 8 === 0) return this.fromRoot ? (this.entries[0] as Entry) : this.anyButRoot(draw >>> 3);
    if (this.fresh.length > 0) {
      const k = (draw >>> 3) % 2 === 0 ? this.fresh.length - 1 : draw % this.fresh.length;
      const entry = this.fresh[k] as Entry;
      this.fresh[k] = this.fresh[this.fresh.length - 1] as Entry;
      this.fresh.pop();
      return entry;
    }
    return this.fromRoot ? (this.entries[draw % this.entries.length] as Entry) : this.anyButRoot(draw);
  }

  private anyButRoot(draw: number): Entry {
    return this.entries[1 + (draw % (this.entries.length - 1))] as Entry;
  }
}

export class Corpus {
  /** Every new situation runs reached (and the frontier). */
  private readonly main: Pool;
  /** Where lineages start: the frontier, and where runs stopped at their step limit. */
  private readonly stops: Pool;
  /** The frontier's states are the stops pool's entries 1..frontierSize (entry 0 is the initial state). */
  private readonly frontierSize: number;

  /**
   * A corpus of the initial state; or, given a breadth-first search's frontier, of the states on it
   * (each reached by replaying its path), and then runs start there instead of from the initial
   * state, whose neighbourhood that search has already proven.
   */
  constructor(
    initial: Run,
    private readonly maxDepth: number,
    frontier: readonly (readonly Choice[])[] = [],
  ) {
    const root = { run: initial, parent: null, steps: [], depth: 0 };
    this.frontierSize = frontier.length;
    this.main = new Pool(root, frontier.length === 0);
    this.stops = new Pool(root, frontier.length === 0);
    for (const path of frontier) {
      const run = initial.fork();
      for (const c of path) run.step(c);
      const entry = { run, parent: root, steps: path, depth: path.length };
      this.main.add(entry);
      this.stops.add(entry);
    }
  }

  get size(): number {
    return this.main.entries.length;
  }

  /** Where a run starts (Pool.pick). */
  start(draw: number): Start {
    const entry = this.main.pick(draw);
    return { run: entry.run.fork(), entry };
  }

  /** Where a lineage of several runs starts: the frontier, or where a run stopped (Pool.pick). */
  startLineage(draw: number): Start {
    const entry = this.stops.pick(draw);
    return { run: entry.run.fork(), entry };
  }

  /**
   * Where a long lineage starts: a state of the breadth-first frontier, any of them alike (the
   * initial state when there is none). The draw is mixed first, so that which state does not follow
   * the bits that choose the lineage's slow actor (lineage.ts).
   */
  startAtFrontier(draw: number): Start {
    const entry = this.stops.entries[this.frontierSize === 0 ? 0 : 1 + (mix(draw) % this.frontierSize)] as Entry;
    return { run: entry.run.fork(), entry };
  }

  /** A run reached a new situation: keep it, `steps` after `from`. Returns the new entry (or `from` when full or too deep). */
  offer(run: Run, from: Entry, steps: readonly Choice[]): Entry {
    if (this.main.entries.length >= MAX_ENTRIES || from.depth + steps.length > this.maxDepth) return from;
    const entry = this.entryOf(run, from, steps);
    this.main.add(entry);
    return entry;
  }

  /**
   * A run stopped at its step limit: where the next run of its lineage goes on from, and, within the
   * corpus's bounds, a start for later lineages.
   */
  stopped(run: Run, from: Entry, steps: readonly Choice[]): Entry {
    const entry = this.entryOf(run, from, steps);
    if (this.stops.entries.length < MAX_ENTRIES && entry.depth <= this.maxDepth) this.stops.add(entry);
    return entry;
  }

  /** An entry for where a run stands, `steps` after `from`, kept by the caller, not in a pool. */
  entryAt(run: Run, from: Entry, steps: readonly Choice[]): Entry {
    return this.entryOf(run, from, steps);
  }

  /** Every step from the initial state to the entry. */
  static path(entry: Entry): Choice[] {
    const parts: (readonly Choice[])[] = [];
    for (let e: Entry | null = entry; e; e = e.parent) parts.push(e.steps);
    return parts.reverse().flat();
  }

  private entryOf(run: Run, from: Entry, steps: readonly Choice[]): Entry {
    return { run: run.fork(), parent: from, steps: [...steps], depth: from.depth + steps.length };
  }
}

/** A draw's bits spread over all 32 (Knuth's multiplicative hash), unsigned. */
const mix = (draw: number): number => Math.imul(draw, 0x9e3779b1) >>> 0;
