/**
 * A hunt's breadth-first phase: the explorer (engine/explore) up to a state budget. It settles the
 * hunt when it decides the property (the shortest counterexample or witness there is) or explores
 * every reachable state (a proof). Otherwise it says how far it is sure (a bound: no counterexample
 * of at most d steps exists) and hands sampling the frontier it stopped at.
 */
import type { Instance } from '../core/instance.ts';
import type { Trace } from '../core/trace.ts';
import { explore, type InstanceSource } from '../explore/explore.ts';

/** A hunt that settled its model exhaustively: every reachable state, none breaking the property. */
export interface Proof {
  readonly states: number;
  /** States were counted up to the model's symmetry. */
  readonly symmetry: boolean;
  /** The chance that two distinct states shared a 64-bit fingerprint, so that one went unexplored (TLC's estimate). */
  readonly collisionOdds: number;
}

/**
 * What a prove phase that was cut short still proves: every state within `depth` steps of the
 * initial state was explored and none breaks the property, so no counterexample of at most `depth`
 * steps exists (a bounded proof, over `states` states; beyond that depth, nothing is proven).
 */
export interface Bound {
  readonly depth: number;
  readonly states: number;
  readonly symmetry: boolean;
  readonly collisionOdds: number;
}

/** Why the prove phase stopped short of every reachable state: its state budget, or the time budget. */
export type ProveCut = 'prove-budget' | 'time-budget' | null;

/** What the prove phase decided, when it did. */
export interface Settled {
  readonly found: boolean;
  readonly trace: Trace | null;
  readonly runs: 0;
  readonly interrupted: false;
  readonly unreached: readonly string[];
  readonly proof: Proof | null;
  readonly explored: number;
  readonly proveCut: ProveCut;
}

export interface Proved {
  /** The hunt is settled (a counterexample, a witness, or a proof), or null: sample on. */
  readonly result: Settled | null;
  readonly explored: number;
  /** Not settled: how far it is sure. */
  readonly bound: Bound | null;
  readonly cut: ProveCut;
  readonly interrupted: boolean;
  /** Not settled: choice-index paths to up to `frontier` states it reached but did not expand. */
  readonly frontier: readonly (readonly number[])[];
  /** The `sometimes` properties it reached (a witness it found need not be found again by sampling). */
  readonly reached: readonly string[];
}

export interface ProveOptions {
  readonly target: string | undefined;
  readonly budget: number;
  readonly timeBudgetMs: number | undefined;
  readonly modelRef: string;
  /** How many frontier states to hand to sampling (0: none). */
  readonly frontier: number;
  readonly onProgress: (states: number) => void;
  readonly interrupted: () => boolean;
  /** Threads that expand states, this one included; more than one needs `source` (explore's options). */
  readonly workers: number;
  readonly source: InstanceSource | undefined;
}

export function prove(inst: Instance, o: ProveOptions): Proved {
  const r = explore(inst, {
    target: o.target,
    maxStates: o.budget,
    timeBudgetMs: o.timeBudgetMs,
    modelRef: o.modelRef,
    frontier: o.frontier,
    onProgress: (p) => o.onProgress(p.states),
    interrupted: o.interrupted,
    // The explorer's parallel search stores, numbers and decides as one thread does (explore/search.ts),
    // so the bound, the frontier and a counterexample are the same for any number of threads.
    workers: o.workers,
    source: o.source,
  });
  const cut: ProveCut = r.cut === 'time-budget' ? 'time-budget' : r.complete ? null : 'prove-budget';
  // Cut while it expanded level L, the search had stored and checked every state of depth ≤ L; its
  // depth is then L + 1 once a state of L + 1 is stored, and L before (under-counting by one there
  // is safe: the bound claims less than it could, never more).
  const bound = r.complete
    ? null
    : { depth: Math.max(0, r.depth - 1), states: r.states, symmetry: r.symmetry, collisionOdds: r.collisionOdds };
  const reached = r.properties.filter((p) => p.outcome === 'reached').map((p) => p.name);
  const out = { explored: r.states, bound, cut, interrupted: r.cut === 'interrupted', frontier: r.frontier, reached };
  if (out.interrupted) return { ...out, result: null };
  const asked = o.target === undefined ? r.properties.filter((p) => p.kind !== 'sometimes') : r.properties.slice(0, 1);
  const decided = asked.find((p) => p.outcome === 'counterexample' || p.outcome === 'reached');
  const settled = { runs: 0 as const, interrupted: false as const, explored: r.states };
  if (decided?.trace)
    return {
      ...out,
      result: { ...settled, found: true, trace: decided.trace, unreached: [], proof: null, proveCut: cut },
    };
  if (!r.complete) return { ...out, result: null };
  const unreached = r.properties.filter((p) => p.outcome === 'unreached').map((p) => p.name);
  return {
    ...out,
    result: {
      ...settled,
      found: false,
      trace: null,
      unreached,
      proof: { states: r.states, symmetry: r.symmetry, collisionOdds: r.collisionOdds },
      proveCut: null,
    },
  };
}
