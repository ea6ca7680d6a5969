/**
 * The scheduling strategies (engine/strategy.ts) against the bugs racehunt exists to find: each
 * finds the DNS race at a shallow window on both planner/enactor links, the default (mix) finds it
 * deep on the stack link, and nothing uniform finds is lost by the others.
 *
 * Hunts search only (shrink: false): shrinking does not depend on the strategy, and the manifest
 * tests already pin every shrunk trace. Seeds and run budgets are fixed; docs/strategies.md has
 * the distributions over 20 seeds these single seeds are drawn from. About 6 s on 2 cores.
 */
import { describe, expect, it } from 'vitest';
import { configure, fromCatalog, hunt, type HuntResult, type StrategyName } from '../../engine/index.ts';
import { shortestRace } from '../../models/dns/depth.ts';
import type { DnsParams } from '../../models/dns/state.ts';
import { catalog } from '../../models/index.ts';

const dns = fromCatalog(catalog, 'dns');
type Link = 'stack' | 'queue';

/**
 * Hunt the DNS race (endpoint-never-empty) at the model's default shape (3 enactors, 4 endpoints)
 * with runs of `factor` × the shortest counterexample, as bench/strategies.ts does.
 */
function huntRace(
  link: Link,
  window: number,
  strategy: StrategyName,
  budget: { seed: number; runs: number; factor: number },
): HuntResult {
  const inst = configure(dns.model, link === 'stack' ? 'as-2025' : 'as-2025-queue', { window });
  const maxSteps = budget.factor * shortestRace(link, inst.params as DnsParams);
  return hunt(inst, {
    seed: budget.seed,
    runs: budget.runs,
    maxSteps,
    strategy,
    target: 'endpoint-never-empty',
    shrink: false,
  });
}

function expectRace(r: HuntResult, what: string): void {
  expect(r.found, `${what}: nothing in ${r.runs} runs (seed ${r.seed})`).toBe(true);
  expect(r.trace?.outcome).toBe('counterexample');
  expect(r.trace?.message).toMatch(/resolves to no IP addresses: its active plan \d+ was deleted/);
}

describe('each strategy finds the DNS race at window 2, on both links', () => {
  // Runs of 3 × the shortest counterexample, as the manifest uses: PCT's change points and swarm's
  // silenced actors do their work in runs about as long as the race.
  it.each([
    ['pct', 'stack'],
    ['pct', 'queue'],
    ['mix', 'stack'],
    ['mix', 'queue'],
    ['swarm', 'stack'],
  ] as const)('%s on the %s link, runs of 3 × the shortest', (strategy, link) => {
    expectRace(huntRace(link, 2, strategy, { seed: 1, runs: 10_000, factor: 3 }), `${strategy} / ${link}`);
  });

  // Uniform finds nothing in runs that short (in 20 seeds × 50,000 runs; see docs/strategies.md):
  // fc.commands draws among all ten actions, half of which are never enabled here, and the planner
  // alone must take window + 2 of the draws. Given runs 30 × the shortest, it finds it easily.
  it.each(['stack', 'queue'] as const)('uniform on the %s link, runs of 30 × the shortest', (link) => {
    expectRace(huntRace(link, 2, 'uniform', { seed: 1, runs: 1_000, factor: 30 }), `uniform / ${link}`);
  });

  // Swarm on the queue link at window 2 found it for 2 of 5 seeds within 20,000 runs (bench): too
  // unreliable to pin here, and asserted nowhere.
});

describe('mix, the default, at depth', () => {
  it('finds the race at window 20 on the stack link (35 steps at the least)', () => {
    expectRace(huntRace('stack', 20, 'mix', { seed: 1, runs: 20_000, factor: 3 }), 'mix / stack / window 20');
  });

  // On the queue link the race is 61 steps deep at window 5 and 226 at window 20; mix finds it at
  // window 5 here, and at window 20 only for a few seeds within the bench's caps (docs/strategies.md).
  it('finds the race at window 5 on the queue link (61 steps at the least)', () => {
    expectRace(huntRace('queue', 5, 'mix', { seed: 1, runs: 20_000, factor: 3 }), 'mix / queue / window 5');
  });
});

describe('the default hunt, with no flags, at depth', () => {
  // The queue race at window 40 is 446 steps deep: past any breadth-first search of the default
  // budget, found by frontier lineages that hold one enactor back and release it right before
  // another's clean-up (engine/hunt/lineage.ts; docs/strategies.md has 20 seeds at windows 20 and 40).
  it('finds the race at window 40 on the queue link (446 steps at the least)', () => {
    const inst = configure(dns.model, 'as-2025-queue', { window: 40 });
    const r = hunt(inst, { seed: 1, target: 'endpoint-never-empty', shrink: false });
    expectRace(r, 'default / queue / window 40');
    expect(r.trace?.steps.length).toBeGreaterThanOrEqual(shortestRace('queue', inst.params as DnsParams));
  });
});

/**
 * No regressions: the manifest counterexamples that uniform finds with the manifest's own seed,
 * runs and run length, 14 of the 20 (bench:strategies prints the whole matrix). Every other strategy must find
 * each of them within the same budget, and uniform must still find them, so that this list stays
 * the list of what uniform finds.
 */
describe('no regressions: every strategy finds what uniform finds', () => {
  const shallow = [
    ['register', 'read-modify-write', 'no-lost-update'],
    ['dwfm', 'as-2025', 'leases-make-progress'],
    ['dwfm', 'as-2025', 'goodput-not-zero'],
    ['dwfm', 'backoff-jitter', 'leases-make-progress'],
    ['dwfm', 'backoff-jitter', 'goodput-not-zero'],
    ['dwfm', 'lifo', 'leases-make-progress'],
    ['dwfm', 'lifo', 'goodput-not-zero'],
    ['dns', 'as-2025', 'no-stale-overwrite'],
    ['dns', 'as-2025', 'automation-recovers'],
    ['dns', 'toctou-fix', 'no-stale-overwrite'],
    ['dns', 'mark-on-pick', 'no-stale-overwrite'],
    ['dns', 'guard-only', 'no-stale-overwrite'],
    ['dns', 'as-2025-queue', 'no-stale-overwrite'],
    ['dns', 'as-2025-queue', 'automation-recovers'],
  ] as const;
  it.each(shallow)('%s / %s / %s', (name, variant, property) => {
    const m = fromCatalog(catalog, name);
    const o = m.manifest!.outcomes.find((x) => x.variant === variant && x.property === property);
    expect(o?.expect).toBe('counterexample');
    const { seed, runs, maxSteps } = o!.budget;
    const missed = (['uniform', 'swarm', 'pct', 'mix'] as const).filter(
      (strategy) =>
        !hunt(configure(m.model, variant), { seed, runs, maxSteps, strategy, target: property, shrink: false }).found,
    );
    expect(missed, `strategies that found nothing in ${runs} runs of at most ${maxSteps} steps (seed ${seed})`).toEqual(
      [],
    );
  });
});
