/** The progress line says the share of the budget done and when, at this pace, it will be done. */
import { describe, expect, it } from 'vitest';
import { checkProgress, duration, huntProgress, share } from '../cli/progress.ts';

describe('progress', () => {
  it('says the share of a budget done and the time left at this pace', () => {
    expect(share(2_500, 10_000, 10_000)).toBe(' (25% of 10,000, about 30 s left)');
    expect(share(10_000, 10_000, 10_000)).toBe(' (100% of 10,000)');
    expect(share(0, 10_000, 500)).toBe(' (0% of 10,000)');
    expect(share(5, undefined, 500)).toBe('');
    expect(duration(200_000)).toBe('3 min 20 s');
    expect(duration(3_900_000)).toBe('1 h 5 min');
  });
  it("says the share of the hunt's budget of work, as the hunt reports it", () => {
    const say = huntProgress();
    expect(say({ phase: 'prove', runs: 0, steps: 0, candidates: 10_000, done: 0.2, ms: 2_000 })).toBe(
      'proving: 10,000 states explored breadth-first (20% of the budget, about 8 s left)',
    );
    expect(say({ phase: 'search', runs: 500, steps: 9_000, candidates: 0, done: 0.5, ms: 4_000 })).toBe(
      'searching, 500 runs (50% of the budget, about 4 s left), 9,000 steps',
    );
    expect(say({ phase: 'shrink', runs: 501, steps: 0, candidates: 40, done: null, ms: 5_000 })).toBe(
      'shrinking after 501 runs, 40 candidates tried',
    );
  });
  it("a budget in runs: the share of the runs, timed from the search's own start", () => {
    const say = huntProgress({ runs: 1_000 });
    expect(say({ phase: 'prove', runs: 0, steps: 0, candidates: 10_000, done: null, ms: 2_000 })).toBe(
      'proving: 10,000 states explored breadth-first',
    );
    expect(say({ phase: 'search', runs: 0, steps: 0, candidates: 0, done: null, ms: 3_000 })).toBe(
      'searching, 0 runs (0% of 1,000), 0 steps',
    );
    expect(say({ phase: 'search', runs: 500, steps: 9_000, candidates: 0, done: null, ms: 13_000 })).toBe(
      'searching, 500 runs (50% of 1,000, about 11 s left), 9,000 steps',
    );
  });
  it('a check says the share of --max-states stored', () => {
    expect(checkProgress({ states: 250_000, depth: 9, frontier: 1_000, ms: 1_000 }, 1_000_000)).toBe(
      '250,000 states (25% of --max-states), depth 9, frontier 1,000, 250,000 states/s',
    );
  });
});
