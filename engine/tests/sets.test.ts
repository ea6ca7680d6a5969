/** Arrays declared as sets: two orders of one set are one state, a repeat is one element, and a path that leads nowhere is refused. */
import { describe, expect, it } from 'vitest';
import { configure, explore, model } from '../index.ts';

type Bag = { readonly seen: readonly number[]; readonly log: readonly { readonly from: number }[] };

const adders = (sets?: string[]) =>
  model({
    name: 'adders',
    init: (): Bag => ({ seen: [], log: [] }),
    actions: {
      clientAdds: {
        args: [3, 1, 2],
        when: (s, c) => !s.seen.includes(c),
        step: (d, c) => {
          d.seen.push(c);
          d.log.push({ from: c });
        },
      },
      clientRepeats: {
        args: [1],
        when: (s, c) => s.seen.includes(c),
        step: (d, c) => void d.seen.push(c),
      },
    },
    ...(sets ? { sets } : {}),
  });

describe('sets', () => {
  it('make the orders of one set one state, and a repeat one element', () => {
    // Subsets of {1, 2, 3}: 8 states, where 16 orders (and the repeats of 1, without end) would be more.
    const r = explore(configure(adders(['seen', 'log']), undefined));
    expect([r.complete, r.states]).toEqual([true, 8]);
    const inst = configure(adders(['seen', 'log']), undefined);
    const [c3, c1] = inst.allChoices();
    const s = inst.next(inst.next(inst.initial(), c3!), c1!);
    expect(s).toEqual({ seen: [1, 3], log: [{ from: 1 }, { from: 3 }] });
    expect(inst.next(s, inst.allChoices()[3]!)).toEqual(s); // 1 again: the same set
  });

  it('without them, every order is a state of its own', () => {
    const r = explore(configure(adders(), undefined), { maxStates: 1000 });
    expect(r.states).toBeGreaterThan(8);
  });

  it('refuse a path that is not an array in the initial state, with the closest field', () => {
    expect(() => configure(adders(['sen']), undefined).initial()).toThrow(
      /model "adders": sets: "sen" names no field "sen" \(did you mean "seen"\?\) in the initial state/,
    );
  });
});
