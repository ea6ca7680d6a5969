/**
 * `npm run bench:strategies`: every scheduling strategy (engine/hunt/strategy.ts, the CLI's
 * `--strategy` values) side by side on every case, in one run: for each, the seeds that found the
 * bug, the median runs and the median milliseconds to the first counterexample.
 *
 *   npm run bench:strategies                 # the full report (about 20 min on 2 cores)
 *   npm run bench:strategies -- --quick      # a few minutes: 5 seeds, windows 5 and 10, small caps
 *   npm run bench:strategies -- --windows 20 --strategies cover,auto --no-manifests --no-zoo
 *
 * Cases:
 * - the DNS race on the queue link (as-2025-queue / endpoint-never-empty) at the model's default
 *   shape (3 enactors, 4 endpoints) and clean-up windows 5, 10, 20, 40, with runs 3 × the shortest
 *   counterexample (models/dns/depth.ts), as the DNS manifest sizes them (`--links stack` adds the
 *   stack link);
 * - every counterexample the DNS and DWFM manifests expect, at the manifest's runs and run length;
 * - every bug of the zoo (models/zoo, bench/zoo.ts's corpus) at racehunt's default budget, the
 *   budget the issue's goal names;
 * - and what the default's prove phase costs: every zoo property that holds, hunted by `auto`
 *   (a proof) and by `cover` (sampling), seed 1 (the prove phase draws nothing at random).
 *
 * Each cell hunts seeds 1..N (20), searching only: the failing run is not shrunk, since shrinking
 * is the same for every strategy. A seed is capped by runs and, for DNS and DWFM, by CPU time of
 * search (--cpu-cap for the windows, 4 s; --manifest-cpu-cap for manifest bugs, 2 s); the prove
 * phase of `auto` is not cut short, and its time counts. Times are CPU time of the worker process
 * running the hunt (strategies-pool.ts), so that other work on a shared machine slows the bench
 * down but changes little of what it measures (wall times are in the JSON). A seed that finds
 * nothing counts as what it ran, a lower bound, and so do the medians it affects ("> n"). Once a
 * strategy finds nothing for any seed at one window, its deeper windows are not run (--no-skip
 * runs them anyway). One hunt per worker process, one worker per core.
 *
 * Writes strategies-bench.json (every seed), strategies-bench.md (every table) and
 * strategies-bench.svg (the chart) to --out: docs/ for a plain run, which also regenerates the
 * tables of docs/strategies.md (between its bench:strategies markers); a temporary folder otherwise.
 */
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGET, STRATEGIES, isStrategy, type StrategyName } from '../engine/index.ts';
import { DEFAULT_PROVE_BUDGET } from '../engine/hunt/budget.ts';
import { zoo } from '../models/zoo/index.ts';
import { lineChartSvg, type ChartPanel } from './chart.ts';
import { dnsCase, manifestCases, type Case, type Link } from './strategies-cells.ts';
import { formatMs, foundCount, measureCell, medianOf, samples, summary, type Cell } from './strategies-measure.ts';
import { Pool } from './strategies-pool.ts';
import { formatBounded, median, worst } from './strategies-stats.ts';
import { zooCases } from './zoo.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    windows: { type: 'string' },
    links: { type: 'string', default: 'queue' },
    strategies: { type: 'string', default: STRATEGIES.join(',') },
    enactors: { type: 'string', default: '3' },
    endpoints: { type: 'string', default: '4' },
    'steps-factor': { type: 'string', default: '3' },
    runs: { type: 'string' },
    'cpu-cap': { type: 'string' },
    'manifest-cpu-cap': { type: 'string' },
    models: { type: 'string', default: 'dns,dwfm' },
    workers: { type: 'string' },
    'no-manifests': { type: 'boolean', default: false },
    'no-zoo': { type: 'boolean', default: false },
    'no-skip': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const fail = (message: string): never => {
  console.error(`bench:strategies: ${message}`);
  process.exit(2);
};
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
const positive = (s: string, name: string) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} takes a positive integer, got "${s}"`);
  return n;
};
const quick = values.quick;
const config = {
  seeds: positive(values.seeds ?? (quick ? '5' : '20'), 'seeds'),
  windows: list(values.windows ?? (quick ? '5,10' : '5,10,20,40')).map((w) => positive(w, 'windows')),
  links: list(values.links).map((l) =>
    l === 'stack' || l === 'queue' ? (l as Link) : fail(`--links takes stack and/or queue, got "${l}"`),
  ),
  strategies: list(values.strategies).map((s) =>
    isStrategy(s) ? s : fail(`unknown strategy "${s}" (known: ${STRATEGIES.join(', ')})`),
  ),
  shape: { enactors: positive(values.enactors, 'enactors'), endpoints: positive(values.endpoints, 'endpoints') },
  stepsFactor: positive(values['steps-factor'], 'steps-factor'),
  runsCap: positive(values.runs ?? (quick ? '5000' : '50000'), 'runs'),
  cpuCapMs: positive(values['cpu-cap'] ?? (quick ? '1500' : '4000'), 'cpu-cap'),
  manifestCpuCapMs: positive(values['manifest-cpu-cap'] ?? (quick ? '1000' : '2000'), 'manifest-cpu-cap'),
  models: values['no-manifests'] ? [] : list(values.models),
  zoo: !values['no-zoo'],
  workers: positive(values.workers ?? String(Math.min(2, availableParallelism())), 'workers'),
  skip: !values['no-skip'],
};
const outDir = values.out ?? (process.argv.length > 2 ? join(tmpdir(), 'racehunt-bench') : 'docs');
const seedList = Array.from({ length: config.seeds }, (_, i) => i + 1);
const caps = { runs: config.runsCap, cpuCapMs: config.cpuCapMs };

const started = Date.now();
// The machine may be shared: its load before and after says how far the times can be trusted.
const loadBefore = loadavg()[0] ?? 0;
const clock = () => `${Math.round((Date.now() - started) / 1000)} s`;
const log = (s: string) => process.stderr.write(`${s}\n`);
const pool = new Pool(config.workers);
log(
  `bench:strategies: ${config.strategies.join(', ')}; seeds 1..${config.seeds}; caps a seed: windows ${config.runsCap.toLocaleString('en-US')} runs or ${config.cpuCapMs} ms of search (CPU time), manifest bugs their runs or ${config.manifestCpuCapMs} ms, zoo ${(DEFAULT_BUDGET.runs ?? 1000).toLocaleString('en-US')} runs; ${config.workers} worker processes; writing to ${outDir}`,
);

const nameOf = (c: Case) =>
  c.window === null ? `${c.model} ${c.variant} / ${c.property}` : `${c.group} window ${c.window}`;
async function cell(c: Case, strategy: StrategyName, seeds: readonly number[] = seedList): Promise<Cell> {
  const t0 = Date.now();
  const measured = await measureCell(pool, c, strategy, seeds);
  log(
    `  [${clock()}] ${nameOf(c)}, ${strategy}: ${foundCount(measured)}/${seeds.length} found (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return measured;
}

/** The windows of each link, one case each, that every strategy's cells share. */
const windowCases = new Map(
  config.links.map((link) => [
    link,
    config.windows.map((w) => dnsCase(link, w, config.shape, config.stepsFactor, caps)),
  ]),
);

/** One strategy's windows on one link, in order, so that a window where it finds nothing stops the deeper ones. */
async function chain(link: Link, strategy: StrategyName): Promise<Cell[]> {
  const out: Cell[] = [];
  let dry: number | null = null;
  for (const c of windowCases.get(link) ?? []) {
    const w = c.window;
    if (dry !== null && config.skip) {
      out.push({ case: c, strategy, seeds: [], skipped: `0/${config.seeds} at window ${dry}` });
      continue;
    }
    const measured = await cell(c, strategy);
    if (foundCount(measured) === 0) dry = w;
    out.push(measured);
  }
  return out;
}

const modelsName = config.models.map((m) => m.toUpperCase()).join(' and ');
const manifest = manifestCases(config.models, 'counterexample', {
  group: 'manifest',
  budget: 'manifest',
  cpuCapMs: config.manifestCpuCapMs,
});
const zooBugs = config.zoo ? zooCases('default') : [];
const zooHolds = config.zoo
  ? manifestCases(Object.keys(zoo), 'holds', { group: 'proof', budget: 'default', cpuCapMs: null })
  : [];
const proofStrategies = config.strategies.filter((s): s is StrategyName => s === 'auto' || s === 'cover');
const jobs: Promise<Cell[]>[] = [
  ...config.links.flatMap((link) => config.strategies.map((s) => chain(link, s))),
  ...[...manifest, ...zooBugs].flatMap((c) => config.strategies.map(async (s) => [await cell(c, s)])),
  ...zooHolds.flatMap((c) => proofStrategies.map(async (s) => [await cell(c, s, [1])])),
];
const cells = (await Promise.all(jobs)).flat();
await pool.close();
const elapsed = Math.round((Date.now() - started) / 1000);
const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;

// ---- tables ----
const cellOf = (c: Case, s: StrategyName) => cells.find((x) => x.case === c && x.strategy === s);
const windowsOf = (link: Link) => windowCases.get(link) ?? [];
const strategyHead = (s: StrategyName) =>
  s === 'auto' ? 'auto (default)' : s === 'uniform' ? 'uniform (fc.commands)' : s;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`;

/** Cases as rows, strategies as columns: "found · median runs · median ms". */
function sideBySide(cases: readonly Case[], lead: (c: Case) => string[], leadHead: string[]): string {
  const head = `| ${[...leadHead, ...config.strategies.map(strategyHead)].join(' | ')} |`;
  const rule = `|${leadHead.map(() => '---').join('|')}|${config.strategies.map(() => '---').join('|')}|`;
  return [
    head,
    rule,
    ...cases.map((c) => `| ${[...lead(c), ...config.strategies.map((s) => summary(cellOf(c, s)))].join(' | ')} |`),
  ].join('\n');
}

const windowTable = (link: Link) =>
  sideBySide(windowsOf(link), (c) => [String(c.window), String(c.shortest), String(c.maxSteps)], [
    'window',
    'shortest',
    'max steps',
  ]);
const manifestTable = () =>
  sideBySide(manifest, (c) => [c.model, c.variant, c.property, `${c.runs.toLocaleString('en-US')} / ${c.maxSteps}`], [
    'model',
    'variant',
    'property',
    'runs / max steps',
  ]);
const zooSideTable = () =>
  sideBySide(zooBugs, (c) => [c.model, c.variant, c.property, String(c.shortest ?? '—')], [
    'model',
    'variant',
    'property',
    'shortest',
  ]);

/** Per strategy over a set of cases: bugs found for every seed, and seeds found in all. */
function tally(cases: readonly Case[]): string {
  const head = `| | ${config.strategies.map(strategyHead).join(' | ')} |`;
  const rule = `|---|${config.strategies.map(() => '---:').join('|')}|`;
  const every = config.strategies.map((s) => {
    const cs = cases.map((c) => cellOf(c, s)).filter((x): x is Cell => x !== undefined && x.skipped === null);
    return `${cs.filter((x) => foundCount(x) === x.seeds.length).length} of ${cases.length}`;
  });
  const seedsFound = config.strategies.map((s) => {
    const cs = cases.map((c) => cellOf(c, s)).filter((x): x is Cell => x !== undefined);
    return `${cs.reduce((n, x) => n + foundCount(x), 0)} of ${cases.length * config.seeds}`;
  });
  return [
    head,
    rule,
    `| bugs found for all ${config.seeds} seeds | ${every.join(' | ')} |`,
    `| seeds that found their bug | ${seedsFound.join(' | ')} |`,
  ].join('\n');
}

/** The default's prove phase, per group: how often it decided, what it explored, what it cost. */
function proveTable(): string {
  const groups: [string, readonly Case[]][] = [
    ...config.links.map((l): [string, readonly Case[]] => [
      `DNS race, ${l} link, windows ${config.windows.join(', ')}`,
      windowsOf(l),
    ]),
    [`${modelsName} manifest bugs`, manifest],
    [`zoo bugs (default budget)`, zooBugs],
  ];
  const rows = groups
    .filter(([, cs]) => cs.length > 0)
    .map(([name, cs]) => {
      const seeds = cs.flatMap((c) => cellOf(c, 'auto')?.seeds ?? []);
      if (seeds.length === 0) return null;
      const byProve = seeds.filter((s) => s.decidedBy === 'prove');
      const gaveUp = seeds.filter((s) => s.decidedBy !== 'prove');
      const med = (xs: readonly number[]) =>
        xs.length === 0 ? '—' : formatMs(median(xs.map((value) => ({ value, found: true }))));
      return `| ${name} | ${byProve.length} of ${seeds.length} | ${med(byProve.map((s) => s.ms))} | ${med(gaveUp.map((s) => s.proveMs))} |`;
    })
    .filter((r): r is string => r !== null);
  const head =
    '| cases | seeds settled by the prove phase | median ms when it settles | median ms it costs before sampling, when it does not |';
  return [head, '|---|---:|---:|---:|', ...rows].join('\n');
}

/** Every zoo property that holds: auto's proof against cover's "none found in 1,000 runs", seed 1. */
function proofTable(): string {
  const head = `| model | variant | property | ${proofStrategies.map((s) => `${s}: verdict · ms`).join(' | ')} |`;
  const rule = `|---|---|---|${proofStrategies.map(() => '---').join('|')}|`;
  const rows = zooHolds.map((c) => {
    const row = proofStrategies.map((s) => {
      const r = cellOf(c, s)?.seeds[0];
      if (!r) return '—';
      const verdict =
        r.provedStates !== null
          ? `proved in ${r.provedStates.toLocaleString('en-US')} states`
          : r.found
            ? 'counterexample'
            : `none found in ${r.runs.toLocaleString('en-US')} runs`;
      return `${verdict} · ${formatMs({ value: r.ms, lowerBound: false })}`;
    });
    return `| ${c.model} | ${c.variant} | ${c.property} | ${row.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** Every seed's detail for the windows: worst cases, timeouts, run lengths as found. */
function windowDetail(link: Link): string {
  const head =
    '| window | strategy | found | timed out | runs: median | runs: worst | ms: median | ms: worst | run length as found |';
  const rows = windowsOf(link).flatMap((c) =>
    config.strategies.map((s) => {
      const x = cellOf(c, s);
      if (!x || x.skipped) return `| ${c.window} | ${s} | not run${x?.skipped ? ` (${x.skipped})` : ''} | | | | | | |`;
      const lengths = x.seeds.filter((r) => r.found).map((r) => r.steps ?? 0);
      return `| ${c.window} | ${s} | ${foundCount(x)}/${x.seeds.length} | ${x.seeds.filter((r) => r.timedOut).length} | ${formatBounded(medianOf(x, 'runs'))} | ${formatBounded(worst(samples(x, 'runs')))} | ${formatMs(medianOf(x, 'ms'))} | ${formatMs(worst(samples(x, 'ms')))} | ${lengths.length === 0 ? '—' : `${Math.min(...lengths)}–${Math.max(...lengths)}`} |`;
    }),
  );
  return [head, '|---:|---|---:|---:|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

/** The issue's goals, as measured: one line each, for the default strategy. */
function goals(): string[] {
  const out: string[] = [];
  const auto = (c: Case) => cellOf(c, 'auto');
  if (zooBugs.length > 0 && config.strategies.includes('auto')) {
    const missed = zooBugs.filter((c) => {
      const x = auto(c);
      return !x || foundCount(x) < x.seeds.length;
    });
    out.push(
      `- Zoo, default strategy and budget (${(DEFAULT_BUDGET.runs ?? 1000).toLocaleString('en-US')} runs of ≤ ${DEFAULT_BUDGET.maxSteps} steps), every bug for ${config.seeds}/${config.seeds} seeds: ${missed.length === 0 ? `**met**: ${zooBugs.length} of ${zooBugs.length} bugs` : `**not met**: ${zooBugs.length - missed.length} of ${zooBugs.length}; missed: ${missed.map((c) => `${c.model} ${c.variant} / ${c.property} (${summary(auto(c))})`).join('; ')}`}.`,
    );
  }
  for (const link of config.links) {
    const ws = windowsOf(link).filter((c) => auto(c) !== undefined);
    if (ws.length === 0) continue;
    const all = ws.every((c) => {
      const x = auto(c)!;
      return x.skipped === null && foundCount(x) === x.seeds.length;
    });
    const per = ws.map((c) => `window ${c.window}: ${summary(auto(c))}`).join('; ');
    out.push(
      `- DNS race, ${link} link, ${config.seeds}/${config.seeds} seeds at every window: ${all ? '**met**' : '**not met**'} (${per}; found · median runs · median ms).`,
    );
    const w20 = ws.find((c) => c.window === 20);
    const x20 = w20 && auto(w20);
    if (x20 && x20.skipped === null) {
      const m = medianOf(x20, 'ms');
      out.push(
        `- DNS race, ${link} link, median under 1 s at window 20: ${!m.lowerBound && m.value < 1000 ? '**met**' : '**not met**'} (median ${formatMs(m)}).`,
      );
    }
  }
  if (manifest.length > 0 && config.strategies.includes('auto')) {
    const missed = manifest.filter((c) => {
      const x = auto(c);
      return !x || foundCount(x) < x.seeds.length;
    });
    out.push(
      `- ${modelsName} manifest bugs, default strategy at each manifest's runs and run length, seeds 1..${config.seeds}: ${manifest.length - missed.length} of ${manifest.length} found for every seed${missed.length > 0 ? `; not for every seed: ${missed.map((c) => `${c.model} ${c.variant} / ${c.property} (${summary(auto(c))})`).join('; ')}` : ''}. (That each manifest outcome is unchanged at its own seed is the tests' to assert, not this benchmark's.)`,
    );
  }
  return out;
}

const header = `Seeds 1..${config.seeds} a cell, searching only (no shrinking). DNS: enactors=${config.shape.enactors}, endpoints=${config.shape.endpoints}, runs of ${config.stepsFactor} × the shortest counterexample, caps ${config.runsCap.toLocaleString('en-US')} runs or ${(config.cpuCapMs / 1000).toFixed(1)} s of search a seed; DNS and DWFM manifest bugs: the manifest's runs and run length, capped at ${(config.manifestCpuCapMs / 1000).toFixed(1)} s of search a seed; zoo: racehunt's default budget (${(DEFAULT_BUDGET.runs ?? 1000).toLocaleString('en-US')} runs of at most ${DEFAULT_BUDGET.maxSteps} steps), no time cap. \`auto\` first explores up to ${DEFAULT_PROVE_BUDGET.toLocaleString('en-US')} states (not capped; its time counts). Milliseconds are CPU time of the hunt's worker process (on a quiet machine, its wall time; the JSON has wall times too). A cell is "found · median runs · median ms"; "> n": a lower bound (seeds that found nothing count as what they ran). ${config.workers} worker processes on ${machine} (${load}); ${elapsed} s in all.`;

const summaryLines: string[] = [];
const say = (s = '') => summaryLines.push(s);
say(`<!-- written by bench/strategies.ts (npm run bench:strategies); do not edit by hand -->`);
say(header);
for (const link of config.links) {
  say();
  say(`#### DNS race on the ${link} link (${link === 'stack' ? 'as-2025' : 'as-2025-queue'} / endpoint-never-empty)`);
  say();
  say(windowTable(link));
}
if (manifest.length > 0) {
  say();
  say(`#### Every counterexample of the ${modelsName} manifests`);
  say();
  say(manifestTable());
  say();
  say(tally(manifest));
}
if (zooBugs.length > 0) {
  say();
  say('#### Every bug of the zoo, at the default budget');
  say();
  say(zooSideTable());
  say();
  say(tally(zooBugs));
}
if (config.strategies.includes('auto')) {
  say();
  say("#### What the default's prove phase costs");
  say();
  say(proveTable());
  if (zooHolds.length > 0 && proofStrategies.length > 0) {
    say();
    say(`Every zoo property that holds, seed 1 (the prove phase draws nothing at random):`);
    say();
    say(proofTable());
  }
}
const goalLines = goals();
if (goalLines.length > 0) {
  say();
  say('#### Against the goals, as measured');
  say();
  goalLines.forEach((l) => say(l));
}
const summaryText = summaryLines.join('\n');

const detail = [
  summaryText,
  ...config.links.flatMap((l) => ['', `#### Every window on the ${l} link, in detail`, '', windowDetail(l)]),
].join('\n');
console.log(detail);

// ---- files ----
mkdirSync(outDir, { recursive: true });
const json = {
  about:
    'bench/strategies.ts: per seed, runs and ms to the first counterexample (found: false = nothing within the caps); decidedBy "prove": settled by auto\'s exhaustive phase',
  config: { ...config, machine, load, elapsedSeconds: elapsed },
  cells: cells.map((c) => ({ ...c.case, strategy: c.strategy, skipped: c.skipped, seeds: c.seeds })),
};
writeFileSync(join(outDir, 'strategies-bench.json'), `${JSON.stringify(json)}\n`);
writeFileSync(join(outDir, 'strategies-bench.md'), `${detail}\n`);

const panels: ChartPanel[] = config.links.flatMap((link) =>
  (['runs', 'ms'] as const).map((key) => ({
    title: `${link} link (${link === 'stack' ? 'as-2025' : 'as-2025-queue'}): ${key === 'runs' ? 'runs' : 'milliseconds'}`,
    yLabel: key === 'runs' ? 'runs to the first counterexample (median)' : 'ms to the first counterexample (median)',
    series: config.strategies.map((strategy) => ({
      name: strategyHead(strategy),
      points: windowsOf(link).flatMap((c) => {
        const x = cellOf(c, strategy);
        if (!x || x.seeds.length === 0) return [];
        const s = samples(x, key);
        const m = median(s);
        const w = worst(s);
        return [
          {
            x: c.window ?? 0,
            y: m.value,
            atLeast: m.lowerBound,
            low: Math.min(...s.map((r) => r.value)),
            high: w.value,
            highAtLeast: w.lowerBound,
          },
        ];
      }),
    })),
  })),
);
if (panels.length > 0) {
  const svg = lineChartSvg(panels, {
    title: 'DNS race: the first counterexample, by strategy',
    subtitle: `enactors=${config.shape.enactors} endpoints=${config.shape.endpoints}; runs of ${config.stepsFactor} × the shortest counterexample; seeds 1..${config.seeds}; caps ${config.runsCap.toLocaleString('en-US')} runs or ${config.cpuCapMs / 1000} s of search (CPU time) a seed`,
    xLabel: 'clean-up window (generations)',
    yLabel: '',
    independentY: true,
    styles: {
      'uniform (fc.commands)': { colour: '#D55E00', dash: '6 3' },
      swarm: { colour: '#009E73', dash: '2 3' },
      pct: { colour: '#0072B2' },
      mix: { colour: '#888888', dash: '10 3 2 3' },
      cover: { colour: '#CC79A7' },
      'auto (default)': { colour: '#000000' },
    },
  });
  writeFileSync(join(outDir, 'strategies-bench.svg'), svg);
}

// docs/strategies.md keeps its words; its tables are this run's.
if (outDir === 'docs') {
  const file = 'docs/strategies.md';
  const begin = '<!-- bench:strategies begin -->';
  const end = '<!-- bench:strategies end -->';
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) {
    log(`${file}: no "${begin}" … "${end}" markers; its tables were not regenerated`);
    process.exitCode = 1;
  } else {
    writeFileSync(`${file}.tmp`, `${text.slice(0, a + begin.length)}\n${summaryText}\n${text.slice(b)}`);
    renameSync(`${file}.tmp`, file);
  }
}
log(
  `wrote strategies-bench.{json,md,svg} to ${outDir}${outDir === 'docs' ? ' and the tables of docs/strategies.md' : ''} (${elapsed} s)`,
);
