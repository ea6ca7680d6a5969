/**
 * The DNS race on the queue link (models/dns, variants as-2025-queue and fixed-queue): the
 * manifest's outcomes, the shrunk race read as the deep schedule it is, the race's depth on both
 * links against the exhaustive explorer, and an exhaustive check at small parameters that agrees
 * with the hunts.
 *
 * Budgets are fixed (models/dns/manifest.json); the file takes about 10 s on a 2-core machine, most
 * of it the 5,000-run hunts that fixed-queue survives. The race's depth at larger configurations is
 * the deep tier's (queue.deep.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { fromCatalog, replay, statesOf, type Trace } from '../../engine/index.ts';
import { committedTrace } from '../../engine/vitest.ts';
import { shortestRace } from '../../models/dns/depth.ts';
import type { DnsParams, DnsState } from '../../models/dns/state.ts';
import { catalog } from '../../models/index.ts';
import { itAgreesExhaustively, onLink, withoutStep } from './links.ts';
import { describeShortestRace } from './shortest-race.ts';

const dns = fromCatalog(catalog, 'dns');
const queue = onLink(dns, 'queue');

/** The race as committed (queue.deep.test.ts checks that the manifest's hunt gives these bytes). */
const asHunted = (): Trace => committedTrace(dns, 'as-2025-queue', 'endpoint-never-empty');

describe('dns / as-2025-queue: the shrunk race', () => {
  it('the other enactor works through every queued plan, in order, while the delayed one holds the oldest', () => {
    const trace = asHunted();
    const states = statesOf(trace) as DnsState[];
    const { window } = trace.params as { window: number };
    const last = trace.steps.at(-1)!;
    expect(last.action).toBe('enactorCleansUpOldPlans');
    // Plans leave the queue oldest first, each to one enactor: 2, 3, …, the newest.
    const taken = trace.steps.flatMap((s, i) => (s.action === 'enactorTakesNextPlan' ? [states[i]!.queue[0]!] : []));
    expect(taken).toEqual(taken.map((_, i) => 2 + i));
    const newest = taken.at(-1)!;
    // The delayed enactor took plan 2; the newest is more than window newer, and its enactor cleans up.
    const aTake = trace.steps.find((s) => s.action === 'enactorTakesNextPlan')!;
    expect(aTake.description).toContain('takes plan 2 from the queue');
    expect(newest - 2).toBeGreaterThan(window);
    expect(trace.steps.findLast((s) => s.action === 'enactorTakesNextPlan')!.actor).toBe(last.actor);
    // Its clean-up deletes plan 2, the one the delayed enactor is about to leave in Route53 (plan 1
    // may go with it, or at an earlier clean-up: both orders are equally short).
    expect(last.description).toMatch(/deletes (plan 2|plans 1, 2) \(/);
    // Between its take and its stale commit, the delayed enactor is overtaken by every newer plan.
    const aStale = trace.steps.findLastIndex(
      (s) => s.actor === aTake.actor && s.action === 'enactorAppliesPlanToEndpoint',
    );
    expect(trace.steps[aStale]!.description).toMatch(
      new RegExp(`^${aTake.actor} applies plan 2 to .* \\(it had plan ${newest}\\)$`),
    );
  });

  it('is as short as the race can be on the queue link', () => {
    expect(asHunted().steps).toHaveLength(shortestRace('queue', asHunted().params as DnsParams));
  });

  it('is 1-minimal: without any one of its steps the race no longer happens', () => {
    const trace = asHunted();
    const survivors = trace.steps
      .map((_, i) => i + 1)
      .filter(
        (i) => replay(dns.model, withoutStep(trace, i), `without step ${i}`, undefined, { edited: true }).reproduced,
      );
    expect(survivors).toEqual([]);
  });

  it('no longer reproduces on fixed-queue', () => {
    const r = replay(dns.model, asHunted(), 'shrunk-traces/dns/as-2025-queue/endpoint-never-empty.json', 'fixed-queue');
    expect(r.reproduced, r.summary).toBe(false);
  });
});

/** The race's depth on both links, at configurations the explorer settles in under a second. */
describeShortestRace([
  { variant: 'as-2025', enactors: 2, endpoints: 1, window: 1 },
  { variant: 'as-2025', enactors: 2, endpoints: 2, window: 2 },
  { variant: 'as-2025-queue', enactors: 2, endpoints: 1, window: 1 },
  { variant: 'as-2025-queue', enactors: 3, endpoints: 1, window: 1 },
]);

describe('dns queue link: an exhaustive check at small parameters agrees with the manifest', () => {
  itAgreesExhaustively(queue);
});
