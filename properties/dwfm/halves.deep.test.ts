/**
 * DWFM's two-halved claims, half by half: a planted bug for each half (fixtures/weakened.ts) is
 * caught by the claim, with the message of the half it is planted for. leases-make-progress: a
 * lease in every window, and every lease back within the recovery bound (on queue-size-limit, which
 * keeps both); restart-throttles: a restart comes with the throttle, and the throttle admits no more
 * than a tick of work (on throttled-restart). Budgets as the manifest's; deep tier.
 */
import { describe, expect, it } from 'vitest';
import { configure, fromCatalog, hunt, type AnyModel } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import {
  hostPausesAfterRecovery,
  leasesLastATick,
  restartWithoutThrottle,
  throttleAdmitsEverything,
} from './fixtures/weakened.ts';

const { budget } = fromCatalog(catalog, 'dwfm').manifest!;
const broken = (model: AnyModel, variant: string, target: string): string => {
  const r = hunt(configure(model, variant), { ...budget, target, modelRef: model.name });
  expect(r.trace?.outcome, `${model.name} / ${variant} / ${target}`).toBe('counterexample');
  return r.trace!.message;
};

describe('dwfm: leases-make-progress, half by half', () => {
  it('a lease in every window: a host that pauses for a window after DynamoDB is back', () => {
    expect(broken(hostPausesAfterRecovery, 'queue-size-limit', 'leases-make-progress')).toMatch(
      /^no lease established in the \d+ ticks since tick \d+ \(window \d+/,
    );
  });
  it('every lease back within the bound: leases that last a single tick', () => {
    expect(broken(leasesLastATick, 'queue-size-limit', 'leases-make-progress')).toMatch(
      /droplet\(s\) still without a lease \d+ ticks after DynamoDB came back \(bound \d+\)/,
    );
  });
});

describe('dwfm: restart-throttles, half by half', () => {
  it('a restart comes with the throttle: operators who forget it', () => {
    expect(broken(restartWithoutThrottle, 'throttled-restart', 'restart-throttles')).toMatch(
      /^operators restarted the host at tick \d+ without throttling incoming work$/,
    );
  });
  it('the throttle admits a tick of work at most: a throttle admission ignores', () => {
    expect(broken(throttleAdmitsEverything, 'throttled-restart', 'restart-throttles')).toMatch(
      /^the throttle admitted \d+ lease requests at tick \d+, more than the \d+ the host finishes in a tick$/,
    );
  });
});
