/**
 * Every command racehunt prints is run, as a user would paste it into a shell, and must do what it
 * says (issue #20 item 18): the replay and reproduce lines of a hunt and a check (on the terminal
 * and in the saved .md twin), the --model a replay suggests, a hunt's "to settle it exhaustively"
 * after Ctrl-C, a schedule's reproduce line, the lines of `all` and of its job summary, and the
 * vitest helpers' message. The model lives in a folder whose name has a space and a quote, and runs
 * with a non-default parameter, so that quoting and --param are both needed; a parameter at its
 * default is never named (issue #23), unless the model was not at hand to know the defaults.
 *
 * The shell splits each command (bash, as the user's shell would: quotes, backslash-newlines);
 * the words after `npx racehunt` then run in this process, as engine/tests/cli.test.ts does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Interrupt } from '../core/interrupt.ts';
import { loadTrace } from '../core/trace.ts';
import { loadModel } from '../project/load.ts';
import { shellWord } from '../render/command.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { expectSurvives, runCli } from '../vitest.ts';
import { catalog } from '../../models/index.ts';

const ENGINE = join(import.meta.dirname, '..', 'index.ts');
const dir = mkdtempSync(join(tmpdir(), "racehunt it's here "));
const modelFile = join(dir, 'my model.ts');
const traces = join(dir, 'saved traces');

// A counter whose limit is a parameter (default 4): at --param limit=2 it breaks small sooner. It
// starts at `start` (default 0), which the tests give at its default, for the commands to leave out.
const source = `import { modelKit } from ${JSON.stringify(ENGINE)};
const { model, action, always } = modelKit<{ n: number }, { limit: number }, Record<string, never>>();
export const counter = model({
  name: 'spaced-counter',
  title: 'a counter in a folder with a space',
  doc: 'engine/tests/commands.test.ts',
  params: {
    limit: { default: 4, min: 1, max: 6, doc: 'where small breaks' },
    start: { default: 0, min: 0, max: 1, doc: 'where n starts' },
  },
  variants: { only: { doc: 'the one variant', switches: {} } },
  init: (c) => ({ n: c.params.start }),
  actions: [action({ name: 'tick', actor: 'clock', when: (s, _a, c) => s.n < c.params.limit, step: (d) => void (d.n += 1) })],
  properties: [always({ name: 'small', doc: 'n stays below the limit', check: (s, c) => s.n < c.params.limit || \`n is \${s.n}\` })],
  ends: (s, c) => s.n >= c.params.limit,
});
`;
writeFileSync(modelFile, source);
// The same model judged by its manifest: small breaks at the defaults and in a configuration at limit=2.
const judgedFile = join(dir, 'judged model.ts');
writeFileSync(
  judgedFile,
  `${source}export const manifest = ${JSON.stringify({
    budget: { seed: 20251019, runs: 100, maxSteps: 10, strategy: 'uniform' },
    variants: { only: { small: 'counterexample' } },
    configurations: {
      'limit-2': { doc: 'a smaller limit', params: { limit: 2 }, variants: { only: { small: 'counterexample' } } },
    },
  })};
`,
);

const cli = (argv: readonly string[], interrupt?: Interrupt) =>
  runCli(argv, catalog, {
    catalogModule: new URL('../../models/index.ts', import.meta.url).href,
    ...(interrupt ? { interrupt } : {}),
  });

/** The command that follows `label` in printed text, with the lines a trailing backslash continues. */
function printed(text: string, label: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(label));
  expect(at, `"${label}" in:\n${text}`).toBeGreaterThanOrEqual(0);
  const out = [(lines[at] as string).slice((lines[at] as string).indexOf(label) + label.length)];
  for (let i = at; (lines[i] as string).trimEnd().endsWith('\\'); i++) out.push(lines[i + 1] as string);
  return out.join('\n');
}

/** The words a POSIX shell reads from a command (bash does the splitting); it must start with npx racehunt. */
function words(command: string): string[] {
  const split = execFileSync('bash', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8' });
  const all = split.split('\0').slice(0, -1);
  expect(all.slice(0, 2), command).toEqual(['npx', 'racehunt']);
  return all.slice(2);
}

/** Every command that follows `label` in printed text, in order. */
function everyPrinted(text: string, label: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((l, i) => (l.includes(label) ? [printed(lines.slice(i).join('\n'), label)] : []));
}

/** The command in a Markdown table's `| label | `…` |` rows (a twin's, a job summary's), in order. */
const cells = (md: string, label: string): string[] =>
  md
    .split('\n')
    .filter((l) => l.startsWith(`| ${label} |`))
    .map((l) => /`(npx racehunt [^`]+)`/.exec(l)?.[1] ?? '');

/** Run a printed command as the shell would hand it to racehunt. */
const run = (command: string) => cli(words(command));

describe('every printed command runs and does what it says', () => {
  it('hunt --save: its replay line replays the trace, its reproduce line finds it again, byte for byte', async () => {
    const argv = [
      modelFile,
      '--param',
      'limit=2',
      '--param',
      'start=0',
      '--strategy',
      'uniform',
      '--save',
      '--traces',
      traces,
    ];
    const h = await cli(['hunt', ...argv]);
    expect(h.code, h.stdout + h.stderr).toBe(1);
    const replay = printed(h.stdout, 'replay: ');
    expect(replay).toContain('--model');
    const r = await run(replay);
    expect(r.code, replay + r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('small broken again at step 2, as recorded: n is 2');

    const reproduce = printed(h.stdout, 'reproduce: ');
    expect(reproduce).toContain('--param limit=2');
    expect(reproduce, 'start=0 is its default').not.toContain('start');
    const again = await run(`${reproduce} --json`);
    const first = await cli(['hunt', ...argv.slice(0, -3), '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).trace).toEqual(JSON.parse(first.stdout).trace);
  });

  it('a hunt at the defaults: its reproduce line names no --param, and finds the same trace byte for byte', async () => {
    const argv = [modelFile, '--param', 'start=0', '--strategy', 'uniform'];
    const h = await cli(['hunt', ...argv]);
    expect(h.code, h.stdout + h.stderr).toBe(1);
    const reproduce = printed(h.stdout, 'reproduce: ');
    expect(reproduce).not.toContain('--param');
    const again = await run(`${reproduce} --json`);
    expect(again.code).toBe(1);
    const trace = JSON.parse(again.stdout).trace;
    expect(trace).toEqual(JSON.parse((await cli(['hunt', ...argv, '--json'])).stdout).trace);
    expect(trace.params).toEqual({ limit: 4, start: 0 });
  });

  it("the saved twin's replay and reproduce lines run too", async () => {
    const h = await cli([
      'hunt',
      modelFile,
      '--param',
      'limit=3',
      '--strategy',
      'uniform',
      '--save',
      '--traces',
      traces,
    ]);
    expect(h.code).toBe(1);
    const md = readFileSync(join(traces, 'spaced-counter', 'only', 'small.md'), 'utf8');
    const cell = (label: string) => cells(md, label)[0] ?? '';
    const r = await run(cell('replay'));
    expect(r.code, cell('replay') + r.stderr).toBe(1);
    expect(r.stdout).toContain('small broken again at step 3, as recorded: n is 3');
    expect(cell('reproduce')).toContain('--param limit=3 --seed');
    const again = await run(cell('reproduce'));
    expect(again.code, cell('reproduce') + again.stderr).toBe(1);
    expect(again.stdout).toContain('n is 3');
  });

  it('a trace rendered without its model names every parameter, and that command runs too', async () => {
    const file = join(traces, 'spaced-counter', 'only', 'small.json');
    const reproduce = cells(renderMarkdown(loadTrace(file), { file }), 'reproduce')[0] ?? '';
    expect(reproduce).toContain('--param limit=3 --param start=0 --seed');
    const again = await run(reproduce);
    expect(again.code, reproduce + again.stderr).toBe(1);
    expect(again.stdout).toContain('n is 3');
  });

  it("all: the reproduce lines it prints and its job summary's name only each configuration's parameters, and run", async () => {
    const summary = join(dir, 'summary.md');
    const a = await cli([
      'all',
      '--model',
      judgedFile,
      '--verbose',
      '--summary',
      summary,
      '--traces',
      join(dir, 'judged traces'),
    ]);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    const shown = everyPrinted(a.stdout, 'reproduce: ');
    const summarised = cells(readFileSync(summary, 'utf8'), 'reproduce');
    // The defaults' outcome and the configuration's on the terminal; the defaults' new trace in the summary.
    expect(shown).toHaveLength(2);
    expect(shown[0]).not.toContain('--param');
    expect(shown[1]).toContain('--param limit=2');
    expect(shown[1]).not.toContain('start');
    // The summary names the module as seen from the working directory: its command runs from there.
    expect(summarised).toHaveLength(1);
    expect(summarised[0]).not.toContain('--param');
    for (const [command, n] of [
      [shown[0], 4],
      [shown[1], 2],
      [summarised[0], 4],
    ] as const) {
      const again = await run(command ?? '');
      expect(again.code, command + again.stderr).toBe(1);
      expect(again.stdout).toContain(`small: n is ${n}`);
    }
  });

  it("a vitest helper's failure message: its reproduce line names the parameter off its default, and runs", async () => {
    const loaded = await loadModel(modelFile, catalog);
    let message = '';
    try {
      expectSurvives(loaded, 'only', 'small', {
        params: { limit: 2, start: 0 },
        strategy: 'uniform',
        committed: false,
      });
    } catch (e) {
      message = (e as Error).message;
    }
    const reproduce = printed(message, 'reproduce: ');
    expect(reproduce).toContain('--param limit=2');
    expect(reproduce).not.toContain('start');
    const again = await run(reproduce);
    expect(again.code, reproduce + again.stderr).toBe(1);
    expect(again.stdout).toContain('n is 2');
  });

  it("replay's suggested --model, pasted, replays the trace", async () => {
    const file = join(traces, 'spaced-counter', 'only', 'small.json');
    const refused = await cli(['replay', file]);
    expect(refused.code).toBe(2);
    const suggestion = /replay it with --model (.+) if you trust that module/.exec(refused.stderr)?.[1] ?? '';
    expect(suggestion).toContain("'");
    const r = await run(`npx racehunt replay ${shellWord(file)} --model ${suggestion}`);
    expect(r.code, suggestion + r.stderr).toBe(1);
  });

  it('check --save: its replay line replays the shortest counterexample', async () => {
    const c = await cli(['check', modelFile, '--param', 'limit=2', '--save', '--traces', join(dir, 'checked')]);
    expect(c.code).toBe(1);
    const r = await run(printed(c.stdout, 'replay: '));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('as recorded');
  });

  it('a hunt stopped while proving: "to settle it exhaustively" runs the check that settles it', async () => {
    const stopped: Interrupt = { requested: () => true, uninterruptible: (write) => write() };
    const h = await cli(['hunt', modelFile, '--param', 'limit=5', '--param', 'start=0'], stopped);
    expect(h.code, h.stdout + h.stderr).toBe(130);
    const settle = printed(h.stdout, 'to settle it exhaustively: ');
    expect(settle).toContain('--param limit=5');
    expect(settle).not.toContain('start');
    const c = await run(settle);
    expect(c.code, settle + c.stderr).toBe(1);
    expect(c.stdout).toContain('✗ small');
    expect(c.stdout).toContain('limit=5');
  });

  it("a schedule's reproduce line runs the same schedule again", async () => {
    const system = join(import.meta.dirname, '..', 'async', 'tests', 'fixtures', 'counter.ts');
    const s = await cli(['schedule', system, '--variant', 'read-then-write']);
    expect(s.code, s.stdout + s.stderr).toBe(1);
    const reproduce = printed(s.stdout, 'reproduce: ');
    const again = await run(reproduce);
    expect(again.code, reproduce + again.stderr).toBe(1);
    expect(again.stdout).toContain(printed(s.stdout, 'found by schedule: ').split(',')[0] as string);
  });

  it('the replay examples of docs/async.md and docs/cli.md run as written (those whose trace is committed)', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const examples = ['docs/async.md', 'docs/cli.md'].flatMap((doc) =>
      readFileSync(join(root, doc), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('npx racehunt replay shrunk-traces/'))
        .map((l) => l.replace(/\s+#.*$/, '')),
    );
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      const r = await run(example);
      expect([0, 1], `${example}: ${r.stderr}`).toContain(r.code);
    }
  });
});
