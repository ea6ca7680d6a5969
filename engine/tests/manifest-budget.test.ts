/** A manifest's budget may set the post-shrink shortest-counterexample search's state budget. */
import { describe, expect, it } from 'vitest';
import { readManifest } from '../project/manifest.ts';
import { register } from '../../models/register/model.ts';

const json = (budget: object, entry: object) => ({
  budget: { seed: 1, runs: 10, maxSteps: 6, ...budget },
  variants: { 'read-modify-write': { 'no-lost-update': { expect: 'counterexample', ...entry } } },
});

describe('manifest: shortestBudget', () => {
  it('is inherited from the budget, and an entry may override it', () => {
    expect(readManifest(register, json({ shortestBudget: 0 }, {})).outcomes[0]?.budget.shortestBudget).toBe(0);
    expect(
      readManifest(register, json({ shortestBudget: 0 }, { shortestBudget: 500 })).outcomes[0]?.budget.shortestBudget,
    ).toBe(500);
    expect(readManifest(register, json({}, {})).outcomes[0]?.budget).not.toHaveProperty('shortestBudget');
  });

  it('must be a count of states', () => {
    expect(() => readManifest(register, json({ shortestBudget: -1 }, {}))).toThrow(
      /"budget.shortestBudget" must be ≥ 0, found -1/,
    );
  });
});
