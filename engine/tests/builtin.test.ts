/**
 * The built-in checks (core/builtin.ts) on models made to break them: a deadlock (a state where
 * nothing is enabled that is not a declared end), a clock that stops, and a Zeno run; each found
 * by the explorer and by a hunt, and each quiet where it should be.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, hunt, modelKit } from '../index.ts';

type S = { readonly t: number; readonly done: boolean; readonly stuck: boolean; readonly calls: number };
type V = { readonly canStick: boolean; readonly timeStops: boolean; readonly chatter: boolean };
const { action, always, model } = modelKit<S, Record<string, never>, V>();

const clocked = model({
  name: 'clocked',
  title: 'a clock, a job and a worker',
  doc: 'time passes until the job is done; variants break the built-in checks',
  params: {},
  variants: {
    sound: { doc: 'time passes until done', switches: { canStick: false, timeStops: false, chatter: false } },
    sticks: {
      doc: 'the worker can get stuck with nothing enabled',
      switches: { canStick: true, timeStops: false, chatter: false },
    },
    'time-stops': {
      doc: 'after tick 2 the clock no longer advances, though the worker still acts',
      switches: { canStick: false, timeStops: true, chatter: false },
    },
    chatty: {
      doc: 'the worker may chatter without bound between ticks',
      switches: { canStick: false, timeStops: false, chatter: true },
    },
  },
  init: () => ({ t: 0, done: false, stuck: false, calls: 0 }),
  actions: [
    // The clock stops at 8 only so that every state space here is finite (the checks must be complete).
    action({
      name: 'timePasses',
      actor: 'time',
      when: (s, _, { switches }) => !s.done && !s.stuck && s.t < 8 && (!switches.timeStops || s.t < 2),
      step: (d) => void (d.t += 1),
    }),
    action({
      name: 'workerFinishes',
      actor: 'worker',
      when: (s) => !s.done && !s.stuck && s.t >= 3,
      step: (d) => void (d.done = true),
    }),
    action({
      name: 'workerSticks',
      actor: 'worker',
      when: (s, _, { switches }) => switches.canStick && !s.stuck && !s.done,
      step: (d) => void (d.stuck = true),
    }),
    action({
      name: 'workerChatters',
      actor: 'worker',
      when: (s, _, { switches }) => (switches.chatter || switches.timeStops) && !s.done && s.calls < 12,
      step: (d) => void (d.calls += 1),
    }),
  ],
  properties: [always({ name: 'fine', doc: 'nothing to see', check: () => true })],
  ends: (s) => s.done || s.t === 8,
  clock: { now: (s) => s.t, zeno: 5 },
});

const outcome = (variant: string, property: string, opts: { deadlock?: boolean } = {}) => {
  const r = explore(configure(clocked, variant, {}, opts), { target: property });
  // A verdict of "holds" means something only over the whole state space.
  if (r.properties[0]?.outcome === 'holds') expect(r.complete, `${variant} / ${property}`).toBe(true);
  return r.properties[0];
};

describe('built-in checks', () => {
  it('every model has no-deadlock; a timed one has time-passes and no-zeno', () => {
    expect(configure(clocked, 'sound').properties.map((p) => p.name)).toEqual([
      'fine',
      'no-deadlock',
      'time-passes',
      'no-zeno',
    ]);
    expect(configure(clocked, 'sound', {}, { deadlock: false }).properties.map((p) => p.name)).toEqual([
      'fine',
      'time-passes',
      'no-zeno',
    ]);
  });

  it('hold on the sound variant: its one state with nothing enabled is a declared end', () => {
    for (const p of ['no-deadlock', 'time-passes', 'no-zeno']) expect(outcome('sound', p)?.outcome, p).toBe('holds');
  });

  it('no-deadlock: a stuck state that is not a declared end is the shortest counterexample, in a check and in a hunt', () => {
    expect(outcome('sticks', 'no-deadlock')).toMatchObject({ outcome: 'counterexample', steps: 1 });
    expect(outcome('sticks', 'no-deadlock')?.message).toMatch(
      /no action is enabled and this is not a declared end state: a deadlock/,
    );
    const h = hunt(configure(clocked, 'sticks'), {
      seed: 1,
      runs: 100,
      maxSteps: 10,
      target: 'no-deadlock',
      strategy: 'pct',
    });
    expect(h.trace?.steps.map((s) => s.action)).toEqual(['workerSticks']);
  });

  it('time-passes: a clock that stops is found where it stops', () => {
    expect(outcome('time-stops', 'time-passes')).toMatchObject({ outcome: 'counterexample', steps: 2 });
    expect(outcome('time-stops', 'time-passes')?.message).toMatch(
      /time cannot pass: no sequence of at most 5 steps from here advances the clock beyond 2/,
    );
  });

  it('no-zeno: six steps in a row without a tick break a bound of five', () => {
    const r = outcome('chatty', 'no-zeno');
    expect(r).toMatchObject({ outcome: 'counterexample', steps: 6 });
    expect(r?.message).toMatch(/6 steps in a row without the clock advancing past 0 \(at most 5\): a Zeno run/);
  });
});

describe('a model adds a message to the built-in checks, not a copy of them', () => {
  const told = {
    ...clocked,
    stuck: (s: unknown) => `the worker is stuck at tick ${(s as S).t}`,
    clock: { ...clocked.clock!, urgent: (s: unknown) => ((s as S).t >= 2 ? 'the worker is due' : null) },
  };
  it('no-deadlock says what is stuck in the model’s words', () => {
    const r = explore(configure(told, 'sticks'), { target: 'no-deadlock' });
    expect(r.properties[0]?.message).toBe(
      'the worker is stuck at tick 0 (no action is enabled, and this is not a declared end: a deadlock)',
    );
  });
  it('time-passes and no-zeno say what time waits for', () => {
    const stops = explore(configure(told, 'time-stops'), { target: 'time-passes' });
    expect(stops.properties[0]?.message).toMatch(/beyond 2: the worker is due, and time waits for it$/);
    const chatty = explore(configure(told, 'chatty'), { target: 'no-zeno' });
    expect(chatty.properties[0]?.message).toMatch(/a Zeno run$/);
  });
  it('a model property named like a built-in check is refused, with what to do instead', () => {
    expect(() =>
      model({
        name: 'copy',
        title: 'a copy of a built-in',
        doc: 'declares its own no-deadlock',
        params: {},
        variants: { only: { doc: 'the one', switches: { canStick: false, timeStops: false, chatter: false } } },
        init: () => ({ t: 0, done: false, stuck: false, calls: 0 }),
        actions: [action({ name: 'tick', actor: 'time', step: (d) => void (d.t += 1) })],
        properties: [always({ name: 'no-deadlock', doc: 'a copy', check: () => true })],
      }),
    ).toThrow(
      /property "no-deadlock" is one of racehunt's built-in checks: remove it, declare `ends`, and give the deadlock message as `stuck`/,
    );
  });
});
