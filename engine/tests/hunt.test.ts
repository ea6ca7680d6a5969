/** The hunt: determinism, coverage, budgets, and each property kind finding what it should. */
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { hunt } from '../hunt/hunt.ts';
import { traceJson } from '../core/trace.ts';
import { register } from '../../models/register/model.ts';
import { counters } from './fixtures/counters.ts';

const rmw = () => configure(register, 'read-modify-write');

describe('hunt', () => {
  it('gives the same trace, byte for byte, for the same seed', () => {
    const a = hunt(rmw(), { seed: 7, runs: 200, maxSteps: 20 });
    const b = hunt(rmw(), { seed: 7, runs: 200, maxSteps: 20 });
    expect(a.trace).not.toBeNull();
    expect(traceJson(a.trace!)).toBe(traceJson(b.trace!));
  });

  it('shrinks the lost update to its four steps whatever the seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = hunt(rmw(), { seed, runs: 200, maxSteps: 20, target: 'no-lost-update' });
      expect(r.trace?.steps.length, `seed ${seed}`).toBe(4);
    }
  });

  it.each(['uniform', 'swarm', 'pct', 'cover', 'rules', 'mix', 'auto', 'frontier'] as const)(
    'reproduces a reported %s counterexample from seed, strategy and path alone',
    (strategy) => {
      const first = hunt(rmw(), {
        seed: 11,
        runs: 200,
        maxSteps: 20,
        target: 'no-lost-update',
        strategy,
        proveBudget: 0,
      });
      const f = first.trace!.found;
      if (f.by !== 'hunt') throw new Error('expected a hunted trace');
      expect(f.strategy).toBe(strategy);
      const again = hunt(rmw(), {
        seed: 11,
        runs: 1,
        maxSteps: 20,
        target: 'no-lost-update',
        strategy,
        path: f.path,
        proveBudget: 0,
      });
      expect(traceJson(again.trace!)).toBe(traceJson(first.trace!));
    },
  );

  it('reports what the search covered when nothing is found', () => {
    const r = hunt(configure(register, 'compare-and-set'), { seed: 1, runs: 100, maxSteps: 20, proveBudget: 0 });
    expect(r.found).toBe(false);
    expect(r.runs).toBe(100);
    expect(r.coverage.runs).toBe(100);
    expect(r.coverage.steps).toBe(Object.values(r.coverage.actions).reduce((a, b) => a + b, 0));
    expect(r.coverage.actions.clientReadsRegister).toBeGreaterThan(0);
    expect(r.coverage.reached['all-clients-done']).toBeGreaterThan(0);
    expect(r.unreached).toEqual([]);
  });

  it('says a green run is vacuous when a sometimes property was never reached', () => {
    // Two steps cannot finish two clients' increments (each needs a read and a write).
    const r = hunt(configure(register, 'compare-and-set'), { seed: 1, runs: 50, maxSteps: 2, strategy: 'mix' });
    expect(r.found).toBe(false);
    expect(r.unreached).toEqual(['all-clients-done']);
  });

  it('turns a sometimes target into a shrunk witness', () => {
    const r = hunt(rmw(), { seed: 1, runs: 200, maxSteps: 20, target: 'all-clients-done' });
    expect(r.trace?.outcome).toBe('witness');
    expect(r.trace?.steps.length).toBe(4);
  });

  it('stops searching at the time budget and says so', () => {
    const r = hunt(configure(register, 'compare-and-set'), {
      seed: 1,
      runs: 1_000_000_000,
      maxSteps: 20,
      timeBudgetMs: 200,
      proveBudget: 0,
    });
    expect(r.found).toBe(false);
    expect(r.interrupted).toBe(true);
    expect(r.runs).toBeLessThan(1_000_000_000);
  });

  it('checks only the targeted property', () => {
    const r = hunt(configure(counters, 'leaky'), { seed: 1, runs: 100, maxSteps: 20, target: 'drains' });
    expect(r.trace).toBeNull(); // never-ahead breaks at once in this variant, but it is not the target
  });
});

describe('progress properties', () => {
  it('a monitor breaks once its bound is exceeded, at the first step that exceeds it', () => {
    const r = hunt(configure(counters, 'stalls', { patience: 2 }), {
      seed: 1,
      runs: 300,
      maxSteps: 20,
      target: 'consumer-keeps-up',
      strategy: 'cover',
      proveBudget: 0,
    });
    expect(r.trace?.message).toBe('an item has waited 3 steps for a stopped consumer');
    // stop, then three producer steps: the first item waits after each of them (1, 2, 3 > 2)
    expect(r.trace?.steps.map((x) => x.action)).toEqual([
      'consumerStops',
      'producerMakesItem',
      'producerMakesItem',
      'producerMakesItem',
    ]);
  });

  it('recovers fails exactly in states the admitted actors cannot recover from', () => {
    const stuck = hunt(configure(counters, 'stalls'), { seed: 1, runs: 300, maxSteps: 20, target: 'drains' });
    // Two steps, in either order: the consumer stops, and an item is made that it will never take.
    expect(stuck.trace?.steps.map((s) => s.action).sort()).toEqual(['consumerStops', 'producerMakesItem']);
    expect(stuck.trace?.message).toMatch(/1 item\(s\) never consumed/);
    const fine = hunt(configure(counters, 'correct'), { seed: 1, runs: 300, maxSteps: 20, target: 'drains' });
    expect(fine.found).toBe(false);
  });
});

describe('argument shrinking', () => {
  it('shrinks each field of a record domain on its own, to the smallest that still breaks', async () => {
    const { modelKit, range, record } = await import('../index.ts');
    type S = { readonly load: number };
    const { action, always, model } = modelKit<S, Record<string, never>, Record<string, never>>();
    const m = model({
      name: 'overload',
      title: 'overload',
      doc: 'a fleet and a rate are drawn; the load must stay below 12',
      params: {},
      variants: { only: { doc: 'the one variant', switches: {} } },
      init: () => ({ load: 0 }),
      actions: [
        action({
          name: 'operatorSetsFleet',
          actor: 'operator',
          args: () => record({ size: range(1, 9), rate: range(1, 9), spare: range(1, 9) }),
          step: (d, a) => void (d.load = a.size * a.rate),
        }),
      ],
      properties: [always({ name: 'not-overloaded', doc: 'load < 12', check: (s) => s.load < 12 || `load ${s.load}` })],
    });
    for (const strategy of ['uniform', 'swarm', 'pct'] as const) {
      const r = hunt(configure(m, 'only'), { seed: 2, runs: 300, maxSteps: 3, strategy });
      const args = r.trace?.steps[0]?.args as { size: number; rate: number; spare: number };
      // no field can shrink further on its own: the spare one is at its minimum, the others at the threshold
      expect(args.spare, strategy).toBe(1);
      expect(args.size * args.rate, strategy).toBeGreaterThanOrEqual(12);
      expect((args.size - 1) * args.rate, strategy).toBeLessThan(12);
      expect(args.size * (args.rate - 1), strategy).toBeLessThan(12);
    }
  });
});
