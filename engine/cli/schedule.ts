/**
 * `racehunt schedule <module> --variant V [--invariant I] …`: put an asynchronous system (a module
 * that exports one, built with defineSystem from engine/async) under the controlled scheduler,
 * search its schedules, shrink what is found and print the trace. `--path P` runs one schedule
 * exactly; `--replay FILE` re-runs a saved trace's schedule and compares it byte for byte.
 * Exit 1 when a counterexample is found (or still reproduces), 0 when none is, 3 when none is but a
 * `sometimes` property was never reached, 2 for bad input.
 */
import { RacehuntError } from '../errors.ts';
import { loadSystem } from '../async/load.ts';
import { schedule, type ScheduleResult } from '../async/search.ts';
import { DEFAULT_SCHEDULE_TRACES, replayScheduleTrace, saveScheduleTrace } from '../async/evidence.ts';
import { STRATEGIES, DEFAULT_STRATEGY } from '../async/strategies.ts';
import { coverageText } from '../async/coverage.ts';
import { renderTerminal } from '../render/terminal.ts';
import { loadTrace } from '../trace.ts';
import { COMMON, EXIT, colour, int, params, parse, seed } from './options.ts';
import { progressLine } from './progress.ts';

export const SCHEDULE_USAGE = `racehunt schedule <module.ts[#export]> --variant V [--invariant I] [--strategy ${Object.keys(STRATEGIES).join('|')}] [--seed N|random] [--runs N] [--max-steps N] [--param k=v …] [--path P] [--no-shrink] [--save] [--traces DIR] [--json]  |  racehunt schedule --replay <trace.json>`;

const DEFAULTS = { seed: 20251019, runs: 200, maxSteps: 300 } as const;

export async function scheduleCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...COMMON,
      variant: { type: 'string' },
      invariant: { type: 'string' },
      strategy: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'max-steps': { type: 'string' },
      param: { type: 'string', multiple: true },
      path: { type: 'string' },
      replay: { type: 'string' },
      'no-shrink': { type: 'boolean' },
      save: { type: 'boolean' },
      traces: { type: 'string' },
    },
    SCHEDULE_USAGE,
  );
  if (values.help) {
    console.log(SCHEDULE_USAGE);
    return EXIT.ok;
  }
  if (values.replay !== undefined) return replay(values.replay, positionals, values.json === true);
  if (positionals.length !== 1) throw new RacehuntError('usage', `schedule takes one system module — usage: ${SCHEDULE_USAGE}`);
  const { system, ref } = await loadSystem(positionals[0] as string);
  const variants = Object.keys(system.variants);
  const variant = values.variant ?? (variants.length === 1 ? variants[0] : undefined);
  if (variant === undefined) throw new RacehuntError('usage', `system "${system.name}" has several variants: choose one with --variant (${variants.join(', ')})`);
  const progress = progressLine(`${ref} / ${variant}${values.invariant ? ` / ${values.invariant}` : ''}`);
  let result: ScheduleResult;
  try {
    result = await schedule(system, {
      variant,
      target: values.invariant,
      strategy: values.strategy ?? DEFAULT_STRATEGY,
      seed: seed(values.seed, DEFAULTS.seed),
      runs: int(values.runs, 'runs', 1) ?? DEFAULTS.runs,
      maxSteps: int(values['max-steps'], 'max-steps', 1) ?? DEFAULTS.maxSteps,
      params: params(values.param),
      path: values.path,
      shrink: values['no-shrink'] !== true,
      ref,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.done();
  }
  const saved = values.save && result.trace ? saveScheduleTrace(result.trace, system, values.traces ?? DEFAULT_SCHEDULE_TRACES) : null;
  if (values.json) {
    const { trace, ...rest } = result;
    console.log(JSON.stringify({ ...rest, steps: trace ? trace.steps.length : null, saved, trace }));
  } else console.log(describe(result, colour(values), saved));
  if (result.found) return result.trace?.outcome === 'witness' ? EXIT.ok : EXIT.found;
  return result.unreached.length > 0 ? EXIT.vacuous : EXIT.ok;
}

async function replay(file: string, positionals: readonly string[], json: boolean): Promise<number> {
  if (positionals.length > 0) throw new RacehuntError('usage', `--replay takes the trace file alone (it names its system) — usage: ${SCHEDULE_USAGE}`);
  const trace = loadTrace(file);
  if (trace.found.by !== 'schedule') throw new RacehuntError('bad-trace', `trace file ${file} was found by ${trace.found.by}, not by schedule: replay it with racehunt replay`);
  const { system } = await loadSystem(trace.model);
  const r = await replayScheduleTrace(system, trace, file);
  if (json) console.log(JSON.stringify({ file, reproduced: r.reproduced, identical: r.identical, summary: r.summary }));
  else console.log(`${r.reproduced ? '✗' : '✓'} ${file} on ${trace.model} / ${trace.variant}: ${r.summary}`);
  return r.reproduced ? EXIT.found : EXIT.ok;
}

function describe(r: ScheduleResult, color: boolean | undefined, saved: string | null): string {
  if (r.trace) {
    const lines = [renderTerminal(r.trace, color === undefined ? {} : { color })];
    lines.push(`  (schedule ${r.runs} of the search, ${r.ms} ms; seed ${r.seed}, ${r.strategy})`);
    if (saved) lines.push(`  saved ${saved} and its .md twin`);
    return lines.join('\n');
  }
  return coverageText(r);
}
