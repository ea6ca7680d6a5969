/**
 * `racehunt hunt <model|path> --variant V [--invariant I] …`: search one variant for a
 * counterexample, print the shrunk trace, optionally save it. Exit 1 when found, 0 when it held,
 * 3 when it held but a `sometimes` property was never reached.
 */
import { RacehuntError } from '../errors.ts';
import { hunt, type HuntResult } from '../hunt.ts';
import { configure } from '../instance.ts';
import type { Catalog, LoadedModel } from '../load.ts';
import { budgetFor } from '../manifest.ts';
import { renderTerminal } from '../render/terminal.ts';
import { DEFAULT_TRACES_ROOT, saveTrace } from '../save.ts';
import { COMMON, EXIT, colour, int, parse, seed } from './options.ts';
import { progressLine } from './progress.ts';
import { loadTarget } from './target.ts';
import { parseStrategy } from '../strategy.ts';
import { huntInParallel, parseShard, streamSeed } from '../parallel.ts';

export const HUNT_USAGE =
  'racehunt hunt <model|path> --variant V [--invariant I] [--seed N|random] [--runs N] [--max-steps N] [--time-budget MS] [--strategy uniform|swarm|pct|mix] [--workers N] [--shard i/n] [--param k=v …] [--path P] [--shortest-budget STATES] [--save] [--traces DIR] [--json]';

export async function huntCommand(argv: readonly string[], catalog: Catalog): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...COMMON,
      variant: { type: 'string' },
      invariant: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'max-steps': { type: 'string' },
      'time-budget': { type: 'string' },
      param: { type: 'string', multiple: true },
      strategy: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      path: { type: 'string' },
      'shortest-budget': { type: 'string' },
      save: { type: 'boolean' },
      traces: { type: 'string' },
    },
    HUNT_USAGE,
  );
  if (values.help) {
    console.log(HUNT_USAGE);
    return EXIT.ok;
  }
  const { loaded, variant, inst } = await loadTarget('hunt', HUNT_USAGE, positionals, values, catalog);
  if (values.invariant !== undefined) inst.property(values.invariant);

  const budget = budgetFor(loaded.manifest, variant, values.invariant);
  const label = `${loaded.ref} / ${variant}${values.invariant ? ` / ${values.invariant}` : ''}`;
  const progress = progressLine(label);
  const workers = int(values.workers, 'workers', 1) ?? 1;
  const shard = parseShard(values.shard);
  if (values.path !== undefined && (workers > 1 || shard)) throw new RacehuntError('usage', '--path reproduces one run of one seed: give the seed the trace reports, without --workers or --shard');
  const options = {
    seed: streamSeed(seed(values.seed, budget.seed), workers, shard, 0),
    runs: int(values.runs, 'runs', 1) ?? budget.runs,
    maxSteps: int(values['max-steps'], 'max-steps', 1) ?? budget.maxSteps,
    timeBudgetMs: int(values['time-budget'], 'time-budget', 1),
    target: values.invariant,
    strategy: parseStrategy(values.strategy) ?? budget.strategy,
    path: values.path,
    shortestBudget: int(values['shortest-budget'], 'shortest-budget', 0) ?? budget.shortestBudget,
    modelRef: loaded.ref,
    onProgress: progress.onProgress,
  };
  let result: HuntResult;
  try {
    result = workers === 1 ? hunt(inst, options) : await huntInParallel({ ...options, variant, params: inst.params, workers, shard });
  } finally {
    progress.done();
  }

  let saved: string | null = null;
  if (values.save && result.trace) saved = saveTrace(result.trace, inst, values.traces ?? DEFAULT_TRACES_ROOT);

  if (values.json) {
    const { trace, ...rest } = result;
    console.log(JSON.stringify({ ...rest, invariant: result.target, steps: trace ? trace.steps.length : null, saved, trace }));
  } else {
    console.log(describeResult(result, { color: colour(values), file: saved, model: loaded }));
  }
  if (result.found) return result.trace?.outcome === 'witness' ? EXIT.ok : EXIT.found;
  return result.unreached.length > 0 ? EXIT.vacuous : EXIT.ok;
}

export function describeResult(r: HuntResult, opts: { color: boolean | undefined; file: string | null; model: LoadedModel }): string {
  const lines: string[] = [];
  if (r.trace) {
    const inst = configure(opts.model.model, r.variant, r.params);
    lines.push(renderTerminal(r.trace, { ...(opts.color === undefined ? {} : { color: opts.color }), ...(opts.file ? { file: opts.file } : {}), model: inst.model, ctx: inst.ctx }));
    lines.push(`  (run ${r.runs} of the search, ${r.ms} ms; seed ${r.seed})`);
    if (opts.file) lines.push(`  saved ${opts.file} and its .md twin`);
    return lines.join('\n');
  }
  const what = r.target ?? 'every property';
  const cut = r.interrupted ? ' (stopped by the time budget)' : '';
  if (r.target !== null && opts.model.model.properties.find((p) => p.name === r.target)?.kind === 'sometimes') {
    lines.push(`✗ ${what} not reached in ${r.runs} runs${cut}`);
  } else {
    lines.push(`✓ no counterexample to ${what} in ${r.ms} ms: ${r.runs} runs, ${r.coverage.steps} steps${cut}, seed ${r.seed}`);
  }
  const counts = Object.entries(r.coverage.actions).map(([a, n]) => `${a} ×${n}`).join(', ');
  lines.push(`  actions: ${counts}`);
  const reached = Object.entries(r.coverage.reached).map(([p, n]) => `${p} in ${n} runs`).join(', ');
  if (reached) lines.push(`  sometimes: ${reached}`);
  if (r.unreached.length > 0) lines.push(`  ⚠ never reached: ${r.unreached.join(', ')} — this green run proves little; raise --runs or --max-steps`);
  return lines.join('\n');
}
