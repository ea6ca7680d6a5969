/**
 * Witnesses that apply to some variants only, and witnesses of a run (with a memory): a green hunt
 * requires only the witnesses that apply to its variant, a manifest may not expect one where it
 * does not apply, and a witness of a run is found, shrunk, explored and replayed like any other.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../explore/explore.ts';
import { hunt } from '../hunt/hunt.ts';
import { configure } from '../core/instance.ts';
import { modelKit } from '../index.ts';
import { readManifest } from '../project/manifest.ts';
import { replay } from '../core/replay.ts';
import { reachedAtStart } from '../core/judge.ts';
import { outcomeOf } from '../project/judge.ts';

/** A lamp that can be switched on and off; in `stuck` it can only be switched on. */
type State = { readonly on: boolean; readonly flips: number };
const switchTo = (d: { on: boolean; flips: number }, on: boolean): void => {
  d.on = on;
  d.flips += 1;
};
const { action, sometimes, model } = modelKit<State, { readonly flips: number }, { readonly canSwitchOff: boolean }>();

const lamp = model({
  name: 'lamp',
  title: 'A lamp',
  doc: 'Switched on and off, a bounded number of times.',
  params: { flips: { default: 4, min: 1, max: 10, doc: 'switchings a run may make' } },
  variants: {
    working: { doc: 'on and off', switches: { canSwitchOff: true } },
    stuck: { doc: 'on only', switches: { canSwitchOff: false } },
  },
  init: () => ({ on: false, flips: 0 }),
  actions: [
    action({
      name: 'userSwitchesOn',
      actor: 'user',
      when: (s, _, { params }) => !s.on && s.flips < params.flips,
      step: (d) => switchTo(d, true),
    }),
    action({
      name: 'userSwitchesOff',
      actor: 'user',
      when: (s, _, { switches, params }) => s.on && switches.canSwitchOff && s.flips < params.flips,
      step: (d) => switchTo(d, false),
    }),
  ],
  properties: [
    sometimes({ name: 'lamp-on', doc: 'the lamp is on', reached: (s) => s.on }),
    // A state cannot tell "off again" from "never on": the witness remembers that it was on.
    sometimes<{ wasOn: boolean }>({
      name: 'off-again',
      doc: 'the lamp was on and is off again',
      applies: ({ switches }) => switches.canSwitchOff,
      memory: { start: (s) => ({ wasOn: s.on }), observe: (m, s) => ({ wasOn: m.wasOn || s.on }) },
      reached: (s, _ctx, m) => m.wasOn && !s.on,
    }),
  ],
});

describe('witnesses that apply to some variants only', () => {
  it('a green hunt requires a witness only where it applies', () => {
    expect(hunt(configure(lamp, 'working'), { seed: 1, runs: 50, maxSteps: 6 }).unreached).toEqual([]);
    const stuck = hunt(configure(lamp, 'stuck'), { seed: 1, runs: 50, maxSteps: 6 });
    expect(stuck.unreached).toEqual([]);
    expect(Object.keys(stuck.coverage.reached)).toEqual(['lamp-on']);
  });

  it('hunted as the target where it does not apply, it is unreached', () => {
    const r = hunt(configure(lamp, 'stuck'), { seed: 1, runs: 50, maxSteps: 6, target: 'off-again' });
    expect(r.trace).toBeNull();
    expect(r.unreached).toEqual(['off-again']);
  });

  it('the explorer leaves it out where it does not apply', () => {
    expect(explore(configure(lamp, 'stuck')).properties.map((p) => p.name)).toEqual(['lamp-on', 'no-deadlock']);
  });

  it('a manifest may not expect it where it does not apply', () => {
    const json = (variant: string) => ({
      budget: { seed: 1, runs: 10, maxSteps: 6 },
      variants: { [variant]: { 'off-again': 'reached' } },
    });
    expect(readManifest(lamp, json('working')).outcomes).toHaveLength(1);
    expect(() => readManifest(lamp, json('stuck'))).toThrow(/does not apply to variant stuck/);
  });
});

describe('a witness of a run', () => {
  it('is reached only once its memory says so, and shrinks to the shortest run', () => {
    const r = hunt(configure(lamp, 'working'), { seed: 3, runs: 50, maxSteps: 6, target: 'off-again' });
    expect(r.trace?.outcome).toBe('witness');
    expect(r.trace?.steps.map((s) => s.action)).toEqual(['userSwitchesOn', 'userSwitchesOff']);
  });

  it('the explorer carries its memory and finds the same witness', () => {
    const r = explore(configure(lamp, 'working'), { target: 'off-again' });
    expect(r.properties[0]).toMatchObject({ name: 'off-again', outcome: 'reached', steps: 2 });
    // The initial state is off too: without the memory, it would be a witness of zero steps.
    expect(
      explore(configure(lamp, 'working'), { exhaust: true }).properties.find((p) => p.name === 'off-again')?.steps,
    ).toBe(2);
  });

  it('replays', () => {
    const r = hunt(configure(lamp, 'working'), { seed: 3, runs: 50, maxSteps: 6, target: 'off-again' });
    expect(replay(lamp, r.trace!, 'off-again.json')).toMatchObject({ reproduced: true, executed: 2, drift: [] });
  });
});

describe('a witness that already holds in the initial state witnesses nothing', () => {
  // The lamp's "off" witness: true before anything happened.
  const trivial = {
    ...lamp,
    properties: [sometimes({ name: 'lamp-off', doc: 'the lamp is off', reached: (s) => !s.on })],
  } as typeof lamp;
  const intended = {
    ...lamp,
    properties: [sometimes({ name: 'lamp-off', doc: 'the lamp is off', reached: (s) => !s.on, startsReached: true })],
  } as typeof lamp;
  // (The lamp stops after its last flip, which is not a declared end: the deadlock check is off.)
  const judged = (m: typeof lamp, target?: string) => {
    const inst = configure(m, 'working', {}, { deadlock: false });
    const r = hunt(inst, { seed: 1, runs: 20, maxSteps: 6, ...(target ? { target } : {}) });
    return outcomeOf(r, reachedAtStart(inst));
  };

  it('is found by reachedAtStart, unless the model says it is intended', () => {
    expect(reachedAtStart(configure(trivial, 'working'))).toEqual(['lamp-off']);
    expect(reachedAtStart(configure(intended, 'working'))).toEqual([]);
    expect(reachedAtStart(configure(lamp, 'stuck'))).toEqual([]);
    expect(reachedAtStart(configure(lamp, 'working'))).toEqual([]);
  });

  it('makes reaching it, and a green result that counts on it, vacuous', () => {
    expect(judged(trivial, 'lamp-off')).toBe('vacuous');
    expect(judged(trivial)).toBe('vacuous');
    expect(judged(intended, 'lamp-off')).toBe('reached');
    expect(judged(intended)).toBe('holds');
  });
});
