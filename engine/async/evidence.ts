/**
 * Schedule traces as evidence: saved as every trace is (project/save.ts saveTrace:
 * <root>/<system>/<variant>/<property>.json and its Markdown twin, all or nothing), and replayed
 * from their own path: the schedule is run again exactly, the trace rebuilt, and compared byte for
 * byte with the file.
 */
import { RacehuntError } from '../core/errors.ts';
import { parseStrategy } from '../core/strategies.ts';
import { recordedAt, traceJson, type Trace } from '../core/trace.ts';
import { schedule } from './search.ts';
import type { System } from './system.ts';

export interface ScheduleReplay {
  /** The schedule still ends in the recorded finding. */
  readonly reproduced: boolean;
  /** The rebuilt trace is the file, byte for byte. */
  readonly identical: boolean;
  readonly summary: string;
  readonly rebuilt: Trace | null;
}

export async function replayScheduleTrace(system: System, trace: Trace, file: string): Promise<ScheduleReplay> {
  const f = trace.found;
  if (f.by !== 'schedule')
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} was found by ${f.by}, not by schedule: replay it with racehunt replay`,
    );
  if (!(trace.variant in system.variants))
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} names variant "${trace.variant}", which system "${system.name}" does not have (known: ${Object.keys(system.variants).join(', ')})`,
    );
  const params = system.model ? trace.params : {};
  const r = await schedule(system, {
    variant: trace.variant,
    params,
    target: trace.property.name,
    path: f.path,
    seed: f.seed,
    strategy: parseStrategy(f.strategy, 'code'),
    runs: 1,
    maxSteps: f.maxSteps,
    modelRef: trace.model,
  });
  if (!r.trace)
    return {
      reproduced: false,
      identical: false,
      rebuilt: null,
      summary: `no longer reproduces: the schedule's ${trace.steps.length} steps ran and ${trace.property.name} held`,
    };
  // As saved (saveTrace: with the $schema of the format, relative to the file), when the file was.
  const found: Trace = { ...r.trace, found: f };
  const rebuilt = trace.$schema === undefined ? found : recordedAt(found, file);
  const identical = traceJson(rebuilt) === traceJson(trace);
  const same = rebuilt.property.name === trace.property.name && rebuilt.steps.length === trace.steps.length;
  const summary = identical
    ? `${trace.property.name} broken again at step ${trace.steps.length}, as recorded (byte for byte): ${rebuilt.message}`
    : same
      ? `${trace.property.name} broken again at step ${rebuilt.steps.length}, but the trace differs from the file (descriptions or changes moved): ${rebuilt.message}`
      : `${rebuilt.property.name} broken at step ${rebuilt.steps.length} of ${trace.steps.length}: ${rebuilt.message}`;
  return { reproduced: rebuilt.property.name === trace.property.name, identical, rebuilt, summary };
}
