/**
 * Argument domains computed from the state (`argsIn`) and the state before a step (`before`): the
 * same states as the guard they replace, refused in one line where they go wrong, and the same
 * successors on every stepper (immer drafts in a hunt, the explorer's plain trees).
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, hunt, model, modelKit, subsets, type AnyModel } from '../index.ts';

type Banks = { readonly boat: 'L' | 'R'; readonly L: readonly number[]; readonly R: readonly number[] };
const other = (b: 'L' | 'R') => (b === 'L' ? 'R' : 'L');
const start = (): Banks => ({ boat: 'L', L: [1, 2, 3], R: [] });
const cross = (d: { boat: 'L' | 'R'; L: number[]; R: number[] }, S: readonly number[], from: Banks) => {
  d[from.boat] = from[from.boat].filter((p) => !S.includes(p));
  d[other(from.boat)] = [...from[other(from.boat)], ...S];
  d.boat = other(from.boat);
};

/** A boat that takes one or two of those on its bank: the choice computed from the state. */
const fromState = model({
  name: 'ferry',
  init: start,
  sets: ['L', 'R'],
  actions: {
    boatCrosses: {
      argsIn: (s: Banks) => subsets(s[s.boat]),
      when: (_s, S) => S.length === 1 || S.length === 2,
      step: (d, S, _ctx, before) => cross(d, S, before),
    },
  },
});

/** The same boat as it had to be written before: every subset, and a guard that the boat's bank holds it. */
const withGuard = model({
  name: 'ferry',
  init: start,
  sets: ['L', 'R'],
  actions: {
    boatCrosses: {
      args: subsets([1, 2, 3]),
      when: (s, S) => (S.length === 1 || S.length === 2) && S.every((p) => s[s.boat].includes(p)),
      step: (d, S) => cross(d, S, { boat: d.boat, L: [...d.L], R: [...d.R] }),
    },
  },
});

describe('subsets', () => {
  it('gives every subset, smallest first, each in the order of the list', () => {
    expect([...subsets(['a', 'b', 'c'])]).toEqual([
      [],
      ['a'],
      ['b'],
      ['c'],
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
      ['a', 'b', 'c'],
    ]);
    expect(() => subsets(Array.from({ length: 17 }, (_, i) => i))).toThrow(/2\^17 arguments; at most 16 values/);
  });
});

describe('argsIn: arguments computed from the state', () => {
  it('explores the states the guard it replaces explores, on both steppers', () => {
    const guarded = explore(configure(withGuard, undefined));
    expect(guarded.complete).toBe(true);
    for (const stepper of ['copy', 'immer'] as const) {
      const r = explore(configure(fromState, undefined), { stepper });
      expect([r.complete, r.states, r.transitions]).toEqual([true, guarded.states, guarded.transitions]);
    }
  });

  it('without args, takes its arguments from the initial states; a choice is enabled only where the state offers it', () => {
    const inst = configure(fromState, undefined);
    expect(inst.allChoices()).toHaveLength(8);
    const two = inst.allChoices().find((c) => JSON.stringify(c.arg) === '[1,2]')!;
    const after = inst.next(inst.initial(), two);
    expect(after).toEqual({ boat: 'R', L: [3], R: [1, 2] });
    // On the right bank only 1 and 2 are offered: taking 3 back is not a step.
    expect(inst.choices(after).map((c) => c.arg)).toEqual([[1], [2], [1, 2]]);
  });

  it('an argument outside args is refused in one line, naming the action', () => {
    const leaky: AnyModel = model({
      name: 'leaky',
      init: () => ({ n: 0 }),
      actions: { clientAdds: { args: [1, 2], argsIn: (s) => [s.n + 1], step: (d, k) => void (d.n += k) } },
      ends: (s) => s.n >= 5,
    });
    const run = () => explore(configure(leaky, undefined));
    expect(run).toThrow(
      /action clientAdds: its argsIn gave 4, which is not among its arguments \(its args: add it there\)/,
    );
    expect(() => hunt(configure(leaky, undefined), { seed: 1, runs: 5, maxSteps: 5 })).toThrow(/its argsIn gave 4/);
  });

  it('a declaration that is not one is refused when the model is declared', () => {
    const bad = { name: 'bad', init: () => ({}), actions: { clientActs: { argsIn: [1], step: () => {} } } };
    expect(() => model(bad as never)).toThrow(/action clientActs: "argsIn" must be a function, got an array/);
    const { action } = modelKit<{ n: number }>();
    expect(() => action({ name: 'clientActs', argsIn: (s) => [s.n], step: () => {} })).toThrow(
      /action clientActs: argsIn gives a part of args, so an action built with action\(\{…\}\) gives args too/,
    );
    const notDomain = model({
      name: 'not-domain',
      init: () => ({ n: 0 }),
      actions: { clientActs: { args: [1], argsIn: () => 7 as never, step: () => {} } },
    });
    expect(() => explore(configure(notDomain, undefined))).toThrow(/its argsIn must give an array of values/);
  });
});

describe('before: the state before the step', () => {
  type Pair = { readonly x: number; readonly y: number; readonly n: number };
  const swap = model({
    name: 'swap',
    init: (): Pair => ({ x: 0, y: 1, n: 0 }),
    actions: {
      pairSwaps: {
        when: (s) => s.n < 3,
        step: (d, _arg, _ctx, before) => {
          d.x = before.y;
          d.y = before.x;
          d.n = before.n + 1;
        },
      },
    },
    ends: (s) => s.n === 3,
  });

  it('is the state the step started from, in a hunt and on both of the explorer’s steppers', () => {
    const inst = configure(swap, undefined);
    const [c] = inst.allChoices();
    expect(inst.next(inst.initial(), c!)).toEqual({ x: 1, y: 0, n: 1 });
    for (const stepper of ['copy', 'immer'] as const) {
      const r = explore(configure(swap, undefined), { stepper });
      expect([r.complete, r.states]).toEqual([true, 4]);
    }
    expect(hunt(configure(swap, undefined), { seed: 1, runs: 20, maxSteps: 5 }).found).toBe(false);
  });

  it('is read-only: a step that writes to it is named', () => {
    const writes = model({
      name: 'writes',
      init: () => ({ n: 0 }),
      actions: { clientWrites: { step: (_d, _a, _c, before) => void ((before as { n: number }).n = 1) } },
      ends: () => true,
    });
    const inst = configure(writes, undefined);
    expect(() => inst.next(inst.initial(), inst.allChoices()[0]!)).toThrow(
      /action clientWrites: its step mutated state outside the immer draft/,
    );
  });
});
