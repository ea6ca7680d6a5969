/**
 * `npm run bench:explore` (the first half of `npm run bench`): how fast racehunt's explorer is against the breadth-first search anyone would
 * write first (plain-bfs.ts), in one process, on the same model and the same states: distinct
 * states per second for both, their ratio, and the bytes each keeps per stored state.
 *
 *   npm run bench:explore                           # dns / fixed, default parameters, 300,000 states
 *   npm run bench:explore -- --model register --variant compare-and-set --param clients=6 --states 100000
 *
 * Both searches stop at the same number of states and check nothing, so they do the same work:
 * enumerate successors and tell new states from known ones. The explorer runs without symmetry
 * reduction for the comparison, then once more with it (when the model has one) for reference.
 * Each is run twice and the faster run counts, so that the JIT's warm-up does not. Times are CPU
 * time of this process (user + system), so that other work on a shared machine does not count.
 * Timings, not assertions: this is not a test.
 */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { configure, explore, type ExploreResult, fromCatalog, type Instance } from '../engine/index.ts';
import { catalog } from '../models/index.ts';
import { plainBfs, type PlainResult } from './plain-bfs.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'dns' },
    variant: { type: 'string' },
    param: { type: 'string', multiple: true },
    states: { type: 'string', default: '300000' },
  },
});
const params = Object.fromEntries(
  (values.param ?? []).map((kv) => kv.split('=')).map(([k, v]) => [k as string, Number(v)]),
);
const { model } = fromCatalog(catalog, values.model);
const inst = configure(model, values.variant ?? (model.name === 'dns' ? 'fixed' : undefined), params);
const maxStates = Number(values.states);

/**
 * Run f, with the CPU time it took and the heap bytes held by what it returns, per state (the
 * result is alive while the heap is measured).
 */
function measured<T extends { states: number }>(f: () => T): { result: T; ms: number; heapPerState: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(cpu);
  gc();
  const after = process.memoryUsage().heapUsed;
  return {
    result,
    ms: (used.user + used.system) / 1000,
    heapPerState: Math.max(0, after - before) / Math.max(result.states, 1),
  };
}

function best<T extends { ms: number }>(runs: readonly T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

const rate = (states: number, ms: number) => Math.round(states / Math.max(ms / 1000, 0.001));
const fmt = (n: number) => n.toLocaleString('en-US');

const checkNothing = (i: Instance, symmetry: boolean) =>
  explore(i, { maxStates, symmetry, exhaust: true, checkProperties: false });

console.log(
  `racehunt bench: ${values.model} / ${inst.variant} (${Object.entries(inst.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}), up to ${fmt(maxStates)} states, node ${process.version}`,
);

const plainRuns: { result: Omit<PlainResult, 'seen'>; ms: number; heapPerState: number }[] = [];
const exploreRuns: { result: ExploreResult; ms: number; heapPerState: number }[] = [];
for (let k = 0; k < 2; k++) {
  const { result, ms, heapPerState } = measured(() => plainBfs(inst, maxStates));
  plainRuns.push({
    result: { states: result.states, transitions: result.transitions, ms: result.ms },
    ms,
    heapPerState,
  });
  exploreRuns.push(measured(() => checkNothing(inst, false)));
}
const plain = best(plainRuns);
const fast = best(exploreRuns);
const symmetric = model.canonical
  ? best([measured(() => checkNothing(inst, true)), measured(() => checkNothing(inst, true))])
  : null;

const rows: string[][] = [
  ['search', 'states', 'transitions', 'CPU ms', 'states/s', 'bytes/state'],
  [
    'plain BFS (JSON keys, immer)',
    fmt(plain.result.states),
    fmt(plain.result.transitions),
    fmt(Math.round(plain.ms)),
    fmt(rate(plain.result.states, plain.ms)),
    `${fmt(Math.round(plain.heapPerState))} (heap)`,
  ],
  [
    'racehunt explorer',
    fmt(fast.result.states),
    fmt(fast.result.transitions),
    fmt(Math.round(fast.ms)),
    fmt(rate(fast.result.states, fast.ms)),
    `${fast.result.bytesPerState} (store) + frontier`,
  ],
];
if (symmetric)
  rows.push([
    'racehunt explorer, symmetry',
    fmt(symmetric.result.states),
    fmt(symmetric.result.transitions),
    fmt(Math.round(symmetric.ms)),
    fmt(rate(symmetric.result.states, symmetric.ms)),
    `${symmetric.result.bytesPerState} (store)`,
  ]);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
for (const r of rows)
  console.log(`  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`);

if (fast.result.states !== plain.result.states)
  console.log(
    `  ⚠ the two searches stored different numbers of states (${fast.result.states} vs ${plain.result.states}): not the same work`,
  );
const ratio = rate(fast.result.states, fast.ms) / rate(plain.result.states, plain.ms);
console.log(
  `  explorer / plain: ${ratio.toFixed(1)}× the states per second, ${(plain.heapPerState / Math.max(fast.result.bytesPerState, 1)).toFixed(0)}× less memory per stored state`,
);
console.log(
  `  explorer's peak frontier: ${fmt(fast.result.peakFrontier)} states in ${fmt(Math.round(fast.result.peakFrontierBytes / 1024))} KiB (${Math.round(fast.result.peakFrontierBytes / Math.max(fast.result.peakFrontier, 1))} bytes each, as words)`,
);
