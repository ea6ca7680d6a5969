/**
 * `racehunt replay <trace.json> [--variant V] [--json]`: re-execute a saved trace. Exit 1 when the
 * violation reproduces, 0 when it no longer does, 2 for a malformed or unknown file.
 */
import { RacehuntError } from '../errors.ts';
import type { Catalog } from '../load.ts';
import { loadModel } from '../load.ts';
import { replay } from '../replay.ts';
import { loadTrace } from '../trace.ts';
import { COMMON, EXIT, parse } from './options.ts';

const USAGE = 'racehunt replay <trace.json> [--variant V] [--json]';

export async function replayCommand(argv: readonly string[], catalog: Catalog): Promise<number> {
  const { values, positionals } = parse(argv, { ...COMMON, variant: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new RacehuntError('usage', `replay takes one trace file — usage: ${USAGE}`);
  const file = positionals[0] as string;
  const trace = loadTrace(file);
  // A trace found by schedule re-runs its schedule on its implementation, not its steps on a model.
  if (trace.found.by === 'schedule') return (await import('./schedule.ts')).scheduleCommand(['--replay', file, ...(values.json ? ['--json'] : [])]);
  let loaded;
  try {
    loaded = await loadModel(trace.model, catalog);
  } catch (e) {
    if (e instanceof RacehuntError && e.kind === 'unknown-name') throw new RacehuntError('bad-trace', `trace file ${file}: ${e.message}`);
    throw e;
  }
  const r = replay(loaded.model, trace, file, values.variant);
  if (values.json) console.log(JSON.stringify({ file, ...r }));
  else {
    const mark = r.reproduced ? '✗' : '✓';
    console.log(`${mark} ${file} on ${r.model} / ${r.variant}: ${r.summary}`);
    // On another variant the steps are bound to change other fields; drift only means something on the recorded one.
    if (r.drift.length > 0 && r.variant === r.recordedVariant) console.log(`  note: steps ${r.drift.join(', ')} changed different fields than recorded; the model's semantics moved since this trace was saved`);
  }
  return r.reproduced ? EXIT.found : EXIT.ok;
}
