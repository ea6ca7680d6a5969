/**
 * `npm run bench:strategies`: the old default, the new default and every strategy side by side, in
 * one run, on the deep zoo (models/deep), the DNS queue race and the zoo (models/zoo): for each,
 * the seeds that found the bug, the median work (states explored plus steps sampled) and the median
 * seconds to the first counterexample.
 *
 *   npm run bench:strategies                    # the full report: seeds 1..20 (a few hours on 2 busy cores)
 *   npm run bench:strategies -- --quick         # 3 seeds, the new and old defaults only
 *   npm run bench:strategies -- --contenders frontier,old-default --groups deep,queue
 *
 * Contenders:
 * - `old-default`: what a hunt with no flags did before budgets of work: `auto` (50,000 states
 *   breadth-first, then `cover`) with 1,000 runs of at most 50 steps;
 * - every strategy of engine/hunt/strategy.ts at racehunt's default budget of work (300,000 states
 *   and steps), `frontier` being the new default;
 * - `frontier@N`: frontier spending N % of that budget breadth-first instead of the default's share
 *   (engine/hunt/budget.ts PROVE_SHARE is chosen from these columns).
 * Cases, each hunted with no flags but its parameters (runs of at most 50 steps):
 * - `deep`: every bug of the deep zoo, at its default parameters;
 * - `queue`: the DNS race on the queue link (as-2025-queue / endpoint-never-empty) at clean-up
 *   windows 5, 10, 20 and 40 (the race is 11·window + 6 steps deep, models/dns/depth.ts);
 * - `zoo`: every bug of the zoo;
 * - and the verdict on every fix of the deep zoo and every "holds" of the zoo, seed 1: a proof, or
 *   the depth proved (`frontier` and `old-default`).
 *
 * Each hunt searches only: the failing run is not shrunk (shrinking is the same for every
 * contender). Budgets are counted in work or runs, never in time, so what is found does not depend
 * on the machine; seconds are CPU time of the worker process (strategies-pool.ts), which a shared
 * machine inflates less than wall time (wall times are in the JSON).
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
import { DEFAULT_WORK, PROVE_SHARE } from '../engine/hunt/budget.ts';
import { deep } from '../models/deep/index.ts';
import { zoo } from '../models/zoo/index.ts';
import { lineChartSvg, type ChartPanel } from './chart.ts';
import { OLD_DEFAULT_RUNS, dnsCase, manifestCases, type Case } from './strategies-cells.ts';
import { foundCount, formatMs, measureCell, medianOf, samples, type Cell } from './strategies-measure.ts';
import { Pool } from './strategies-pool.ts';
import { formatBounded, median, worst } from './strategies-stats.ts';

/**
 * Who is measured: the old default (auto with 1,000 runs), a strategy at the default work budget,
 * or `frontier@N`: frontier spending N % of that budget breadth-first (the share the default takes
 * is chosen from these columns, engine/hunt/budget.ts).
 */
interface Contender {
  readonly name: string;
  readonly head: string;
  readonly strategy: StrategyName;
  readonly budget: 'runs' | 'work';
  /** The breadth-first share of the budget, when it is not the default's. */
  readonly proveShare?: number;
}
const OLD: Contender = { name: 'old-default', head: 'old default', strategy: 'auto', budget: 'runs' };
const contenderOf = (s: StrategyName): Contender => ({
  name: s,
  head: s === 'frontier' ? 'frontier (new default)' : s === 'uniform' ? 'uniform (fc.commands)' : s,
  strategy: s,
  budget: 'work',
});
const ALL: readonly Contender[] = [OLD, ...STRATEGIES.map(contenderOf)];
/** `frontier@35`: frontier with 35 % of the budget breadth-first. */
function shareContender(name: string): Contender | undefined {
  const m = /^frontier@(\d{1,2})$/.exec(name);
  if (!m) return undefined;
  const percent = Number(m[1]);
  return {
    name,
    head: `frontier, ${percent} % breadth-first`,
    strategy: 'frontier',
    budget: 'work',
    proveShare: percent / 100,
  };
}

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seeds: { type: 'string' },
    windows: { type: 'string' },
    contenders: { type: 'string' },
    groups: { type: 'string', default: 'deep,queue,zoo,proof' },
    workers: { type: 'string' },
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
const contenders = list(values.contenders ?? (quick ? 'old-default,frontier' : ALL.map((c) => c.name).join(','))).map(
  (n) =>
    ALL.find((c) => c.name === n) ??
    shareContender(n) ??
    fail(
      `unknown contender "${n}" (known: old-default, ${STRATEGIES.filter(isStrategy).join(', ')}, frontier@N for N % breadth-first)`,
    ),
);
const groups = new Set(list(values.groups));
const config = {
  seeds: positive(values.seeds ?? (quick ? '3' : '20'), 'seeds'),
  windows: list(values.windows ?? '5,10,20,40').map((w) => positive(w, 'windows')),
  workers: positive(values.workers ?? String(Math.min(2, availableParallelism())), 'workers'),
};
const outDir = values.out ?? (process.argv.length > 2 ? join(tmpdir(), 'racehunt-bench') : 'docs');
const seedList = Array.from({ length: config.seeds }, (_, i) => i + 1);
const maxSteps = DEFAULT_BUDGET.maxSteps;

const started = Date.now();
const loadBefore = loadavg()[0] ?? 0;
const clock = () => `${Math.round((Date.now() - started) / 1000)} s`;
const log = (s: string) => process.stderr.write(`${s}\n`);
const pool = new Pool(config.workers);
log(
  `bench:strategies: ${contenders.map((c) => c.name).join(', ')}; seeds 1..${config.seeds}; ${[...groups].join(', ')}; ${config.workers} worker processes; writing to ${outDir}`,
);

// ---- cases ----
const noFlags = (c: Case): Case => ({ ...c, maxSteps, runs: OLD_DEFAULT_RUNS, cpuCapMs: null });
const deepBugs = groups.has('deep')
  ? manifestCases(Object.keys(deep), 'counterexample', {
      group: 'deep',
      budget: 'default',
      cpuCapMs: null,
      catalog: 'deep',
    }).map(noFlags)
  : [];
const modelLabel = (c: Case) =>
  `${c.model}${Object.entries(c.params)
    .map(([k, v]) => ` (${k}=${v})`)
    .join('')}`;
// Raft's Figure 8 at logs of two entries, the configuration the deep zoo first pinned (2,638,183
// states before the bug, by check): the zoo now keeps logs of one entry, since the default budget
// missed it at two; this row keeps that miss measured. Not a manifest outcome, so not in the goals.
const deepExtra = deepBugs
  .filter((c) => c.model === 'raft-log')
  .map((c): Case => ({ ...c, params: { entries: 2 }, statesBefore: 2_638_183 }));
const queue = groups.has('queue')
  ? config.windows.map((w) =>
      noFlags(dnsCase('queue', w, { enactors: 3, endpoints: 4 }, 1, { runs: 0, cpuCapMs: null })),
    )
  : [];
const zooBugs = groups.has('zoo')
  ? manifestCases(Object.keys(zoo), 'counterexample', { group: 'zoo', budget: 'default', cpuCapMs: null }).map(noFlags)
  : [];
const fixes = groups.has('proof')
  ? [
      ...manifestCases(Object.keys(deep), 'holds', {
        group: 'deep-proof',
        budget: 'default',
        cpuCapMs: null,
        catalog: 'deep',
      }),
      ...manifestCases(Object.keys(zoo), 'holds', { group: 'proof', budget: 'default', cpuCapMs: null }),
    ].map(noFlags)
  : [];
const proofContenders = contenders.filter((c) => c.strategy === 'frontier' || c.name === 'old-default');

// ---- measuring ----
type Measured = Cell & { readonly contender: string };
async function cell(c: Case, k: Contender, seeds: readonly number[] = seedList): Promise<Measured> {
  const t0 = Date.now();
  const hunted = k.proveShare === undefined ? c : { ...c, prove: Math.floor(DEFAULT_WORK * k.proveShare) };
  const m = { ...(await measureCell(pool, hunted, k.strategy, seeds, k.budget)), case: c };
  const name = c.window === null ? `${modelLabel(c)} ${c.variant} / ${c.property}` : `queue window ${c.window}`;
  log(
    `  [${clock()}] ${name}, ${k.name}: ${foundCount(m)}/${seeds.length} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return { ...m, contender: k.name };
}
const cells = (
  await Promise.all([
    ...[...deepBugs, ...deepExtra, ...queue, ...zooBugs].flatMap((c) => contenders.map((k) => cell(c, k))),
    ...fixes.flatMap((c) => proofContenders.map((k) => cell(c, k, [1]))),
  ])
).flat();
await pool.close();
const elapsed = Math.round((Date.now() - started) / 1000);
const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`;

// ---- tables ----
const cellOf = (c: Case, k: Contender | string) =>
  cells.find((x) => x.case === c && x.contender === (typeof k === 'string' ? k : k.name));
const n = (x: number) => Math.round(x).toLocaleString('en-US');
/** "20/20 · 153,208 · 3.1 s": seeds found · median work · median seconds (lower bounds: "> "). */
function summary(x: Measured | undefined): string {
  if (!x) return '—';
  return `${foundCount(x)}/${x.seeds.length} · ${formatBounded(medianOf(x, 'work'))} · ${formatMs(medianOf(x, 'ms'))}`;
}

function sideBySide(cases: readonly Case[], lead: (c: Case) => string[], leadHead: string[]): string {
  return [
    `| ${[...leadHead, ...contenders.map((k) => k.head)].join(' | ')} |`,
    `|${leadHead.map(() => '---').join('|')}|${contenders.map(() => '---').join('|')}|`,
    ...cases.map((c) => `| ${[...lead(c), ...contenders.map((k) => summary(cellOf(c, k)))].join(' | ')} |`),
  ].join('\n');
}

function tally(cases: readonly Case[]): string {
  const every = contenders.map((k) => {
    const cs = cases.map((c) => cellOf(c, k)).filter((x): x is Measured => x !== undefined);
    return `${cs.filter((x) => foundCount(x) === x.seeds.length).length} of ${cases.length}`;
  });
  const seedsFound = contenders.map((k) => {
    const cs = cases.map((c) => cellOf(c, k)).filter((x): x is Measured => x !== undefined);
    return `${cs.reduce((a, x) => a + foundCount(x), 0)} of ${cases.length * config.seeds}`;
  });
  return [
    `| | ${contenders.map((k) => k.head).join(' | ')} |`,
    `|---|${contenders.map(() => '---:').join('|')}|`,
    `| bugs found for all ${config.seeds} seeds | ${every.join(' | ')} |`,
    `| seeds that found their bug | ${seedsFound.join(' | ')} |`,
  ].join('\n');
}

const deepTable = () =>
  sideBySide(
    [...deepBugs, ...deepExtra],
    (c) => [modelLabel(c), c.variant, String(c.shortest ?? '—'), n(c.statesBefore ?? 0)],
    ['model', 'variant', 'shortest', 'states before it'],
  );
const queueTable = () => sideBySide(queue, (c) => [String(c.window), String(c.shortest)], ['window', 'shortest']);
const zooTable = () =>
  sideBySide(zooBugs, (c) => [c.model, c.variant, c.property, String(c.shortest ?? '—')], [
    'model',
    'variant',
    'property',
    'shortest',
  ]);

/** A fix's verdict: proved (states), or the depth proved and what sampling added. */
function verdictOf(x: Measured | undefined): string {
  const r = x?.seeds[0];
  if (!r) return '—';
  if (r.found) return '✗ counterexample';
  if (r.provedStates !== null)
    return `✓ proved, ${n(r.provedStates)} states · ${formatMs({ value: r.ms, lowerBound: false })}`;
  const depth = r.bound === null ? 'no depth proven' : `none within ${r.bound} steps (${n(r.explored)} states)`;
  return `○ ${depth}, then ${n(r.runs)} runs · ${formatMs({ value: r.ms, lowerBound: false })}`;
}
const proofTable = (cases: readonly Case[]) =>
  [
    `| model | variant | property | ${proofContenders.map((k) => k.head).join(' | ')} |`,
    `|---|---|---|${proofContenders.map(() => '---').join('|')}|`,
    ...cases.map(
      (c) =>
        `| ${c.model} | ${c.variant} | ${c.property} | ${proofContenders.map((k) => verdictOf(cellOf(c, k))).join(' | ')} |`,
    ),
  ].join('\n');

/** The issue's goals (#18), as measured: one line each. */
function goals(): string[] {
  const out: string[] = [];
  const newDefault = (c: Case) => cellOf(c, 'frontier');
  const missed = (cs: readonly Case[]) =>
    cs.filter((c) => {
      const x = newDefault(c);
      return x === undefined || foundCount(x) < x.seeds.length;
    });
  if (!contenders.some((k) => k.name === 'frontier')) return out;
  if (deepBugs.length > 0) {
    const m = missed(deepBugs);
    out.push(
      `- With no flags, every deep-zoo bug for ${config.seeds}/${config.seeds} seeds: ${m.length === 0 ? `**met** (${deepBugs.length} of ${deepBugs.length})` : `**not met**: ${deepBugs.length - m.length} of ${deepBugs.length}; ${m.map((c) => `${c.model} ${c.variant} ${summary(newDefault(c))}`).join('; ')}`}.`,
    );
  }
  for (const w of [20, 40]) {
    const c = queue.find((x) => x.window === w);
    const x = c && newDefault(c);
    if (x)
      out.push(
        `- The DNS queue race at window ${w}, ${config.seeds}/${config.seeds} seeds: ${foundCount(x) === x.seeds.length ? '**met**' : '**not met**'} (${summary(x)}).`,
      );
  }
  if (zooBugs.length > 0) {
    const m = missed(zooBugs);
    out.push(
      `- Every zoo bug for ${config.seeds}/${config.seeds} seeds: ${m.length === 0 ? `**met** (${zooBugs.length} of ${zooBugs.length})` : `**not met**: ${m.map((c) => `${c.model} ${c.variant} / ${c.property}`).join('; ')}`}.`,
    );
  }
  const deepFixes = fixes.filter((c) => c.group === 'deep-proof');
  if (deepFixes.length > 0) {
    const verdicts = deepFixes.map((c) => `${c.model} ${c.variant}: ${verdictOf(newDefault(c))}`);
    const ok = deepFixes.every((c) => {
      const r = newDefault(c)?.seeds[0];
      return r !== undefined && !r.found && (r.provedStates !== null || r.bound !== null);
    });
    out.push(
      `- Every deep-zoo fix proves, or reports the depth to which no counterexample exists: ${ok ? '**met**' : '**not met**'} (${verdicts.join('; ')}).`,
    );
  }
  return out;
}

const header = `Seeds 1..${config.seeds} a cell, searching only (no shrinking), every hunt with no flags but the model's parameters: runs of at most ${maxSteps} steps. \`old default\`: \`auto\` (${n(50_000)} states breadth-first, then \`cover\`) with ${n(OLD_DEFAULT_RUNS)} runs, as a hunt with no flags was before budgets of work; every strategy: racehunt's default budget of work, ${n(DEFAULT_WORK)} states and steps (\`frontier\`, the new default, spends ${Math.round(PROVE_SHARE * 100)} % of it breadth-first; \`frontier, N % breadth-first\` spends N %). A cell is "seeds found · median work · median CPU seconds", work being states explored plus steps sampled; "> n": a lower bound (seeds that found nothing count as what they spent). ${config.workers} worker processes on ${machine} (${load}); ${elapsed} s in all.`;

const lines: string[] = [];
const say = (...s: string[]) => void lines.push(...(s.length === 0 ? [''] : s));
say('<!-- written by bench/strategies.ts (npm run bench:strategies); do not edit by hand -->');
say(header);
if (deepBugs.length > 0) {
  say('', '#### The deep zoo (models/deep)', '', deepTable(), '', tally(deepBugs));
}
if (queue.length > 0) {
  say('', '#### The DNS race on the queue link (as-2025-queue / endpoint-never-empty)', '', queueTable());
}
if (zooBugs.length > 0) {
  say('', '#### Every bug of the zoo (models/zoo)', '', zooTable(), '', tally(zooBugs));
}
if (fixes.length > 0 && proofContenders.length > 0) {
  say('', '#### What a hunt says of a fix (seed 1)', '', proofTable(fixes));
}
const goalLines = goals();
if (goalLines.length > 0) say('', '#### Against the goals, as measured', '', ...goalLines);
const summaryText = lines.join('\n');
console.log(summaryText);

// ---- files ----
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'strategies-bench.json'),
  `${JSON.stringify({
    about:
      'bench/strategies.ts: per seed, work (states + steps), runs and CPU ms to the first counterexample (found: false = nothing within the budget); decidedBy "prove": settled by the breadth-first phase',
    config: {
      ...config,
      contenders: contenders.map((k) => k.name),
      groups: [...groups],
      machine,
      load,
      elapsedSeconds: elapsed,
    },
    cells: cells.map((c) => ({ ...c.case, contender: c.contender, seeds: c.seeds })),
  })}\n`,
);
writeFileSync(join(outDir, 'strategies-bench.md'), `${summaryText}\n`);

const panels: ChartPanel[] = (['work', 'ms'] as const).map((key) => ({
  title: `queue link (as-2025-queue): ${key === 'work' ? 'work' : 'CPU milliseconds'}`,
  yLabel: key === 'work' ? 'work to the first counterexample (median)' : 'ms to the first counterexample (median)',
  series: contenders.map((k) => ({
    name: k.head,
    points: queue.flatMap((c) => {
      const x = cellOf(c, k);
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
}));
if (queue.length > 0) {
  writeFileSync(
    join(outDir, 'strategies-bench.svg'),
    lineChartSvg(panels, {
      title: 'DNS queue race: the first counterexample, by contender',
      subtitle: `enactors=3 endpoints=4; no flags (runs of at most ${maxSteps} steps, the default budget); seeds 1..${config.seeds}; a point at the top is a lower bound`,
      xLabel: 'clean-up window (generations)',
      yLabel: '',
      independentY: true,
      styles: {
        'old default': { colour: '#888888', dash: '10 3 2 3' },
        'uniform (fc.commands)': { colour: '#D55E00', dash: '6 3' },
        swarm: { colour: '#009E73', dash: '2 3' },
        pct: { colour: '#0072B2' },
        cover: { colour: '#CC79A7' },
        rules: { colour: '#E69F00' },
        mix: { colour: '#56B4E9', dash: '4 2' },
        auto: { colour: '#F0E442' },
        'frontier (new default)': { colour: '#000000' },
      },
    }),
  );
}

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
