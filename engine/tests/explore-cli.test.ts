/**
 * `racehunt check` as users meet it: exit codes (1 found, 0 proven, 3 vacuous, 4 cut short, 2 bad
 * input), the JSON fields, saved traces that `racehunt replay` re-runs, one-line errors, and the
 * same output from two processes. About 10 s (each case is a child process).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, expectOneLineError, scratch } from './helpers.ts';

describe('racehunt check', () => {
  it('exits 1 with the shortest counterexample, rendered as a swimlane', async () => {
    const r = await cli(['check', 'register', '--variant', 'read-modify-write']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✗ no-lost-update    always     broken after 4 steps (shortest): register is 1 but 2 increments were acknowledged',
    );
    // The verdict is printed the moment it is decided, and the check stops at the first counterexample.
    expect(r.stdout.split('\n')[0]).toMatch(
      /^  ✗ no-lost-update: broken after 4 steps \(shortest\), decided after 11 states in \d+\.\d s$/,
    );
    expect(r.stdout).toMatch(/\? clients-finish\s+progress\s+undecided/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'found by exhaustive check: shortest of 11 states explored (depth 4)',
    );
    const all = await cli(['check', 'register', '--variant', 'read-modify-write', '--all-states']);
    expect(all.stdout).toContain('✓ clients-finish    progress   holds in all 12 reachable states');
    expect(r.stdout).toMatch(/client 1\s+client 2/);
  });

  it('exits 0 when every property holds in the complete state space', async () => {
    const r = await cli(['check', 'register', '--variant', 'compare-and-set', '--param', 'clients=3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ no-lost-update    always     holds in all 48 reachable states');
  });

  it('exits 0 for a bounded check that covers every run of at most --max-depth steps, and says it is bounded', async () => {
    const r = await cli([
      'check',
      'register',
      '--variant',
      'compare-and-set',
      '--invariant',
      'no-lost-update',
      '--max-depth',
      '3',
    ]);
    expect(r.stdout).toContain('holds in all 10 states within 3 steps (bounded by --max-depth: not a proof beyond it)');
    expect(r.code).toBe(3); // all-clients-done needs 4 steps: within 3, the green result is vacuous
    const deeper = await cli([
      'check',
      'register',
      '--variant',
      'compare-and-set',
      '--invariant',
      'no-lost-update',
      '--max-depth',
      '4',
    ]);
    expect(deeper.code).toBe(0);
    expect(deeper.stdout).toContain('holds in all 11 reachable states');
  });

  it('exits 4 when --max-states cuts the search: no counterexample, and no proof either', async () => {
    const r = await cli([
      'check',
      'register',
      '--variant',
      'compare-and-set',
      '--param',
      'clients=3',
      '--max-states',
      '20',
    ]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('the first 20 states');
    expect(r.stdout).toContain('⚠ incomplete: cut at --max-states 20');
  });

  it('prints one JSON object with the documented fields', async () => {
    const r = await cli([
      'check',
      'register',
      '--variant',
      'read-modify-write',
      '--invariant',
      'no-lost-update',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of [
      'model',
      'variant',
      'found',
      'states',
      'transitions',
      'depth',
      'ms',
      'statesPerSec',
      'steps',
      'complete',
      'cut',
      'properties',
      'trace',
    ])
      expect(j).toHaveProperty(k);
    expect(j).toMatchObject({
      model: 'register',
      variant: 'read-modify-write',
      invariant: 'no-lost-update',
      found: true,
      steps: 4,
      complete: false,
      cut: 'decided',
    });
    const holds = JSON.parse(
      (await cli(['check', 'register', '--variant', 'compare-and-set', '--json'])).stdout,
    ) as Record<string, unknown>;
    expect(holds).toMatchObject({
      found: false,
      steps: null,
      complete: true,
      states: 11,
      transitions: 14,
      depth: 4,
      trace: null,
    });
  });

  it('checks several invariants at once, stopping when every one asked about is decided', async () => {
    const r = await cli([
      'check',
      'register',
      '--variant',
      'read-modify-write',
      '--invariant',
      'no-lost-update',
      '--invariant',
      'all-clients-done',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as {
      invariants: string[];
      found: boolean;
      cut: string;
      properties: { name: string; outcome: string; steps: number }[];
    };
    expect(j).toMatchObject({ invariants: ['no-lost-update', 'all-clients-done'], found: true, cut: 'decided' });
    expect(j.properties.map((p) => [p.name, p.outcome, p.steps])).toEqual([
      ['no-lost-update', 'counterexample', 4],
      ['all-clients-done', 'reached', 4],
    ]);
  });

  it('gives the same output from two processes (timings aside)', async () => {
    const run = () => {
      const j = JSON.parse(
        cliProcess([
          'check',
          'register',
          '--variant',
          'read-modify-write',
          '--param',
          'clients=3',
          '--all-states',
          '--json',
        ]).stdout,
      ) as Record<string, unknown>;
      return { ...j, ms: 0, statesPerSec: 0 };
    };
    expect(run()).toEqual(run());
  });

  it('saves the shortest counterexample with --save; replay reproduces it, and not on the fix', async () => {
    const dir = scratch();
    const r = await cli(['check', 'register', '--variant', 'read-modify-write', '--save', '--traces', dir]);
    expect(r.code).toBe(1);
    const json = join(dir, 'register/read-modify-write/no-lost-update.json');
    expect(r.stdout).toContain('saved');
    expect((await cli(['replay', json])).code).toBe(1);
    expect((await cli(['replay', json, '--variant', 'compare-and-set'])).code).toBe(0);
  });

  it.each([
    [['check', 'register'], /choose one with --variant/],
    [['check', 'register', '--variant', 'nope'], /unknown variant "nope"/],
    [['check', 'register', '--variant', 'compare-and-set', '--invariant', 'nope'], /unknown property "nope"/],
    [
      ['check', 'register', '--variant', 'compare-and-set', '--max-states', 'lots'],
      /--max-states must be an integer ≥ 1/,
    ],
    [['check', 'register', '--variant', 'compare-and-set', '--stepper', 'magic'], /--stepper must be copy or immer/],
  ])('rejects bad input %j with one line and exit 2', async (args, pattern) => {
    expectOneLineError(await cli(args), pattern);
  });

  it('checks safety up to symmetry and progress without it, in two searches, when asked for both', async () => {
    const small = ['--param', 'endpoints=2', '--param', 'window=1'];
    const r = await cli(['check', 'dns', '--variant', 'fixed', ...small]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('search 1 of 2: endpoint-never-empty, no-stale-overwrite');
    expect(r.stdout).toMatch(
      /✓ endpoint-never-empty\s+always\s+holds in all 5,196 reachable states \(up to symmetry\)/,
    );
    expect(r.stdout).toContain('search 2 of 2: automation-recovers');
    expect(r.stdout).toMatch(/✓ automation-recovers\s+progress\s+holds in all 27,100 reachable states\n/);
    const j = JSON.parse((await cli(['check', 'dns', '--variant', 'fixed', ...small, '--json'])).stdout) as {
      states: number;
      found: boolean;
      passes: { states: number; symmetry: boolean }[];
    };
    expect(j.passes.map((p) => [p.states, p.symmetry])).toEqual([
      [5196, true],
      [27100, false],
    ]);
    expect(j).toMatchObject({ states: 5196 + 27100, found: false });
  });
});
