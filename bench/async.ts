/**
 * `npm run bench:async`: racehunt's controlled scheduler against fast-check's `fc.scheduler`, side by
 * side in one run, on the same implementation (implementations/dns: the 2025 code for the race, the
 * fixed code for throughput), checking the same invariant (endpoint-never-empty) after every step.
 *
 * - schedules per second: 200 schedules of `fixed` (which all run to the end), per driver;
 * - schedules and CPU time to the first counterexample of `as-2025`, search only (no shrinking),
 *   over seeds 1…N, median of the seeds that found it, and how many did within the cap.
 * At two sizes: the default (3 enactors, 4 endpoints, window 5: a race of 40 operations) and a
 * small one (2 enactors, 1 endpoint, window 1: 18 operations) where uniform choice has a chance.
 * Times are CPU time of this process (user + system), so that other work on a shared machine does
 * not count. Timings, not assertions: this is not a test.
 *
 *   npm run bench:async                 # both sizes
 *   npm run bench:async -- --seeds 5 --cap 500
 */
import { parseArgs } from 'node:util';
import { schedule } from '../engine/async/index.ts';
import { dnsImplementation } from '../implementations/dns/system.ts';
import { fcSchedulerSearch } from './async-fc.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    cap: { type: 'string', default: '2000' },
    'max-steps': { type: 'string', default: '300' },
  },
});
const SEEDS = Number(values.seeds);
const CAP = Number(values.cap);
const MAX_STEPS = Number(values['max-steps']);
const INVARIANT = 'endpoint-never-empty';

const SIZES = [
  { name: 'default (3 enactors, 4 endpoints, window 5)', params: { enactors: 3, endpoints: 4, window: 5 } },
  { name: 'small (2 enactors, 1 endpoint, window 1)', params: { enactors: 2, endpoints: 1, window: 1 } },
];
const DRIVERS = ['delay', 'pct', 'uniform', 'fc.scheduler'] as const;
type Driver = (typeof DRIVERS)[number];

interface Search {
  found: boolean;
  runs: number;
  cpuMs: number;
}

async function search(
  driver: Driver,
  variant: string,
  params: Record<string, number>,
  seed: number,
  runs: number,
): Promise<Search> {
  if (driver === 'fc.scheduler')
    return fcSchedulerSearch(dnsImplementation, variant, INVARIANT, params, { seed, runs, maxSteps: MAX_STEPS });
  const c0 = process.cpuUsage();
  const r = await schedule(dnsImplementation, {
    variant,
    target: INVARIANT,
    strategy: driver,
    seed,
    runs,
    maxSteps: MAX_STEPS,
    params,
    shrink: false,
  });
  const cpu = process.cpuUsage(c0);
  return { found: r.found, runs: r.runs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';

for (const size of SIZES) {
  console.log(`\n### ${size.name}\n`);
  const rate = new Map<Driver, number>();
  const finds = new Map<Driver, { runs: number; ms: number; found: number }>();
  for (const d of DRIVERS) {
    await search(d, 'fixed', size.params, 99, 20); // warm-up
    const t = await search(d, 'fixed', size.params, 1, 200);
    rate.set(d, (t.runs / t.cpuMs) * 1000);
    const got: Search[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) got.push(await search(d, 'as-2025', size.params, seed, CAP));
    const hits = got.filter((g) => g.found);
    finds.set(d, { runs: median(hits.map((h) => h.runs)), ms: median(hits.map((h) => h.cpuMs)), found: hits.length });
    process.stderr.write(`  ${size.name}: ${d} done\n`);
  }
  const fcRate = rate.get('fc.scheduler')!;
  const fcFind = finds.get('fc.scheduler')!;
  console.log(
    `| driver | schedules/s (fixed) | × fc.scheduler | found (seeds) | median schedules to the race | median CPU ms to the race | × fc.scheduler (time) |`,
  );
  console.log(`|---|---:|---:|---:|---:|---:|---:|`);
  for (const d of DRIVERS) {
    const f = finds.get(d)!;
    const speedup =
      fcFind.found > 0 && f.found > 0 ? `${fmt(fcFind.ms / f.ms, 1)}×` : f.found > 0 ? `∞ (fc: none in ${CAP})` : '—';
    console.log(
      `| ${d === 'fc.scheduler' ? 'fast-check fc.scheduler (uniform)' : `racehunt ${d}`} | ${fmt(rate.get(d)!)} | ${fmt(rate.get(d)! / fcRate, 2)} | ${f.found}/${SEEDS} | ${f.found ? fmt(f.runs) : `none in ${CAP}`} | ${f.found ? fmt(f.ms) : '—'} | ${d === 'fc.scheduler' ? '1×' : speedup} |`,
    );
  }
}
