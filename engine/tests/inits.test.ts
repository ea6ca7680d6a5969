/**
 * Several initial states (`inits`, as TLA+'s Init allows many) and a state constraint (as TLC's
 * CONSTRAINT): the explorer starts from every initial state and leaves out every state outside
 * the constraint; a trace from any initial state replays from it.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, hunt, model, replay, type AnyModel } from '../index.ts';

type Door = { readonly open: boolean; readonly knocks: number };

/** A door that starts open or shut; knocking on an open door twice breaks the claim. */
const door = model({
  name: 'door',
  inits: (): Door[] => [
    { open: false, knocks: 0 },
    { open: true, knocks: 0 },
  ],
  actions: {
    visitorKnocks: { when: (s) => s.knocks < 3, step: (d) => void (d.knocks += 1) },
  },
  always: {
    'not-twice-at-an-open-door': (s) => !(s.open && s.knocks >= 2) || `knocked ${s.knocks} times on an open door`,
  },
  ends: (s) => s.knocks === 3,
});

describe('several initial states', () => {
  it('are each explored: the counterexample starts from the second, and replays from it', () => {
    const inst = configure(door, undefined);
    expect(inst.initials()).toEqual([
      { open: false, knocks: 0 },
      { open: true, knocks: 0 },
    ]);
    const r = explore(inst, { exhaust: true });
    expect(r.states).toBe(2 * 4); // each door with 0 to 3 knocks
    const broken = r.properties.find((p) => p.name === 'not-twice-at-an-open-door');
    expect(broken?.outcome).toBe('counterexample');
    expect(broken?.trace?.initial).toEqual({ open: true, knocks: 0 });
    expect(broken?.trace?.steps).toHaveLength(2);
    const again = replay(door, broken!.trace!, 'door.json');
    expect(again.reproduced).toBe(true);
  });

  it('a hunt finds it in its breadth-first phase, from the second initial state', () => {
    const r = hunt(configure(door, undefined), { seed: 1, maxSteps: 10, budget: 1000 });
    expect(r.trace?.initial).toEqual({ open: true, knocks: 0 });
    expect(r.trace?.message).toBe('knocked 2 times on an open door');
  });

  it('a trace from a state that is none of them does not fit', () => {
    const r = explore(configure(door, undefined));
    const trace = { ...r.trace!, initial: { open: true, knocks: 1 } };
    expect(() => replay(door, trace, 'door.json')).toThrow(/starts from a state that is none of the 2 initial states/);
  });

  it('are refused in one line when both init and inits are given, or inits gives none', () => {
    const base = { name: 'twice', actions: { tick: { step: () => {} } } };
    expect(() => model({ ...base, init: () => ({}), inits: () => [{}] })).toThrow(/gives both init and inits/);
    const none = model({ ...base, inits: () => [] });
    expect(() => configure(none, undefined).initial()).toThrow(/its inits must give a non-empty array of states/);
  });
});

describe('a state constraint', () => {
  const counter = (constraint?: (s: { n: number }) => boolean): AnyModel =>
    model({
      name: 'counter',
      init: () => ({ n: 0 }),
      actions: { counterAdds: { step: (d) => void (d.n += 1) } },
      always: { 'below-five': (s) => s.n < 5 || `n is ${s.n}` },
      ...(constraint ? { constraint } : {}),
    });

  it('bounds the search: states outside it are not stored, checked or expanded', () => {
    const r = explore(
      configure(
        counter((s) => s.n <= 3),
        undefined,
      ),
    );
    expect([r.complete, r.states, r.depth]).toEqual([true, 4, 3]);
    expect(r.properties.find((p) => p.name === 'below-five')?.outcome).toBe('holds');
  });

  it('bounds the runs of a hunt too: none steps outside it', () => {
    const r = hunt(
      configure(
        counter((s) => s.n <= 4),
        undefined,
      ),
      { seed: 1, maxSteps: 20, runs: 50, strategy: 'uniform' },
    );
    expect(r.found).toBe(false);
    expect(r.coverage.longestRun).toBe(4);
  });

  it('without it, the claim breaks at five', () => {
    const r = explore(configure(counter(), undefined), { maxStates: 100 });
    expect(r.properties.find((p) => p.name === 'below-five')?.outcome).toBe('counterexample');
  });
});
