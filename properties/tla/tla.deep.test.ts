/**
 * Ports of tlaplus/Examples specifications, checked exhaustively: each count is the one TLC
 * publishes in the spec's manifest.json (distinctStates; totalStates, the states TLC generated,
 * which are the initial states plus one per transition; stateDepth, which counts the initial state
 * as depth 1). They are outside ground truth for the explorer, for sets and for several initial
 * states and state constraints.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, type AnyModel } from '../../engine/index.ts';
import { twoPhase } from '../../models/tla/two-phase/model.ts';

interface Published {
  readonly spec: string;
  readonly model: AnyModel;
  /** TLC's configuration, where it differs from the model's defaults. */
  readonly params?: Readonly<Record<string, number>>;
  readonly initial: number;
  readonly distinctStates: number;
  readonly totalStates: number;
  readonly stateDepth: number;
}

const PUBLISHED: readonly Published[] = [
  // specifications/transaction_commit/manifest.json, TwoPhase.cfg (RM = {r1, r2, r3})
  { spec: 'TwoPhase', model: twoPhase, initial: 1, distinctStates: 288, totalStates: 1146, stateDepth: 11 },
];

describe('tlaplus/Examples, ported: TLC’s published counts', () => {
  it.each(PUBLISHED)('$spec: $distinctStates distinct states, as TLC counts', (p) => {
    const inst = configure(p.model, undefined, p.params ?? {});
    const r = explore(inst);
    expect(r.complete).toBe(true);
    expect(inst.initials()).toHaveLength(p.initial);
    expect({ distinct: r.states, total: p.initial + r.transitions, depth: r.depth + 1 }).toEqual({
      distinct: p.distinctStates,
      total: p.totalStates,
      depth: p.stateDepth,
    });
    // The spec's invariants hold, as TLC found.
    for (const property of r.properties) expect(property.outcome, property.name).toBe('holds');
  });
});
