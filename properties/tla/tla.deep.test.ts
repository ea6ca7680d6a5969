/**
 * Ports of tlaplus/Examples specifications, checked exhaustively against the counts TLC publishes
 * in each spec's manifest.json: outside ground truth for the explorer, for sets (TwoPhase), for
 * several initial states (EWD840: 192 of them; AsyncTerminationDetection: 17) and for a state
 * constraint (AsyncTerminationDetection's CONSTRAINT), and for arguments computed from the state
 * with the state before a step (MissionariesAndCannibals, whose TLC run finds the puzzle's solution).
 *
 * Pinned: distinctStates, TLC's count of reachable states, for all three; stateDepth (TLC counts
 * an initial state as depth 1) where TLC's and racehunt's searches agree on it; totalStates (the
 * states TLC generated: initial states plus one per transition) for TwoPhase. TLC's generated
 * count is not a model's property where the spec chooses from a set, `x' \in {a, b}`: TLC
 * generates one state when a = b, a racehunt action with an argument two; nor is EWD840's depth,
 * 10 in the manifest, which is checked with temporal PROPERTIES: a plain breadth-first search
 * (racehunt's, and a 20-line JSON one, which agree) finds 9.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, type AnyModel } from '../../engine/index.ts';
import { asyncTermination } from '../../models/tla/async-termination/model.ts';
import { ewd840 } from '../../models/tla/ewd840/model.ts';
import { missionaries } from '../../models/tla/missionaries/model.ts';
import { twoPhase } from '../../models/tla/two-phase/model.ts';

interface Published {
  readonly spec: string;
  readonly model: AnyModel;
  /** TLC's configuration, where it differs from the model's defaults. */
  readonly params?: Readonly<Record<string, number>>;
  readonly initial: number;
  readonly distinctStates: number;
  readonly stateDepth?: number;
  readonly totalStates?: number;
}

const PUBLISHED: readonly Published[] = [
  // specifications/transaction_commit/manifest.json: TwoPhase.cfg, RM = {r1, r2, r3}
  { spec: 'TwoPhase', model: twoPhase, initial: 1, distinctStates: 288, stateDepth: 11, totalStates: 1146 },
  // specifications/ewd840/manifest.json: EWD840.cfg, N = 3
  { spec: 'EWD840', model: ewd840, initial: 192, distinctStates: 302 },
  // specifications/ewd998/manifest.json: AsyncTerminationDetection.cfg, N = 4, pending[n] <= 3
  { spec: 'AsyncTerminationDetection', model: asyncTermination, initial: 17, distinctStates: 4097, stateDepth: 14 },
];

describe('tlaplus/Examples, ported: TLC’s published counts', () => {
  it.each(PUBLISHED)('$spec: $distinctStates distinct states from $initial initial states, as TLC counts', (p) => {
    const inst = configure(p.model, undefined, p.params ?? {});
    const r = explore(inst);
    expect(r.complete).toBe(true);
    expect(inst.initials()).toHaveLength(p.initial);
    expect(r.states).toBe(p.distinctStates);
    if (p.stateDepth !== undefined) expect(r.depth + 1).toBe(p.stateDepth);
    if (p.totalStates !== undefined) expect(p.initial + r.transitions).toBe(p.totalStates);
    // The spec's invariants hold, as TLC found.
    for (const property of r.properties) expect(property.outcome, property.name).toBe('holds');
  });

  // specifications/MissionariesAndCannibals: TLC reports "Invariant Solution is violated" with a
  // behaviour of 12 states (the initial one and 11 crossings), the puzzle's known shortest solution.
  // The spec's step chooses from the state (`\E S \in SUBSET who_is_on_bank[bank_of_boat]`): argsIn.
  it('MissionariesAndCannibals: Solution is violated, shortest in 11 crossings, as TLC reports', () => {
    const r = explore(configure(missionaries, undefined));
    expect(r.complete).toBe(true);
    const solution = r.properties.find((p) => p.name === 'solution');
    expect(solution?.outcome).toBe('counterexample');
    expect(solution?.steps).toBe(11);
    expect(r.properties.find((p) => p.name === 'no-deadlock')?.outcome).toBe('holds');
  });

  it('AsyncTerminationDetection without its constraint is unbounded: the explorer stops at its bound', () => {
    const unbounded: AnyModel = { ...asyncTermination, constraint: undefined };
    const r = explore(configure(unbounded, undefined), { maxStates: 20_000 });
    expect([r.complete, r.cut]).toEqual([false, 'max-states']);
  });
});
