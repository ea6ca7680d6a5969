/**
 * `npm run bench:strategies`: how many runs, and how many milliseconds, each scheduling strategy
 * (engine/strategy.ts) needs to find its first counterexample, as the race gets deeper.
 *
 *   npm run bench:strategies                 # the full table and chart (about 15 min on 2 cores)
 *   npm run bench:strategies -- --quick      # a 2-minute version (5 seeds, windows 2, 5, 10)
 *   npm run bench:strategies -- --links stack --windows 5,10,20 --enactors 3 --endpoints 4
 *
 * Cases: the DNS race (endpoint-never-empty) on both planner/enactor links, as-2025 (stack) and
 * as-2025-queue, at clean-up windows 2, 5, 10, 20 and 40; and the DWFM collapse (as-2025 /
 * leases-make-progress with its manifest's budget). Each (case, strategy) cell hunts seeds 1..N,
 * searching only (the failing run is not shrunk), with the same run length for every strategy:
 * steps-factor × the shortest counterexample (models/dns/depth.ts), as the DNS manifest does (60 =
 * 3 × 20). Each seed is capped by runs and by time; a seed that finds nothing within its caps
 * counts as a lower bound, and so do the medians and ratios it affects (printed "> n"). Once a
 * strategy finds nothing for any seed at one window, its deeper windows are not run (--no-skip runs
 * them anyway). Timings are wall time in a worker thread, one hunt per core.
 *
 * Writes strategies-bench.json (every seed) and strategies-bench.svg (the chart) to --out: docs/
 * for the full run, a temporary folder for --quick unless --out is given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { STRATEGIES, isStrategy, type StrategyName } from '../engine/strategy.ts';
import { lineChartSvg, type ChartPanel } from './chart.ts';
import { dnsCase, dwfmCase, type Case, type Link, type Measured } from './strategies-cells.ts';
import { Pool } from './strategies-pool.ts';
import { formatBounded, formatRatio, growthSlope, median, ratio, worst, type Bounded, type Sample } from './strategies-stats.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    windows: { type: 'string' },
    links: { type: 'string', default: 'stack,queue' },
    strategies: { type: 'string', default: STRATEGIES.join(',') },
    enactors: { type: 'string', default: '2' },
    endpoints: { type: 'string', default: '1' },
    'steps-factor': { type: 'string', default: '3' },
    runs: { type: 'string' },
    'time-cap': { type: 'string' },
    workers: { type: 'string' },
    'no-dwfm': { type: 'boolean', default: false },
    'no-skip': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const quick = values.quick;
const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
const config = {
  seeds: Number(values.seeds ?? (quick ? 5 : 20)),
  windows: list(values.windows ?? (quick ? '2,5,10' : '2,5,10,20,40')).map(Number),
  links: list(values.links).map((l) => {
    if (l !== 'stack' && l !== 'queue') throw new Error(`--links takes stack and/or queue, got "${l}"`);
    return l as Link;
  }),
  strategies: list(values.strategies).map((s) => {
    if (!isStrategy(s)) throw new Error(`unknown strategy "${s}" (known: ${STRATEGIES.join(', ')})`);
    return s as StrategyName;
  }),
  shape: { enactors: Number(values.enactors), endpoints: Number(values.endpoints) },
  stepsFactor: Number(values['steps-factor']),
  runsCap: Number(values.runs ?? (quick ? 5_000 : 100_000)),
  timeCapMs: Number(values['time-cap'] ?? (quick ? 600 : 2_500)),
  workers: Number(values.workers ?? Math.min(2, availableParallelism())),
  dwfm: !values['no-dwfm'],
  skip: !values['no-skip'],
};
const outDir = values.out ?? (quick ? join(tmpdir(), 'racehunt-bench') : 'docs');

interface Cell {
  readonly case: Case;
  readonly strategy: StrategyName;
  /** Per seed, in seed order; empty when skipped. */
  readonly seeds: readonly (Measured & { seed: number })[];
  /** Why the cell was not run (a shallower window found nothing). */
  readonly skipped: string | null;
}

const started = Date.now();
const pool = new Pool(config.workers);
const log = (s: string) => process.stderr.write(`${s}\n`);
log(`bench:strategies: ${config.seeds} seeds a cell, caps ${config.runsCap.toLocaleString('en-US')} runs or ${config.timeCapMs} ms a seed, ${config.workers} workers`);

/** One strategy's windows on one link, in order, so that a window that finds nothing can stop the deeper ones. */
async function chain(cases: readonly Case[], strategy: StrategyName): Promise<Cell[]> {
  const cells: Cell[] = [];
  let dry: number | null = null;
  for (const c of cases) {
    if (dry !== null && config.skip) {
      cells.push({ case: c, strategy, seeds: [], skipped: `0/${config.seeds} at window ${dry}` });
      continue;
    }
    const t0 = Date.now();
    const seeds = await Promise.all(
      Array.from({ length: config.seeds }, (_, i) => i + 1).map(async (seed) => ({ seed, ...(await pool.run({ case: c, strategy, seed, runs: config.runsCap, timeBudgetMs: config.timeCapMs })) })),
    );
    const found = seeds.filter((s) => s.found).length;
    log(`  ${c.group}${c.window === null ? '' : ` window ${c.window}`} ${strategy}: ${found}/${config.seeds} found (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (found === 0 && c.window !== null) dry = c.window;
    cells.push({ case: c, strategy, seeds, skipped: null });
  }
  return cells;
}

const groups: { name: string; cases: Case[] }[] = config.links.map((link) => ({
  name: `dns/${link}`,
  cases: config.windows.map((w) => dnsCase(link, w, config.shape, config.stepsFactor)),
}));
if (config.dwfm) groups.push({ name: 'dwfm', cases: [dwfmCase()] });

const chains = groups.flatMap((g) => config.strategies.map((s) => chain(g.cases, s)));
const cells = (await Promise.all(chains)).flat();
await pool.close();
const elapsed = (Date.now() - started) / 1000;

// ---- statistics ----
const samples = (cell: Cell, key: 'runs' | 'ms'): Sample[] => cell.seeds.map((s) => ({ value: s[key], found: s.found }));
const cellOf = (group: string, window: number | null, strategy: StrategyName) => cells.find((c) => c.case.group === group && c.case.window === window && c.strategy === strategy);
const runsMedian = (cell: Cell | undefined): Bounded | null => (cell && cell.seeds.length > 0 ? median(samples(cell, 'runs')) : null);

const lines: string[] = [];
const say = (s = '') => lines.push(s);
say(`# bench:strategies — runs and ms to the first counterexample`);
say();
say(`DNS: enactors=${config.shape.enactors} endpoints=${config.shape.endpoints}, run length ${config.stepsFactor} × the shortest counterexample; DWFM: its manifest's budget. Seeds 1..${config.seeds}; caps per seed: ${config.runsCap.toLocaleString('en-US')} runs or ${config.timeCapMs} ms of search. "> n": a lower bound (seeds that found nothing count as their caps). ${config.workers} workers; ${elapsed.toFixed(0)} s in all.`);
for (const g of groups) {
  say();
  say(`## ${g.name === 'dwfm' ? 'DWFM collapse (as-2025 / leases-make-progress)' : `DNS race on the ${g.name.slice(4)} link (${g.cases[0]?.variant} / endpoint-never-empty)`}`);
  say();
  say('| window | shortest | max steps | strategy | found | runs: median | runs: worst | ms: median | ms: worst | runs vs uniform | run length as found |');
  say('|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of g.cases) {
    for (const strategy of config.strategies) {
      const cell = cellOf(g.name, c.window, strategy)!;
      const head = `| ${c.window ?? '—'} | ${c.shortest ?? '—'} | ${c.maxSteps} | ${strategy}`;
      if (cell.skipped) {
        say(`${head} | not run (${cell.skipped}) | | | | | | |`);
        continue;
      }
      const found = cell.seeds.filter((s) => s.found);
      const runs = samples(cell, 'runs');
      const ms = samples(cell, 'ms');
      const uniform = runsMedian(cellOf(g.name, c.window, 'uniform'));
      const vs = strategy === 'uniform' || !uniform ? '' : formatRatio(ratio(uniform, median(runs)));
      const lengths = found.map((s) => s.steps ?? 0);
      const len = lengths.length === 0 ? '—' : `${Math.min(...lengths)}–${Math.max(...lengths)}`;
      say(`${head} | ${found.length}/${cell.seeds.length} | ${formatBounded(median(runs))} | ${formatBounded(worst(runs))} | ${formatBounded(median(ms))} | ${formatBounded(worst(ms))} | ${vs} | ${len} |`);
    }
  }
}

// ---- the issue's goals, as measured ----
say();
say('## Against the goals');
say();
for (const g of groups.filter((x) => x.name !== 'dwfm')) {
  const deepest = g.cases.at(-1)!;
  const mix = runsMedian(cellOf(g.name, deepest.window, 'mix'));
  const uni = runsMedian(cellOf(g.name, deepest.window, 'uniform'));
  const deepRatio = mix && uni ? formatRatio(ratio(uni, mix)) : 'not measured';
  say(`- ${g.name}, window ${deepest.window}: uniform needs ${uni ? formatBounded(uni) : '— (not run)'} runs, mix ${mix ? formatBounded(mix) : '— (not run)'}: ${deepRatio} fewer for mix (goal: ≥ 10×).`);
  for (const strategy of config.strategies) {
    const pts = g.cases.map((c) => ({ window: c.window ?? 0, median: runsMedian(cellOf(g.name, c.window, strategy)) })).filter((p): p is { window: number; median: Bounded } => p.median !== null);
    const slope = growthSlope(pts);
    const exactAll = pts.length === g.cases.length && pts.every((p) => !p.median.lowerBound);
    say(`  - ${strategy}: ${slope ? `runs grow as window^${slope.slope.toFixed(2)} from window ${slope.from} to ${slope.to}${exactAll ? '' : ' (then it stops finding it within the caps)'}` : 'fewer than two windows with an exact median'}${slope && slope.slope <= 1 && exactAll ? ' — at most linear' : ''}`);
  }
  const shallow = g.cases[0]!;
  const uniFound = cellOf(g.name, shallow.window, 'uniform')?.seeds.filter((s) => s.found).length ?? 0;
  const others = config.strategies.filter((s) => s !== 'uniform').map((s) => `${s} ${cellOf(g.name, shallow.window, s)?.seeds.filter((x) => x.found).length ?? 0}/${config.seeds}`);
  say(`  - shallowest (window ${shallow.window}): uniform found it for ${uniFound}/${config.seeds} seeds; ${others.join(', ')}.`);
}
const report = lines.join('\n');
console.log(report);

// ---- files ----
mkdirSync(outDir, { recursive: true });
const json = {
  about: 'bench/strategies.ts: per seed, runs and ms of search to the first counterexample (found: false = nothing within the caps)',
  config: { ...config, elapsedSeconds: Math.round(elapsed) },
  cells: cells.map((c) => ({ group: c.case.group, variant: c.case.variant, property: c.case.property, params: c.case.params, window: c.case.window, shortest: c.case.shortest, maxSteps: c.case.maxSteps, strategy: c.strategy, skipped: c.skipped, seeds: c.seeds })),
};
writeFileSync(join(outDir, 'strategies-bench.json'), `${JSON.stringify(json, null, 1)}\n`);

const panels: ChartPanel[] = groups
  .filter((g) => g.name !== 'dwfm')
  .map((g) => ({
    title: `${g.name.slice(4)} link (${g.cases[0]?.variant})`,
    series: config.strategies.map((strategy) => ({
      name: strategy,
      points: g.cases.flatMap((c) => {
        const cell = cellOf(g.name, c.window, strategy);
        if (!cell || cell.seeds.length === 0 || c.window === null) return [];
        const runs = samples(cell, 'runs');
        const m = median(runs);
        const w = worst(runs);
        return [{ x: c.window, y: m.value, atLeast: m.lowerBound, low: Math.min(...runs.map((r) => r.value)), high: w.value, highAtLeast: w.lowerBound }];
      }),
    })),
  }));
if (panels.length > 0) {
  const svg = lineChartSvg(panels, {
    title: 'DNS race: runs to the first counterexample, by strategy',
    subtitle: `enactors=${config.shape.enactors} endpoints=${config.shape.endpoints}; run length ${config.stepsFactor} × shortest; ${config.seeds} seeds, caps ${config.runsCap.toLocaleString('en-US')} runs or ${config.timeCapMs} ms a seed`,
    xLabel: 'clean-up window (generations)',
    yLabel: 'runs to the first counterexample (median)',
    styles: { uniform: { colour: '#D55E00', dash: '6 3' }, swarm: { colour: '#009E73', dash: '2 3' }, pct: { colour: '#0072B2' }, mix: { colour: '#000000' } },
  });
  writeFileSync(join(outDir, 'strategies-bench.svg'), svg);
}
log(`wrote ${join(outDir, 'strategies-bench.json')}${panels.length > 0 ? ` and ${join(outDir, 'strategies-bench.svg')}` : ''} (${elapsed.toFixed(0)} s)`);
