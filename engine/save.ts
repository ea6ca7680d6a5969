/**
 * Saving a trace as evidence: `<root>/<model>/<variant>/<property>.json` and its readable `.md`
 * twin, written all-or-nothing.
 */
import { relative } from 'node:path';
import type { Instance } from './instance.ts';
import { renderMarkdown } from './render/markdown.ts';
import { tracePath, traceJson, writeFilesAtomically, type Trace } from './trace.ts';

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
