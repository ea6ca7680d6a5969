/**
 * `racehunt replay <trace.json> [--variant V] [--model PATH] [--json]`: re-execute a saved trace.
 * Exit 1 when the violation reproduces, 0 when it no longer does, 2 for a malformed or unknown file.
 *
 * A trace names its model, but only a catalog name is looked up from it: a path in a trace file is
 * never imported (a trace is data, often an artifact from someone else's CI run). A saved trace
 * records that path relative to its own folder, so from any folder the one-line error names the
 * module to confirm with --model; --model also replays a trace on another module (an edited copy),
 * which must have the trace's variant, property and actions.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RacehuntError } from '../core/errors.ts';
import { misfit, replay } from '../core/replay.ts';
import { loadTrace, type Trace } from '../core/trace.ts';
import { loadModel, looksLikePath, shownPath, type Catalog, type LoadedModel } from '../project/load.ts';
import { shellWord } from '../render/command.ts';
import { safeText } from '../render/safe-text.ts';
import type { CliContext } from './context.ts';
import { EXIT, flag, parse, str, type CommandSpec } from './options.ts';
import { scheduleCommand } from './schedule.ts';

export const REPLAY: CommandSpec = {
  name: 'replay',
  args: '<trace.json>',
  doc: 'Re-execute a saved trace, step by step: does the violation still occur?',
  options: [
    {
      name: 'variant',
      value: 'V',
      meaning: 'replay on this variant (a fix: does it still break?)',
      default: "the trace's own",
    },
    {
      name: 'model',
      value: 'PATH',
      meaning:
        'the model module to replay on (needed when the trace names its model by path: racehunt never imports a path read from a trace)',
    },
  ],
};

export async function replayCommand(argv: readonly string[], { catalog }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, REPLAY);
  if (positionals.length !== 1)
    throw new RacehuntError('usage', 'replay takes one trace file (see racehunt replay --help)');
  const file = positionals[0] as string;
  const trace = loadTrace(file);
  // A trace found by schedule re-runs its schedule on its implementation, not its steps on a model:
  // on the module given with --model (a trace never names the code it runs).
  if (trace.found.by === 'schedule') {
    const module = str(values, 'model');
    if (module === undefined)
      throw new RacehuntError(
        'usage',
        `trace file ${file} was found by racehunt schedule on ${trace.model}; racehunt does not import code named by a trace file: replay it with --model ${suggested(trace.model, file, true)} if you trust that module`,
      );
    return scheduleCommand([module, '--replay', file, ...(flag(values, 'json') ? ['--json'] : [])]);
  }
  const variant = str(values, 'variant');
  const loaded = await modelFor(trace, file, str(values, 'model'), variant, catalog);
  const r = replay(loaded.model, trace, file, variant);
  if (flag(values, 'json')) console.log(JSON.stringify({ file, ...r }));
  else {
    const mark = r.reproduced ? '✗' : '✓';
    console.log(`${mark} ${safeText(file)} on ${safeText(loaded.ref)} / ${r.variant}: ${safeText(r.summary)}`);
    // On another variant the steps are bound to change other fields; drift only means something on the recorded one.
    if (r.drift.length > 0 && r.variant === r.recordedVariant)
      console.log(
        `  note: steps ${r.drift.join(', ')} changed different fields than recorded; the model's semantics moved since this trace was saved`,
      );
  }
  return r.reproduced ? EXIT.found : EXIT.ok;
}

/** The model to replay on: --model, else the trace's catalog name; never a path read from the file. */
async function modelFor(
  trace: Trace,
  file: string,
  given: string | undefined,
  variant: string | undefined,
  catalog: Catalog,
): Promise<LoadedModel> {
  const recorded = trace.model;
  if (given !== undefined) {
    const loaded = await loadModel(given, catalog);
    // The module the trace names (as recorded, or its catalog name): what does not fit it is the
    // trace's fault, and its own validation says what. Another module that does not fit is the
    // wrong model, said as much.
    const named = [recorded, resolve(dirname(file), recorded), resolve(recorded)];
    const same = loaded.model.name === recorded || named.includes(given) || named.includes(resolve(given));
    const why = same ? null : misfit(loaded.model, trace, variant);
    if (why)
      throw new RacehuntError(
        'usage',
        `--model ${given} is model "${loaded.model.name}", not the model trace file ${file} was recorded on (${recorded}): ${why}`,
      );
    return loaded;
  }
  if (looksLikePath(recorded)) {
    throw new RacehuntError(
      'usage',
      `trace file ${file} names its model by path (${recorded}, relative to the trace file); racehunt does not import code named by a trace file: replay it with --model ${suggested(recorded, file, false)} if you trust that module`,
    );
  }
  try {
    return await loadModel(recorded, catalog);
  } catch (e) {
    if (e instanceof RacehuntError && e.kind === 'unknown-name')
      throw new RacehuntError('bad-trace', `trace file ${file}: ${e.message}`);
    throw e;
  }
}

/**
 * The module a path in a trace names, as seen from here: resolved against the trace file's folder.
 * A schedule trace names its module as it was given (core/trace.ts): from its folder when a module
 * is there, else as recorded. Only a suggestion: nothing here is imported.
 */
function suggested(recorded: string, file: string, schedule: boolean): string {
  const [named = '', exportName] = recorded.split('#');
  // A URL names no file beside the trace: a file: URL is its path; any other (data:, http:) is
  // nothing racehunt would load, so the suggestion is the module you trust, not a garbled path.
  const url = /^[a-z][a-z0-9+.-]+:/i.exec(named);
  if (url && !named.startsWith('file:')) return '<the module you trust>';
  const path = url ? safeFileUrl(named) : named;
  const beside = resolve(dirname(file), path);
  // Traces record a path relative to the trace file; older ones (and schedule traces) as it was
  // given, relative to where racehunt ran: suggest whichever exists, the trace-relative one first.
  const module = existsSync(beside) ? shownPath(beside) : schedule || existsSync(path) ? path : shownPath(beside);
  return shellWord(`${module}${exportName === undefined ? '' : `#${exportName}`}`);
}

function safeFileUrl(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url.replace(/^file:\/*/, '/');
  }
}
