/** The model API's own rules: declarations that break them fail at once, with the culprit named. */
import { describe, expect, it } from 'vitest';
import { modelKit, range, record, oneOf } from '../index.ts';
import { configure } from '../core/instance.ts';

type S = { readonly n: number };
const { action, always, model } = modelKit<S, { readonly k: number }, Record<string, never>>();
const tick = action({ name: 'tick', actor: 'clock', step: (d) => void (d.n += 1) });
const ok = {
  name: 'ok',
  title: 't',
  doc: 'd',
  params: { k: { default: 1, min: 0, max: 3, doc: 'k' } },
  variants: { only: { doc: 'v', switches: {} } },
  init: () => ({ n: 0 }),
  actions: [tick],
  properties: [always({ name: 'small', doc: 'n < 5', check: (s: S) => s.n < 5 })],
};

describe('model declarations', () => {
  it.each([
    [{ ...ok, name: 'Bad Name' }, /its name must be lower-case/],
    [{ ...ok, variants: {} }, /needs at least one variant/],
    [
      { ...ok, params: { k: { default: 9, min: 0, max: 3, doc: 'k' } } },
      /parameter k: default 9 is not an integer in \[0, 3\]/,
    ],
    [{ ...ok, actions: [tick, tick] }, /two actions are named tick/],
    [{ ...ok, actions: [] }, /has no actions/],
  ])('rejects a broken declaration (%#)', (def, pattern) => {
    expect(() => model(def)).toThrow(pattern);
  });

  it('rejects an action name that is not camelCase', () => {
    expect(() => action({ name: 'step-3', actor: 'x', step: () => {} })).toThrow(/must be camelCase/);
  });
});

describe('argument domains', () => {
  it('enumerate ranges, lists and records of them', () => {
    expect(range(1, 3).values).toEqual([1, 2, 3]);
    expect(oneOf(['a', 'b']).values).toEqual(['a', 'b']);
    expect(record({ e: range(1, 2), x: oneOf(['p', 'q']) }).values).toEqual([
      { e: 1, x: 'p' },
      { e: 1, x: 'q' },
      { e: 2, x: 'p' },
      { e: 2, x: 'q' },
    ]);
  });

  it('refuse an args function that does not return a domain of values, saying what to give', () => {
    const m = model({
      ...ok,
      actions: [
        action({ name: 'jump', actor: 'x', args: () => 2 as unknown as number[], step: (d, n) => void (d.n = n) }),
      ],
    });
    expect(() => configure(m, 'only').allChoices()).toThrow(
      /action jump: its args must give an array of values \(or range, oneOf, record\), got 2/,
    );
  });
});

describe('action weights', () => {
  it('must be positive integers', () => {
    expect(() => action({ name: 'often', actor: 'x', weight: 0, step: () => {} })).toThrow(
      /weight must be a positive integer/,
    );
  });
  it('tilt every strategy towards the heavier action', async () => {
    const { hunt } = await import('../hunt/hunt.ts');
    const heavy = action({ name: 'heavy', actor: 'clock', weight: 9, step: (d) => void (d.n += 1) });
    const light = action({ name: 'light', actor: 'clock', step: (d) => void (d.n -= 1) });
    const m = model({ ...ok, properties: [], actions: [heavy, light] });
    // (swarm switches whole actions off per run, so its totals mostly measure that; it weighs the rest the same way)
    for (const strategy of ['uniform', 'pct'] as const) {
      const r = hunt(configure(m, 'only'), { seed: 1, runs: 200, maxSteps: 20, strategy });
      const { heavy: h = 0, light: l = 0 } = r.coverage.actions;
      expect(h, strategy).toBeGreaterThan(4 * l);
    }
  });
});
