/**
 * Declarations checked at run time: unknown fields refused with the closest known name, renamed
 * fields saying what they are called now, the defaults a first model leans on, and models written
 * for the API of November 2026 failing in one line that says what to change (never a TypeError).
 */
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { hunt } from '../hunt/hunt.ts';
import { model, modelKit, range, record, type AnyModel } from '../index.ts';
import { november } from './fixtures/old-api/november.ts';
import { cli, expectOneLineError, FIXTURES } from './helpers.ts';

type Account = { readonly balance: number; readonly approved: readonly number[] };

/** The smallest declaration: name, init and actions, everything else defaulted. */
const minimal = (extra: Record<string, unknown> = {}): AnyModel =>
  model({
    name: 'tiny',
    init: (): Account => ({ balance: 100, approved: [] }),
    actions: {
      clientChecksBalance: {
        when: (s, c) => !s.approved.includes(c) && s.balance >= 60,
        args: [1, 2],
        step: (d, c) => void d.approved.push(c),
      },
      clientWithdraws: {
        args: range(1, 2),
        when: (s, c) => s.approved.includes(c),
        step: (d, c) => {
          d.balance -= 60;
          d.approved = d.approved.filter((x) => x !== c);
        },
      },
    },
    always: { 'never-overdrawn': (s) => s.balance >= 0 || `balance is ${s.balance}` },
    ends: (s) => s.approved.length === 0 && s.balance < 60,
    ...extra,
  });

describe('a model with every default', () => {
  it('has a title, no doc, no parameters, one variant and actors named by role and argument', () => {
    const m = minimal();
    expect([m.title, m.doc, m.params, Object.keys(m.variants)]).toEqual(['tiny', '', {}, ['default']]);
    const inst = configure(m, undefined);
    expect(inst.lanes).toEqual(['client 1', 'client 2']);
    const [first] = inst.allChoices();
    const s0 = inst.initial();
    expect(inst.describe(s0, first!, inst.next(s0, first!))).toBe('client 1 checks balance');
    expect(inst.properties.map((p) => `${p.kind} ${p.name}`)).toEqual(['always never-overdrawn', 'always no-deadlock']);
  });

  it('finds the double withdrawal in 4 steps', () => {
    const r = hunt(configure(minimal(), undefined), { seed: 20251019, runs: 1000, maxSteps: 50 });
    expect(r.trace?.steps.map((s) => `${s.actor}: ${s.action}`)).toEqual([
      'client 1: clientChecksBalance',
      'client 2: clientChecksBalance',
      'client 1: clientWithdraws',
      'client 2: clientWithdraws',
    ]);
    expect(r.trace?.message).toBe('balance is -20');
  });

  it('names the actor of a record argument by the field named like its role, else by the role alone', () => {
    const m = model({
      name: 'roles',
      init: () => ({ n: 0 }),
      actions: {
        enactorApplies: { args: record({ enactor: [1, 2], plan: [7] }), step: (d, { plan }) => void (d.n = plan) },
        tick: { step: (d) => void (d.n += 1) },
      },
    });
    expect(configure(m, undefined).lanes).toEqual(['enactor 1', 'enactor 2', 'tick']);
  });
});

describe('domains', () => {
  it('are arrays: map, filter and length work, and a plain array is one', () => {
    expect(range(1, 3).map((i) => i * 2)).toEqual([2, 4, 6]);
    expect(range(1, 3).values).toEqual([1, 2, 3]);
    expect(JSON.stringify(record({ a: [1], b: range(1, 2) }))).toBe('[{"a":1,"b":1},{"a":1,"b":2}]');
  });

  it('built the old way, as { values }, still work', () => {
    const { action, model: kitModel } = modelKit<{ readonly n: number }>();
    const m = kitModel({
      name: 'old-domain',
      init: () => ({ n: 0 }),
      actions: [action({ name: 'add', args: () => ({ values: [1, 2] }), step: (d, a) => void (d.n += a) })],
    });
    expect(
      configure(m, undefined)
        .allChoices()
        .map((c) => c.arg),
    ).toEqual([1, 2]);
  });
});

describe('declarations checked at run time', () => {
  it.each([
    [{ say: 'x' }, /model "tiny": unknown field "say" \(model fields: name, title/],
    [{ says: 'x' }, /model "tiny": unknown field "says" \(model fields: name, title/],
    [{ end: () => true }, /unknown field "end" \(did you mean "ends"\?/],
    [{ budget: { runs: 1, maxSteps: 1 } }, /the field "budget" was removed .*manifest\.json/],
    [{ init: 3 }, /model "tiny": "init" must be a function, got 3/],
    [{ always: { Never: (s: Account) => s.balance > 0 } }, /property name "Never" must be lower-case words/],
    [{ properties: [{ name: 'x', check: () => true }] }, /properties\[0\] is not a property: build it with always/],
  ])('refuses a model field in one line (%#)', (extra, pattern) => {
    expect(() => minimal(extra)).toThrow(pattern);
  });

  it('refuses an unknown action field with the closest known one', () => {
    const { action } = modelKit<Account>();
    expect(() => action({ name: 'clientWaits', step: () => {}, wen: () => true } as never)).toThrow(
      /action clientWaits: unknown field "wen" \(did you mean "when"\?/,
    );
    expect(() =>
      model({ name: 'm', init: () => ({}), actions: { clientWaits: { step: () => {}, guard: () => true } as never } }),
    ).toThrow(/model "m": action clientWaits: the field "guard" is called "when"/);
    expect(() => model({ name: 'm', init: () => ({}), actions: [{ name: 'x', step: () => {} } as never] })).toThrow(
      /actions\[0\] is not an action: build it with action\(\{ name, … \}\), or give actions as a record, \{ x: \{ args, when, step \} \}/,
    );
  });
});

describe('a model written for the API of November 2026', () => {
  it('reading ctx.variant fails in one line naming ctx.switches (exit 2)', async () => {
    expectOneLineError(
      await cli(['hunt', `${FIXTURES}/old-api/switches.ts`, '--runs', '20']),
      /ctx\.variant was renamed \(December 2026\): read the variant's switches as ctx\.switches/,
    );
  });

  it('a describe(state, arg, ctx) fails in one line saying to add the after-state (exit 2)', async () => {
    expectOneLineError(
      await cli(['hunt', `${FIXTURES}/old-api/describe.ts`, '--runs', '20']),
      /action counterAdds: its describe threw .*describe\(before, arg, after, ctx\) since December 2026/,
    );
  });

  it('a budget in the model fails in one line saying where budgets live (exit 2)', async () => {
    expectOneLineError(
      await cli(['hunt', `${FIXTURES}/old-api/budget.ts`]),
      /model "old-budget": the field "budget" was removed .*manifest\.json/,
    );
  });
});

describe('a model written for the API of November 2026, continued', () => {
  it('in the shape its README taught (every field, actor before args, args of the context) runs as it is', () => {
    const budget = { seed: 20251019, runs: 300, maxSteps: 20 };
    expect(hunt(configure(november, 'read-then-write'), { ...budget, target: 'no-lost-update' }).found).toBe(true);
    expect(hunt(configure(november, 'atomic'), { ...budget, target: 'no-lost-update' }).found).toBe(false);
    // It declares no end states, as none could be declared then: the built-in deadlock check says how to.
    const stuck = hunt(configure(november, 'atomic'), { ...budget, target: 'no-deadlock' });
    expect(stuck.trace?.message).toMatch(/a deadlock \(declare the states where the protocol is done with `ends`\)/);
  });

  it('a sample-only domain, sampled(…), fails in one line naming what to give instead (exit 2)', async () => {
    expectOneLineError(
      await cli(['hunt', `${FIXTURES}/old-api/sampled.ts`]),
      /sampled\(\) was removed \(December 2026\): a domain is a finite list.*range\(lo, hi\)/,
    );
  });

  it('a property of kind "invariant" fails in one line naming "always" (exit 2), rather than going unchecked', async () => {
    expectOneLineError(
      await cli(['hunt', `${FIXTURES}/old-api/invariant.ts`]),
      /model "old-invariant": property below-three: the kind "invariant" is called "always"/,
    );
    const made = { name: 'm', init: () => ({}), actions: { clientActs: { step: () => {} } } };
    const unknown = { kind: 'eventually', name: 'p', doc: '', check: () => true };
    expect(() => model({ ...made, properties: [unknown as never] })).toThrow(
      /property p: its kind "eventually" is not one racehunt judges/,
    );
  });
});

describe('the deadlock verdict', () => {
  it('says in its first lines how to declare ends or turn the check off', async () => {
    const r = await cli(['hunt', `${FIXTURES}/stuck.ts`]);
    expect(r.code, r.stderr).toBe(1);
    const head = r.stdout.split('\n').slice(0, 4).join(' ').replace(/\s+/g, ' ');
    expect(head).toContain('✗ no-deadlock broken');
    expect(head).toContain(
      'declare where the protocol is done with `ends: (state) => …`, or turn this check off with --no-deadlock',
    );
    expect((await cli(['hunt', `${FIXTURES}/stuck.ts`, '--no-deadlock'])).code).toBe(0);
  });
});
