/**
 * The hostile-input corpus (docs/hostile.md): every case in cases.json is run through the command
 * line as a user would meet it, and must keep README's promises: its exit code, exactly the one
 * stderr line it pins (or none), never a stack trace or "internal error", and nothing half-written
 * (no `*.tmp-*`, no `.saving` journal) in the folder its saves and traces go to.
 *
 * Cases run in this process through main(), as engine/tests/cli.test.ts does; the few that need a
 * real process (a save killed by SIGKILL, a disk that fills up) spawn bin/racehunt.mjs with the
 * fault injector faults.mjs preloaded.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  lstatSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
// @ts-expect-error: plain JavaScript, preloaded by the real-process cases, imported by the others.
import { installFault } from './faults.mjs';

const ROOT = join(import.meta.dirname, '../..');
const CORPUS = 'properties/hostile';

/** What a case's command gave: in this process, or (a few cases) a child process, which a signal may end (code null). */
type CliResult = Omit<CliRun, 'code'> & { readonly code: number | null };

/** `racehunt …` in this process, as bin/racehunt.mjs runs it (the repository's catalog), its output captured. */
const cli = (argv: readonly string[]): Promise<CliResult> =>
  runCli(argv, catalog, { catalogModule: new URL('../../models/index.ts', import.meta.url).href });

/** A file a case needs in its scratch folder: a copy of a corpus file, or one derived from it, or literal text. */
type FileSpec =
  | string
  | { readonly copy: string }
  | { readonly text: string }
  | { readonly link: string }
  | { readonly size: number }
  | { readonly fifo: true }
  | { readonly from: string; readonly set?: Readonly<Record<string, unknown>>; readonly delete?: readonly string[] };

/** One command line and what it must give. */
interface Run {
  readonly argv: readonly string[];
  readonly exit: number | null;
  /** The first words of the one stderr line; null: stderr stays empty. */
  readonly stderr: string | null;
  /** Substrings stdout must contain. */
  readonly stdout?: readonly string[];
  /** Substrings stdout must not contain. */
  readonly notStdout?: readonly string[];
  /** Substrings the stderr line must not contain (advice that would be wrong). */
  readonly notStderr?: readonly string[];
  /** stdout is one JSON object with (at least) these fields. */
  readonly json?: Readonly<Record<string, unknown>>;
  /** Run as a real process (bin/racehunt.mjs), with faults.mjs preloaded and RACEHUNT_FAULT set to `fault`. */
  readonly process?: boolean;
  /** A fault of faults.mjs: preloaded in a real process, else installed in this one for the run. */
  readonly fault?: string;
  /** A real process on a terminal (a pseudo-terminal, by script(1)): its stdout and stderr both come as stdout. */
  readonly terminal?: boolean;
  /** Environment variables set for the run (in this process: for its duration). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Signals sent to the real process, `gapMs` apart: once it has printed a progress line
   * ("progress"), or once the model marks that it is where the case wants it (HOSTILE_MARK, a file
   * in the scratch folder the corpus's models write: "mark").
   */
  readonly signal?: {
    readonly at: 'progress' | 'mark';
    readonly send: readonly NodeJS.Signals[];
    readonly gapMs?: number;
    /**
     * Send the signals after the first once stdout has output (the summary), the last again every
     * this many ms until the process ends: one of them lands while it exits.
     */
    readonly repeatAfterStdoutMs?: number;
  };
  /** The first words of each stderr line, when the case expects more than one (a signal's, then another). */
  readonly stderrLines?: readonly string[];
  /** The first words of stderr lines that may come or not, as signals meet the process: left out of the checks. */
  readonly stderrMayAlso?: readonly string[];
}

interface Case extends Run {
  readonly name: string;
  /** The defect of issue #10 it holds to (1–17), of issue #20 ("#20.1"–"#20.19", "#20.also"), or the issue it comes from ("#11"). */
  readonly item?: number | string;
  readonly category: string;
  /** Why this input is hostile, and what must happen. */
  readonly why: string;
  /** Written into the case's scratch folder ({tmp}) first. */
  readonly files?: Readonly<Record<string, FileSpec>>;
  /** Runs before the case's own, in the same folder (a save to be killed, a first hunt). */
  readonly before?: readonly Run[];
  /** Runs started at the same time as the case's own, in the same folder (a second save racing the first). */
  readonly together?: readonly Run[];
  /** Paths under {tmp} that must not exist afterwards (a marker a hostile module would write). */
  readonly absent?: readonly string[];
  readonly present?: readonly string[];
  /** Trace files under {tmp} whose .md twin must carry their JSON's SHA-256. */
  readonly twins?: readonly string[];
  /** Files under {tmp} whose bytes must be as they were before the case's own run (a failed save leaves the old pair). */
  readonly unchanged?: readonly string[];
  /** Files under {tmp} whose bytes must equal a corpus file's afterwards. */
  readonly equal?: Readonly<Record<string, string>>;
}

const cases = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as Case[];

/** {tmp}: the case's scratch folder; {corpus}: this folder, from the repository root; {root}: the repository, absolute. */
function fill(s: string, tmp: string): string {
  return s.replaceAll('{tmp}', tmp).replaceAll('{corpus}', CORPUS).replaceAll('{root}', ROOT);
}

function fillDeep(v: unknown, tmp: string): unknown {
  if (typeof v === 'string') return fill(v, tmp);
  if (Array.isArray(v)) return v.map((x) => fillDeep(x, tmp));
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x, tmp)]));
  return v;
}

/** Set or delete at a dotted path ("steps.0.args"); numbers index arrays. */
function at(root: unknown, path: string, change: { value: unknown } | 'delete'): void {
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (change === 'delete') delete node[last];
  else node[last] = change.value;
}

function writeFiles(files: Case['files'], tmp: string): void {
  for (const [name, spec] of Object.entries(files ?? {})) {
    const target = join(tmp, fill(name, tmp));
    mkdirSync(dirname(target), { recursive: true });
    if (typeof spec === 'string' || 'copy' in spec)
      copyFileSync(fill(typeof spec === 'string' ? spec : spec.copy, tmp), target);
    else if ('text' in spec) writeFileSync(target, fill(spec.text, tmp));
    else if ('link' in spec) symlinkSync(fill(spec.link, tmp), target);
    else if ('size' in spec) truncateSync((writeFileSync(target, ''), target), spec.size);
    else if ('fifo' in spec) execFileSync('mkfifo', [target]);
    else {
      const data = JSON.parse(readFileSync(fill(spec.from, tmp), 'utf8')) as unknown;
      for (const [path, value] of Object.entries(spec.set ?? {})) at(data, path, { value: fillDeep(value, tmp) });
      for (const path of spec.delete ?? []) at(data, path, 'delete');
      writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
    }
  }
}

/** In-process runs one at a time, also from cases that run side by side: they share console and stdout. */
let lock: Promise<unknown> = Promise.resolve();
function inProcess(argv: readonly string[], env: Readonly<Record<string, string>>, fault?: string): Promise<CliResult> {
  const r = lock.then(async () => {
    const was = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const undo = fault ? installFault(fault) : () => undefined;
    try {
      return await cli(argv);
    } finally {
      undo();
      for (const [k, v] of Object.entries(was)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
  lock = r.catch(() => undefined);
  return r;
}

async function execute(run: Run, tmp: string): Promise<CliResult> {
  const argv = run.argv.map((a) => fill(a, tmp));
  if (!run.process && !run.terminal && !run.signal) return inProcess(argv, run.env ?? {}, run.fault);
  const command = [
    process.execPath,
    ...(run.fault ? ['--import', join(ROOT, CORPUS, 'faults.mjs')] : []),
    join(ROOT, 'bin/racehunt.mjs'),
    ...argv,
  ];
  // Off a terminal and without RACEHUNT_PROGRESS, as a CI log without --progress; on one, as a user's shell.
  const env: NodeJS.ProcessEnv = { ...process.env, RACEHUNT_PROGRESS: '', RACEHUNT_FAULT: run.fault ?? '' };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  if (!run.terminal) env.FORCE_COLOR = '0';
  // A user's shell, whatever runs the tests: a colour terminal type, and no CI marker (chalk, through
  // supports-color, gives no colour where TERM is unset or dumb, or where CI is set).
  if (run.terminal) {
    env.TERM = 'xterm-256color';
    for (const k of ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'RUN_ID']) delete env[k];
  }
  Object.assign(env, run.env ?? {});
  const mark = join(tmp, '.mark');
  if (run.signal?.at === 'mark') env.HOSTILE_MARK = mark;
  const child = run.terminal
    ? spawn('script', ['-qec', command.map(shellQuote).join(' '), '/dev/null'], { cwd: ROOT, env })
    : spawn(command[0] as string, command.slice(1), { cwd: ROOT, env });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  if (run.signal)
    void signalWhenReady(child, run.signal, mark, {
      stdout: () => out.length > 0,
      stderr: () => Buffer.concat(err).toString('utf8'),
    });
  const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  const stdout = Buffer.concat(out).toString('utf8');
  return {
    code,
    // A terminal ends its lines with \r\n, and mixes stderr in.
    stdout: run.terminal ? stdout.replace(/\r\n/g, '\n') : stdout,
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

/** Send a case's signals once the process is where the case wants it (polled: a progress line, or the model's mark). */
async function signalWhenReady(
  child: ChildProcess,
  signal: NonNullable<Run['signal']>,
  mark: string,
  printed: { readonly stdout: () => boolean; readonly stderr: () => string },
): Promise<void> {
  const ready = () => (signal.at === 'mark' ? existsSync(mark) : /^racehunt: .*, [\d.]+s$/m.test(printed.stderr()));
  if (!(await waitFor(child, ready, 20))) return;
  const every = signal.repeatAfterStdoutMs;
  for (const [i, s] of signal.send.entries()) {
    if (i > 0 && every === undefined) await sleep(signal.gapMs ?? 10);
    if (i === 1 && every !== undefined && !(await waitFor(child, printed.stdout, 1))) return;
    child.kill(s);
  }
  // The summary is out and the process is ending: a signal then must not end it before its own exit.
  const last = signal.send[signal.send.length - 1];
  if (every !== undefined && last)
    for (; child.exitCode === null && child.signalCode === null; await sleep(every)) child.kill(last);
}

/** Poll until `ready`: false if the process ended first; killed (and false) if it never gets there. */
async function waitFor(child: ChildProcess, ready: () => boolean, everyMs: number): Promise<boolean> {
  for (const start = Date.now(); !ready(); await sleep(everyMs)) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    // Never there: end it, so that the case fails with what it printed instead of hanging.
    if (Date.now() - start > 60_000) return (void child.kill('SIGKILL'), false);
  }
  return true;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function check(run: Run, given: CliResult, tmp: string): void {
  const said = `stdout:\n${given.stdout}\nstderr:\n${given.stderr}`;
  const optional = (line: string) => (run.stderrMayAlso ?? []).some((l) => line.startsWith(fill(l, tmp)));
  const r = { ...given, stderr: given.stderr.replace(/[^\n]*\n?/g, (line) => (optional(line) ? '' : line)) };
  expect(r.code, said).toBe(run.exit);
  if (run.exit === null) return; // killed on purpose: what it printed is not the point
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
  expect(r.stderr, 'a culprit, never "internal error"').not.toMatch(/internal error/);
  if (run.stderrLines) {
    const lines = r.stderr.replace(/^\n/, '').replace(/\n$/, '').split('\n');
    expect(lines, said).toHaveLength(run.stderrLines.length);
    run.stderrLines.forEach((l, i) => expect(lines[i], said).toMatch(new RegExp(`^${escape(fill(l, tmp))}`)));
  } else if (run.stderr === null) expect(r.stderr, said).toBe('');
  else {
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines, said).toHaveLength(1);
    expect(lines[0], said).toMatch(new RegExp(`^${escape(fill(run.stderr, tmp))}`));
  }
  // Bad input is the one stderr line: nothing on stdout, unless the case says what (the usage, or
  // under --json the error as JSON).
  if (run.exit === 2 && run.stdout === undefined && run.json === undefined) expect(r.stdout, said).toBe('');
  // Output wraps to the terminal (80 columns off one): a phrase is looked for across line breaks.
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  for (const s of run.stdout ?? []) expect(flat(r.stdout), said).toContain(flat(fill(s, tmp)));
  for (const s of run.notStdout ?? []) expect(r.stdout, said).not.toContain(fill(s, tmp));
  for (const s of run.notStderr ?? []) expect(r.stderr, said).not.toContain(fill(s, tmp));
  if (run.json) expect(JSON.parse(r.stdout)).toMatchObject(fillDeep(run.json, tmp) as Record<string, unknown>);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every file below a folder, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => lstatSync(join(dir, f)).isFile());
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('the hostile-input corpus (docs/hostile.md)', () => {
  it('names each case once, with a category, a reason and an exit code', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) {
      expect(c.name, JSON.stringify(c)).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(typeof c.category, c.name).toBe('string');
      expect(c.why, c.name).toBeTruthy();
    }
  });

  it('is described by docs/hostile.md: its categories with their counts, and cases that exist', () => {
    const doc = readFileSync('docs/hostile.md', 'utf8');
    const table = doc.slice(doc.indexOf('## The categories'), doc.indexOf('## Issue #20'));
    const rows = [...table.matchAll(/^\| ([a-z-]+) \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]);
    const counts = new Map<string, number>();
    for (const c of cases) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(counts));
    const items = doc.slice(doc.indexOf('## Issue #10'), doc.indexOf('## What the corpus cannot show'));
    const named = [...items.matchAll(/\| ((?:`[a-z0-9-]+`(?:, )?)+) \|$/gm)].flatMap((m) =>
      [...(m[1] as string).matchAll(/`([a-z0-9-]+)`/g)].map((n) => n[1]),
    );
    expect(named.length).toBeGreaterThan(17);
    expect(named.filter((n) => !cases.some((c) => c.name === n))).toEqual([]);
  });

  it("counts issue #20's classes in docs/hostile.md as cases.json holds them, each with a case, 300 cases in all", () => {
    const doc = readFileSync('docs/hostile.md', 'utf8');
    const table = doc.slice(doc.indexOf('## Issue #20, class by class'), doc.indexOf('## Issue #10'));
    const rows = [...table.matchAll(/^\| (#20\.(?:\d+|also)) \| [^|]+ \| (\d+) \|$/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    const counts = new Map<string, number>();
    for (const c of cases)
      if (String(c.item).startsWith('#20')) counts.set(String(c.item), (counts.get(String(c.item)) ?? 0) + 1);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(counts));
    for (let i = 1; i <= 19; i++) expect(counts.get(`#20.${i}`) ?? 0, `#20.${i}`).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('holds every defect of issue #10 to at least one case', () => {
    const items = new Set(cases.map((c) => c.item));
    for (let i = 1; i <= 17; i++) expect(items.has(i), `item ${i}`).toBe(true);
  });

  // In this process, one at a time (they share console and stdout); the real processes side by side.
  const real = (c: Case) =>
    [c, ...(c.before ?? []), ...(c.together ?? [])].some(
      (r) => r.process === true || r.terminal === true || !!r.signal,
    );
  it.each(cases.filter((c) => !real(c)).map((c) => [c.name, c] as const))('%s', async (_name, c) => run(c));
  // A real process starts Node, tsx and the catalog: on a loaded 2-core machine (several test
  // files at once) that alone has taken over a minute, so these get more than the default 120 s.
  it.concurrent.each(cases.filter(real).map((c) => [c.name, c] as const))(
    '%s (a real process)',
    async (_name, c) => run(c),
    300_000,
  );
});

async function run(c: Case): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'racehunt-hostile-'));
  writeFiles(c.files, tmp);
  for (const run of c.before ?? []) check(run, await execute(run, tmp), tmp);
  const before = new Map((c.unchanged ?? []).map((f) => [f, sha256(join(tmp, f))]));
  const [own, ...others] = await Promise.all([c, ...(c.together ?? [])].map((r) => execute(r, tmp)));
  others.forEach((r, i) => check((c.together ?? [])[i] as Run, r, tmp));
  check(c, own as CliResult, tmp);

  // Files the case planted outside what racehunt may touch, and must still find there, are not leftovers of its.
  const leftovers = filesUnder(tmp).filter((f) => /\.tmp-\d+$|\.saving$/.test(f) && !(c.present ?? []).includes(f));
  expect(leftovers, 'nothing half-written').toEqual([]);
  for (const f of c.absent ?? []) expect(existsSync(join(tmp, f)), `${f} must not exist`).toBe(false);
  for (const f of c.present ?? []) expect(existsSync(join(tmp, f)), `${f} must exist`).toBe(true);
  for (const [f, hash] of before) expect(sha256(join(tmp, f)), `${f} unchanged`).toBe(hash);
  for (const [f, like] of Object.entries(c.equal ?? {}))
    expect(readFileSync(join(tmp, f), 'utf8'), `${f} as ${like}`).toBe(readFileSync(fill(like, tmp), 'utf8'));
  for (const f of c.twins ?? []) {
    const json = join(tmp, f);
    const md = readFileSync(json.replace(/\.json$/, '.md'), 'utf8');
    expect(md.split('\n')[0], `${relative(tmp, json)}'s twin`).toContain(`sha256 of its JSON ${sha256(json)}`);
  }
}
