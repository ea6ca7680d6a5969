/**
 * Saving a trace as evidence: `<root>/<model>/<variant>/<property>.json` and its readable `.md`
 * twin, as a pair that is never seen mismatched, and never half-written.
 *
 * Two renames cannot be one atomic step, so the pair is kept consistent in four ways:
 * - a save holds the folder's lock (lock.ts) from its first write to its last rename, so two saves
 *   into one folder (two processes, two threads) never interleave their renames;
 * - both files are written under temporary names first; an error removes them, and the old pair
 *   stands untouched;
 * - a journal (`<property>.saving`, itself written atomically) says that the temporary files are
 *   complete before either is renamed, and is removed once both are: a save killed between the
 *   renames leaves the journal, and the next save into that folder finishes it;
 * - the twin carries the SHA-256 of its JSON (render/markdown.ts), so a reader can always tell a
 *   twin of another JSON; the committed-traces test checks every pair.
 *
 * A journal is data found in a folder that may come from anyone (a pull request, a CI artifact), so
 * it can only finish what a save of racehunt's own would have left: `<stem>.json.tmp-<pid>` to
 * `<stem>.json` and `<stem>.md.tmp-<pid>` to `<stem>.md`, beside the journal `<stem>.saving`,
 * regular files only. A journal that names anything else is removed and nothing it names is
 * touched. Leftover temporary files are removed by the next save into the folder (it holds the
 * lock, so they are no running save's).
 */
import { lstatSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Instance } from '../core/instance.ts';
import { recordedAt, tracePath, traceJson, type Trace } from '../core/trace.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { makeFolder } from './atomic.ts';
import { withFolderLock } from './lock.ts';

export const DEFAULT_TRACES_ROOT = 'shrunk-traces';

/** The extensions a save writes, and so the only ones a journal may finish. */
const SAVED = ['.json', '.md'] as const;
const JOURNAL = '.saving';
/** A temporary file of a save: `<name>.tmp-<pid>`. */
const TEMPORARY = /\.tmp-(\d+)$/;

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
  /** The files the save puts in place, by name, in the journal's folder. */
  readonly files: readonly string[];
}

/**
 * Write files as one, all in one folder and named `<stem>.json` / `<stem>.md`: under the folder's
 * lock, every file goes to a temporary name first; then a journal is written, the renames are made,
 * and the journal is removed. An error before the journal leaves nothing behind; a kill after it is
 * finished by the next save into the folder.
 */
export function writeFilesAtomically(files: readonly { path: string; content: string }[]): void {
  const first = files[0];
  if (!first) return;
  const dir = dirname(first.path);
  const stem = basename(first.path).replace(/\.[^.]+$/, '');
  for (const f of files)
    if (dirname(f.path) !== dir || !SAVED.some((ext) => basename(f.path) === `${stem}${ext}`))
      throw new Error(`writeFilesAtomically: ${f.path} is not ${stem}.json or ${stem}.md in ${dir}`);
  const what = files.map((f) => f.path).join(' and ');
  try {
    makeFolder(dir);
  } catch (e) {
    throw new RacehuntError('io', `could not write ${what}: ${messageOf(e)}`);
  }
  withFolderLock(dir, `could not write ${what}`, () => {
    recoverSaves(dir);
    const journal = join(dir, `${stem}${JOURNAL}`);
    const temps = files.map((f) => ({ tmp: `${f.path}.tmp-${process.pid}`, path: f.path }));
    try {
      files.forEach((f, i) => writeFileSync((temps[i] as { tmp: string }).tmp, f.content));
      const record: Journal = { pid: process.pid, files: files.map((f) => basename(f.path)) };
      writeFileSync(`${journal}.tmp-${process.pid}`, JSON.stringify(record));
      renameSync(`${journal}.tmp-${process.pid}`, journal);
    } catch (e) {
      for (const t of temps) rmSync(t.tmp, { force: true });
      rmSync(`${journal}.tmp-${process.pid}`, { force: true });
      throw new RacehuntError('io', `could not write ${what}: ${messageOf(e)}`);
    }
    try {
      for (const t of temps) renameSync(t.tmp, t.path);
      rmSync(journal, { force: true });
    } catch (e) {
      throw new RacehuntError('io', `could not write ${what}: ${messageOf(e)} (the next save into ${dir} finishes it)`);
    }
  });
}

/**
 * The renames a journal found in `dir` may make, or null when it names anything a save of
 * racehunt's would not have left there (then nothing it names is touched).
 */
export function journalRenames(dir: string, name: string, text: string): { tmp: string; path: string }[] | null {
  const stem = name.slice(0, -JOURNAL.length);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null) return null;
  const { pid } = record as { pid?: unknown };
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return null;
  const allowed = SAVED.map((ext) => `${stem}${ext}`);
  // The journal's own format names files by name; an older one named {tmp, path} pairs in full.
  const r = record as { files?: unknown; renames?: unknown };
  let names: unknown[];
  if (Array.isArray(r.files)) names = r.files;
  else if (Array.isArray(r.renames))
    names = r.renames.map((x: unknown) => {
      const { tmp, path } = (x ?? {}) as { tmp?: unknown; path?: unknown };
      if (typeof tmp !== 'string' || typeof path !== 'string') return null;
      const [t, p] = [resolve(tmp), resolve(path)];
      return dirname(p) === resolve(dir) && t === `${p}.tmp-${pid}` ? basename(p) : null;
    });
  else return null;
  if (names.length === 0 || !names.every((n) => typeof n === 'string' && allowed.includes(n))) return null;
  return [...new Set(names as string[])].map((n) => ({ tmp: join(dir, `${n}.tmp-${pid}`), path: join(dir, n) }));
}

/** A regular file (not a link, a folder or a device) that is there. */
function regularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** A file or a link, which removing cannot reach beyond (a folder or a device is left alone). */
function removable(path: string): boolean {
  try {
    const s = lstatSync(path);
    return s.isFile() || s.isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Bring a traces folder back to consistent pairs (its caller holds the folder's lock): finish
 * every journaled save a kill interrupted, drop journals that name anything else, and remove the
 * temporary files of saves that died.
 */
function recoverSaves(dir: string): void {
  for (const n of readdirSync(dir).filter((x) => x.endsWith(JOURNAL))) {
    const journal = join(dir, n);
    if (!removable(journal)) continue; // a folder named *.saving is not a journal of ours
    let renames: { tmp: string; path: string }[] | null = null;
    try {
      if (regularFile(journal)) renames = journalRenames(dir, n, readFileSync(journal, 'utf8'));
    } catch {
      renames = null;
    }
    // Only a complete journal is finished; its temporary files are racehunt's and regular files.
    if (renames) for (const r of renames) if (regularFile(r.tmp)) renameSync(r.tmp, r.path);
    rmSync(journal, { force: true });
  }
  for (const n of readdirSync(dir))
    if (TEMPORARY.test(n) && (SAVED.some((ext) => n.includes(`${ext}.tmp-`)) || n.includes(`${JOURNAL}.tmp-`)))
      if (removable(join(dir, n))) rmSync(join(dir, n), { force: true });
}
