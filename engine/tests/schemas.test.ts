/**
 * racehunt's JSON Schemas (schemas/) are the rules its loaders apply, and every file racehunt
 * keeps fits them: every committed trace and every manifest validates, and carries a `$schema`
 * that leads to the schema from where the file is (so editors complete it). Each command's
 * `--json` output fits its definition in output.schema.json, and an error under --json is JSON.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaError, validator } from '../core/schema.ts';
import { STRATEGIES } from '../hunt/strategy.ts';
import { FIXTURES, cli } from './helpers.ts';

const files = (root: string, name: RegExp): string[] =>
  (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => name.test(f) && !f.includes('node_modules'))
    .map((f) => join(root, f))
    .sort();
const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('the trace schema', () => {
  const traces = files('shrunk-traces', /\.json$/);
  it('there are committed traces to check', () => expect(traces.length).toBeGreaterThan(30));
  for (const file of traces)
    it(`${file} fits it${json(file).found && (json(file).found as { by: string }).by === 'schedule' ? '' : ', and its $schema leads there'}`, () => {
      const t = json(file);
      expect(schemaError('trace', t)).toBeNull();
      if ((t.found as { by: string }).by === 'schedule') return; // implementation traces are engine/async's
      expect(typeof t.$schema).toBe('string');
      expect(resolve(dirname(file), t.$schema as string)).toBe(resolve('schemas/trace.schema.json'));
    });
  it('the fixtures fit it too', () => {
    for (const f of files(FIXTURES, /\.trace\.json$/)) expect(schemaError('trace', json(f)), f).toBeNull();
  });
  it('names what breaks it, in words', () => {
    const t = json(`${FIXTURES}/lost-update.trace.json`);
    const steps = t.steps as Record<string, unknown>[];
    expect(schemaError('trace', { ...t, steps: [{ ...steps[0], changes: undefined }] })).toBe(
      'step 1 has no "changes"',
    );
    expect(schemaError('trace', { ...t, outcome: 'maybe' })).toBe(
      '"outcome" must be one of "counterexample", "witness", found "maybe"',
    );
    expect(schemaError('trace', { ...t, found: { by: 'luck' } })).toBe(
      '"found.by" must be one of "hunt", "check", "schedule", found "luck"',
    );
  });
});

describe('the manifest schema', () => {
  const manifests = files('models', /(^|\/)manifest\.json$/);
  it('there are manifests to check', () => expect(manifests.length).toBeGreaterThan(15));
  for (const file of manifests)
    it(`${file} fits it, and its $schema leads there`, () => {
      const m = json(file);
      expect(schemaError('manifest', m)).toBeNull();
      expect(resolve(dirname(file), m.$schema as string)).toBe(resolve('schemas/manifest.schema.json'));
    });
  it("lists the engine's strategies, no more, no fewer", () => {
    const schema = json('schemas/manifest.schema.json') as { $defs: { strategy: { enum: string[] } } };
    expect(schema.$defs.strategy.enum).toEqual([...STRATEGIES]);
  });
  it('is what racehunt reads a manifest with: an unknown field is refused, in one line', async () => {
    const { readManifest } = await import('../project/manifest.ts');
    const { register } = await import('../../models/register/model.ts');
    expect(() => readManifest(register, { budget: { seed: 1, runs: 1, maxSteps: 1 }, varients: {} })).toThrow(
      'manifest of model "register": the file has an unknown field "varients"',
    );
    expect(() =>
      readManifest(register, {
        budget: { seed: 1, runs: 1, maxSteps: 1, strategy: 'greedy' },
        variants: {},
      }),
    ).toThrow(/"budget.strategy" must be one of "uniform", .*, found "greedy"/);
  });
});

describe('the --json output schema', () => {
  const fits = (def: string, stdout: string) => {
    const v = validator('output', `#/$defs/${def}`);
    const data: unknown = JSON.parse(stdout);
    expect(v(data), JSON.stringify(v.errors)).toBe(true);
  };
  it('list', async () => fits('list', (await cli(['list', 'register', '--json'])).stdout));
  it('hunt: found, and held', async () => {
    fits('hunt', (await cli(['hunt', 'register', '--variant', 'read-modify-write', '--json'])).stdout);
    fits('hunt', (await cli(['hunt', 'register', '--variant', 'compare-and-set', '--json'])).stdout);
  });
  it('check', async () =>
    fits('check', (await cli(['check', 'register', '--variant', 'read-modify-write', '--json'])).stdout));
  it('replay', async () =>
    fits(
      'replay',
      (await cli(['replay', 'shrunk-traces/register/read-modify-write/no-lost-update.json', '--json'])).stdout,
    ));
  it('all', async () => fits('all', (await cli(['all', '--model', 'register', '--json'])).stdout));
  it('an error under --json is JSON on stdout, and still the one line on stderr', async () => {
    const r = await cli(['hunt', 'nope', '--json']);
    expect(r.code).toBe(2);
    fits('error', r.stdout);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { kind: 'unknown-name', message: expect.stringMatching(/^unknown model "nope"/), exit: 2 },
    });
    expect(r.stderr).toMatch(/^racehunt: unknown model "nope"/);
  });
  it('ships with the package: schemas/ is in its files', () => {
    const pkg = json('package.json') as { files: string[] };
    expect(pkg.files).toContain('schemas/');
    for (const n of ['trace', 'manifest', 'output']) expect(existsSync(`schemas/${n}.schema.json`)).toBe(true);
  });
});
