/**
 * Re-renders every committed trace's Markdown twin from its JSON, after a change to the renderer:
 * `shrunk-traces/<model>/<variant>/<property>.md` from the `.json` beside it, exactly as saving the
 * trace would have written it. The JSON files are only read.
 *
 *   npm run traces:render            rewrite the twins that differ
 *   npm run traces:render -- --check list the twins that differ, exit 1 if any
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configure, fromCatalog, loadTrace, RacehuntError, renderMarkdown } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

export const TRACES_ROOT = 'shrunk-traces';

export function traceFiles(dir: string = TRACES_ROOT): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? traceFiles(p) : name.endsWith('.json') ? [p] : [];
    })
    .sort();
}

/** The Markdown that saving this trace file writes next to it. */
export function twinOf(jsonFile: string): string {
  const trace = loadTrace(jsonFile);
  // A trace found by schedule renders without a model (its steps are an implementation's operations).
  if (trace.found.by === 'schedule')
    return renderMarkdown(trace, { file: relative(process.cwd(), jsonFile) || jsonFile });
  const { model } = fromCatalog(catalog, trace.model);
  const inst = configure(model, trace.variant, trace.params);
  return renderMarkdown(trace, {
    file: relative(process.cwd(), jsonFile) || jsonFile,
    model: inst.model,
    ctx: inst.ctx,
  });
}

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const json of traceFiles()) {
    const md = json.replace(/\.json$/, '.md');
    const fresh = twinOf(json);
    let old = '';
    try {
      old = readFileSync(md, 'utf8');
    } catch {
      // a missing twin is written like a stale one
    }
    if (old === fresh) continue;
    stale++;
    if (check) console.log(`stale: ${md}`);
    else {
      writeFileSync(md, fresh);
      console.log(`rendered ${md}`);
    }
  }
  if (stale === 0) console.log('every trace twin is up to date');
  return check && stale > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof RacehuntError)) throw e;
    console.error(`render-traces: ${e.message}`);
    process.exitCode = 2;
  }
}
