/**
 * DWFM's customer-visible claims (models/dwfm/properties.ts: launches, the throttle, and the clock
 * they are counted by): two planted bugs that the lease claims do not notice and these do
 * (properties/dwfm/fixtures/weakened.ts). Their manifest outcomes are asserted with the others,
 * exhaustively in outcomes.deep.test.ts and hunted in dwfm.deep.test.ts. Budgets are fixed
 * (models/dwfm/manifest.json).
 */
import { describe, expect, it } from 'vitest';
import { configure, fromCatalog, hunt, statesOf, type AnyModel, type HuntResult } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { launchBound } from '../../models/dwfm/kit.ts';
import type { DwfmState } from '../../models/dwfm/state.ts';
import { clockStops, throttleNeverLifted } from './fixtures/weakened.ts';
import { driveOnSchedule } from './schedule.ts';

const dwfm = fromCatalog(catalog, 'dwfm');
const { budget } = dwfm.manifest!;
const REACT = dwfm.model.params.react!.default;

/** A hunt of the planted bug with the manifest's budget, in the one variant with operators. */
const huntBug = (model: AnyModel, target: string, runs = budget.runs): HuntResult =>
  hunt(configure(model, 'throttled-restart'), { ...budget, runs, target, modelRef: model.name });

describe('dwfm: a throttle that is never lifted', () => {
  it('breaks launches-succeed-after-recovery: a launch refused for "request limit exceeded" though every lease is back', () => {
    const r = huntBug(throttleNeverLifted, 'launches-succeed-after-recovery');
    const trace = r.trace!;
    expect(trace?.outcome).toBe('counterexample');
    expect(trace.message).toMatch(/^a launch failed with "request limit exceeded"/);
    const last = statesOf(trace).at(-1) as DwfmState;
    expect(trace.steps.at(-1)).toMatchObject({ action: 'customerLaunchesInstance' });
    expect(last).toMatchObject({ throttled: true, dynamo: { up: true } });
    expect(last.leases.reduce((n, c) => n + c.count, 0)).toBe(last.fleet!.droplets);
    expect(last.tick - last.dynamo.backAt!).toBeGreaterThan(launchBound(last.fleet!, { react: REACT }));
  });

  it('breaks throttle-relaxed-after-recovery', () => {
    const relaxed = huntBug(throttleNeverLifted, 'throttle-relaxed-after-recovery');
    expect(relaxed.trace?.outcome).toBe('counterexample');
    expect(relaxed.trace?.message).toMatch(
      /^operators still throttle incoming work .* after every droplet got its lease back/,
    );
  });

  it('the lease claims do not notice it: no counterexample, only a vacuous hunt now that the throttle cycle is a witness', () => {
    for (const claim of ['leases-make-progress', 'goodput-not-zero']) {
      const r = huntBug(throttleNeverLifted, claim, 300);
      expect(r.trace, claim).toBeNull();
      expect(r.unreached, claim).toEqual(['throttle-cycle-completed']);
    }
  });
});

describe('dwfm: time that stops (a restart that does not reset the stall counter)', () => {
  it('breaks the built-in no-zeno check, which names the urgent restart that is due again at once', () => {
    const trace = huntBug(clockStops, 'no-zeno').trace!;
    expect(trace?.outcome).toBe('counterexample');
    expect(trace.message).toMatch(
      /^\d+ steps in a row without the clock advancing .*: a Zeno run: operators' restart is due \(.*\), and time waits for it$/,
    );
    const tail = trace.steps.slice(-3).map((s) => s.action);
    expect(tail.filter((a) => a === 'operatorsThrottleAndRestartHost').length).toBeGreaterThanOrEqual(2);
  });

  it('the claims counted in ticks hold vacuously on it, and the throttle cycle is never completed', () => {
    for (const claim of ['leases-make-progress', 'launches-succeed-after-recovery']) {
      const r = huntBug(clockStops, claim, 300);
      expect(r.trace, claim).toBeNull();
      expect(r.unreached, claim).toEqual(['throttle-cycle-completed']);
    }
  });

  it('the simulator cross-check stops with a clear message instead of looping', () => {
    expect(() =>
      driveOnSchedule(clockStops, 'throttled-restart', { droplets: 2, capacity: 1, timeout: 1 }, 3, 20),
    ).toThrow(/time stopped at tick \d+: \d+ steps taken without reaching tick 24/);
  });
});

describe('dwfm: the launch claim is judged on launches', () => {
  it("throttled-restart's green hunt judges a late launch in a quarter of its runs or more", () => {
    const r = hunt(configure(dwfm.model, 'throttled-restart'), {
      ...budget,
      target: 'launches-succeed-after-recovery',
      modelRef: 'dwfm',
    });
    expect(r.trace).toBeNull();
    expect(r.coverage.reached['late-launch-judged']! / r.coverage.runs).toBeGreaterThanOrEqual(0.25);
  });
});
