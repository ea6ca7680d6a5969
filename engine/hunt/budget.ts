/**
 * A hunt's budget of work: states explored breadth-first plus steps sampled, counted so that the same
 * hunt does the same work on any machine (a time budget would not). The default is sized to about
 * ten seconds on one core of the machines racehunt is measured on (docs/strategies.md), and split
 * between the breadth-first phase, which proves what it covers, and sampling, which reaches past it,
 * in the proportion the strategy benchmark measured best.
 *
 * A budget in runs (`--runs`, a manifest's `runs`) still works as it always has: then the runs cap
 * the search, and no work budget applies unless one is given too.
 */
import { RacehuntError } from '../core/errors.ts';
import type { StrategyName } from './strategy.ts';

/** States plus steps: about ten seconds on one core (docs/strategies.md, "The default budget"). */
export const DEFAULT_WORK = 300_000;

/**
 * The breadth-first phase's share of a work budget, for the strategies that explore first: of 25 %,
 * 35 % and 50 %, measured side by side (`npm run bench:strategies`, contenders frontier@N), the one
 * share that finds every deep-zoo bug for every seed (docs/strategies.md, "How much of the budget
 * goes breadth-first").
 */
export const PROVE_SHARE = 0.5;

/** The states `auto` (the former default) explores before it samples, when it has no work budget. */
export const DEFAULT_PROVE_BUDGET = 50_000;

/** How a hunt spends its budget: the breadth-first phase's states, then sampling's steps and runs. */
export interface Plan {
  /** States the breadth-first phase may explore (0: none). */
  readonly proveStates: number;
  /** The whole budget of work, states and steps together (Infinity: runs alone cap the search). */
  readonly work: number;
  /** Runs the search may make (Infinity: the work budget alone caps it). */
  readonly runs: number;
}

export interface BudgetOptions {
  readonly strategy: StrategyName;
  readonly budget?: number | undefined;
  readonly runs?: number | undefined;
  readonly proveBudget?: number | undefined;
  readonly maxSteps: number;
}

/** The plan of a hunt; one line (usage) for a budget that is not a positive integer, or too small for one run. */
export function planOf(o: BudgetOptions): Plan {
  if (o.budget !== undefined) {
    if (!Number.isSafeInteger(o.budget) || o.budget < 1)
      throw new RacehuntError(
        'usage',
        `the budget must be a positive whole number of states and steps, got ${o.budget}`,
      );
    if (o.budget < o.maxSteps)
      throw new RacehuntError(
        'usage',
        `a budget of ${o.budget} is too small to finish one run of ${o.maxSteps} steps: give at least ${o.maxSteps}, or fewer max steps`,
      );
  }
  if (o.runs !== undefined && (!Number.isSafeInteger(o.runs) || o.runs < 1))
    throw new RacehuntError('usage', `runs must be a positive whole number, got ${o.runs}`);
  if (o.proveBudget !== undefined && (!Number.isSafeInteger(o.proveBudget) || o.proveBudget < 0))
    throw new RacehuntError('usage', `the prove budget must be a whole number of states ≥ 0, got ${o.proveBudget}`);
  const work = o.budget ?? (o.runs === undefined ? DEFAULT_WORK : Infinity);
  return {
    proveStates: o.proveBudget ?? defaultProveStates(o.strategy, work),
    work,
    runs: o.runs ?? Infinity,
  };
}

/** The breadth-first phase's states when the hunt does not name them. */
function defaultProveStates(strategy: StrategyName, work: number): number {
  if (strategy === 'auto') return DEFAULT_PROVE_BUDGET;
  if (strategy !== 'frontier') return 0;
  // A budget in runs alone keeps the prove phase it always had.
  return Number.isFinite(work) ? Math.floor(work * PROVE_SHARE) : DEFAULT_PROVE_BUDGET;
}
