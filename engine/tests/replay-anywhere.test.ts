/**
 * Traces replay from any folder: a catalog model by its name; a model given by path is recorded
 * relative to the trace file (not as typed, not relative to where racehunt ran), and replay never
 * imports it from the file: it says which module to confirm with --model, which also checks that
 * the module it is given is the trace's model.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { recordedAt, type Trace } from '../core/trace.ts';
import { hunt } from '../hunt/hunt.ts';
import { compareWithCommitted } from '../project/judge.ts';
import { loadModel } from '../project/load.ts';
import { saveTrace } from '../project/save.ts';
import { catalog } from '../../models/index.ts';
import { FIXTURES, ROOT, cli, expectOneLineError, scratch } from './helpers.ts';

const COUNTERS = resolve(ROOT, FIXTURES, 'counters.ts');
const COMMITTED = resolve(ROOT, 'shrunk-traces/register/read-modify-write/no-lost-update.json');
const home = process.cwd();
const counters = (await loadModel(COUNTERS, catalog)).model;

/** Run the CLI from another folder, as a user in another checkout would. */
async function from(dir: string, args: readonly string[]) {
  process.chdir(dir);
  try {
    return await cli(args);
  } finally {
    process.chdir(home);
  }
}

afterEach(() => process.chdir(home));

describe('a catalog model is found by its name, from any folder', () => {
  it('a committed trace copied elsewhere replays from there', async () => {
    const dir = scratch();
    copyFileSync(COMMITTED, join(dir, 'lost-update.json'));
    const r = await from(dir, ['replay', 'lost-update.json']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      '✗ lost-update.json on register / read-modify-write: no-lost-update broken again at step 4, as recorded',
    );
  });
});

describe('a model given by path is recorded relative to the trace file', () => {
  const saveElsewhere = async () => {
    const traces = join(scratch(), 'evidence');
    const r = await cli([
      'hunt',
      `./${FIXTURES}/counters.ts`,
      '--variant',
      'leaky',
      '--property',
      'never-ahead',
      '--strategy',
      'pct',
      '--save',
      '--traces',
      traces,
    ]);
    expect(r.code, r.stderr).toBe(1);
    return join(traces, 'counters/leaky/never-ahead.json');
  };

  it('saving with --traces elsewhere records the path from the trace file, and the twin shows it from here', async () => {
    const json = await saveElsewhere();
    const trace = JSON.parse(readFileSync(json, 'utf8')) as Trace;
    expect(trace.model).toBe(relative(dirname(json), COUNTERS));
    expect(trace.model).toMatch(/^\.\.\/.*\/engine\/tests\/fixtures\/counters\.ts$/);
    expect(resolve(dirname(json), trace.model)).toBe(COUNTERS);
    // The Markdown twin's reproduce command works from where it was saved.
    const md = readFileSync(json.replace(/json$/, 'md'), 'utf8');
    expect(md).toContain(`| model | \`./${FIXTURES}/counters.ts\`, variant \`leaky\` |`);
    expect(md).toContain(`npx racehunt hunt ./${FIXTURES}/counters.ts --variant leaky --property never-ahead`);
  });

  it('from another folder, replay names the module to confirm (exit 2), and replays on it with --model', async () => {
    const json = await saveElsewhere();
    const elsewhere = scratch();
    const refused = await from(elsewhere, ['replay', json]);
    expectOneLineError(
      refused,
      /names its model by path \(\.\.\/.*counters\.ts, relative to the trace file\); racehunt does not import code named by a trace file/,
    );
    expect(refused.stderr).toContain(`replay it with --model ${COUNTERS} if you trust that module`);
    const r = await from(elsewhere, ['replay', json, '--model', COUNTERS]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`on ${COUNTERS} / leaky: never-ahead broken again`);
    // Relative names work too: the trace from its own folder, the module from there.
    const beside = await from(dirname(json), [
      'replay',
      'never-ahead.json',
      '--model',
      relative(dirname(json), COUNTERS),
    ]);
    expect(beside.code, beside.stderr).toBe(1);
  });

  it('a fresh trace is the committed one when saving it there would write the same bytes', () => {
    const root = join(scratch(), 'traces');
    const inst = configure(counters, 'leaky');
    const { trace } = hunt(inst, {
      seed: 7,
      runs: 200,
      maxSteps: 20,
      target: 'never-ahead',
      modelRef: `./${FIXTURES}/counters.ts`,
    });
    expect(trace).not.toBeNull();
    expect(compareWithCommitted(trace!, 'counters', root).status).toBe('none');
    saveTrace(trace!, inst, root);
    expect(compareWithCommitted(trace!, 'counters', root).status).toBe('same');
  });

  it('catalog names and schedule traces are recorded as they are', () => {
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as Trace;
    // Only the $schema moves with the file: the schema as seen from where the trace is written.
    const { $schema: _, ...rest } = committed;
    const elsewhere = recordedAt(committed, '/anywhere/else/trace.json');
    expect(elsewhere).toEqual({ $schema: relative('/anywhere/else', resolve('schemas/trace.schema.json')), ...rest });
    expect(Object.keys(elsewhere)[0]).toBe('$schema');
    const scheduled = {
      ...committed,
      model: './implementations/dns/system.ts',
      found: { by: 'schedule', seed: 1, strategy: 'delay', maxSteps: 9, runs: 1, shrinks: 0, path: '0' },
    } as Trace;
    expect(recordedAt(scheduled, '/anywhere/else/trace.json').model).toBe(scheduled.model);
  });
});

describe('replay --model', () => {
  it('to a missing file: one line, exit 2', async () => {
    expectOneLineError(
      await cli(['replay', COMMITTED, '--model', 'no/such/model.ts']),
      /no model module at no\/such\/model.ts/,
    );
  });

  it("to a module whose model is not the trace's: one line naming both, exit 2", async () => {
    expectOneLineError(
      await cli(['replay', COMMITTED, '--model', COUNTERS]),
      /--model .*counters\.ts is model "counters", not the model trace file .*no-lost-update\.json was recorded on \(register\): it has no variant "read-modify-write"/,
    );
    // Even on one of its own variants: the trace's steps are not its actions.
    expectOneLineError(
      await cli(['replay', COMMITTED, '--model', COUNTERS, '--variant', 'leaky']),
      /is model "counters", not the model .* it has no property "no-lost-update"/,
    );
  });

  it("to a module that is the trace's model: replays on it", async () => {
    const r = await cli(['replay', COMMITTED, '--model', 'models/register/index.ts']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      'on ./models/register/index.ts / read-modify-write: no-lost-update broken again at step 4',
    );
  });
});
