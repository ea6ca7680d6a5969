/**
 * EC2's DWFM lease queue (models/dwfm): the lease claims' expected outcomes in its manifest (the
 * customer-visible claims' are in claims.deep.test.ts); the as-2025
 * collapse read as AWS's story and as the smallest one fast-check can shrink to; the threshold in
 * fleet size and outage length past which it collapses; the remedies checked on every fixed
 * schedule of the hunted ranges by the count simulator; and the simulator held to the checked
 * model (same per-tick leases, queue and throttle, same verdicts as the monitors; schedule.ts
 * drives it, with a step bound, so a model whose time stops fails instead of hanging).
 *
 * Budgets are fixed (models/dwfm/manifest.json: seed 20251019, 1000 runs of up to 200 steps,
 * the default mix strategy). The whole file takes about 20 s on a 2-core machine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromCatalog, statesOf, withOutcomes, type Trace } from '../../engine/index.ts';
import { committedTrace, describeManifestExhaustively, expectSurvives } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { progressBounds } from '../../models/dwfm/kit.ts';
import { simulate, type SimResult } from '../../models/dwfm/simulate.ts';
import { activeLeases, queued, type DwfmSettings, type DwfmState, type Fleet } from '../../models/dwfm/state.ts';
import { variants } from '../../models/dwfm/variants.ts';
import { driveOnSchedule } from './schedule.ts';

const dwfm = fromCatalog(catalog, 'dwfm');
const p = dwfm.model.params;
/** The rules' knobs at the model's defaults, so the simulator below runs what the hunts run. */
const SETTINGS: DwfmSettings = {
  checkEvery: p.checkEvery!.default,
  leaseTicks: p.leaseTicks!.default,
  knee: p.knee!.default,
  maxBackoff: p.maxBackoff!.default,
  react: p.react!.default,
};
const BOUNDS = { window: p.window!.default, recoveryFactor: p.recoveryFactor!.default };

/**
 * Every manifest outcome, settled by the explorer on small fleets within 24 steps (up to 3
 * droplets, capacity 2, timeout 2, a 3-tick outage; backoff-jitter's collapse needs a 4-tick
 * outage, lifo's 5 droplets and a 7-tick one); dwfm.deep.test.ts hunts them with the manifest's budgets.
 */
const SMALL: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'backoff-jitter': { maxDroplets: 3, maxCapacity: 1, maxTimeout: 1, maxOutage: 4 },
  lifo: { maxDroplets: 5, maxCapacity: 1, maxTimeout: 1, maxOutage: 7 },
};
// At the defaults; the manifest's stressed configurations are hunted in dwfm.deep.test.ts.
describeManifestExhaustively(
  withOutcomes(dwfm, (o) => o.configuration === undefined),
  {
    params: (o) => SMALL[o.variant] ?? { maxDroplets: 3, maxCapacity: 2, maxTimeout: 2, maxOutage: 3 },
    maxDepth: 24,
  },
);

/** The collapse as committed (dwfm.deep.test.ts checks that the manifest's hunt gives these bytes). */
const collapse = (): Trace => committedTrace(dwfm, 'as-2025', 'leases-make-progress');

describe('dwfm / as-2025: the shrunk collapse', () => {
  it('is the smallest fleet fast-check can shrink to: 2 droplets, capacity 1, timeout 1, a 3-tick outage', () => {
    const trace = collapse();
    expect(trace.steps[0]).toMatchObject({
      action: 'dwfmTakesOverFleet',
      args: { droplets: 2, capacity: 1, timeout: 1 },
    });
    expect(trace.steps[1]).toMatchObject({ action: 'dynamoDbGoesDown', args: 3 });
    expect(trace.steps.slice(2).every((s) => s.action === 'timePasses')).toBe(true);
  });

  it('outlives its trigger: DynamoDB is up through the whole window, and the host works every tick of it for nothing', () => {
    const trace = collapse();
    const states = statesOf(trace) as DwfmState[];
    const last = states.at(-1)!;
    const backAt = last.dynamo.backAt!;
    expect(last.dynamo.up).toBe(true);
    expect(last.tick - backAt).toBeGreaterThanOrEqual(BOUNDS.window);
    const after = states.filter((s, i) => i > 0 && s.tick >= backAt && trace.steps[i - 1]!.action === 'timePasses');
    expect(after.length).toBeGreaterThanOrEqual(BOUNDS.window);
    for (const s of after) expect(s.last).toMatchObject({ established: 0, wasted: 1, spent: 1 });
    // "Additional work was queued to reattempt": a fresh request every tick, and a stale one ahead of it.
    expect(after.every((s) => queued(s) === 2 && s.queue[0]!.deadline <= s.tick)).toBe(true);
    expect(activeLeases(last)).toBe(0);
  });
});

const run = (variant: string, fleet: Fleet, outage: number, horizon = 200): SimResult =>
  simulate({ fleet, settings: SETTINGS, switches: variants[variant]!.switches, outageAt: 0, outage, horizon });

/** Both progress claims, judged on a simulated run as the monitors judge a hunted one. */
const keepsClaims = (r: SimResult, fleet: Fleet): boolean => {
  const { window, recoveryBound } = progressBounds(fleet, BOUNDS);
  return (
    r.recoveryTicks !== null &&
    r.recoveryTicks <= recoveryBound &&
    r.longestStall < window &&
    r.longestBusyStall < window
  );
};

/** Every fixed schedule of the hunted ranges: fleets ≤ 8, capacity ≤ 3, timeout ≤ 3, outage ≤ 8 (576 runs). */
function* huntedRanges(): Generator<{ fleet: Fleet; outage: number }> {
  for (let capacity = 1; capacity <= 3; capacity++)
    for (let timeout = 1; timeout <= 3; timeout++)
      for (let droplets = 1; droplets <= 8; droplets++)
        for (let outage = 1; outage <= 8; outage++) yield { fleet: { droplets, capacity, timeout }, outage };
}

describe('dwfm: a metastable failure — past a threshold in fleet size and outage length, as-2025 does not come back', () => {
  it('the shortest outage that collapses a fleet (capacity 1, timeout 1) shrinks as the fleet grows', () => {
    const shortest = Array.from({ length: 12 }, (_, i) => {
      for (let outage = 1; outage <= 10; outage++)
        if (run('as-2025', { droplets: i + 1, capacity: 1, timeout: 1 }, outage).recoveryTicks === null) return outage;
      return null;
    });
    // One droplet always recovers; two need a 3-tick outage to collapse; seven or more collapse after one tick.
    expect(shortest).toEqual([null, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it('the same fleet recovers after a short outage and collapses after a long one', () => {
    const fleet = { droplets: 2, capacity: 1, timeout: 1 };
    expect(run('as-2025', fleet, 2).recoveryTicks).not.toBeNull();
    expect(run('as-2025', fleet, 3).recoveryTicks).toBeNull();
  });

  it('below the threshold fast-check finds nothing either: one droplet, or two and an outage of at most 2 ticks', () => {
    expectSurvives(dwfm, 'as-2025', 'leases-make-progress', { params: { maxDroplets: 1 }, runs: 300 });
    expectSurvives(dwfm, 'as-2025', 'leases-make-progress', { params: { maxDroplets: 2, maxOutage: 2 }, runs: 300 });
  });
});

describe('dwfm: the remedies on every fixed schedule of the hunted ranges (count simulator)', () => {
  it.each(['throttled-restart', 'queue-size-limit', 'drop-expired'])(
    '%s keeps both progress claims in all 576',
    (variant) => {
      const broken = [...huntedRanges()].filter(
        ({ fleet, outage }) => !keepsClaims(run(variant, fleet, outage), fleet),
      );
      expect(broken).toEqual([]);
    },
  );

  it.each([
    ['as-2025', { droplets: 2, capacity: 1, timeout: 1 }, 3],
    ['backoff-jitter', { droplets: 3, capacity: 1, timeout: 1 }, 4],
    ['lifo', { droplets: 3, capacity: 1, timeout: 1 }, 6],
  ] as const)('%s breaks them, first at %o after an outage of %i ticks', (variant, fleet, outage) => {
    const first = [...huntedRanges()].find((s) => !keepsClaims(run(variant, s.fleet, s.outage), s.fleet));
    expect(first).toEqual({ fleet, outage });
  });

  it("drop-expired's limit, just past the hunted fleets: 8 droplets recover, 9 collapse (capacity 1, timeout 1, 2-tick outage)", () => {
    // An attempt costs 2 units once 8 items are queued; the oldest live request is always the one
    // whose deadline is this tick, so every attempt started finishes a tick too late.
    expect(run('drop-expired', { droplets: 8, capacity: 1, timeout: 1 }, 2).recoveryTicks).toBe(7);
    expect(run('drop-expired', { droplets: 9, capacity: 1, timeout: 1 }, 2).recoveryTicks).toBeNull();
  });
});

describe('dwfm: the count simulator is the checked model', () => {
  const scenarios = Object.keys(variants).flatMap((variant) =>
    [1, 2, 3, 5, 8].flatMap((droplets) =>
      [1, 2].flatMap((capacity) =>
        [1, 2].flatMap((timeout) =>
          [1, 3, 6].map((outage) => ({ variant, fleet: { droplets, capacity, timeout }, outage })),
        ),
      ),
    ),
  );

  it(`gives the same per-tick leases, queue and throttle, and the same verdicts as the monitors (${scenarios.length} scenarios)`, () => {
    let collapses = 0;
    let throttled = 0;
    for (const { variant, fleet, outage } of scenarios) {
      const { window, recoveryBound } = progressBounds(fleet, BOUNDS);
      const horizon = recoveryBound + window + 2;
      const sim = simulate(
        { fleet, settings: SETTINGS, switches: variants[variant]!.switches, outageAt: 0, outage, horizon },
        { rows: true },
      );
      const where = `${variant} ${JSON.stringify(fleet)} outage ${outage}`;
      const model = driveOnSchedule(dwfm.model, variant, fleet, outage, horizon);
      const recovered = sim.recoveryTicks !== null && sim.recoveryTicks <= recoveryBound && sim.longestStall < window;
      expect(
        model.broken['leases-make-progress'] === undefined,
        `${where}: ${model.broken['leases-make-progress']}`,
      ).toBe(recovered);
      expect(model.broken['goodput-not-zero'] === undefined, `${where}: ${model.broken['goodput-not-zero']}`).toBe(
        sim.longestBusyStall < window,
      );
      const simRows = sim.rows.map((r) => ({
        tick: r.tick,
        active: r.active,
        queued: r.queued,
        throttled: r.throttled,
      }));
      expect(model.rows.slice(0, simRows.length), where).toEqual(simRows);
      if (!recovered) collapses++;
      if (simRows.some((r) => r.throttled)) throttled++;
    }
    // Not a vacuous agreement: both outcomes occur, and operators throttle in some scenarios.
    expect(collapses).toBeGreaterThan(0);
    expect(collapses).toBeLessThan(scenarios.length);
    expect(throttled).toBeGreaterThan(0);
  });
});

describe('dwfm: the README agrees with the model', () => {
  const readme = readFileSync(new URL('../../models/dwfm/README.md', import.meta.url), 'utf8');

  it('lists every parameter with its default', () => {
    for (const [name, spec] of Object.entries(dwfm.model.params))
      expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\| ${spec.default} \\|`));
  });

  it("gives every variant's expected outcomes as the manifest does, in every claim's column", () => {
    const lines = readme.split('\n');
    const header = lines.find((l) => l.startsWith('| variant |'))!;
    const columns = header.split('|').map((c) => c.trim().replace(/`/g, ''));
    const claims = dwfm.model.properties.filter((p) => p.kind !== 'sometimes').map((p) => p.name);
    for (const claim of claims) expect(columns, `the variants table has no column for ${claim}`).toContain(claim);
    for (const v of Object.keys(dwfm.model.variants)) {
      const row = lines.find((l) => l.startsWith(`| \`${v}\` |`));
      expect(row, v).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      for (const claim of claims) {
        const expected = dwfm.manifest!.outcomes.find((o) => o.variant === v && o.property === claim)!.expect;
        expect(cells[columns.indexOf(claim)], `${v} / ${claim}`).toMatch(expected === 'holds' ? /^✓/ : /^✗/);
      }
    }
  });
});
