/**
 * How hard is the DynamoDB DNS race to hunt? For each window (clean-up's "significantly older") and
 * scheduling strategy, hunt as-2025 / endpoint-never-empty with seeds 1..N and report how many
 * runs it took to the first counterexample and how long the hunt took (search + shrink), median and
 * worst. A seed that finds nothing within the budget counts as the budget, and is reported.
 *
 *   npx tsx bench/dns-runs.ts [--windows 5,10,20] [--strategies uniform,mix] [--seeds 20]
 *                             [--runs 100000] [--time-budget 30000] [--steps-factor 3]
 *
 * maxSteps is steps-factor times the shortest counterexample (window + 2·endpoints + 7 steps).
 */
import { parseArgs } from 'node:util';
import { configure, hunt } from '../engine/index.ts';
import { isStrategy, type StrategyName } from '../engine/strategy.ts';
import { dns } from '../models/dns/model.ts';

const { values } = parseArgs({
  options: {
    windows: { type: 'string', default: '5,10,20' },
    strategies: { type: 'string', default: 'uniform,mix' },
    seeds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '100000' },
    'time-budget': { type: 'string', default: '30000' },
    'steps-factor': { type: 'string', default: '3' },
    endpoints: { type: 'string', default: '4' },
  },
});

const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
const windows = list(values.windows).map(Number);
const strategies = list(values.strategies).map((s) => {
  if (!isStrategy(s)) throw new Error(`unknown strategy ${s}`);
  return s as StrategyName;
});
const seeds = Number(values.seeds);
const runs = Number(values.runs);
const timeBudgetMs = Number(values['time-budget']);
const factor = Number(values['steps-factor']);
const endpoints = Number(values.endpoints);

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2;
};

console.log(`as-2025 / endpoint-never-empty, enactors=3 endpoints=${endpoints}, seeds 1..${seeds}, budget ${runs} runs or ${timeBudgetMs} ms per seed`);
console.log('| window | strategy | maxSteps | found | runs: median | runs: worst | ms: median | ms: worst | shortest trace |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const window of windows) {
  const shortest = window + 2 * endpoints + 7;
  const maxSteps = factor * shortest;
  const inst = configure(dns, 'as-2025', { window, endpoints });
  for (const strategy of strategies) {
    const found: number[] = [];
    const runCounts: number[] = [];
    const times: number[] = [];
    const lengths: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const r = hunt(inst, { seed, runs, maxSteps, strategy, target: 'endpoint-never-empty', timeBudgetMs });
      runCounts.push(r.runs);
      times.push(r.ms);
      if (r.found && r.trace) {
        found.push(seed);
        lengths.push(r.trace.steps.length);
      }
      process.stderr.write(`window ${window} ${strategy} seed ${seed}: ${r.found ? `found at run ${r.runs}, ${r.trace?.steps.length} steps` : `not found in ${r.runs} runs${r.interrupted ? ' (time budget)' : ''}`}, ${r.ms} ms\n`);
    }
    const worst = (xs: number[]) => Math.max(...xs);
    const miss = seeds - found.length;
    const runsWorst = miss > 0 ? `> ${worst(runCounts)}` : String(worst(runCounts));
    const msWorst = miss > 0 ? `> ${worst(times)}` : String(worst(times));
    const shortestSeen = lengths.length === 0 ? '—' : `${Math.min(...lengths)}–${Math.max(...lengths)} (min ${shortest})`;
    console.log(`| ${window} | ${strategy} | ${maxSteps} | ${found.length}/${seeds} | ${median(runCounts)} | ${runsWorst} | ${median(times)} | ${msWorst} | ${shortestSeen} |`);
  }
}
