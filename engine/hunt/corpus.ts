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
 */
import type { Choice } from '../core/instance.ts';
import type { Run } from '../core/run.ts';

export const MAX_ENTRIES = 20_000;

interface Entry {
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

export class Corpus {
  private readonly entries: Entry[] = [];
  /** Entries not started from yet. */
  private readonly fresh: Entry[] = [];

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
    this.entries.push(root);
    if (frontier.length === 0) this.fresh.push(root);
    for (const path of frontier) {
      const run = initial.fork();
      for (const c of path) run.step(c);
      this.add({ run, parent: root, steps: path, depth: path.length });
    }
    this.fromRoot = frontier.length === 0;
  }

  /** One run in eight starts from the initial state, unless the corpus starts at a frontier. */
  private readonly fromRoot: boolean;

  get size(): number {
    return this.entries.length;
  }

  /**
   * Where a run starts: one run in eight from the initial state; else a fresh entry when there is
   * one (every other time the newest, which takes the search deep, else any), else any entry.
   */
  start(draw: number): Start {
    let entry: Entry;
    if (draw % 8 === 0) entry = this.fromRoot ? (this.entries[0] as Entry) : this.anyButRoot(draw >>> 3);
    else if (this.fresh.length > 0) {
      const k = (draw >>> 3) % 2 === 0 ? this.fresh.length - 1 : draw % this.fresh.length;
      entry = this.fresh[k] as Entry;
      this.fresh[k] = this.fresh[this.fresh.length - 1] as Entry;
      this.fresh.pop();
    } else entry = this.fromRoot ? (this.entries[draw % this.entries.length] as Entry) : this.anyButRoot(draw);
    return { run: entry.run.fork(), entry };
  }

  /** A run reached a new situation: keep it, `steps` after `from`. Returns the new entry (or `from` when full or too deep). */
  offer(run: Run, from: Entry, steps: readonly Choice[]): Entry {
    const depth = from.depth + steps.length;
    if (this.entries.length >= MAX_ENTRIES || depth > this.maxDepth) return from;
    const entry = { run: run.fork(), parent: from, steps: [...steps], depth };
    this.add(entry);
    return entry;
  }

  /** Every step from the initial state to the entry. */
  static path(entry: Entry): Choice[] {
    const parts: (readonly Choice[])[] = [];
    for (let e: Entry | null = entry; e; e = e.parent) parts.push(e.steps);
    return parts.reverse().flat();
  }

  private anyButRoot(draw: number): Entry {
    return this.entries[1 + (draw % (this.entries.length - 1))] as Entry;
  }

  private add(entry: Entry): void {
    this.entries.push(entry);
    this.fresh.push(entry);
  }
}
