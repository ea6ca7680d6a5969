/**
 * What the strategy benchmark measures: one hunt per (case, strategy, seed), searching only (no
 * shrinking), so that its time is the time to the first counterexample. A case is the DNS race on
 * one planner/enactor link at one clean-up window, or one outcome a model's manifest expects (a
 * counterexample, or, for the prove-phase table, a property that holds), each with its caps.
 */
import { DEFAULT_BUDGET, configure, fromCatalog, hunt, type StrategyName } from '../engine/index.ts';
import { shortestRace } from '../models/dns/depth.ts';
import { deep } from '../models/deep/index.ts';
import { catalog } from '../models/index.ts';

export type Link = 'stack' | 'queue';

/** The runs of the old default budget (before budgets of work): 1,000 runs of at most 50 steps. */
export const OLD_DEFAULT_RUNS = 1000;

export interface Case {
  /** Which table the case belongs to: 'dns/stack', 'dns/queue', 'manifest', 'zoo', 'deep', 'proof' or 'deep-proof'. */
  readonly group: string;
  /** The catalog the model is in: racehunt's, or the deep zoo's (models/deep). */
  readonly catalog?: 'deep';
  readonly model: string;
  readonly variant: string;
  readonly property: string;
  readonly params: Readonly<Record<string, number>>;
  /** The x of the chart: the clean-up window for DNS, null otherwise. */
  readonly window: number | null;
  /** The shortest counterexample, where known (DNS's depth formula, or a manifest's ground truth). */
  readonly shortest: number | null;
  /** The breadth-first states before it, where a manifest pins them (the deep zoo). */
  readonly statesBefore?: number | null;
  readonly maxSteps: number;
  /** Caps on each seed's search: runs, and milliseconds of CPU time (null: runs only). */
  readonly runs: number;
  readonly cpuCapMs: number | null;
  /** The manifest's prove budget, when it sets one (else the engine's default for the strategy). */
  readonly prove?: number;
}

export interface Task {
  readonly case: Case;
  readonly strategy: StrategyName;
  readonly seed: number;
  /**
   * 'runs' (default): the case's runs cap the search, as budgets did before budgets of work (the
   * old default is auto with 1,000 runs); 'work': racehunt's default budget of work, no runs cap.
   */
  readonly budget?: 'runs' | 'work';
}

export interface Measured {
  readonly found: boolean;
  /** Runs executed: up to and including the failing one, or all that fit in the caps (0: the prove phase decided). */
  readonly runs: number;
  /**
   * CPU time of the whole hunt (the prove phase of auto, the search, recording the failing run
   * once): on a quiet machine, its wall time; on a shared one, what the hunt itself cost.
   */
  readonly ms: number;
  /** Wall time of the same, which other work on the machine inflates. */
  readonly wallMs: number;
  /** Length of the failing run as found (not shrunk), or null. */
  readonly steps: number | null;
  /** Nothing found, and the CPU-time cap (not the runs cap) ended the search. */
  readonly timedOut: boolean;
  /** What decided the hunt: the prove phase (a shortest counterexample, or a proof), the search, or nothing. */
  readonly decidedBy: 'prove' | 'search' | null;
  /** States the prove phase explored (0 when the strategy has none). */
  readonly explored: number;
  /** CPU milliseconds spent before the first sampled run: the prove phase, whether or not it decided. */
  readonly proveMs: number;
  /** The prove phase explored every reachable state: how many. */
  readonly provedStates: number | null;
  /** Work done: states explored plus steps sampled and replayed (deterministic). */
  readonly work: number;
  /** Nothing found and not proved: the depth the breadth-first phase proved (null: none). */
  readonly bound: number | null;
}

/** The DNS race (as-2025 or as-2025-queue, endpoint-never-empty) at one window. */
export function dnsCase(
  link: Link,
  window: number,
  shape: { enactors: number; endpoints: number },
  stepsFactor: number,
  caps: { runs: number; cpuCapMs: number | null },
): Case {
  const params = { ...shape, window };
  const shortest = shortestRace(link, params);
  return {
    group: `dns/${link}`,
    model: 'dns',
    variant: link === 'stack' ? 'as-2025' : 'as-2025-queue',
    property: 'endpoint-never-empty',
    params,
    window,
    shortest,
    maxSteps: stepsFactor * shortest,
    ...caps,
  };
}

/**
 * Every outcome of the named models' manifests that expects `expect`, as cases of `group`: with
 * the manifest's runs, run length and prove budget, or with racehunt's default budget (what a hunt
 * of a model without a manifest gets), and the given CPU-time cap.
 */
export function manifestCases(
  models: readonly string[],
  expect: 'counterexample' | 'holds',
  opts: { group: string; budget: 'manifest' | 'default'; cpuCapMs: number | null; catalog?: 'deep' },
): Case[] {
  return models.flatMap((name) =>
    (fromCatalog(opts.catalog === 'deep' ? deep : catalog, name).manifest?.outcomes ?? [])
      .filter((o) => o.expect === expect)
      .map((o): Case => {
        const budget = opts.budget === 'default' ? DEFAULT_BUDGET : o.budget;
        return {
          group: opts.group,
          model: name,
          variant: o.variant,
          property: o.property,
          params: {},
          window: null,
          shortest: o.shortest ?? null,
          statesBefore: o.statesBefore ?? null,
          ...(opts.catalog ? { catalog: opts.catalog } : {}),
          maxSteps: budget.maxSteps,
          runs: budget.runs ?? OLD_DEFAULT_RUNS,
          cpuCapMs: opts.cpuCapMs,
          ...(budget.prove !== undefined ? { prove: budget.prove } : {}),
        };
      }),
  );
}

/** CPU time of this process so far, in ms: a worker process runs one hunt at a time (strategies-pool.ts). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function measure(t: Task): Measured {
  const { model } = fromCatalog(t.case.catalog === 'deep' ? deep : catalog, t.case.model);
  const inst = configure(model, t.case.variant, t.case.params);
  const wall0 = Date.now();
  const cpu0 = cpuMs();
  // The search asks before each run whether to stop: its first question ends the prove phase, and
  // from then on the CPU-time cap is counted (as a hunt's own time budget counts the search only).
  let searchCpu0: number | null = null;
  let timedOut = false;
  const cap = t.case.cpuCapMs;
  const r = hunt(inst, {
    seed: t.seed,
    ...(t.budget === 'work' ? {} : { runs: t.case.runs }),
    maxSteps: t.case.maxSteps,
    strategy: t.strategy,
    target: t.case.property,
    ...(t.case.prove !== undefined ? { proveBudget: t.case.prove } : {}),
    shrink: false,
    shouldStop: () => {
      const now = cpuMs();
      searchCpu0 ??= now;
      timedOut = cap !== null && now - searchCpu0 >= cap;
      return timedOut;
    },
  });
  const ms = cpuMs() - cpu0;
  const settled = r.proof !== null || (r.found && r.runs === 0);
  return {
    found: r.found,
    runs: r.runs,
    ms: Math.round(ms),
    wallMs: Date.now() - wall0,
    steps: r.trace?.steps.length ?? null,
    timedOut: !r.found && timedOut,
    decidedBy: settled ? 'prove' : r.found ? 'search' : null,
    explored: r.explored,
    proveMs: Math.round((searchCpu0 ?? cpu0 + ms) - cpu0),
    provedStates: r.proof?.states ?? null,
    work: r.work,
    bound: r.bounded?.depth ?? null,
  };
}
