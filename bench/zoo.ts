/**
 * The zoo as a benchmark corpus (models/zoo/): for every bug a zoo manifest expects, how many of
 * seeds 1..20 each scheduling strategy finds it in, at the manifest's own budget (runs and run
 * length), and the median runs to the first counterexample.
 *
 *   node --import tsx bench/zoo.ts                         # every bug, every strategy, seeds 1..20 (a few minutes)
 *   node --import tsx bench/zoo.ts --seeds 5 --strategies mix --models peterson,aba-stack
 *   node --import tsx bench/zoo.ts --budget default       # what a user gets with no manifest: racehunt's default budget
 *
 * `zooCases()` is the corpus as data, for bench/strategies.ts or any other harness: one case per
 * (model, variant, property) the manifests expect a counterexample for, with the manifest's runs
 * and run length. Hunts search only (no shrinking, as bench/strategies.ts measures them), one per
 * worker thread; a seed that finds nothing within the runs counts as a lower bound in the median
 * ("> n"). Runs, not time, cap each seed, so the table is the same on any machine.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGET, STRATEGIES, fromCatalog, isStrategy, type StrategyName } from '../engine/index.ts';
import { catalog } from '../models/index.ts';
import { zoo } from '../models/zoo/index.ts';
import type { Case, Measured } from './strategies-cells.ts';
import { Pool } from './strategies-pool.ts';
import { formatBounded, median } from './strategies-stats.ts';

export interface ZooCase {
  readonly model: string;
  readonly variant: string;
  readonly property: string;
  readonly maxSteps: number;
  readonly runs: number;
  /** The manifest's seed (the one its expected outcome is judged with). */
  readonly seed: number;
  /** The explorer's shortest counterexample, as the manifest pins it. */
  readonly shortest: number | null;
}

/** Every counterexample the zoo's manifests expect, with each manifest's budget. */
export function zooCases(): ZooCase[] {
  return Object.keys(zoo).flatMap((name) =>
    (fromCatalog(catalog, name).manifest?.outcomes ?? [])
      .filter((o) => o.expect === 'counterexample')
      .map((o) => ({ model: name, variant: o.variant, property: o.property, maxSteps: o.budget.maxSteps, runs: o.budget.runs, seed: o.budget.seed, shortest: o.shortest ?? null })),
  );
}

/** A zoo case as bench/strategies-cells.ts measures cases. */
export function asCase(c: ZooCase): Case {
  return { group: 'zoo', model: c.model, variant: c.variant, property: c.property, params: {}, window: null, shortest: c.shortest, maxSteps: c.maxSteps };
}

export interface ZooRow {
  readonly case: ZooCase;
  /** Per strategy: each seed's search, in seed order. */
  readonly bySeed: Readonly<Record<string, readonly (Measured & { seed: number })[]>>;
}

/** The same cases at racehunt's default budget (what a hunt without a manifest gets). */
export function withDefaultBudget(c: ZooCase): ZooCase {
  return { ...c, runs: DEFAULT_BUDGET.runs, maxSteps: DEFAULT_BUDGET.maxSteps };
}

/** Hunt every case with every strategy for seeds 1..seeds, on `workers` threads. */
export async function measureZoo(opts: { seeds: number; strategies: readonly StrategyName[]; models?: readonly string[]; workers: number; defaultBudget?: boolean; log?: (s: string) => void }): Promise<ZooRow[]> {
  const cases = zooCases()
    .filter((c) => !opts.models || opts.models.includes(c.model))
    .map((c) => (opts.defaultBudget ? withDefaultBudget(c) : c));
  const pool = new Pool(opts.workers);
  try {
    return await Promise.all(
      cases.map(async (c) => {
        const bySeed: Record<string, (Measured & { seed: number })[]> = {};
        await Promise.all(
          opts.strategies.map(async (strategy) => {
            const seeds = Array.from({ length: opts.seeds }, (_, i) => i + 1);
            // No time cap: the manifest's runs are the cap, so results do not depend on the machine.
            bySeed[strategy] = await Promise.all(seeds.map(async (seed) => ({ seed, ...(await pool.run({ case: asCase(c), strategy, seed, runs: c.runs, timeBudgetMs: 3_600_000 })) })));
          }),
        );
        opts.log?.(`  ${c.model} / ${c.variant} / ${c.property}: ${opts.strategies.map((s) => `${s} ${bySeed[s]!.filter((x) => x.found).length}/${opts.seeds}`).join(', ')}`);
        return { case: c, bySeed };
      }),
    );
  } finally {
    await pool.close();
  }
}

/** The Markdown table: per bug, per strategy, seeds that found it and the median runs. */
export function zooTable(rows: readonly ZooRow[], strategies: readonly StrategyName[], seeds: number): string {
  const head = `| model | variant | property | shortest | runs / max steps | ${strategies.map((s) => `${s}: found | ${s}: median runs`).join(' | ')} |`;
  const rule = `|---|---|---|---:|---:|${strategies.map(() => '---:|---:').join('|')}|`;
  const lines = rows.map((r) => {
    const cells = strategies.map((s) => {
      const seedsOf = r.bySeed[s] ?? [];
      const found = seedsOf.filter((x) => x.found).length;
      return `${found}/${seeds} | ${formatBounded(median(seedsOf.map((x) => ({ value: x.runs, found: x.found }))))}`;
    });
    return `| ${r.case.model} | ${r.case.variant} | ${r.case.property} | ${r.case.shortest ?? '—'} | ${r.case.runs.toLocaleString('en-US')} / ${r.case.maxSteps} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...lines].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '20' },
      strategies: { type: 'string', default: STRATEGIES.join(',') },
      models: { type: 'string' },
      workers: { type: 'string' },
      budget: { type: 'string', default: 'manifest' },
    },
  });
  const strategies = values.strategies.split(',').map((s) => s.trim());
  const bad = strategies.find((s) => !isStrategy(s));
  const models = values.models?.split(',').map((s) => s.trim());
  const unknown = models?.find((m) => !Object.hasOwn(zoo, m));
  const seeds = Number(values.seeds);
  const problem =
    bad !== undefined ? `unknown strategy "${bad}" (known: ${STRATEGIES.join(', ')})`
    : unknown !== undefined ? `unknown zoo model "${unknown}" (known: ${Object.keys(zoo).join(', ')})`
    : !Number.isInteger(seeds) || seeds < 1 ? `--seeds takes a positive integer, got "${values.seeds}"`
    : values.budget !== 'manifest' && values.budget !== 'default' ? `--budget takes manifest or default, got "${values.budget}"`
    : null;
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  const defaultBudget = values.budget === 'default';
  const workers = Number(values.workers ?? Math.min(2, availableParallelism()));
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`bench/zoo.ts: ${zooCases().filter((c) => !models || models.includes(c.model)).length} bugs × ${strategies.length} strategies × seeds 1..${seeds}, ${workers} workers`);
  const rows = await measureZoo({ seeds, strategies: strategies as StrategyName[], workers, log, defaultBudget, ...(models ? { models } : {}) });
  const budget = defaultBudget ? `racehunt's default budget (${DEFAULT_BUDGET.runs} runs of at most ${DEFAULT_BUDGET.maxSteps} steps)` : "its manifest's runs and max steps";
  console.log(`<!-- written by bench/zoo.ts: seeds 1..${seeds}, each at ${budget}, search only; "> n": a lower bound (seeds that found nothing count as the runs they made); ${Math.round((Date.now() - started) / 1000)} s -->`);
  console.log(zooTable(rows, strategies as StrategyName[], seeds));
}
