/** A hunt's verdict says how far it is sure: ✓ for a proof only, a bound that never claims too much. */
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { explore } from '../explore/explore.ts';
import { hunt } from '../hunt/hunt.ts';
import { heldLine, scopeWords } from '../render/verdict.ts';
import { register } from '../../models/register/model.ts';
import { peterson } from '../../models/zoo/peterson/model.ts';

describe('the bound of a prove phase cut short', () => {
  // Peterson with the two writes swapped breaks mutual exclusion in 6 steps at the shortest: a prove
  // phase cut at any budget must never claim that no counterexample of 6 steps or more exists.
  const inst = configure(peterson, 'victim-first');
  const shortest = explore(inst, { target: 'mutual-exclusion' }).properties[0]?.steps ?? 0;

  it('is below the shortest counterexample whatever the budget', () => {
    expect(shortest).toBe(6);
    for (let budget = 1; budget <= 145; budget++) {
      const r = hunt(inst, { seed: 1, runs: 1, maxSteps: 1, proveBudget: budget, target: 'mutual-exclusion' });
      if (r.found) continue;
      expect(r.bounded, `prove budget ${budget}`).not.toBeNull();
      expect(r.bounded!.depth, `prove budget ${budget}`).toBeLessThan(shortest);
      expect(r.bounded!.states, `prove budget ${budget}`).toBe(Math.max(budget, 2));
    }
  });

  it('reaches the depth below the counterexample once the budget covers it', () => {
    // The states within 5 steps all fit in the budget that stops one state short of the shortest counterexample.
    const decided = explore(inst, { target: 'mutual-exclusion' }).properties[0]?.decidedAfter?.states ?? 0;
    const r = hunt(inst, { seed: 1, runs: 1, maxSteps: 1, proveBudget: decided - 1, target: 'mutual-exclusion' });
    expect(r.found).toBe(false);
    expect(r.bounded?.depth).toBe(shortest - 1);
  });
});

describe('the verdict line', () => {
  const fixed = configure(register, 'compare-and-set');

  it('wears ✓ for a proof of every reachable state', () => {
    const r = hunt(fixed, { seed: 1, runs: 10, maxSteps: 10, strategy: 'auto' });
    expect(r.scope).toBe('proof');
    expect(heldLine(r, 'every property', false)).toMatch(/^✓ every property holds in all 11 reachable states/);
    expect(scopeWords(r)).toBe('proved');
  });

  it('says how deep a bound is sure when the prove phase was cut, and never wears ✓', () => {
    const r = hunt(fixed, { seed: 1, runs: 10, maxSteps: 10, strategy: 'auto', proveBudget: 5 });
    expect(r.scope).toBe('sampled');
    const line = heldLine(r, 'every property', false);
    expect(line).toMatch(
      /^○ no counterexample to every property: no counterexample of at most \d+ steps? exists, over 5 states, and 10 sampled runs found none, seed 1 — not a proof beyond \d+ steps?$/,
    );
    expect(scopeWords(r)).toMatch(/^no counterexample of at most \d+ steps? exists, over [\d,]+ states; then sampled$/);
  });

  it('says that sampling alone proves no depth', () => {
    const r = hunt(fixed, { seed: 1, runs: 10, maxSteps: 10, strategy: 'pct' });
    expect(r.bounded).toBeNull();
    expect(heldLine(r, 'every property', false)).toMatch(/^○ .* — sampled, not a proof \(no depth is proven/);
  });
});
