/**
 * The zoo as a benchmark corpus (models/zoo/): for every bug a zoo manifest expects, how many of
 * seeds 1..20 each scheduling strategy finds it in, at the manifest's own budget (runs and run
 * length) or at racehunt's default budget, and the median runs to the first counterexample.
 * `npm run bench:strategies` measures the same corpus (at the default budget) in its one report;
 * this script prints the zoo's table alone, for models/zoo/README.md.
 *
 *   node --import tsx bench/zoo.ts                         # every bug, every strategy, seeds 1..20 (a few minutes)
 *   node --import tsx bench/zoo.ts --seeds 5 --strategies mix --models peterson,aba-stack
 *   node --import tsx bench/zoo.ts --budget default       # what a user gets with no manifest: racehunt's default budget
 *
 * `zooCases()` is the corpus as data (strategies-cells.ts's Case: model, variant, property, runs,
 * maxSteps, shortest), for bench/strategies.ts or any other harness. Hunts search only (no
 * shrinking), one per worker thread; a seed that finds nothing within the runs counts as a lower
 * bound in the median ("> n"). Runs, not time, cap each seed, so the table is the same on any machine.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGET, STRATEGIES, isStrategy, type StrategyName } from '../engine/index.ts';
import { zoo } from '../models/zoo/index.ts';
import { manifestCases, type Case } from './strategies-cells.ts';
import { foundCount, measureCell, medianOf, type Cell } from './strategies-measure.ts';
import { Pool } from './strategies-pool.ts';
import { formatBounded } from './strategies-stats.ts';

/** Every counterexample the zoo's manifests expect, with each manifest's budget or racehunt's default one; runs are the only cap. */
export function zooCases(
  budget: 'manifest' | 'default' = 'manifest',
  models: readonly string[] = Object.keys(zoo),
): Case[] {
  return manifestCases(models, 'counterexample', { group: 'zoo', budget, cpuCapMs: null });
}

/** The Markdown table: per bug, per strategy, seeds that found it and the median runs. */
export function zooTable(
  cases: readonly Case[],
  cells: readonly Cell[],
  strategies: readonly StrategyName[],
  seeds: number,
): string {
  const head = `| model | variant | property | shortest | runs / max steps | ${strategies.map((s) => `${s}: found | ${s}: median runs`).join(' | ')} |`;
  const rule = `|---|---|---|---:|---:|${strategies.map(() => '---:|---:').join('|')}|`;
  const lines = cases.map((c) => {
    const row = strategies.map((s) => {
      const cell = cells.find((x) => x.case === c && x.strategy === s);
      return cell ? `${foundCount(cell)}/${seeds} | ${formatBounded(medianOf(cell, 'runs'))}` : '— | —';
    });
    return `| ${c.model} | ${c.variant} | ${c.property} | ${c.shortest ?? '—'} | ${c.runs.toLocaleString('en-US')} / ${c.maxSteps} | ${row.join(' | ')} |`;
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
    bad !== undefined
      ? `unknown strategy "${bad}" (known: ${STRATEGIES.join(', ')})`
      : unknown !== undefined
        ? `unknown zoo model "${unknown}" (known: ${Object.keys(zoo).join(', ')})`
        : !Number.isInteger(seeds) || seeds < 1
          ? `--seeds takes a positive integer, got "${values.seeds}"`
          : values.budget !== 'manifest' && values.budget !== 'default'
            ? `--budget takes manifest or default, got "${values.budget}"`
            : null;
  if (problem) {
    console.error(problem);
    process.exit(2);
  }
  const budget = values.budget as 'manifest' | 'default';
  const workers = Number(values.workers ?? Math.min(2, availableParallelism()));
  const started = Date.now();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const cases = zooCases(budget, models);
  log(`bench/zoo.ts: ${cases.length} bugs × ${strategies.length} strategies × seeds 1..${seeds}, ${workers} workers`);
  const pool = new Pool(workers);
  const seedList = Array.from({ length: seeds }, (_, i) => i + 1);
  let cells: Cell[];
  try {
    cells = (
      await Promise.all(
        cases.map(async (c) => {
          const row = await Promise.all((strategies as StrategyName[]).map((s) => measureCell(pool, c, s, seedList)));
          log(
            `  ${c.model} / ${c.variant} / ${c.property}: ${row.map((x) => `${x.strategy} ${foundCount(x)}/${seeds}`).join(', ')}`,
          );
          return row;
        }),
      )
    ).flat();
  } finally {
    await pool.close();
  }
  const what =
    budget === 'default'
      ? `racehunt's default budget (${DEFAULT_BUDGET.runs} runs of at most ${DEFAULT_BUDGET.maxSteps} steps)`
      : "its manifest's runs and max steps";
  console.log(
    `<!-- written by bench/zoo.ts: seeds 1..${seeds}, each at ${what}, search only; "> n": a lower bound (seeds that found nothing count as the runs they made); ${Math.round((Date.now() - started) / 1000)} s -->`,
  );
  console.log(zooTable(cases, cells, strategies as StrategyName[], seeds));
}
