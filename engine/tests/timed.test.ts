/** The timed-model skeleton (core/timed.ts, map/cell.ts): what dwfm, network-manager and nlb share. */
import { describe, expect, it } from 'vitest';
import { backlogCost, servableQueue, tickRules, timed, variantCells, type Ctx } from '../index.ts';

type P = { readonly horizon: number; readonly knee: number; readonly other: number };
type V = { readonly fast: boolean };
const ctx = (params: P): Ctx<P, V> => ({ params, switches: { fast: true }, variantName: 'v' });

describe('backlogCost and servableQueue', () => {
  it('a unit of work costs one more per knee items behind it', () => {
    expect([0, 1, 3, 4, 7, 8].map((q) => backlogCost(q, 4))).toEqual([1, 1, 1, 2, 2, 3]);
    expect(backlogCost(-3, 4)).toBe(1);
  });

  it('the largest queue served within a budget, each item costing at most what it costs at that size', () => {
    for (const [budget, knee] of [
      [4, 4],
      [4, 1],
      [4, 2],
      [12, 3],
      [1, 1],
      [0, 5],
    ] as const) {
      const q = servableQueue(budget, knee);
      if (q > 0) expect(q * backlogCost(q - 1, knee), `${budget}/${knee}`).toBeLessThanOrEqual(budget);
      expect((q + 1) * backlogCost(q, knee), `${budget}/${knee}`).toBeGreaterThan(budget);
    }
    expect(servableQueue(4, 4)).toBe(4);
    expect(servableQueue(4, 1)).toBe(2);
  });
});

describe('timed', () => {
  const time = timed<{ t: number; due: boolean }, P, V>({
    now: (s) => s.t,
    zeno: 3,
    horizon: ({ params }) => params.horizon,
    urgent: (s) => (s.due ? 'operators are due' : null),
  });
  const c = ctx({ horizon: 5, knee: 1, other: 0 });

  it('ends at the horizon; time passes before it while nothing urgent is due', () => {
    expect(time.ends?.({ t: 5, due: false }, c)).toBe(true);
    expect(time.running({ t: 4, due: true }, c)).toBe(true);
    expect(time.canPass({ t: 4, due: false }, c)).toBe(true);
    expect(time.canPass({ t: 4, due: true }, c)).toBe(false);
    expect(time.canPass({ t: 5, due: false }, c)).toBe(false);
    expect(time.clock.urgent?.({ t: 4, due: true }, c)).toBe('operators are due');
  });

  it('without a horizon, runs never end by time', () => {
    const free = timed<{ t: number }, P, V>({ now: (s) => s.t, zeno: 1 });
    expect(free.ends).toBeUndefined();
    expect(free.canPass({ t: 1e9 }, c)).toBe(true);
  });
});

describe('tickRules and variantCells', () => {
  it('the rules a tick reads are the settings named, and the switches', () => {
    expect(tickRules<P, V>()(['knee', 'horizon'])(ctx({ horizon: 9, knee: 2, other: 7 }))).toEqual({
      settings: { knee: 2, horizon: 9 },
      switches: { fast: true },
    });
  });

  it("a map's cell reads the same settings by name from its scale (rulesOf.settings)", () => {
    const rulesOf = tickRules<P, V>()(['knee', 'horizon']);
    const asked: string[] = [];
    const read = (k: string) => (asked.push(k), k.length);
    expect(rulesOf.settings(read)).toEqual({ knee: 4, horizon: 7 });
    expect(asked).toEqual(['knee', 'horizon']);
  });

  it("a map's cell reads the variant's switches and the settings by name; an unknown one is the map's error", () => {
    const cell = variantCells({ v: { doc: 'the one', switches: { fast: true } } }, (sw, x, y, setting) => ({
      verdict: sw.fast ? 'recovers' : 'collapses',
      time: x + y + setting('k'),
    }));
    expect(cell('v', 1, 2, { k: 3 }, 'scale')).toEqual({ verdict: 'recovers', time: 6 });
    expect(() => cell('w', 1, 2, { k: 3 }, 'scale')).toThrow('unknown variant w');
    expect(() => cell('v', 1, 2, {}, 'scale')).toThrow('missing setting k');
  });
});
