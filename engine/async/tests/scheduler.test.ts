/**
 * The controlled scheduler on small systems: the docs example's lost update and its fix, the four
 * findings only code can have (a rejection nobody handles, a deadlock, work that never settles),
 * virtual time, conformance that lets an operation take effect between its call and its return,
 * schedule paths, and bad input that is reported, not crashed on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelKit, RacehuntError } from '../../index.ts';
import { Judge } from '../checks.ts';
import { runOnce } from '../harness.ts';
import {
  DEFAULT_STRATEGY,
  NO_DEADLOCK,
  STRATEGIES,
  saveScheduleTrace,
  decodePath,
  defineSystem,
  encodePath,
  schedule,
  strategiesFor,
} from '../index.ts';
import { STRATEGIES as MODEL_STRATEGIES, isStrategy } from '../../index.ts';
import { traceJson } from '../../core/trace.ts';
import { exactly } from '../replay.ts';
import {
  describeScheduleTraces,
  expectCounterexample,
  expectNoRace,
  expectRace,
  expectReached,
  expectSurvives,
} from '../../vitest.ts';
import { escapes } from './fixtures/bad-escape.ts';
import { counter } from './fixtures/counter.ts';

const quiet = { print: false, committed: false } as const;
const trivially = { fine: { doc: 'nothing to break', check: () => true } };

describe('the docs example: a lost update in a user’s own function', () => {
  it('read-then-write loses an increment, in the four steps it takes', async () => {
    const trace = await expectCounterexample(counter, 'read-then-write', 'no-lost-update', quiet);
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`)).toEqual([
      'client 2: db.get',
      'client 1: db.get',
      'client 1: db.put',
      'client 2: db.put',
    ]);
    expect(trace.message).toBe('n is 1 after 2 increments');
  });

  it('compare-and-set keeps every increment, under each strategy', async () => {
    for (const strategy of ['uniform', 'pct', 'delay'] as const)
      await expectSurvives(counter, 'compare-and-set', undefined, { strategy, runs: 50, print: false });
  });

  it('docs/async.md shows the example as it is tested', () => {
    const source = readFileSync(new URL('./fixtures/counter.ts', import.meta.url), 'utf8');
    const example = source.split('// ---8<--- docs/async.md\n')[1]!.split('// --->8---')[0]!;
    expect(readFileSync(new URL('../../../docs/async.md', import.meta.url), 'utf8')).toContain(example);
  });
});

describe('findings only code can have', () => {
  it('a rejection nobody handles', async () => {
    const s = defineSystem({
      name: 'fire-and-forget',
      title: '',
      variants: { only: { doc: '', options: {} } },
      setup({ wrap, spawn }) {
        const db = wrap('db', { ping: async () => 'pong', fail: async () => Promise.reject(new Error('throttled')) });
        spawn('caller', async () => {
          void db.fail();
          await db.ping();
        });
      },
      invariants: trivially,
    });
    const trace = await expectCounterexample(s, 'only', 'no-unhandled-rejection', quiet);
    expect(trace.message).toBe('a promise rejection went unhandled: throttled');
  });

  it('a deadlock, naming who waits', async () => {
    const s = defineSystem({
      name: 'waits-for-each-other',
      title: '',
      variants: { only: { doc: '', options: {} } },
      setup({ wrap, spawn }) {
        const gate = (open: (f: () => void) => void) => new Promise<void>((resolve) => open(resolve));
        let openLeft = () => {};
        let openRight = () => {};
        const left = gate((f) => (openLeft = f));
        const right = gate((f) => (openRight = f));
        const db = wrap('db', { ping: async () => 'pong' });
        spawn('left', async () => {
          await db.ping();
          await right;
          openLeft();
        });
        spawn('right', async () => {
          await db.ping();
          await left;
          openRight();
        });
      },
      invariants: trivially,
    });
    const trace = await expectCounterexample(s, 'only', 'no-deadlock', quiet);
    expect(trace.message).toBe(
      'nothing can run, but left and right have not finished: they wait for something no scheduled operation settles',
    );
    expect(trace.steps).toHaveLength(2);
  });

  it('work that never settles, shown after the schedule as a fair round-robin would run it', async () => {
    const s = defineSystem({
      name: 'polls-forever',
      title: '',
      variants: { only: { doc: '', options: {} } },
      setup({ clock, spawn }) {
        spawn('poller', async () => {
          for (;;) await clock.sleep(10);
        });
      },
      invariants: trivially,
    });
    const trace = await expectCounterexample(s, 'only', 'settles', { ...quiet, maxSteps: 5 });
    expect(trace.message).toBe(
      "not settled: after the schedule's 0 steps and 5 more under a fair round-robin, still pending poller: clock.sleep until t=60",
    );
    expect(trace.recovery).toHaveLength(5);
  });
});

describe('virtual time', () => {
  it('sleeps wake in deadline order, whatever the strategy', async () => {
    const s = defineSystem({
      name: 'two-sleepers',
      title: '',
      variants: { only: { doc: '', options: {} } },
      setup({ clock, spawn }) {
        const woke: string[] = [];
        spawn('slow', async () => void (await clock.sleep(20), woke.push(`slow at ${clock.now()}`)));
        spawn('fast', async () => void (await clock.sleep(10), woke.push(`fast at ${clock.now()}`)));
        return { observe: () => ({ woke: [...woke] }) };
      },
      invariants: {
        'in-order': {
          doc: 'the earlier deadline wakes first',
          check: (s: { woke: string[] }) =>
            s.woke.join(', ') === ['fast at 10', 'slow at 20'].slice(0, s.woke.length).join(', ') || s.woke.join(', '),
        },
      },
    });
    for (const strategy of ['uniform', 'pct', 'delay'] as const)
      await expectSurvives(s, 'only', undefined, { strategy, runs: 20, print: false });
  });
});

describe('conformance: an operation takes effect somewhere between its call and its return', () => {
  // A reader picks b when it is larger than a; the model picks atomically. The code reads a, then b.
  type S = { a: number; b: number; picked: number | null };
  const { action, always, model } = modelKit<S, Record<string, never>, { check: boolean }>();
  const picks = model({
    name: 'picks',
    title: 'a reader picks b when b > a',
    doc: '',
    params: {},
    variants: { only: { doc: '', switches: { check: true } } },
    init: () => ({ a: 0, b: 0, picked: null }),
    actions: [
      action({ name: 'writerBumpsA', actor: 'writer a', when: (s) => s.a < 1, step: (d) => void (d.a += 1) }),
      action({ name: 'writerBumpsB', actor: 'writer b', when: (s) => s.b < 1, step: (d) => void (d.b += 1) }),
      action({
        name: 'readerPicks',
        actor: 'reader',
        when: (s) => s.picked === null && s.b > s.a,
        step: (d) => void (d.picked = d.b),
      }),
    ],
    properties: [always({ name: 'picked-is-b', doc: '', check: (s) => s.picked === null || s.picked === s.b })],
  });
  const reader = (check: boolean) =>
    defineSystem({
      name: 'reader',
      title: '',
      model: picks,
      variants: { only: { doc: '', options: {}, model: 'only' } },
      setup({ wrap, spawn }) {
        const row = { a: 0, b: 0 };
        const store = wrap('store', {
          getA: async () => row.a,
          getB: async () => row.b,
          bumpA: async () => void (row.a += 1),
          bumpB: async () => void (row.b += 1),
        });
        let picked: number | null = null;
        spawn('writer a', () => store.bumpA());
        spawn('writer b', () => store.bumpB());
        spawn('reader', async () => {
          const a = await store.getA();
          const b = await store.getB();
          if (!check || b > a) picked = b;
        });
        return { observe: () => ({ ...row, picked }) };
      },
    });

  it('b bumped, a read (0), a bumped, b read (1): the pick conforms as of when a was read', async () => {
    const system = reader(true);
    const judge = new Judge(system, 'only', {}, undefined);
    const rec = await runOnce({
      system,
      variant: 'only',
      params: {},
      judge,
      chooser: exactly(decodePath('1.2.0.2')),
      maxSteps: 10,
      describing: true,
    });
    expect(rec.end.kind).toBe('settled');
    expect(rec.steps.map((s) => s.model)).toEqual([
      expect.objectContaining({ action: 'writerBumpsB', asOf: null }),
      'stutter',
      expect.objectContaining({ action: 'writerBumpsA', asOf: null }),
      // At its return a = b = 1 and the model's pick is not enabled; right after a was read it was.
      expect.objectContaining({ action: 'readerPicks', asOf: 2 }),
    ]);
  });

  it('a read, a bumped, b bumped, b read: at no instant was b (1) above a, so the pick does not conform', async () => {
    const trace = await expectCounterexample(reader(true), 'only', 'conforms-to-model', {
      ...quiet,
      strategy: 'uniform',
    });
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`)).toEqual([
      'reader: store.getA',
      'writer a: store.bumpA',
      'writer b: store.bumpB',
      'reader: store.getB',
    ]);
    expect(trace.message).toBe(
      'store.getB by reader (step 4) does not conform to model picks / only: it changed picked: null → 1, which no enabled step does; in the model state after step 3 the model allowed nothing',
    );
  });

  it('a reader that picks without checking does not conform, and says what the model allowed', async () => {
    const trace = await expectCounterexample(reader(false), 'only', 'conforms-to-model', quiet);
    expect(trace.message).toMatch(
      /^store\.getB by reader \(step \d\) does not conform to model picks \/ only: it changed picked: null → 0, which no enabled step does/,
    );
  });
});

describe('schedules as paths', () => {
  it('fold repeats and come back', () => {
    const choices = decodePath('0.2.0x6.1x4.3:1');
    expect(choices).toHaveLength(13);
    expect(choices.at(-1)).toEqual({ lane: 3, k: 1 });
    expect(encodePath(choices)).toBe('0.2.0x6.1x4.3:1');
  });

  it('a path that names a task with nothing to do is bad input, in one line', async () => {
    await expect(
      schedule(counter, { variant: 'read-then-write', path: '5', seed: 1, runs: 1, maxSteps: 10 }),
    ).rejects.toThrow(
      /the schedule does not fit system "counter" \(read-then-write\): at step 1 it names lane 5, which has no enabled operation \(tasks: 0 client 1, 1 client 2\)/,
    );
  });

  it('fetch under the scheduler is bad input too', async () => {
    await expect(schedule(escapes, { variant: 'fetch', seed: 1, runs: 1, maxSteps: 10 })).rejects.toThrow(
      RacehuntError,
    );
    await expect(schedule(escapes, { variant: 'fetch', seed: 1, runs: 1, maxSteps: 10 })).rejects.toThrow(
      /worker called fetch\("http:\/\/127\.0\.0\.1:9\/health"\) under the scheduler/,
    );
  });
});

describe("a model's witnesses, watched in scheduled runs as the core watches them", () => {
  // Two writers bump a counter each; the model remembers whether a was bumped while b was not yet.
  type S = { a: number; b: number };
  const { action, sometimes, model } = modelKit<S, Record<string, never>, { late: boolean }>();
  const bumps = model({
    name: 'bumps',
    title: 'two writers',
    doc: '',
    params: {},
    variants: { only: { doc: '', switches: { late: false } } },
    init: () => ({ a: 0, b: 0 }),
    actions: [
      action({ name: 'writerBumpsA', actor: 'writer a', when: (s) => s.a < 1, step: (d) => void (d.a += 1) }),
      action({ name: 'writerBumpsB', actor: 'writer b', when: (s) => s.b < 1, step: (d) => void (d.b += 1) }),
    ],
    properties: [
      // A witness of a run: it needs its memory of an earlier state, which one state cannot show.
      sometimes({
        name: 'a-first-then-both',
        doc: 'a was bumped while b was not, and then both were',
        memory: { start: () => false, observe: (aFirst, s) => aFirst || (s.a === 1 && s.b === 0) },
        reached: (s, _ctx, aFirst) => aFirst && s.a === 1 && s.b === 1,
      }),
      // A witness that does not apply to this variant: nobody owes it.
      sometimes({
        name: 'late-only',
        doc: 'only where the switch is on',
        applies: ({ switches }) => switches.late,
        reached: () => false,
      }),
    ],
  });
  const writers = defineSystem({
    name: 'writers',
    title: '',
    model: bumps,
    variants: { only: { doc: '', options: {}, model: 'only' } },
    invariants: trivially,
    setup({ wrap, spawn }) {
      const row = { a: 0, b: 0 };
      const store = wrap('store', { bumpA: async () => void (row.a += 1), bumpB: async () => void (row.b += 1) });
      spawn('writer a', () => store.bumpA());
      spawn('writer b', () => store.bumpB());
      return { observe: () => ({ ...row }) };
    },
  });

  it('a witness of a run is reached on the schedules that bump a first, and one that does not apply is not owed', async () => {
    const r = await schedule(writers, { variant: 'only', seed: 1, runs: 20, maxSteps: 10, strategy: 'uniform' });
    expect(r.found).toBe(false);
    expect(r.coverage.reached['a-first-then-both']).toBeGreaterThan(0);
    expect(r.coverage.reached['a-first-then-both']).toBeLessThan(20);
    expect(Object.keys(r.coverage.reached)).not.toContain('late-only');
    expect(r.unreached).toEqual([]);
  });

  it('expectReached finds the witness, as for a model, shrunk to the steps it needs', async () => {
    const witness = await expectReached(writers, 'only', 'a-first-then-both', { seed: 1, runs: 20, maxSteps: 10 });
    expect(witness.outcome).toBe('witness');
    expect(witness.steps.map((s) => s.actor)).toEqual(['writer a', 'writer b']);
  });
});

describe('one vocabulary with models: strategies and the deadlock built-in', () => {
  it('the strategies and the defaults are one table: a name means one thing, each domain has its own best default', () => {
    expect(strategiesFor('code')).toEqual(['uniform', 'pct', 'delay']);
    expect(strategiesFor('model')).toEqual(['uniform', 'swarm', 'pct', 'cover', 'rules', 'mix', 'auto', 'frontier']);
    expect(strategiesFor('code').filter((s) => isStrategy(s, 'model'))).toEqual(['uniform', 'pct']);
    expect([...STRATEGIES]).toEqual(strategiesFor('code'));
    expect(DEFAULT_STRATEGY).toBe('delay');
    expect(MODEL_STRATEGIES).toEqual(strategiesFor('model'));
  });

  it('the default is delay: what a search without a strategy runs, and what its trace records', async () => {
    const plain = await schedule(counter, { variant: 'read-then-write', seed: 7, runs: 30, maxSteps: 20 });
    const delay = await schedule(counter, {
      variant: 'read-then-write',
      seed: 7,
      runs: 30,
      maxSteps: 20,
      strategy: 'delay',
    });
    expect(plain.found).toBe(true);
    expect(plain.strategy).toBe('delay');
    expect(plain.trace && traceJson(plain.trace)).toBe(delay.trace && traceJson(delay.trace));
  });

  it('a strategy of models only is refused on code in one line that lists those that apply', async () => {
    const err = await schedule(counter, {
      variant: 'read-then-write',
      seed: 1,
      runs: 1,
      maxSteps: 5,
      strategy: 'cover' as 'delay',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RacehuntError);
    expect((err as Error).message).toBe('strategy "cover" applies to models only (for code: uniform, pct, delay)');
  });

  it("racehunt/async's STRATEGIES lists names; reading an implementation from it by name says which export it is", () => {
    expect(() => (STRATEGIES as unknown as Record<string, unknown>)['delay']).toThrow(
      "STRATEGIES lists the strategies' names now; code's delay strategy is the export delay of racehunt/async",
    );
  });

  it('the vitest helpers have one name per expectation; the old names, the old save and the old option fail in one line', async () => {
    expect(() => expectRace()).toThrow('expectRace was renamed: use expectCounterexample');
    expect(() => expectNoRace()).toThrow(
      'expectNoRace was renamed: use expectSurvives(system, variant, property?, opts)',
    );
    expect(() => describeScheduleTraces()).toThrow(
      'describeScheduleTraces was renamed: use describeCommittedTraces([systems])',
    );
    expect(() => saveScheduleTrace()).toThrow('saveScheduleTrace was renamed: use saveTrace(trace, system, root)');
    const old = { variant: 'read-then-write', seed: 1, runs: 1, maxSteps: 5, ref: 'x' };
    await expect(schedule(counter, old)).rejects.toThrow('the option "ref" was renamed: use "modelRef"');
  });

  it('no-deadlock is the built-in every model has (one name, kind and doc), and can be turned off alike', async () => {
    expect(NO_DEADLOCK).toEqual({ name: 'no-deadlock', kind: 'always', doc: expect.any(String) });
    const stuck = defineSystem({
      name: 'stuck',
      title: '',
      variants: { only: { doc: '', options: {} } },
      invariants: trivially,
      setup({ spawn }) {
        spawn('waiter', () => new Promise(() => {}));
      },
    });
    const on = await schedule(stuck, { variant: 'only', seed: 1, runs: 1, maxSteps: 5 });
    expect(on.trace?.property).toEqual(NO_DEADLOCK);
    const off = await schedule(stuck, { variant: 'only', seed: 1, runs: 1, maxSteps: 5, deadlock: false });
    expect(off.found).toBe(false);
    expect(off.coverage.ends.deadlock).toBe(1);
  });
});
