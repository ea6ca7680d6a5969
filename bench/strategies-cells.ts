/**
 * What the strategy benchmark measures: one hunt per (case, strategy, seed), searching only (no
 * shrinking), so that its time is the time to the first counterexample. A case is the DNS race on
 * one planner/enactor link at one clean-up window, or the DWFM collapse.
 */
import { configure, fromCatalog, hunt, type StrategyName } from '../engine/index.ts';
import { shortestRace } from '../models/dns/depth.ts';
import { catalog } from '../models/index.ts';

export type Link = 'stack' | 'queue';

export interface Case {
  /** 'dns/stack', 'dns/queue', 'dwfm' or 'manifest'. */
  readonly group: string;
  readonly model: string;
  readonly variant: string;
  readonly property: string;
  readonly params: Readonly<Record<string, number>>;
  /** The x of the chart: the clean-up window for DNS, null for DWFM. */
  readonly window: number | null;
  /** The shortest counterexample, where known (DNS), and the run length every strategy gets. */
  readonly shortest: number | null;
  readonly maxSteps: number;
}

export interface Task {
  readonly case: Case;
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly runs: number;
  readonly timeBudgetMs: number;
}

export interface Measured {
  readonly found: boolean;
  /** Runs executed: up to and including the failing one, or all that fit in the caps. */
  readonly runs: number;
  /** Wall time of the search (and of recording the failing run once). */
  readonly ms: number;
  /** Length of the failing run as found (not shrunk), or null. */
  readonly steps: number | null;
  /** Nothing found, and the time cap (not the runs cap) ended the search. */
  readonly timedOut: boolean;
}

/** The DNS race (as-2025 or as-2025-queue, endpoint-never-empty) at one window. */
export function dnsCase(link: Link, window: number, shape: { enactors: number; endpoints: number }, stepsFactor: number): Case {
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
  };
}

/** The DWFM collapse with the budget of its manifest entry. */
export function dwfmCase(): Case {
  const entry = manifestCases().find((c) => c.case.model === 'dwfm' && c.case.variant === 'as-2025' && c.case.property === 'leases-make-progress');
  if (!entry) throw new Error('models/dwfm/manifest.json has no as-2025 / leases-make-progress entry');
  return { ...entry.case, group: 'dwfm' };
}

/** Every counterexample a model's manifest expects, with the manifest's seed, runs and run length. */
export function manifestCases(): { case: Case; seed: number; runs: number }[] {
  return Object.keys(catalog).flatMap((name) =>
    (fromCatalog(catalog, name).manifest?.outcomes ?? [])
      .filter((o) => o.expect === 'counterexample')
      .map((o) => ({
        case: { group: 'manifest', model: name as Case['model'], variant: o.variant, property: o.property, params: {}, window: null, shortest: null, maxSteps: o.budget.maxSteps },
        seed: o.budget.seed,
        runs: o.budget.runs,
      })),
  );
}

export function measure(t: Task): Measured {
  const { model } = fromCatalog(catalog, t.case.model);
  const inst = configure(model, t.case.variant, t.case.params);
  const r = hunt(inst, { seed: t.seed, runs: t.runs, maxSteps: t.case.maxSteps, strategy: t.strategy, target: t.case.property, timeBudgetMs: t.timeBudgetMs, shrink: false });
  return { found: r.found, runs: r.runs, ms: r.ms, steps: r.trace?.steps.length ?? null, timedOut: r.interrupted };
}
