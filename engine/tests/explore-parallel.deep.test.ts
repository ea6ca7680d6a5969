/**
 * The parallel breadth-first search gives the one-thread answer (explore-parallel.test.ts says
 * what is compared) on more models: safety and progress together (two searches, symmetry for the
 * first), every property of a model with monitors, witnesses and `recovers`, a search cut by the
 * state budget in the middle of a level, and the trail kept on disk.
 */
import { describe, expect, it } from 'vitest';
import { answer, run, type Case } from './parallel-cases.ts';

const cases: Case[] = [
  { model: 'dns', variant: 'as-2025', params: { enactors: 2, endpoints: 2, window: 2 }, opts: {} },
  { model: 'dns', variant: 'fixed', params: { enactors: 2, endpoints: 2, window: 2 }, opts: { exhaust: true } },
  { model: 'register', variant: 'compare-and-set', params: { clients: 4 }, opts: { exhaust: true } },
  { model: 'dns', variant: 'fixed', params: { enactors: 3, endpoints: 2, window: 1 }, opts: { maxStates: 7_777 } },
  { model: 'dns', variant: 'as-2025-queue', params: { enactors: 3, endpoints: 2, window: 1 }, opts: {} },
];

describe('the parallel search gives the one-thread answer', () => {
  for (const c of cases) {
    it(`${c.model} / ${c.variant} ${JSON.stringify(c.params)} ${JSON.stringify(c.opts)}`, () => {
      const one = run(c, 1);
      const two = run(c, 2);
      expect(answer(two)).toEqual(answer(one));
      expect(JSON.stringify(two.properties)).toBe(JSON.stringify(one.properties));
    });
  }

  it('the same with the trail on disk (fingerprint-only)', () => {
    const c = cases[1] as Case;
    const one = run(c, 1);
    const fp = run(c, 2, { fingerprintOnly: true });
    expect(fp.fingerprintOnly).toBe(true);
    expect(answer(fp)).toEqual(answer(one));
  });
});
