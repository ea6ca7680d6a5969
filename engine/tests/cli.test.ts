/**
 * The command line as users meet it: every command's exit codes, one-line errors for every kind of
 * bad input, nothing half-written, and models loaded by path.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, cli, cliProcess, expectOneLineError, scratch } from './helpers.ts';

const COUNTERS = `${FIXTURES}/counters.ts`;
const BAD = `${FIXTURES}/bad-models.ts`;

describe('racehunt list', () => {
  it('lists models with their variants, properties and parameters (exit 0)', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('register');
    expect(r.stdout).toContain('read-modify-write');
    expect(r.stdout).toContain('no-lost-update');
  });
  it('describes a model given by path, as JSON', async () => {
    const r = await cli(['list', COUNTERS, '--json']);
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.stdout) as { model: string; variants: { name: string }[] }[];
    expect(m?.model).toBe(`./${COUNTERS}`);
    expect(m?.variants.map((v) => v.name)).toEqual(['correct', 'leaky', 'stalls']);
  });
  it('into a reader that goes away (racehunt list | true): no stack trace, its own exit code', () => {
    // true reads nothing and exits: every write gets EPIPE, which was once a stack dump on stderr.
    const r = spawnSync('bash', ['-c', 'node bin/racehunt.mjs list | true; echo "exit ${PIPESTATUS[0]}"'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('exit 0');
  });
});

describe('racehunt hunt', () => {
  it('exits 1 and prints the swimlane when it finds a counterexample', async () => {
    const r = await cli(['hunt', 'register', '--variant', 'read-modify-write']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ no-lost-update broken in register / read-modify-write after 4 steps');
    expect(r.stdout).toMatch(/client 1\s+client 2/);
  });

  it('exits 0 when the variant holds within budget', async () => {
    const r = await cli(['hunt', 'register', '--variant', 'compare-and-set', '--runs', '100']);
    expect(r.code).toBe(0);
    // The default proves what fits its budget: the register's 11 states.
    expect(r.stdout).toContain('✓ every property holds in all 11 reachable states: proved by exhaustive check');
    const sampled = await cli([
      'hunt',
      'register',
      '--variant',
      'compare-and-set',
      '--runs',
      '100',
      '--strategy',
      'pct',
    ]);
    expect(sampled.code).toBe(0);
    expect(sampled.stdout).toContain(
      '○ no counterexample to every property found in 100 sampled runs, seed 20251019 — sampled, not a proof',
    );
    expect(sampled.stdout).toContain(
      'to settle it exhaustively: npx racehunt check register --variant compare-and-set',
    );
  });

  it('exits 3 when it holds only because a sometimes property was never reached', async () => {
    // Runs of two steps, from the initial state only (mix: no coverage-guided runs going deeper).
    const r = await cli([
      'hunt',
      'register',
      '--variant',
      'compare-and-set',
      '--max-steps',
      '2',
      '--runs',
      '50',
      '--strategy',
      'mix',
    ]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('⚠ vacuous: never reached all-clients-done');
  });

  it('prints one JSON object with the documented fields', async () => {
    const r = await cli([
      'hunt',
      'register',
      '--variant',
      'read-modify-write',
      '--invariant',
      'no-lost-update',
      '--json',
      '--seed',
      '5',
    ]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['model', 'variant', 'invariant', 'seed', 'found', 'runs', 'ms', 'steps', 'trace'])
      expect(j).toHaveProperty(k);
    expect(j).toMatchObject({
      model: 'register',
      variant: 'read-modify-write',
      invariant: 'no-lost-update',
      seed: 5,
      found: true,
      steps: 4,
    });
  });

  it('gives the same JSON trace twice for the same seed (across processes)', async () => {
    const a = cliProcess(['hunt', 'register', '--variant', 'read-modify-write', '--json', '--seed', '9']);
    const b = cliProcess(['hunt', 'register', '--variant', 'read-modify-write', '--json', '--seed', '9']);
    const trace = (s: string) => JSON.stringify((JSON.parse(s) as { trace: unknown }).trace);
    expect(trace(a.stdout)).toBe(trace(b.stdout));
  });

  it('hunts a model given by path', async () => {
    const r = await cli(['hunt', COUNTERS, '--variant', 'leaky', '--invariant', 'never-ahead']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('consumed 1 > produced 0');
  });

  it('saves the JSON and Markdown twins with --save, and replays them', async () => {
    const dir = scratch();
    const r = await cli(['hunt', 'register', '--variant', 'read-modify-write', '--save', '--traces', dir]);
    expect(r.code).toBe(1);
    const json = join(dir, 'register/read-modify-write/no-lost-update.json');
    expect(existsSync(json)).toBe(true);
    expect(readFileSync(json.replace(/json$/, 'md'), 'utf8')).toMatch(/```mermaid\n%%\{init: .*\}%%\nsequenceDiagram/);
    expect((await cli(['replay', json])).code).toBe(1);
    const fixed = await cli(['replay', json, '--variant', 'compare-and-set']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/no longer reproduces/);
  });

  it.each([
    [['hunt', 'nope', '--variant', 'x'], /unknown model "nope" \(known: .*register/],
    [['hunt', 'register', '--variant', 'nope'], /unknown variant "nope" of model "register"/],
    [['hunt', 'register'], /choose one with --variant/],
    [['hunt', 'register', '--variant', 'compare-and-set', '--invariant', 'nope'], /unknown property "nope"/],
    [['hunt', 'register', '--variant', 'compare-and-set', '--param', 'nope=1'], /unknown parameter "nope"/],
    [['hunt', 'register', '--variant', 'compare-and-set', '--param', 'clients=99'], /clients=99 is out of range/],
    [['hunt', 'register', '--variant', 'compare-and-set', '--param', 'clients'], /--param takes name=integer/],
    [['hunt', 'register', '--variant', 'compare-and-set', '--runs', 'many'], /--runs must be an integer/],
    [
      ['hunt', 'register', '--variant', 'compare-and-set', '--frobnicate'],
      /unknown option --frobnicate for racehunt hunt/,
    ],
    [
      ['hunt', 'register', '--variant', 'compare-and-set', '--varaint', 'x'],
      /unknown option --varaint for racehunt hunt \(did you mean --variant\?\)/,
    ],
    [
      ['hunt', 'register', '--variant', 'compare-and-sett'],
      /unknown variant "compare-and-sett" of model "register" \(did you mean "compare-and-set"\?/,
    ],
    [['hunt', 'registr', '--variant', 'x'], /unknown model "registr" \(did you mean "register"\?/],
    [['hunt', 'constructor', '--variant', 'x'], /unknown model "constructor"/],
    [['hunt', 'register', '--variant', 'constructor'], /unknown variant "constructor"/],
    [['hunt', 'register', '--variant', 'compare-and-set', '--param', 'toString=1'], /unknown parameter "toString"/],
    [
      ['hunt', 'register', '--variant', 'compare-and-set', '--seed', '4294967296'],
      /--seed must be an integer in \[0, 4294967295\]/,
    ],
    [
      ['hunt', 'register', '--variant', 'compare-and-set', '--path', 'garbage'],
      /--path "garbage" is not a path of this hunt/,
    ],
    [['huntt'], /unknown command "huntt" \(did you mean "hunt"\?/],
    [[], /no command given/],
    [['all', 'foo'], /all takes no arguments/],
    [['hunt', 'no/such/model.ts', '--variant', 'x'], /no model module at no\/such\/model.ts/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects bad input %j with one line and exit 2', async (args, pattern) => {
    expectOneLineError(await cli(args), pattern);
  });

  it.each([
    ['throwing', /action explode: its step threw kaboom/],
    ['nondeterministic', /action drift is nondeterministic/],
    ['mutatesOutside', /mutated state outside the immer draft/],
    ['classState', /initial state state.box is a Box; states must be plain data/],
  ])('names the culprit when a model misbehaves (%s), and writes nothing', async (name, pattern) => {
    const dir = scratch();
    expectOneLineError(await cli(['hunt', `${BAD}#${name}`, '--save', '--traces', dir]), pattern);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('racehunt replay', () => {
  const write = (content: string) => {
    const dir = scratch();
    const f = join(dir, 'trace.json');
    writeFileSync(f, content);
    return f;
  };
  const committed = 'shrunk-traces/register/read-modify-write/no-lost-update.json';
  const edited = (edit: (t: Record<string, unknown>) => void) => {
    const t = JSON.parse(readFileSync(committed, 'utf8')) as Record<string, unknown>;
    edit(t);
    return write(JSON.stringify(t));
  };

  it('exits 1 when the committed counterexample still reproduces', async () => {
    const r = await cli(['replay', committed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no-lost-update broken again at step 4, as recorded');
  });

  it.each([
    ['a missing file', () => '/nonexistent/trace.json', /cannot read trace file \/nonexistent\/trace.json: ENOENT/],
    ['text that is not JSON', () => write('{ not json'), /is not valid JSON/],
    ['JSON that is not a trace', () => write('[1, 2, 3]'), /is malformed: expected a JSON object/],
    ['a wrong format tag', () => edited((t) => void (t.format = 'other/9')), /"format" must be "racehunt-trace\/1"/],
    [
      'a step without changes',
      () => edited((t) => void delete (t.steps as Record<string, unknown>[])[0]!.changes),
      /step 1 has no "changes"/,
    ],
    ['an unknown model', () => edited((t) => void (t.model = 'nope')), /unknown model "nope"/],
    ['an unknown variant', () => edited((t) => void (t.variant = 'nope')), /names variant "nope"/],
    [
      'an unknown action',
      () => edited((t) => void ((t.steps as Record<string, unknown>[])[0]!.action = 'teleport')),
      /uses action "teleport"/,
    ],
    [
      'an argument outside the domain',
      () => edited((t) => void ((t.steps as Record<string, unknown>[])[0]!.args = 7)),
      /argument 7, outside its domain/,
    ],
    [
      'a parameter out of range',
      () => edited((t) => void (t.params = { clients: 99 })),
      /does not fit model "register": parameter clients=99/,
    ],
  ])('rejects %s with one line and exit 2', async (_what, file, pattern) => {
    expectOneLineError(await cli(['replay', file()]), pattern);
  });

  it("rejects an unknown --variant as the user's mistake", async () => {
    expectOneLineError(await cli(['replay', committed, '--variant', 'nope']), /unknown variant "nope"/);
  });
});

describe('racehunt all', () => {
  it('hunts every manifest entry and exits 0 when all are as expected', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'new'));
    const summary = join(dir, 'summary.md');
    const r = await cli(['all', '--model', 'register', '--new-traces', join(dir, 'new'), '--summary', summary]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/all 15 outcomes as expected/);
    expect(r.stdout).toMatch(/✓ register \/ read-modify-write \/ no-lost-update: counterexample — 4 steps/);
    // The manifest's configurations are judged too, at their own parameters.
    expect(r.stdout).toMatch(/✓ register \/ read-modify-write \/ no-lost-update at clients=1 \[one-client\]: holds/);
    // Quiet when green: one line per outcome and the verdict, no trace printed.
    expect(r.stdout.trim().split('\n')).toHaveLength(16);
    // The committed trace matches, so nothing is new.
    expect(readdirSync(join(dir, 'new'))).toEqual([]);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/^## racehunt\n\n\*\*✓ all 15 outcomes as expected\*\*/);
    expect(md).toContain(
      '| ✓ | register | read-modify-write | no-lost-update | counterexample | [counterexample](shrunk-traces/register/read-modify-write/no-lost-update.md) | 4 |',
    );
  });
});

describe('racehunt hunt --variant V without --property', () => {
  it('judges a safe variant on the claims its manifest expects it to keep, and says which', async () => {
    const r = await cli(['hunt', 'nlb', '--variant', 'velocity-control', '--budget', '3000', '--no-color']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /judged: capacity-covers-load, .*the claims the manifest expects velocity-control to keep; not judged: no-node-flaps, which it expects velocity-control to break/,
    );
  });
  it('hunts every claim of a variant expected to break them all', async () => {
    const r = await cli(['hunt', 'register', '--variant', 'read-modify-write', '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/judged:/);
  });
});

describe('racehunt all: a committed trace is a claim', () => {
  it('fails an outcome whose trace differs from the committed one, and shows the diff', async () => {
    const dir = scratch();
    const file = join(dir, 'register', 'read-modify-write', 'no-lost-update.json');
    mkdirSync(join(dir, 'register', 'read-modify-write'), { recursive: true });
    const committed = readFileSync('shrunk-traces/register/read-modify-write/no-lost-update.json', 'utf8');
    writeFileSync(file, committed.replace('client 1 writes 1 (register was 0)', 'client 1 writes 1 (register was 7)'));
    const r = await cli(['all', '--model', 'register', '--traces', dir, '--no-color']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /✗ register \/ read-modify-write \/ no-lost-update: counterexample, differs from the committed trace/,
    );
    expect(r.stdout).toContain(`differs from the committed ${file}: step 3 was`);
    expect(r.stdout).toMatch(/^ {4}-.*register was 7/m);
    expect(r.stdout).toMatch(/^ {4}\+.*register was 0/m);
    expect(r.stdout).toMatch(/✗ 1 of 15 outcomes not as expected: register\/read-modify-write\/no-lost-update/);
  });
});

describe('docs/cli.md', () => {
  it('lists every command racehunt --help lists', async () => {
    const { usage } = await import('../cli/main.ts');
    const commands = usage()
      .split('\n')
      .flatMap((l) => /^ {2}([a-z]+) {2,}/.exec(l)?.[1] ?? []);
    expect(commands.length).toBeGreaterThan(5);
    const doc = readFileSync('docs/cli.md', 'utf8');
    for (const c of commands) expect(doc, c).toContain(`| \`racehunt ${c}\` |`);
  });
});
