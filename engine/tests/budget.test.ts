/** The budget of work, the frontier strategy and action-first sampling (issue #18). */
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { traceJson } from '../core/trace.ts';
import { DEFAULT_PROVE_BUDGET, DEFAULT_WORK, PROVE_SHARE, planOf } from '../hunt/budget.ts';
import { hunt, monopoly } from '../hunt/hunt.ts';
import { pickActionFirst } from '../hunt/strategy.ts';
import { peterson } from '../../models/zoo/peterson/model.ts';
import { register } from '../../models/register/model.ts';
import { cli } from './helpers.ts';

describe('the plan of a budget', () => {
  it('splits a budget of work between the breadth-first phase and sampling', () => {
    expect(planOf({ strategy: 'frontier', maxSteps: 50 })).toEqual({
      proveStates: DEFAULT_WORK * PROVE_SHARE,
      work: DEFAULT_WORK,
      runs: Infinity,
    });
    expect(planOf({ strategy: 'frontier', budget: 1000, maxSteps: 50 }).proveStates).toBe(1000 * PROVE_SHARE);
    expect(planOf({ strategy: 'cover', budget: 1000, maxSteps: 50 }).proveStates).toBe(0);
  });

  it('keeps a budget in runs as it always was: the runs cap the search, the old prove phase', () => {
    expect(planOf({ strategy: 'auto', runs: 300, maxSteps: 50 })).toEqual({
      proveStates: DEFAULT_PROVE_BUDGET,
      work: Infinity,
      runs: 300,
    });
    expect(planOf({ strategy: 'frontier', runs: 300, maxSteps: 50 }).proveStates).toBe(DEFAULT_PROVE_BUDGET);
  });

  it.each([
    [0, /positive whole number/],
    [-5, /positive whole number/],
    [1.5, /positive whole number/],
    [10, /too small to finish one run of 50 steps: give at least 50/],
  ])('refuses a budget of %s in one line', (budget, pattern) => {
    expect(() => planOf({ strategy: 'frontier', budget, maxSteps: 50 })).toThrow(pattern);
  });

  it('spends no more than the budget, plus the run that crosses it, whatever the model', () => {
    const r = hunt(configure(register, 'compare-and-set'), { seed: 1, budget: 500, strategy: 'cover', maxSteps: 20 });
    expect(r.found).toBe(false);
    expect(r.work).toBeGreaterThanOrEqual(500);
    expect(r.work).toBeLessThan(500 + 20);
  });
});

describe('the command line', () => {
  it.each([['0'], ['x'], ['-3'], ['10']])('exits 2 with one line for --budget %s', async (value) => {
    const r = await cli(['hunt', 'register', '--variant', 'compare-and-set', '--budget', value]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/budget/);
  });
});

describe('action first, then its arguments', () => {
  const choices = configure(peterson, 'peterson').allChoices();
  const raise = choices.filter((c) => c.action.name === 'threadRaisesFlag');
  const enter = choices.filter((c) => c.action.name === 'threadEntersCriticalSection').slice(0, 1);

  it('gives each action its share of the draws, however many arguments it has', () => {
    const counts = new Map<string, number>();
    for (let d = 0; d < 1000; d++) {
      const c = pickActionFirst([...raise, ...enter], d);
      counts.set(c!.action.name, (counts.get(c!.action.name) ?? 0) + 1);
    }
    expect(counts.get('threadRaisesFlag')).toBe(500);
    expect(counts.get('threadEntersCriticalSection')).toBe(500);
  });

  it('draws every argument of the action it chose', () => {
    const args = new Set(Array.from({ length: 8 }, (_, d) => pickActionFirst(raise, d)?.arg));
    expect(args).toEqual(new Set([0, 1]));
  });
});

describe('the frontier strategy', () => {
  const inst = configure(peterson, 'victim-first');

  it('starts its runs from the breadth-first frontier, and its trace says how to find it again', () => {
    const first = hunt(inst, { seed: 3, budget: 2000, proveBudget: 30, target: 'mutual-exclusion' });
    expect(first.trace?.found.by).toBe('hunt');
    const f = first.trace!.found;
    if (f.by !== 'hunt') throw new Error('expected a hunted trace');
    expect(f.strategy).toBe('frontier');
    expect(f.prove).toBe(30);
    const again = hunt(inst, { seed: 3, proveBudget: f.prove, path: f.path, target: 'mutual-exclusion' });
    expect(traceJson(again.trace!)).toBe(traceJson(first.trace!));
  });

  it('proves what fits its share, and finds the shortest counterexample there', () => {
    const r = hunt(inst, { seed: 1, target: 'mutual-exclusion' });
    expect(r.trace?.found.by).toBe('check');
    expect(r.trace?.steps).toHaveLength(6);
  });
});

describe('the warning when one action takes most of the steps', () => {
  const coverage = (actions: Record<string, number>) => ({
    runs: 1,
    steps: Object.values(actions).reduce((a, b) => a + b, 0),
    longestRun: 1,
    states: 1,
    statesCapped: false,
    actions,
    neverEnabled: [],
    neverTaken: [],
    reached: {},
  });

  it('names the action and its share', () => {
    expect(monopoly(coverage({ send: 42_108, passToken: 5_000, receive: 2_558 }))).toEqual({
      action: 'send',
      steps: 42_108,
    });
    expect(monopoly(coverage({ read: 50, write: 50 }))).toBeNull();
    expect(monopoly(coverage({ tick: 100 }))).toBeNull();
  });

  it('is one line of a green sampled hunt', () => {
    const r = hunt(configure(register, 'compare-and-set'), {
      seed: 1,
      runs: 30,
      maxSteps: 20,
      strategy: 'uniform',
      proveBudget: 0,
    });
    const hog = monopoly(r.coverage);
    expect(r.warnings.some((w) => w.startsWith('one action took most of the steps'))).toBe(hog !== null);
  });
});
