/**
 * `npm run bench:strategies`: how many runs, and how many milliseconds, each scheduling strategy
 * (engine/strategy.ts) needs to find its first counterexample, as the race gets deeper.
 *
 *   npm run bench:strategies                 # the full tables and chart (about 15 min on 2 cores)
 *   npm run bench:strategies -- --quick      # about 2 min: 5 seeds, windows 2, 5, 10, small caps
 *   npm run bench:strategies -- --links stack --windows 5,10,20 --strategies pct,mix --long-runs 0
 *
 * Cases: the DNS race (endpoint-never-empty) on both planner/enactor links, as-2025 (stack) and
 * as-2025-queue, at clean-up windows 2, 5, 10, 20 and 40, at the model's default shape (3
 * enactors, 4 endpoints); the DWFM collapse (as-2025 / leases-make-progress, its manifest's
 * budget); and, in the full run, every counterexample of every manifest with its own budget.
 *
 * Each cell hunts seeds 1..N, searching only (the failing run is not shrunk: shrinking is the same
 * for every strategy and would dominate the time). Every strategy gets the same run length, a
 * multiple of the shortest counterexample (models/dns/depth.ts): 3×, as the DNS manifest does
 * (60 = 3 × 20). Run length matters as much as the strategy, so uniform and mix are measured again
 * with runs 30× the shortest (--long-runs). Each seed is capped by runs and by time; a seed that
 * finds nothing counts as a lower bound, and so do the medians and ratios it affects ("> n"). Once
 * a series finds nothing for any seed at one window, its deeper windows are not run (--no-skip runs
 * them anyway). Times are wall time of the search in a worker thread, one hunt per core.
 *
 * Writes strategies-bench.json (every seed), strategies-bench.md (the tables) and
 * strategies-bench.svg (the chart) to --out: docs/ for the full run, a temporary folder otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isStrategy, STRATEGIES, type StrategyName } from '../engine/index.ts';
import { lineChartSvg, type ChartPanel } from './chart.ts';
import { dnsCase, dwfmCase, manifestCases, type Case, type Link, type Measured } from './strategies-cells.ts';
import { Pool } from './strategies-pool.ts';
import { formatBounded, formatRatio, growthSlope, median, ratio, worst, type Bounded, type Sample } from './strategies-stats.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    windows: { type: 'string' },
    links: { type: 'string', default: 'stack,queue' },
    strategies: { type: 'string', default: STRATEGIES.join(',') },
    enactors: { type: 'string', default: '3' },
    endpoints: { type: 'string', default: '4' },
    'steps-factor': { type: 'string', default: '3' },
    'long-runs': { type: 'string', default: '30' },
    'long-strategies': { type: 'string', default: 'uniform,mix' },
    runs: { type: 'string' },
    'time-cap': { type: 'string' },
    workers: { type: 'string' },
    'no-dwfm': { type: 'boolean', default: false },
    'no-manifests': { type: 'boolean', default: false },
    'no-skip': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const quick = values.quick;
const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
const strategiesOf = (s: string) =>
  list(s).map((x) => {
    if (!isStrategy(x)) throw new Error(`unknown strategy "${x}" (known: ${STRATEGIES.join(', ')})`);
    return x;
  });
const config = {
  seeds: Number(values.seeds ?? (quick ? 5 : 20)),
  windows: list(values.windows ?? (quick ? '2,5,10' : '2,5,10,20,40')).map(Number),
  links: list(values.links).map((l) => {
    if (l !== 'stack' && l !== 'queue') throw new Error(`--links takes stack and/or queue, got "${l}"`);
    return l as Link;
  }),
  strategies: strategiesOf(values.strategies),
  shape: { enactors: Number(values.enactors), endpoints: Number(values.endpoints) },
  stepsFactor: Number(values['steps-factor']),
  longFactor: Number(values['long-runs']),
  longStrategies: strategiesOf(values['long-strategies']),
  runsCap: Number(values.runs ?? (quick ? 5_000 : 50_000)),
  timeCapMs: Number(values['time-cap'] ?? (quick ? 1_500 : 4_000)),
  workers: Number(values.workers ?? Math.min(2, availableParallelism())),
  dwfm: !values['no-dwfm'],
  manifests: !values['no-manifests'] && !quick,
  skip: !values['no-skip'],
};
const outDir = values.out ?? (quick || process.argv.length > 2 ? join(tmpdir(), 'racehunt-bench') : 'docs');

/** A line of the chart: a strategy at a run length (a multiple of the shortest counterexample). */
interface Series {
  readonly strategy: StrategyName;
  readonly factor: number;
}
const seriesName = (s: Series) => (s.factor === config.stepsFactor || s.factor === 0 ? s.strategy : `${s.strategy}, ${s.factor}× runs`);

interface Cell {
  readonly case: Case;
  readonly series: Series;
  /** Per seed, in seed order; empty when skipped. */
  readonly seeds: readonly (Measured & { seed: number })[];
  /** Why the cell was not run (a shallower window found nothing). */
  readonly skipped: string | null;
}

const started = Date.now();
const pool = new Pool(config.workers);
const log = (s: string) => process.stderr.write(`${s}\n`);
log(`bench:strategies: ${config.seeds} seeds a cell, caps ${config.runsCap.toLocaleString('en-US')} runs or ${config.timeCapMs} ms a seed, ${config.workers} workers, writing to ${outDir}`);

async function measureCell(c: Case, series: Series, seeds: readonly { seed: number; runs: number }[]): Promise<Cell> {
  const t0 = Date.now();
  const measured = await Promise.all(seeds.map(async ({ seed, runs }) => ({ seed, ...(await pool.run({ case: c, strategy: series.strategy, seed, runs, timeBudgetMs: config.timeCapMs })) })));
  const found = measured.filter((s) => s.found).length;
  log(`  ${c.group} ${c.window === null ? `${c.variant} / ${c.property}` : `window ${c.window}`} ${seriesName(series)}: ${found}/${seeds.length} found (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return { case: c, series, seeds: measured, skipped: null };
}

const seedList = Array.from({ length: config.seeds }, (_, i) => ({ seed: i + 1, runs: config.runsCap }));

/** One series' windows on one link, in order, so that a window that finds nothing can stop the deeper ones. */
async function chain(link: Link, series: Series): Promise<Cell[]> {
  const cells: Cell[] = [];
  let dry: number | null = null;
  for (const w of config.windows) {
    const c = dnsCase(link, w, config.shape, series.factor);
    if (dry !== null && config.skip) {
      cells.push({ case: c, series, seeds: [], skipped: `0/${config.seeds} at window ${dry}` });
      continue;
    }
    const cell = await measureCell(c, series, seedList);
    if (cell.seeds.every((s) => !s.found)) dry = w;
    cells.push(cell);
  }
  return cells;
}

const allSeries: Series[] = [
  ...config.strategies.map((strategy) => ({ strategy, factor: config.stepsFactor })),
  ...(config.longFactor > 0 && config.longFactor !== config.stepsFactor ? config.longStrategies.map((strategy) => ({ strategy, factor: config.longFactor })) : []),
];
const jobs: Promise<Cell[]>[] = config.links.flatMap((link) => allSeries.map((s) => chain(link, s)));
if (config.dwfm) jobs.push(...config.strategies.map(async (strategy) => [await measureCell(dwfmCase(), { strategy, factor: config.stepsFactor }, seedList)]));
if (config.manifests) {
  for (const m of manifestCases()) jobs.push(...config.strategies.map(async (strategy) => [await measureCell(m.case, { strategy, factor: 0 }, [{ seed: m.seed, runs: m.runs }])]));
}
const cells = (await Promise.all(jobs)).flat();
await pool.close();
const elapsed = (Date.now() - started) / 1000;

// ---- tables ----
const samples = (cell: Cell, key: 'runs' | 'ms'): Sample[] => cell.seeds.map((s) => ({ value: s[key], found: s.found }));
const cellOf = (group: string, window: number | null, series: Series) => cells.find((c) => c.case.group === group && c.case.window === window && c.series.strategy === series.strategy && c.series.factor === series.factor);
const runsMedian = (cell: Cell | undefined): Bounded | null => (cell && cell.seeds.length > 0 ? median(samples(cell, 'runs')) : null);
const foundOf = (cell: Cell | undefined) => (cell ? `${cell.seeds.filter((s) => s.found).length}/${cell.seeds.length}` : '—');

const lines: string[] = [];
const say = (s = '') => lines.push(s);
say(`<!-- written by bench/strategies.ts (npm run bench:strategies); do not edit by hand -->`);
say(`DNS at enactors=${config.shape.enactors}, endpoints=${config.shape.endpoints}; runs of ${config.stepsFactor} × the shortest counterexample unless marked; DWFM with its manifest's budget. Seeds 1..${config.seeds}; caps per seed: ${config.runsCap.toLocaleString('en-US')} runs or ${config.timeCapMs.toLocaleString('en-US')} ms of search. "> n": a lower bound (seeds that found nothing count as what they ran). ${config.workers} worker threads; ${Math.round(elapsed)} s in all.`);

for (const link of config.links) {
  const group = `dns/${link}`;
  say();
  say(`### DNS race on the ${link} link (${link === 'stack' ? 'as-2025' : 'as-2025-queue'} / endpoint-never-empty)`);
  say();
  say('| window | shortest | strategy | max steps | found | runs: median | runs: worst | ms: median | ms: worst | uniform ÷ these (runs) | run length as found |');
  say('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const w of config.windows) {
    for (const series of allSeries) {
      const cell = cellOf(group, w, series)!;
      const head = `| ${w} | ${cell.case.shortest} | ${seriesName(series)} | ${cell.case.maxSteps}`;
      if (cell.skipped) {
        say(`${head} | not run (${cell.skipped}) | | | | | | |`);
        continue;
      }
      const found = cell.seeds.filter((s) => s.found);
      const runs = samples(cell, 'runs');
      const ms = samples(cell, 'ms');
      const uniform = runsMedian(cellOf(group, w, { strategy: 'uniform', factor: series.factor }));
      const vs = series.strategy === 'uniform' || !uniform ? '' : formatRatio(ratio(uniform, median(runs)));
      const lengths = found.map((s) => s.steps ?? 0);
      const len = lengths.length === 0 ? '—' : `${Math.min(...lengths)}–${Math.max(...lengths)}`;
      say(`${head} | ${found.length}/${cell.seeds.length} | ${formatBounded(median(runs))} | ${formatBounded(worst(runs))} | ${formatBounded(median(ms))} | ${formatBounded(worst(ms))} | ${vs} | ${len} |`);
    }
  }
}

if (config.dwfm) {
  const c = dwfmCase();
  say();
  say(`### DWFM collapse (as-2025 / leases-make-progress, runs of at most ${c.maxSteps} steps)`);
  say();
  say('| strategy | found | runs: median | runs: worst | ms: median | ms: worst | run length as found |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  for (const strategy of config.strategies) {
    const cell = cellOf('dwfm', null, { strategy, factor: config.stepsFactor })!;
    const lengths = cell.seeds.filter((s) => s.found).map((s) => s.steps ?? 0);
    say(`| ${strategy} | ${foundOf(cell)} | ${formatBounded(median(samples(cell, 'runs')))} | ${formatBounded(worst(samples(cell, 'runs')))} | ${formatBounded(median(samples(cell, 'ms')))} | ${formatBounded(worst(samples(cell, 'ms')))} | ${lengths.length === 0 ? '—' : `${Math.min(...lengths)}–${Math.max(...lengths)}`} |`);
  }
}

if (config.manifests) {
  say();
  say(`### Every manifest counterexample, with the manifest's seed, runs and run length: runs to the first counterexample`);
  say();
  say(`| model | variant | property | runs / max steps | ${config.strategies.join(' | ')} |`);
  say(`|---|---|---|---:|${config.strategies.map(() => '---:').join('|')}|`);
  for (const m of manifestCases()) {
    const row = config.strategies.map((strategy) => {
      const cell = cells.find((x) => x.case.group === 'manifest' && x.case.model === m.case.model && x.case.variant === m.case.variant && x.case.property === m.case.property && x.series.strategy === strategy);
      const s = cell?.seeds[0];
      if (!s) return '—';
      return s.found ? s.runs.toLocaleString('en-US') : `none in ${s.runs.toLocaleString('en-US')}${s.timedOut ? ` (${config.timeCapMs / 1000} s cap)` : ''}`;
    });
    say(`| ${m.case.model} | ${m.case.variant} | ${m.case.property} | ${m.runs.toLocaleString('en-US')} / ${m.case.maxSteps} | ${row.join(' | ')} |`);
  }
}

// ---- the issue's goals, as measured ----
say();
say('### Against the goals');
say();
for (const link of config.links) {
  const group = `dns/${link}`;
  const deepest = config.windows.at(-1)!;
  for (const factor of [...new Set(allSeries.map((s) => s.factor))]) {
    const mix = runsMedian(cellOf(group, deepest, { strategy: 'mix', factor }));
    const uni = runsMedian(cellOf(group, deepest, { strategy: 'uniform', factor }));
    if (!mix && !uni) continue;
    const verdict = mix && uni ? formatRatio(ratio(uni, mix)) : 'not measured';
    say(`- ${link} link, window ${deepest}, runs of ${factor} × shortest: uniform ${uni ? formatBounded(uni) : `not run (${cellOf(group, deepest, { strategy: 'uniform', factor })?.skipped ?? '—'})`}, mix ${mix ? formatBounded(mix) : `not run (${cellOf(group, deepest, { strategy: 'mix', factor })?.skipped ?? '—'})`} runs (median); uniform's ÷ mix's: ${verdict} (goal: at least 10×).`);
  }
  for (const series of allSeries) {
    const pts = config.windows.map((w) => ({ window: w, median: runsMedian(cellOf(group, w, series)) })).filter((p): p is { window: number; median: Bounded } => p.median !== null);
    const slope = growthSlope(pts);
    const allExact = pts.length === config.windows.length && pts.every((p) => !p.median.lowerBound);
    const what = slope ? `median runs grow as window^${slope.slope.toFixed(2)} from window ${slope.from} to ${slope.to}${allExact ? (slope.slope <= 1 ? ' (at most linear)' : ' (faster than linear)') : ', then it stops finding it for most seeds within the caps'}` : 'fewer than two windows with an exact median';
    say(`  - ${seriesName(series)}: ${what}.`);
  }
  const shallow = config.windows[0]!;
  const shallowRow = allSeries.map((s) => `${seriesName(s)} ${foundOf(cellOf(group, shallow, s))}`).join(', ');
  say(`  - window ${shallow}, seeds that found it: ${shallowRow}.`);
}
const report = lines.join('\n');
console.log(report);

// ---- files ----
mkdirSync(outDir, { recursive: true });
const json = {
  about: 'bench/strategies.ts: per seed, runs and ms of search to the first counterexample (found: false = nothing within the caps)',
  config: { ...config, elapsedSeconds: Math.round(elapsed) },
  cells: cells.map((c) => ({ group: c.case.group, model: c.case.model, variant: c.case.variant, property: c.case.property, params: c.case.params, window: c.case.window, shortest: c.case.shortest, maxSteps: c.case.maxSteps, strategy: c.series.strategy, skipped: c.skipped, seeds: c.seeds })),
};
writeFileSync(join(outDir, 'strategies-bench.json'), `${JSON.stringify(json, null, 1)}\n`);
writeFileSync(join(outDir, 'strategies-bench.md'), `${report}\n`);

const panels: ChartPanel[] = config.links.map((link) => ({
  title: `${link} link (${link === 'stack' ? 'as-2025' : 'as-2025-queue'})`,
  series: allSeries.map((series) => ({
    name: seriesName(series),
    points: config.windows.flatMap((w) => {
      const cell = cellOf(`dns/${link}`, w, series);
      if (!cell || cell.seeds.length === 0) return [];
      const runs = samples(cell, 'runs');
      const m = median(runs);
      const wst = worst(runs);
      return [{ x: w, y: m.value, atLeast: m.lowerBound, low: Math.min(...runs.map((r) => r.value)), high: wst.value, highAtLeast: wst.lowerBound }];
    }),
  })),
}));
if (panels.length > 0) {
  const long = `${config.longFactor}× runs`;
  const svg = lineChartSvg(panels, {
    title: 'DNS race: runs to the first counterexample, by strategy',
    subtitle: `enactors=${config.shape.enactors} endpoints=${config.shape.endpoints}; runs of ${config.stepsFactor} × the shortest counterexample unless marked; ${config.seeds} seeds; caps ${config.runsCap.toLocaleString('en-US')} runs or ${config.timeCapMs / 1000} s a seed`,
    xLabel: 'clean-up window (generations)',
    yLabel: 'runs to the first counterexample (median)',
    styles: {
      uniform: { colour: '#D55E00', dash: '6 3' },
      swarm: { colour: '#009E73', dash: '2 3' },
      pct: { colour: '#0072B2' },
      mix: { colour: '#000000' },
      [`uniform, ${long}`]: { colour: '#E69F00', dash: '10 3 2 3' },
      [`mix, ${long}`]: { colour: '#888888', dash: '10 3 2 3' },
    },
  });
  writeFileSync(join(outDir, 'strategies-bench.svg'), svg);
}
log(`wrote strategies-bench.{json,md,svg} to ${outDir} (${Math.round(elapsed)} s)`);
