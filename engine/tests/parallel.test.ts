/** Parallel and sharded hunts: seed streams, a winner chosen by the seeds (not by timing), and its trace reproduces alone. */
import { describe, expect, it } from 'vitest';
import { hunt, type HuntOptions } from '../hunt/hunt.ts';
import { exploreSource } from '../project/explore-source.ts';
import { fromCatalog } from '../project/load.ts';
import { catalog } from '../../models/index.ts';
import { configure } from '../core/instance.ts';
import { huntInParallel, parseShard, streamSeed } from '../project/parallel.ts';
import { traceJson } from '../core/trace.ts';
import { register } from '../../models/register/model.ts';

const catalogModule = new URL('../../models/index.ts', import.meta.url).href;

describe('seed streams', () => {
  it('give each worker of each shard its own seed', () => {
    const seeds = [0, 1, 2].flatMap((i) => [0, 1].map((j) => streamSeed(100, 2, { index: i, count: 3 }, j)));
    expect(seeds).toEqual([100, 101, 102, 103, 104, 105]);
    expect(streamSeed(100, 1, undefined, 0)).toBe(100);
  });
  it('reject a malformed shard', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/--shard takes i\/n/);
    expect(() => parseShard('x')).toThrow(/--shard takes i\/n/);
  });
});

describe('parallel hunt', () => {
  it('reports the stream whose counterexample comes first, whatever the timing: the same trace every time', async () => {
    const opts = {
      modelRef: 'register',
      catalogModule,
      variant: 'read-modify-write',
      params: {},
      workers: 2,
      seed: 20251019,
      runs: 200,
      maxSteps: 20,
      target: 'no-lost-update',
      strategy: 'pct' as const,
    };
    const alone = [0, 1].map((j) => hunt(configure(register, 'read-modify-write'), { ...opts, seed: opts.seed + j }));
    const runOf = (r: (typeof alone)[number]) => (r.trace?.found.by === 'hunt' ? r.trace.found.runs : Infinity);
    const expected = runOf(alone[1]!) < runOf(alone[0]!) ? alone[1]! : alone[0]!;
    for (let k = 0; k < 3; k++) {
      const r = await huntInParallel(opts);
      expect(traceJson(r.trace!)).toBe(traceJson(expected.trace!));
    }
  });

  it('reports a counterexample that reproduces on one thread from its seed, strategy and path', async () => {
    const r = await huntInParallel({
      modelRef: 'register',
      catalogModule,
      variant: 'read-modify-write',
      params: {},
      workers: 2,
      seed: 500,
      runs: 200,
      maxSteps: 20,
      target: 'no-lost-update',
      proveBudget: 0,
    });
    expect(r.found).toBe(true);
    const f = r.trace!.found;
    if (f.by !== 'hunt') throw new Error('expected a hunted trace');
    expect([500, 501]).toContain(f.seed);
    const alone = hunt(configure(register, 'read-modify-write'), {
      seed: f.seed,
      runs: 1,
      maxSteps: 20,
      target: 'no-lost-update',
      strategy: f.strategy as 'auto',
      path: f.path,
      modelRef: 'register',
      proveBudget: 0,
    });
    expect(traceJson(alone.trace!)).toBe(traceJson(r.trace!));
  });

  it('adds up what every worker covered when none finds anything', async () => {
    const r = await huntInParallel({
      modelRef: 'register',
      catalogModule,
      variant: 'compare-and-set',
      params: {},
      workers: 2,
      seed: 1,
      runs: 50,
      maxSteps: 20,
      proveBudget: 0,
    });
    expect(r.found).toBe(false);
    expect(r.runs).toBe(100);
    expect(r.coverage.runs).toBe(100);
  });

  it('passes a model error back as a one-line error', async () => {
    await expect(
      huntInParallel({
        modelRef: 'engine/tests/fixtures/bad-models.ts#throwing',
        variant: 'only',
        params: {},
        workers: 2,
        seed: 1,
        runs: 20,
        maxSteps: 5,
      }),
    ).rejects.toThrow(/its step threw kaboom/);
  });
});

describe("the prove phase on every core (the explorer's helper threads)", () => {
  const huntOn = (threads: number, model: string, variant: string, o: Partial<HuntOptions>) => {
    const { model: m } = fromCatalog(catalog, model);
    const inst = configure(m, variant, {});
    const source = exploreSource({ modelRef: model, catalogModule, variant, params: inst.params, deadlock: true });
    const { ms: _ms, ...rest } = hunt(inst, { seed: 1, modelRef: model, ...o, proveWorkers: threads, source });
    return JSON.stringify(rest);
  };

  it('bounds, hands sampling its frontier and covers the same, byte for byte, on one thread or two', () => {
    const one = huntOn(1, 'dining-philosophers', 'butler', { budget: 1200 });
    expect(JSON.parse(one).bounded.depth).toBeGreaterThan(0);
    expect(huntOn(2, 'dining-philosophers', 'butler', { budget: 1200 })).toBe(one);
  });

  it('finds the same counterexample from its frontier on one thread or two', () => {
    const o = { budget: 2000, proveBudget: 30, target: 'mutual-exclusion' };
    const one = huntOn(1, 'peterson', 'victim-first', o);
    expect(JSON.parse(one).trace.found.by).toBe('hunt');
    expect(huntOn(2, 'peterson', 'victim-first', o)).toBe(one);
  });
});
