/**
 * `racehunt schedule <module> --variant V [--invariant I] …`: put an asynchronous system (a module
 * that exports one, built with defineSystem from engine/async) under the controlled scheduler,
 * search its schedules, shrink what is found and print the trace. `--path P` runs one schedule
 * exactly; `--replay FILE` re-runs a saved trace's schedule and compares it byte for byte.
 * Exit 1 when a counterexample is found (or still reproduces), 0 when none is, 3 when none is but a
 * `sometimes` property was never reached, 2 for bad input, 130 when Ctrl-C stopped it (what it
 * covered is printed).
 */
import { RacehuntError } from '../core/errors.ts';
import { loadSystem } from '../async/load.ts';
import { SCHEDULE_BUDGET, schedule, type ScheduleResult } from '../async/search.ts';
import { replayScheduleTrace } from '../async/evidence.ts';
import { CODE_STRATEGIES, DEFAULT_CODE_STRATEGY, parseStrategy } from '../core/strategies.ts';
import { DEFAULT_TRACES_ROOT } from '../project/save.ts';
import { SAVE_OPTIONS, trySave } from './saving.ts';
import { coverageText } from '../async/coverage.ts';
import { renderTerminal } from '../render/terminal.ts';
import { loadTrace } from '../core/trace.ts';
import type { CliContext } from './context.ts';
import {
  EXIT,
  NO_DEADLOCK_OPTION,
  colour,
  flag,
  int,
  list,
  params,
  parse,
  seed,
  str,
  type CommandSpec,
} from './options.ts';
import { progressLine } from './progress.ts';
import { chosenVariant } from './target.ts';
import { NO_INTERRUPT } from '../core/interrupt.ts';

const DEFAULTS = SCHEDULE_BUDGET;

export const SCHEDULE: CommandSpec = {
  name: 'schedule',
  args: '<module.ts[#export]>',
  doc: 'Run asynchronous code under the controlled scheduler: races, conformance to a model, shrunk traces (docs/async.md).',
  options: [
    {
      name: 'variant',
      value: 'V',
      meaning: 'the variant of the system to run',
      default: 'the only one, when it has one',
    },
    {
      name: 'property',
      alias: 'invariant',
      value: 'P',
      meaning: 'check this property only',
      default: 'every property',
    },
    {
      name: 'strategy',
      value: 'S',
      meaning: `how schedules are chosen: ${CODE_STRATEGIES.join(', ')}`,
      default: DEFAULT_CODE_STRATEGY,
    },
    {
      name: 'seed',
      value: 'N|random',
      meaning: 'the seed; the same seed gives the same trace',
      default: String(DEFAULTS.seed),
    },
    { name: 'runs', value: 'N', meaning: 'schedules to try', default: String(DEFAULTS.runs) },
    { name: 'max-steps', value: 'N', meaning: 'operations per schedule', default: String(DEFAULTS.maxSteps) },
    { name: 'param', value: 'k=v', multiple: true, meaning: 'a parameter of the system' },
    NO_DEADLOCK_OPTION,
    { name: 'path', value: 'P', meaning: 'run one schedule exactly (the path printed with every trace)' },
    {
      name: 'replay',
      value: 'FILE',
      meaning: "re-run a saved trace's schedule on this module and compare it byte for byte",
    },
    { name: 'no-shrink', meaning: 'report the schedule as found' },
    ...SAVE_OPTIONS,
    { name: 'progress', meaning: 'print a progress line every 5 s even off a terminal (CI logs)' },
  ],
};

export async function scheduleCommand(argv: readonly string[], cli?: Partial<CliContext>): Promise<number> {
  const interrupt = cli?.interrupt ?? NO_INTERRUPT;
  const { values, positionals } = parse(argv, SCHEDULE);
  if (positionals.length !== 1)
    throw new RacehuntError(
      'usage',
      'schedule takes one system module (the one a --replay trace was found on, too; see racehunt schedule --help)',
    );
  const replayFile = str(values, 'replay');
  if (replayFile !== undefined) return replay(replayFile, positionals[0] as string, flag(values, 'json'));
  const { system, ref } = await loadSystem(positionals[0] as string);
  const variant = chosenVariant(values, `system "${system.name}"`, Object.keys(system.variants));
  const property = str(values, 'property');
  const progress = progressLine(`${ref} / ${variant}${property ? ` / ${property}` : ''}`, flag(values, 'progress'));
  let result: ScheduleResult;
  try {
    result = await schedule(system, {
      variant,
      target: property,
      strategy: parseStrategy(str(values, 'strategy'), 'code') ?? DEFAULT_CODE_STRATEGY,
      seed: seed(str(values, 'seed'), DEFAULTS.seed),
      runs: int(str(values, 'runs'), 'runs', 1) ?? DEFAULTS.runs,
      maxSteps: int(str(values, 'max-steps'), 'max-steps', 1) ?? DEFAULTS.maxSteps,
      params: params(list(values, 'param')),
      deadlock: !flag(values, 'no-deadlock'),
      path: str(values, 'path'),
      shrink: !flag(values, 'no-shrink'),
      modelRef: ref,
      onProgress: (p: { runs: number; steps: number; ms: number }) =>
        progress.show(`searching, ${p.runs} schedules, ${p.steps} operations`, p.ms),
      interrupted: interrupt.requested,
    });
  } finally {
    progress.done();
  }
  // A save that fails never throws the counterexample away: it is printed, and the error follows.
  const { saved, error: saveError } =
    flag(values, 'save') && result.trace
      ? trySave(result.trace, system, str(values, 'traces') ?? DEFAULT_TRACES_ROOT, interrupt)
      : { saved: null, error: null };
  if (flag(values, 'json')) {
    const { trace, ...rest } = result;
    console.log(JSON.stringify({ ...rest, steps: trace ? trace.steps.length : null, saved, trace }));
  } else console.log(describe(result, colour(values), saved, ref));
  if (saveError) console.error(`racehunt: ${saveError.message}`);
  if (result.interruption) return EXIT.interrupted;
  if (result.found) return result.trace?.outcome === 'witness' ? EXIT.ok : EXIT.found;
  return result.unreached.length > 0 ? EXIT.vacuous : EXIT.ok;
}

/** Re-run a saved schedule trace on the module the user names: never on a module the trace names. */
async function replay(file: string, module: string, json: boolean): Promise<number> {
  const trace = loadTrace(file);
  if (trace.found.by !== 'schedule')
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} was found by ${trace.found.by}, not by schedule: replay it with racehunt replay`,
    );
  const { system } = await loadSystem(module);
  const r = await replayScheduleTrace(system, trace, file);
  if (json) console.log(JSON.stringify({ file, reproduced: r.reproduced, identical: r.identical, summary: r.summary }));
  else console.log(`${r.reproduced ? '✗' : '✓'} ${file} on ${trace.model} / ${trace.variant}: ${r.summary}`);
  return r.reproduced ? EXIT.found : EXIT.ok;
}

function describe(r: ScheduleResult, color: boolean | undefined, saved: string | null, ref: string): string {
  if (r.trace) {
    const lines = [renderTerminal(r.trace, color === undefined ? {} : { color })];
    lines.push(`  (schedule ${r.runs} of the search, ${r.ms} ms; seed ${r.seed}, ${r.strategy})`);
    if (saved) lines.push(`  saved ${saved} and its .md twin`);
    return lines.join('\n');
  }
  return coverageText(r, ref);
}
