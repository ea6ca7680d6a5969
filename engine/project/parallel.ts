/**
 * Parallel and sharded hunts. Each worker thread hunts its own seed stream with the full budget.
 * The winner is a function of the seeds, not of timing: the stream whose first counterexample
 * comes at the earliest run (the lowest stream on a tie). Every stream goes on until it finds one,
 * spends its budget, or passes the earliest failing run found so far (a shared counter), so the
 * same command reports the same trace however the threads are scheduled. Shards split seed
 * streams across CI machines: shard i of n with W workers hunts seeds base + i·W … base + i·W + W − 1.
 * The reported trace records its own seed, so it reproduces from seed, strategy and path alone.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RacehuntError } from '../core/errors.ts';
import type { HuntOptions, HuntProgress, HuntResult } from '../hunt/hunt.ts';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface ParallelOptions extends Omit<HuntOptions, 'onProgress' | 'modelRef' | 'shouldStop' | 'interrupted'> {
  readonly modelRef: string;
  /** The catalog module workers load models by name from (a file URL); none: models by path only. */
  readonly catalogModule?: string | undefined;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  /** Claims left out of the hunt (what `hunt --variant V` does not judge: judge.ts judging). */
  readonly skip?: readonly string[] | undefined;
  readonly workers: number;
  readonly shard?: Shard | undefined;
  readonly onProgress?: ((p: HuntProgress) => void) | undefined;
  /** Ctrl-C's shared memory (core/interrupt.ts): every stream stops at its next safe point. */
  readonly interrupt?: SharedArrayBuffer | undefined;
}

/** The largest seed: fast-check seeds are 32-bit. */
const MAX_SEED = 0xffffffff;

/** The seed of worker j in this shard. */
export function streamSeed(base: number, workers: number, shard: Shard | undefined, j: number): number {
  const s = base + (shard ? shard.index * workers : 0) + j;
  if (s > MAX_SEED)
    throw new RacehuntError(
      'usage',
      `the seed streams of this hunt run past ${MAX_SEED} (seed ${base} + shard and worker offsets): give a smaller --seed`,
    );
  return s;
}

/** --workers N, at most the cores this machine has: more only adds memory and switching. */
export function workerCount(asked: number, warn: (message: string) => void): number {
  const cores = availableParallelism();
  if (asked <= cores) return asked;
  warn(`--workers ${asked} is more than the ${cores} cores here; using ${cores}`);
  return cores;
}

export function parseShard(s: string | undefined): Shard | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new RacehuntError('usage', `--shard takes i/n with 0 ≤ i < n, got "${s}"`);
  return { index, count };
}

type FromWorker =
  | { kind: 'progress'; progress: HuntProgress }
  | { kind: 'result'; result: HuntResult }
  | { kind: 'error'; message: string; errorKind: RacehuntError['kind'] | null };

export interface WorkerTask {
  readonly modelRef: string;
  readonly catalogModule: string | null;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly skip: readonly string[];
  readonly options: Omit<HuntOptions, 'onProgress' | 'shouldStop' | 'interrupted'>;
  /** Int32Array over it: [0] the earliest failing run found by any stream (0x7fffffff: none yet). */
  readonly earliest: SharedArrayBuffer;
  readonly interrupt: SharedArrayBuffer | null;
}

const NONE = 0x7fffffff;

export async function huntInParallel(opts: ParallelOptions): Promise<HuntResult> {
  const started = Date.now();
  const workers: Worker[] = [];
  const progress = new Map<number, HuntProgress>();
  const results: { stream: number; result: HuntResult }[] = [];
  const earliest = new SharedArrayBuffer(4);
  new Int32Array(earliest)[0] = NONE;
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = opts.workers;
      for (let j = 0; j < opts.workers; j++) {
        const {
          workers: _w,
          shard: _s,
          onProgress: _p,
          interrupt,
          variant,
          params,
          skip,
          modelRef,
          catalogModule,
          ...hunt
        } = opts;
        const task: WorkerTask = {
          modelRef,
          catalogModule: catalogModule ?? null,
          variant,
          params,
          skip: skip ?? [],
          earliest,
          interrupt: interrupt ?? null,
          options: { ...hunt, modelRef, seed: streamSeed(opts.seed, opts.workers, opts.shard, j) },
        };
        const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: task });
        workers.push(w);
        w.on('message', (m: FromWorker) => {
          if (m.kind === 'progress') {
            progress.set(j, m.progress);
            const all = [...progress.values()];
            opts.onProgress?.({
              phase: all.find((p) => p.phase !== 'search')?.phase ?? 'search',
              runs: sum(all, 'runs'),
              steps: sum(all, 'steps'),
              candidates: sum(all, 'candidates'),
              // Every stream spends its own budget: the share done is theirs on average.
              done: all.some((p) => p.done === null) ? null : all.reduce((a, p) => a + (p.done ?? 0), 0) / opts.workers,
              ms: Date.now() - started,
            });
          } else if (m.kind === 'error') {
            reject(m.errorKind ? new RacehuntError(m.errorKind, m.message) : new Error(m.message));
          } else {
            results.push({ stream: j, result: m.result });
            if (--pending === 0) resolve();
          }
        });
        w.on('error', reject);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Ctrl-C: nothing settled; what every stream covered, and where the one that got furthest stopped.
  const stopped = results
    .filter((r) => r.result.interruption)
    .sort(
      (a, b) =>
        Number(!a.result.interruption?.unshrunk) - Number(!b.result.interruption?.unshrunk) || a.stream - b.stream,
    )[0];
  if (stopped?.result.interruption) {
    const merged = merge(
      results.map((r) => r.result),
      Date.now() - started,
    );
    return {
      ...merged,
      seed: stopped.result.seed,
      found: false,
      trace: null,
      proof: null,
      bounded: null,
      scope: null,
      interrupted: true,
      unreached: [],
      interruption: stopped.result.interruption,
    };
  }
  const found = results
    .filter((r) => r.result.found)
    .sort((a, b) => failingRun(a.result) - failingRun(b.result) || a.stream - b.stream)[0];
  return found
    ? { ...found.result, ms: Date.now() - started }
    : merge(
        results.map((r) => r.result),
        Date.now() - started,
      );
}

/** Which run of its stream found the counterexample. */
function failingRun(r: HuntResult): number {
  return r.trace?.found.by === 'hunt' ? r.trace.found.runs : NONE;
}

function sum(ps: readonly HuntProgress[], k: 'runs' | 'steps' | 'candidates'): number {
  return ps.reduce((a, p) => a + p[k], 0);
}

/** No worker found anything: add up what they covered. */
function merge(unordered: readonly HuntResult[], ms: number): HuntResult {
  const results = [...unordered].sort((a, b) => a.seed - b.seed);
  const first = results[0];
  if (!first) throw new Error('no worker results');
  const actions: Record<string, number> = {};
  const reached: Record<string, number> = {};
  for (const r of results) {
    for (const [k, v] of Object.entries(r.coverage.actions)) actions[k] = (actions[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.coverage.reached)) reached[k] = (reached[k] ?? 0) + v;
  }
  const runs = results.reduce((a, r) => a + r.runs, 0);
  const steps = results.reduce((a, r) => a + r.coverage.steps, 0);
  const unreached = first.unreached.filter((u) => results.every((r) => r.unreached.includes(u)));
  const everywhere = (k: 'neverEnabled' | 'neverTaken') =>
    first.coverage[k].filter((a) => results.every((r) => r.coverage[k].includes(a)));
  const coverage = {
    runs,
    steps,
    longestRun: Math.max(...results.map((r) => r.coverage.longestRun)),
    // Streams reach many of the same states: the largest stream's count is a lower bound of their union.
    states: Math.max(...results.map((r) => r.coverage.states)),
    statesCapped: true,
    actions,
    neverEnabled: everywhere('neverEnabled'),
    neverTaken: everywhere('neverTaken').filter((a) => (actions[a] ?? 0) === 0),
    reached,
  };
  return { ...first, runs, ms, interrupted: results.some((r) => r.interrupted), coverage, unreached };
}
