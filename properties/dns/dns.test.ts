/**
 * DynamoDB's DNS race (models/dns) on the stack link: every expected outcome in its manifest, the
 * as-2025 counterexample read as the story AWS told, its minimality, its replay on the fixes, and an
 * exhaustive check at small parameters that agrees with the hunts. The queue link is in
 * queue.test.ts.
 *
 * Budgets are fixed (seeds, runs, steps in models/dns/manifest.json); the whole file takes about
 * 30 s on a 2-core machine, most of it the 10,000-run hunts that the fixes survive.
 */
import { describe, expect, it } from 'vitest';
import { fromCatalog, replay, statesOf, type Trace } from '../../engine/index.ts';
import { committedTrace } from '../../engine/vitest.ts';
import type { DnsState } from '../../models/dns/state.ts';
import { catalog } from '../../models/index.ts';
import { itAgreesExhaustively, onLink, withoutStep } from './links.ts';

const dns = fromCatalog(catalog, 'dns');
const stack = onLink(dns, 'stack');
const REGIONAL = 'dynamodb.us-east-1.amazonaws.com';

/** The as-2025 counterexample as committed (dns.deep.test.ts checks that the manifest's hunt gives these bytes). */
const asHunted = (): Trace => committedTrace(dns, 'as-2025', 'endpoint-never-empty');

describe("dns / as-2025: the shrunk race reads like AWS's story", () => {
  it("a delayed enactor overwrites the regional endpoint, then the other enactor's clean-up deletes its plan", () => {
    const trace = asHunted();
    const states = statesOf(trace) as DnsState[];
    const { window } = trace.params as { window: number };
    const last = trace.steps.at(-1)!;
    // The last step is B's clean-up, and it empties the regional endpoint.
    expect(last.action).toBe('enactorCleansUpOldPlans');
    expect(trace.message).toContain(REGIONAL);
    const b = last.actor;
    const bIndex = Number(b.replace('enactor ', '')) - 1;
    // B applied its plan q to every endpoint before cleaning up.
    const bPick = trace.steps.findIndex((s) => s.actor === b && s.action === 'enactorPicksLatestPlan');
    const q = states[bPick + 1]!.enactors[bIndex]!.plan!;
    const bCommits = trace.steps.filter((s) => s.actor === b && s.action === 'enactorAppliesPlanToEndpoint');
    expect(bCommits).toHaveLength(trace.params.endpoints!);
    // A picked its plan p before the planner published the newer ones, and p is more than window older than q.
    const aStale = trace.steps.findLastIndex((s) => s.actor !== b && s.action === 'enactorAppliesPlanToEndpoint');
    const a = trace.steps[aStale]!.actor;
    const aPick = trace.steps.findIndex((s) => s.actor === a && s.action === 'enactorPicksLatestPlan');
    const p = states[aPick + 1]!.enactors[Number(a.replace('enactor ', '')) - 1]!.plan!;
    expect(aPick).toBeLessThan(bPick);
    expect(q - p).toBeGreaterThan(window);
    expect(
      trace.steps.slice(aPick + 1, bPick).filter((s) => s.action === 'plannerPublishesPlan').length,
    ).toBeGreaterThanOrEqual(q - p);
    // A's stale write lands on the regional endpoint after B's, overwriting the newer plan.
    const after = states[aStale + 1]!.route53[0]!;
    expect(after).toMatchObject({ plan: p, replaced: q });
    expect(trace.steps[aStale]!.description).toBe(`${a} applies plan ${p} to ${REGIONAL} (it had plan ${q})`);
    expect(
      trace.steps
        .slice(bPick)
        .some((s) => s.actor === b && s.description.startsWith(`${b} applies plan ${q} to ${REGIONAL}`)),
    ).toBe(true);
    // B's clean-up deletes p, and with it the regional endpoint's records.
    expect(last.description).toContain(`deletes plans 1, ${p}`);
    expect(states.at(-1)!.route53[0]!.records).toEqual([]);
  });

  it('is 1-minimal: without any one of its steps the race no longer happens', () => {
    const trace = asHunted();
    const survivors = trace.steps
      .map((_, i) => i + 1)
      .filter(
        (i) => replay(dns.model, withoutStep(trace, i), `without step ${i}`, undefined, { edited: true }).reproduced,
      );
    expect(survivors, 'steps that can be removed while the endpoint still ends up empty').toEqual([]);
  });

  // That it is as short as any (the explorer's shortest at the default parameters, about 6 CPU
  // seconds) is the deep tier's: properties/explore/cross-check.deep.test.ts.

  it.each(['fixed', 'cas-only', 'guard-only'])('no longer reproduces on %s', (variant) => {
    const r = replay(dns.model, asHunted(), 'shrunk-traces/dns/as-2025/endpoint-never-empty.json', variant);
    expect(r.reproduced, r.summary).toBe(false);
    expect(r.summary).toMatch(/^no longer reproduces/);
  });
});

itAgreesExhaustively(stack);
