/**
 * The missionaries and cannibals, ported from tlaplus/Examples
 * (specifications/MissionariesAndCannibals/MissionariesAndCannibals.tla, by Leslie Lamport): three
 * missionaries and three cannibals cross a river in a boat that carries one or two of them, and on
 * neither bank may the cannibals outnumber the missionaries where there are any. The spec's
 * invariant `Solution` (someone is still on the east bank) is meant to be broken: its shortest
 * counterexample is the puzzle's solution, eleven crossings.
 *
 * The spec's one step, `\E S \in SUBSET who_is_on_bank[bank_of_boat] : Move(S, bank_of_boat)`,
 * chooses from the people on the boat's bank: `argsIn` gives those choices, computed from the state.
 * Move's new banks are written from the state before the step, as the spec writes primed variables
 * from unprimed ones: the step reads it as `before`.
 */
import { model, subsets } from '../../../engine/index.ts';

type Bank = 'E' | 'W';

export type RiverState = {
  readonly boat: Bank;
  /** Who is on each bank: sets of people, "c1" … "m3". */
  readonly bank: { readonly E: readonly string[]; readonly W: readonly string[] };
};

const MISSIONARIES = ['m1', 'm2', 'm3'];
const CANNIBALS = ['c1', 'c2', 'c3'];

const other = (b: Bank): Bank => (b === 'E' ? 'W' : 'E');
const cannibal = (p: string) => CANNIBALS.includes(p);
/** IsSafe(S): no missionary there, or the cannibals do not outnumber them. */
const isSafe = (people: readonly string[]) => {
  const c = people.filter(cannibal).length;
  return c === people.length || c <= people.length - c;
};
const without = (people: readonly string[], gone: readonly string[]) => people.filter((p) => !gone.includes(p));

export const missionaries = model({
  name: 'missionaries-and-cannibals',
  title: 'The missionaries and cannibals (MissionariesAndCannibals.tla)',
  init: (): RiverState => ({ boat: 'E', bank: { E: [...CANNIBALS, ...MISSIONARIES], W: [] } }),
  sets: ['bank.E', 'bank.W'],
  actions: {
    boatCrosses: {
      // SUBSET who_is_on_bank[bank_of_boat]
      argsIn: (s: RiverState) => subsets(s.bank[s.boat]),
      when: (s, S) =>
        (S.length === 1 || S.length === 2) &&
        isSafe(without(s.bank[s.boat], S)) &&
        isSafe([...s.bank[other(s.boat)], ...S]),
      step: (d, S, _ctx, before) => {
        d.bank[before.boat] = without(before.bank[before.boat], S);
        d.bank[other(before.boat)] = [...before.bank[other(before.boat)], ...S];
        d.boat = other(before.boat);
      },
      describe: (_s, S, t) =>
        `the boat takes ${S.join(' and ')} to ${t.boat} (east: ${t.bank.E.join(' ') || 'no one'})`,
    },
  },
  always: { solution: (s) => s.bank.E.length > 0 || 'everyone is on the west bank' },
});
