/**
 * The exhaustive explorer on models small enough to count by hand: exact state counts, shortest
 * counterexamples and witnesses, proofs, progress properties (monitors carried in the state,
 * recovery judged from every state), symmetry reduction, the probes that catch a model breaking
 * the explorer's assumptions, and determinism. About 2 s in all.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../explore/explore.ts';
import { configure, type Instance } from '../core/instance.ts';
import { StateCodec } from '../explore/codec/state-codec.ts';
import { RecoveryJudge } from '../explore/recovery.ts';
import { recover } from '../core/fair.ts';
import { modelKit, range } from '../index.ts';
import type { AnyModel } from '../core/model.ts';
import { replay } from '../core/replay.ts';
import { traceJson } from '../core/trace.ts';
import { register, type RegisterState } from '../../models/register/model.ts';
import { counters } from './fixtures/counters.ts';

const binomial = (n: number, k: number): number =>
  k < 0 || k > n ? 0 : k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k;

/**
 * Compare-and-set never loses an update, so the register always equals the number of clients done
 * (k), and each of the n − k others is idle or holds a value it read, 0..k: (k + 2) choices each.
 */
const casStates = (n: number): number =>
  Array.from({ length: n + 1 }, (_, k) => binomial(n, k) * (k + 2) ** (n - k)).reduce((a, b) => a + b, 0);

/** The same up to renaming clients: multisets of n − k client states over k + 2 kinds, summing to 2ⁿ⁺¹ − 1. */
const casClasses = (n: number): number => 2 ** (n + 1) - 1;

/** The register with its clients declared interchangeable: sort them. */
const symmetricRegister: AnyModel = {
  ...register,
  canonical: (s) => {
    const r = s as RegisterState;
    const key = (c: RegisterState['clients'][number]) => `${c.phase}:${c.read}`;
    return { ...r, clients: [...r.clients].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
  },
};

describe('explore: the register, counted by hand', () => {
  it.each([1, 2, 3, 4])('compare-and-set with %i clients has Σ C(n,k)(k+2)^(n−k) states, and no lost update', (n) => {
    const r = explore(configure(register, 'compare-and-set', { clients: n }), { exhaust: true });
    expect(r.states).toBe(casStates(n));
    expect(r.complete).toBe(true);
    expect(r.cut).toBeNull();
    expect(r.terminal).toBe(1); // every client done, register = n
    expect(r.depth).toBe(2 * n); // a read and a write each, and a failed CAS only goes back
    expect(r.properties.find((p) => p.name === 'no-lost-update')?.outcome).toBe('holds');
    expect(r.properties.find((p) => p.name === 'all-clients-done')).toMatchObject({ outcome: 'reached', steps: 2 * n });
  });

  it('read-modify-write with 2 clients has 12 states: the 11 of compare-and-set, plus both done with the register at 1', () => {
    // (idle,idle) 1; one holding 0: 2; both holding 0: 1; one done: 2; one done, the other holding 0 or 1: 4;
    // both done: register 2 (serial) or 1 (the lost update). A failed CAS is what merges the second case.
    const r = explore(configure(register, 'read-modify-write', { clients: 2 }), { exhaust: true });
    expect(r.states).toBe(12);
    expect(r.transitions).toBe(14);
    expect(r.terminal).toBe(2);
  });

  it('finds the shortest lost update: two reads, two writes (4 steps), with 11 states stored when found', () => {
    const inst = configure(register, 'read-modify-write', { clients: 3 });
    const r = explore(inst, { target: 'no-lost-update' });
    expect(r.found).toBe(true);
    expect(r.cut).toBe('decided');
    expect(r.trace?.steps.map((s) => s.action)).toEqual([
      'clientReadsRegister',
      'clientReadsRegister',
      'clientWritesIncrement',
      'clientWritesIncrement',
    ]);
    expect(r.trace?.found).toMatchObject({ by: 'check', depth: 4 });
    expect(r.trace?.message).toBe('register is 1 but 2 increments were acknowledged');
  });

  it('writes a trace that replays like a hunted one, and no longer reproduces on the fix', () => {
    const r = explore(configure(register, 'read-modify-write'), { target: 'no-lost-update' });
    const again = replay(register, r.trace!, 'check.json');
    expect(again).toMatchObject({ reproduced: true, executed: 4, drift: [] });
    expect(again.finding?.atStep).toBe(4);
    expect(replay(register, r.trace!, 'check.json', 'compare-and-set').reproduced).toBe(false);
  });

  it('gives the shortest witness of a sometimes property', () => {
    const r = explore(configure(register, 'read-modify-write', { clients: 3 }), { target: 'all-clients-done' });
    expect(r.found).toBe(true);
    expect(r.trace?.outcome).toBe('witness');
    expect(r.trace?.steps).toHaveLength(6);
  });

  it('is deterministic: the same result and trace bytes twice', () => {
    const run = () => explore(configure(register, 'read-modify-write', { clients: 3 }), { exhaust: true });
    const a = run();
    const b = run();
    const strip = (r: typeof a) => ({
      ...r,
      ms: 0,
      statesPerSec: 0,
      properties: r.properties.map((p) => ({ ...p, trace: p.trace && traceJson(p.trace) })),
      trace: null,
    });
    expect(strip(a)).toEqual(strip(b));
  });
});

describe('explore: bounds', () => {
  it('a depth bound that cuts is a bounded result, and says so', () => {
    const r = explore(configure(register, 'compare-and-set', { clients: 2 }), { maxDepth: 2 });
    expect(r.cut).toBe('max-depth');
    expect(r.complete).toBe(false);
    // depth ≤ 2: the start, two first moves (one read each), and after two steps: both read, or one read and wrote.
    expect(r.states).toBe(1 + 2 + 3);
    expect(r.properties.find((p) => p.name === 'all-clients-done')?.outcome).toBe('unreached');
  });

  it('a depth bound beyond the deepest state is no bound: the search is complete', () => {
    const r = explore(configure(register, 'compare-and-set', { clients: 2 }), { maxDepth: 4 });
    expect(r.cut).toBeNull();
    expect(r.complete).toBe(true);
    expect(r.states).toBe(casStates(2));
  });

  it('a state bound stops the search there', () => {
    const r = explore(configure(register, 'compare-and-set', { clients: 3 }), { maxStates: 10 });
    expect(r.cut).toBe('max-states');
    expect(r.states).toBe(10);
    expect(r.properties.find((p) => p.name === 'no-lost-update')?.outcome).toBe('holds');
  });
});

describe('explore: progress properties', () => {
  it('carries a monitor’s memory in the state (the product): 24 states instead of 20', () => {
    // Without the monitor: consumed ≤ produced ≤ 3 (10 pairs) × stopped or not = 20.
    const plain = explore(configure(counters, 'stalls'), { target: 'never-ahead' });
    expect(plain.states).toBe(20);
    // With it: a stopped consumer with d = produced − consumed > 0 pending items has waited 1..d steps (d states, not 1).
    const product = explore(configure(counters, 'stalls'), { target: 'consumer-keeps-up' });
    expect(product.states).toBe(24);
    // The model's own states are counted apart, whatever the monitor remembers.
    expect(plain.modelStates).toBe(20);
    expect(product.modelStates).toBe(20);
    expect(product.properties[0]?.outcome).toBe('holds'); // waits at most 3 ≤ patience 4
  });

  it('finds the shortest monitor violation: three steps of waiting take four steps', () => {
    const r = explore(configure(counters, 'stalls', { patience: 2 }), { target: 'consumer-keeps-up' });
    expect(r.trace?.steps).toHaveLength(4);
    expect(r.trace?.message).toBe('an item has waited 3 steps for a stopped consumer');
    expect(replay(counters, r.trace!, 'm.json').reproduced).toBe(true);
  });

  it('judges recovery from every reachable state, with the engine’s fair schedule', () => {
    const stalls = explore(configure(counters, 'stalls'), { target: 'drains' });
    expect(stalls.trace?.steps.map((s) => s.action).sort()).toEqual(['consumerStops', 'producerMakesItem']);
    expect(stalls.trace?.message).toMatch(/1 item\(s\) never consumed — .*went quiet after 0 steps/);
    expect(replay(counters, stalls.trace!, 'r.json').reproduced).toBe(true);
    const correct = explore(configure(counters, 'correct'), { target: 'drains' });
    expect(correct.properties[0]?.outcome).toBe('holds');
    expect(correct.complete).toBe(true);
  });
});

/** Every reachable state, by a plain breadth-first search (small models only). */
function reachable(inst: Instance): unknown[] {
  const seen = new Map<string, unknown>();
  let level = [inst.initial()];
  seen.set(JSON.stringify(level[0]), level[0]);
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const s of level) {
      for (const c of inst.choices(s)) {
        const t = inst.next(s, c);
        const k = JSON.stringify(t);
        if (!seen.has(k)) {
          seen.set(k, t);
          next.push(t);
        }
      }
    }
    level = next;
  }
  return [...seen.values()];
}

describe('explore: recovery, memoised', () => {
  it.each([
    [register, 'read-modify-write', { clients: 3 }],
    [register, 'compare-and-set', { clients: 3 }],
    [counters, 'correct', {}],
    [counters, 'stalls', {}],
    [counters, 'stalls', { limit: 5, patience: 2 }],
  ] as const)('gives recover()’s verdict and message on every reachable state (%#)', (m, variant, params) => {
    const inst = configure(m, variant, params);
    for (const p of m.properties) {
      if (p.kind !== 'progress' || p.form !== 'recovers') continue;
      const judge = new RecoveryJudge(inst, p, new StateCodec(inst.initial()));
      const states = reachable(inst);
      for (const s of states) expect(judge.judge(s)).toEqual(recover(inst, p, s));
    }
  });
});

describe('explore: symmetry reduction', () => {
  it.each([2, 3, 4])(
    'explores one state per class (2^(n+1) − 1 for %i clients) with the same verdicts and shortest traces',
    (n) => {
      const full = explore(configure(register, 'compare-and-set', { clients: n }), { exhaust: true });
      const reduced = explore(configure(symmetricRegister, 'compare-and-set', { clients: n }), { exhaust: true });
      // clients-finish is a recovers property, judged without symmetry: safety up to symmetry, progress without
      expect(reduced.passes?.map((p) => [p.targets, p.symmetry])).toEqual([
        [['no-lost-update', 'no-deadlock'], true],
        [['clients-finish'], false],
      ]);
      const always = explore(configure(symmetricRegister, 'compare-and-set', { clients: n }), {
        target: 'no-lost-update',
        exhaust: true,
      });
      expect(always.symmetry).toBe(true);
      expect(always.states).toBe(casClasses(n));
      expect(always.states).toBeLessThan(full.states);
      expect(always.properties[0]?.outcome).toBe('holds');
      const rmw = explore(configure(symmetricRegister, 'read-modify-write', { clients: n }), {
        target: 'no-lost-update',
      });
      expect(rmw.trace?.steps).toHaveLength(4);
      expect(replay(symmetricRegister, rmw.trace!, 's.json').reproduced).toBe(true);
    },
  );

  it('is off on request, and says why when a progress property forbids it', () => {
    const off = explore(configure(symmetricRegister, 'compare-and-set'), { target: 'no-lost-update', symmetry: false });
    expect(off).toMatchObject({ symmetry: false, symmetryOff: 'turned off (--no-symmetry)', states: casStates(2) });
    const recovers = explore(configure(symmetricRegister, 'compare-and-set'), { target: 'clients-finish' });
    expect(recovers.symmetryOff).toMatch(/clients-finish cannot be judged up to symmetry/);
  });

  it.each([
    [
      'edits the state it is given',
      (s: RegisterState) => (s.clients as RegisterState['clients'][number][]).reverse() && s,
      /canonical\(\) threw .*read.only|changed the state/,
    ],
    ['is not idempotent', (s: RegisterState) => ({ ...s, clients: [...s.clients].reverse() }), /is not idempotent/],
    [
      'changes what a property sees',
      (s: RegisterState) => ({ ...s, acknowledged: 0, register: 0 }),
      /maps a state where no-lost-update is broken to one where it holds|from the representative no step leads where client/,
    ],
    [
      'maps a state outside its class (two parallel lists sorted apart)',
      (s: RegisterState) => ({
        ...s,
        clients: s.clients.map((c, i, all) => ({ phase: [...all.map((x) => x.phase)].sort()[i]!, read: c.read })),
      }),
      /canonical\(\) (maps a state where|maps a state to one)/,
    ],
  ])('refuses a canonical() that %s', (_what, canonical, message) => {
    const bad: AnyModel = { ...register, canonical: canonical as AnyModel['canonical'] };
    expect(() =>
      explore(configure(bad, 'read-modify-write', { clients: 2 }), { target: 'no-lost-update', exhaust: true }),
    ).toThrow(message);
  });
});

describe('explore: bad models', () => {
  const { action, always, model } = modelKit<{ n: number }, Record<string, never>, Record<string, never>>();
  const base = {
    title: 't',
    doc: 'd',
    params: {},
    variants: { only: { doc: 'the only one', switches: {} } },
    init: () => ({ n: 0 }),
    properties: [always({ name: 'small', doc: 'n < 5', check: (s: { n: number }) => s.n < 5 })],
  };

  it('names a step that behaves differently on a copy than on a draft, or at random', () => {
    let calls = 0;
    const m = model({
      ...base,
      name: 'drifting',
      actions: [action({ name: 'drift', actor: 'x', args: () => range(1, 2), step: (d) => void (d.n = ++calls % 3) })],
    });
    expect(() => explore(configure(m, 'only'))).toThrow(/action drift\(1\) is nondeterministic/);
  });

  it('names a guard that throws, or answers with a promise, as a hunt does, after the probes too', () => {
    const guarded = (name: string, when: (s: { n: number }, arg: number) => unknown) =>
      model({
        ...base,
        name,
        properties: [],
        actions: [
          action({ name: 'up', actor: 'x', when: (s) => s.n < 3000, step: (d) => void (d.n += 1) }),
          action({ name: 'odd', actor: 'x', args: () => range(1, 2), when: when as never, step: () => undefined }),
        ],
      });
    // Past the 2,000 transitions probed, where every guard of a state is asked in one call.
    const throwing = configure(
      guarded('throwing', (s, arg) => {
        if (s.n === 2500 && arg === 2) throw new Error('boom');
        return false;
      }),
      'only',
    );
    const choice = throwing.allChoices()[2]!;
    const state = { n: 2500 };
    expect(() => throwing.enabled(state, choice)).toThrow(/action odd\(2\): its guard threw boom/);
    expect(() => explore(throwing, { exhaust: true })).toThrow(/action odd\(2\): its guard threw boom/);
    const asyncGuard = configure(
      guarded('async-guard', (s) => (s.n === 2500 ? Promise.resolve(true) : false)),
      'only',
    );
    expect(() => explore(asyncGuard, { exhaust: true })).toThrow(/action odd\(1\): its guard returned a promise/);
  });

  it('names a step that writes outside its draft', () => {
    let kept: { n: number } | undefined;
    const m = model({
      ...base,
      name: 'leaky',
      actions: [
        action({
          name: 'keep',
          actor: 'x',
          when: (s) => ((kept = s), s.n < 3),
          step: (d) => {
            d.n += 1;
            if (kept) kept.n = 42;
          },
        }),
      ],
    });
    expect(() => explore(configure(m, 'only'))).toThrow(/action keep: its step mutated state outside the immer draft/);
  });
});
