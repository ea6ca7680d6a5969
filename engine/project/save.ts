/**
 * Saving a trace as evidence: `<root>/<model>/<variant>/<property>.json` and its readable `.md`
 * twin, written all-or-nothing.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Instance } from '../core/instance.ts';
import { tracePath, traceJson, type Trace } from '../core/trace.ts';
import { renderMarkdown } from '../render/markdown.ts';

export const DEFAULT_TRACES_ROOT = 'shrunk-traces';

/** Write the JSON and Markdown of a trace; returns the JSON's path relative to the working directory. */
export function saveTrace(trace: Trace, inst: Instance, root: string = DEFAULT_TRACES_ROOT): string {
  const json = tracePath(root, trace, inst.model.name);
  const shown = relative(process.cwd(), json) || json;
  const md = renderMarkdown(trace, { file: shown, model: inst.model, ctx: inst.ctx });
  writeFilesAtomically([
    { path: json, content: traceJson(trace) },
    { path: json.replace(/\.json$/, '.md'), content: md },
  ]);
  return shown;
}

/**
 * Write files all-or-nothing: every file goes to a temporary name first and is renamed only once
 * all of them are written, so an error never leaves a half-written trace behind.
 */
export function writeFilesAtomically(files: readonly { path: string; content: string }[]): void {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}`;
      writeFileSync(tmp, f.content);
      temps.push({ tmp, path: f.path });
    }
    for (const t of temps) renameSync(t.tmp, t.path);
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw new RacehuntError('io', `could not write ${files.map((f) => f.path).join(' and ')}: ${messageOf(e)}`);
  }
}
