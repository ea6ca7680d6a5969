/**
 * Saving a trace as evidence: `<root>/<model>/<variant>/<property>.json` and its readable `.md`
 * twin, as a pair that is never seen mismatched.
 *
 * Two renames cannot be one atomic step, so the pair is kept consistent in three ways:
 * - both files are written under temporary names first; an error removes them, and the old pair
 *   stands untouched;
 * - a journal (`<property>.saving`, itself written atomically) names the two temporary files
 *   before either is renamed, and is removed once both are: a save killed between the renames
 *   leaves the journal, and the next save into that folder (or `recoverSaves`) finishes it;
 * - the twin carries the SHA-256 of its JSON (render/markdown.ts), so a reader can always tell a
 *   twin of another JSON; the committed-traces test checks every pair.
 * Leftover temporary files of saves that died before their journal was written are removed by the
 * next save into the folder (not those of a save still running in another process).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Instance } from '../core/instance.ts';
import { recordedAt, tracePath, traceJson, type Trace } from '../core/trace.ts';
import { renderMarkdown } from '../render/markdown.ts';

export const DEFAULT_TRACES_ROOT = 'shrunk-traces';

/**
 * Whose trace it is: a model bound to its variant (its columns render the Markdown), or a system of
 * asynchronous code (engine/async), filed by its name.
 */
export type TraceOwner = Pick<Instance, 'model' | 'ctx'> | { readonly name: string };

/** The folder a trace is filed under: its model's name, or its system's. */
export const ownerName = (o: TraceOwner): string => ('ctx' in o ? o.model.name : o.name);

/**
 * Write the JSON and Markdown of a trace, a hunt's or a schedule's; returns the JSON's path
 * relative to the working directory. A model named by path is recorded relative to the trace file
 * (core/trace.ts recordedAt).
 */
export function saveTrace(trace: Trace, owner: TraceOwner, root: string = DEFAULT_TRACES_ROOT): string {
  const json = tracePath(root, trace, ownerName(owner));
  const shown = relative(process.cwd(), json) || json;
  const saved = recordedAt(trace, json);
  const md = renderMarkdown(saved, { file: shown, ...('ctx' in owner ? { model: owner.model, ctx: owner.ctx } : {}) });
  writeFilesAtomically([
    { path: json, content: traceJson(saved) },
    { path: json.replace(/\.json$/, '.md'), content: md },
  ]);
  return shown;
}

interface Journal {
  readonly pid: number;
  readonly renames: readonly { readonly tmp: string; readonly path: string }[];
}

/** Is another process with this id still running (so that its save is its own to finish)? */
function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Write files as one: every file goes to a temporary name first; then a journal of the renames is
 * written, the renames are made, and the journal is removed. An error before the journal leaves
 * nothing behind; a kill after it is finished by the next save (recoverSaves).
 */
export function writeFilesAtomically(files: readonly { path: string; content: string }[]): void {
  const first = files[0];
  if (!first) return;
  const dir = dirname(first.path);
  const journal = `${first.path.replace(/\.[^./]+$/, '')}.saving`;
  const temps: { tmp: string; path: string }[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    recoverSaves(dir);
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}`;
      temps.push({ tmp, path: f.path });
      writeFileSync(tmp, f.content);
    }
    const record: Journal = { pid: process.pid, renames: temps };
    writeFileSync(`${journal}.tmp-${process.pid}`, JSON.stringify(record));
    renameSync(`${journal}.tmp-${process.pid}`, journal);
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    rmSync(`${journal}.tmp-${process.pid}`, { force: true });
    throw new RacehuntError('io', `could not write ${files.map((f) => f.path).join(' and ')}: ${messageOf(e)}`);
  }
  try {
    finish(journal);
  } catch (e) {
    throw new RacehuntError(
      'io',
      `could not write ${files.map((f) => f.path).join(' and ')}: ${messageOf(e)} (the next save into ${dir} finishes it)`,
    );
  }
}

/** Finish a journaled save: make the renames that are left, then remove the journal. */
function finish(journal: string): void {
  const record = JSON.parse(readFileSync(journal, 'utf8')) as Journal;
  for (const r of record.renames) if (existsSync(r.tmp)) renameSync(r.tmp, r.path);
  rmSync(journal, { force: true });
}

/**
 * Bring a traces folder back to consistent pairs: finish every journaled save a kill interrupted,
 * and remove temporary files no journal names (saves that died before they had one).
 */
export function recoverSaves(dir: string): void {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir);
  for (const n of names.filter((x) => x.endsWith('.saving'))) {
    try {
      const pid = (JSON.parse(readFileSync(join(dir, n), 'utf8')) as Journal).pid;
      if (!running(pid)) finish(join(dir, n));
    } catch {
      rmSync(join(dir, n), { force: true }); // an unreadable journal: its temporary files go below
    }
  }
  for (const n of readdirSync(dir)) {
    const m = /\.tmp-(\d+)$/.exec(n);
    if (m && !running(Number(m[1]))) rmSync(join(dir, n), { force: true });
  }
}
