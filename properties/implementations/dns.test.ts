/**
 * The DNS automation as asynchronous TypeScript (implementations/dns), under racehunt's controlled
 * scheduler: the 2025 code has the empty-endpoint race, shrunk to the shortest story the code
 * allows; the fixed code survives every check, conformance to the model's steps included; two
 * deliberately broken versions are caught as not conforming, at the step where they leave the
 * model; the committed traces replay byte for byte. Fixed seeds and budgets throughout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, renderMarkdown, statesOf, type Trace } from '../../engine/index.ts';
import { describeCommittedTraces, expectCounterexample, expectSurvives } from '../../engine/vitest.ts';
import { model as dns } from '../../models/dns/index.ts';
import { dnsImplementation } from '../../implementations/dns/system.ts';

const REF = './implementations/dns/system.ts';
const DEFAULTS = { enactors: 3, endpoints: 4, window: 5 };

/**
 * The fewest operations the race takes in this code: the planner reads the latest generation and
 * publishes window + 2 plans with a sleep between each; the delayed enactor lists the endpoints,
 * claims plan 2, and later locks, reads, fetches the active plan and commits on the regional
 * endpoint; the other enactor lists, claims the newest plan, does the same four calls on every
 * endpoint, lists the plans and deletes.
 */
const shortestRace = ({ endpoints, window }: typeof DEFAULTS) =>
  1 + (window + 2) + (window + 1) + 6 + (2 + 4 * endpoints + 2);

/** The model's always-properties on a trace's last state: what invariants alone would say. */
function invariantsAtEnd(trace: Trace, variant: string): Record<string, boolean | string> {
  const inst = configure(dns, variant);
  const last = statesOf(trace).at(-1);
  return Object.fromEntries(
    inst.model.properties.flatMap((p) => (p.kind === 'always' ? [[p.name, p.check(last, inst.ctx)]] : [])),
  );
}

describe('as-2025: the race AWS described, in the code', () => {
  it('a delayed enactor’s stale commit lands just before the other enactor’s clean-up deletes its plan', async () => {
    const trace = await expectCounterexample(dnsImplementation, 'as-2025', 'endpoint-never-empty', { modelRef: REF });
    expect(trace.steps).toHaveLength(shortestRace(DEFAULTS));
    expect(trace.message).toBe(
      'dynamodb.us-east-1.amazonaws.com resolves to no IP addresses: its active plan 2 was deleted',
    );
    const described = trace.steps.map((s) => `${s.actor}: ${s.description}`);
    const stale = described.findIndex((d) =>
      /applies plan 2 to dynamodb\.us-east-1\.amazonaws\.com \(it had plan 8\)/.test(d),
    );
    expect(stale, 'the stale commit of plan 2 over plan 8').toBeGreaterThan(0);
    expect(described.at(-1)).toMatch(/plans\.deletePlans\(\[1, 2\]\).*loses all IP addresses/);
    // Every step is the code's own call, and every change is a step of the model (≙), or no change.
    for (const s of trace.steps) {
      expect(s.action).toMatch(/^(plans|route53|clock)\.[a-zA-Z]+$/);
      if (s.changes.length > 0) expect(s.description).toContain(' ≙ ');
    }
    expect(trace.found).toMatchObject({ by: 'schedule', strategy: 'delay', seed: 20251019 });
  });

  it('its Markdown twin draws the Mermaid sequence diagram, as model traces do', () => {
    const md = readFileSync('shrunk-traces/dns-implementation/as-2025/endpoint-never-empty.md', 'utf8');
    expect(md).toMatch(/```mermaid\n(%%\{init.*\n)?sequenceDiagram/);
    expect(md).toContain('participant p1 as enactor');
    expect(md).toMatch(/->>p\d: \d+\. route53\.changeResourceRecordSets/);
    expect(md).toContain('found by schedule');
  });
});

describe('as-2025 does not recover on its own', () => {
  it('once a served plan is deleted, the enactors retry that endpoint forever, even scheduled fairly', async () => {
    const trace = await expectCounterexample(dnsImplementation, 'as-2025', 'settles', {
      modelRef: REF,
      committed: false,
      print: false,
    });
    expect(trace.message).toMatch(
      /^not settled: after the schedule's \d+ steps and 300 more under a fair round-robin, still pending /,
    );
    expect(trace.recovery!.filter((s) => s.description.includes('✗ InvalidChangeBatch')).length).toBeGreaterThan(10);
  });
});

describe('fixed: nothing found, and it says what it covered', () => {
  it('every invariant, conformance to model dns / fixed, rejections, deadlocks and settling hold', async () => {
    const r = await expectSurvives(dnsImplementation, 'fixed', undefined, { runs: 60 });
    expect(r.coverage.ends.settled).toBe(60);
    for (const action of [
      'plannerPublishesPlan',
      'enactorPicksLatestPlan',
      'enactorLocksEndpoint',
      'enactorAppliesPlanToEndpoint',
      'enactorCleansUpOldPlans',
    ])
      expect(r.coverage.modelSteps[action], action).toBeGreaterThan(0);
    expect(r.coverage.reached['enactor-overtaken']).toBeGreaterThan(0);
  });
});

describe('deliberately broken code is caught where it leaves the model', () => {
  it('skips-lock: enactor 1 commits without the endpoint’s lock, at its first commit', async () => {
    const trace = await expectCounterexample(dnsImplementation, 'skips-lock', 'conforms-to-model', { modelRef: REF });
    const last = trace.steps.at(-1)!;
    expect(last).toMatchObject({ actor: 'enactor 1', action: 'route53.changeResourceRecordSets' });
    expect(trace.steps.filter((s) => s.action === 'route53.changeResourceRecordSets')).toHaveLength(1);
    expect(trace.message).toMatch(
      /^route53\.changeResourceRecordSets by enactor 1 \(step \d+\) does not conform to model dns \/ fixed: it changed route53\[0\]\.plan: 1 → 2/,
    );
    expect(trace.message).toMatch(
      /the model allowed .*enactorLocksEndpoint\(1\): enactor 1 locks dynamodb\.us-east-1\.amazonaws\.com to apply plan 2/,
    );
  });

  it('unchecked-write: the commit no longer checks its plan is newer; caught at a rewrite that only commits-advance flags', async () => {
    const trace = await expectCounterexample(dnsImplementation, 'unchecked-write', 'conforms-to-model', {
      modelRef: REF,
    });
    expect(trace.steps.at(-1)!.action).toBe('route53.changeResourceRecordSets');
    expect(trace.message).toMatch(
      /closest: enactorAppliesPlanToEndpoint\(\d\), "enactor \d's conditional update of dynamodb\.us-east-1\.amazonaws\.com to plan 2 is refused \(it has plan 2\); moves on", which differs in route53\[0\]\.replaced: the model has 1, the code made it 2/,
    );
    // A rewrite of the same plan: nothing goes back or empties, but the commit is not an advance.
    expect(invariantsAtEnd(trace, 'fixed')).toEqual({
      'endpoint-never-empty': true,
      'no-stale-overwrite': true,
      'commits-advance': 'dynamodb.us-east-1.amazonaws.com was committed plan 2 over plan 2: not a newer one',
      'plans-in-use-kept': true,
    });
  });
});

describe('the other halves of the fix agree with the model’s manifest', () => {
  it('guard-only still moves an endpoint back (no-stale-overwrite)', async () => {
    const trace = await expectCounterexample(dnsImplementation, 'guard-only', 'no-stale-overwrite', {
      modelRef: REF,
      committed: false,
      print: false,
    });
    expect(trace.steps.length).toBe(16);
  });
  it('cas-only keeps both invariants', async () => {
    await expectSurvives(dnsImplementation, 'cas-only', 'endpoint-never-empty', { runs: 40 });
  });
});

describe('the implementation is plain TypeScript', () => {
  it('its files import nothing from racehunt; only the harness side (system, mapping, describe) does', () => {
    const dir = 'implementations/dns';
    const harness = new Set(['system.ts', 'mapping.ts', 'describe.ts']);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && !harness.has(x))) {
      const imports = [...readFileSync(join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.filter((i) => !i!.startsWith('./')),
        f,
      ).toEqual([]);
    }
  });

  it('a committed trace renders as its Markdown twin', () => {
    const file = 'shrunk-traces/dns-implementation/skips-lock/conforms-to-model.json';
    const trace = JSON.parse(readFileSync(file, 'utf8')) as Trace;
    expect(renderMarkdown(trace, { file })).toBe(readFileSync(file.replace(/json$/, 'md'), 'utf8'));
  });
});

describeCommittedTraces([dnsImplementation]);
