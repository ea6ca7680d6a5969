/**
 * `racehunt hunt <model|path> --variant V [--property P] …`: search one variant for a
 * counterexample, print the shrunk trace, optionally save it. Exit 1 when found, 0 when it held,
 * 3 when it held but a `sometimes` property was never reached.
 */
import { RacehuntError } from '../core/errors.ts';
import { configure } from '../core/instance.ts';
import { hunt, type HuntResult } from '../hunt/hunt.ts';
import { huntInParallel, parseShard, streamSeed, workerCount } from '../project/parallel.ts';
import { STRATEGIES, parseStrategy } from '../hunt/strategy.ts';
import type { LoadedModel } from '../project/load.ts';
import { budgetFor } from '../project/manifest.ts';
import { DEFAULT_TRACES_ROOT, saveTrace } from '../project/save.ts';
import { renderTerminal } from '../render/terminal.ts';
import type { CliContext } from './main.ts';
import { EXIT, colour, flag, int, parse, seed, str, type CommandSpec } from './options.ts';
import { huntProgress, progressLine } from './progress.ts';
import { loadTarget } from './target.ts';

export const HUNT: CommandSpec = {
  name: 'hunt',
  args: '<model|path>',
  doc: 'Search one variant for a counterexample with fast-check, shrink it, print it.',
  options: [
    { name: 'variant', value: 'V', meaning: 'the variant to hunt', default: 'the only one, when the model has one' },
    { name: 'property', alias: 'invariant', value: 'P', meaning: 'hunt this property only (a sometimes property: a search for a witness)', default: 'every property' },
    { name: 'seed', value: 'N|random', meaning: 'the seed; the same seed gives the same trace, byte for byte', default: "the manifest's, else 20251019" },
    { name: 'runs', value: 'N', meaning: 'runs to search', default: "the manifest's budget" },
    { name: 'max-steps', value: 'N', meaning: 'executed steps per run', default: "the manifest's budget" },
    { name: 'time-budget', value: 'MS', meaning: 'stop searching after MS milliseconds (shrinking is never cut); results then depend on the machine' },
    { name: 'param', value: 'k=v', multiple: true, meaning: 'a model parameter, checked against its range' },
    { name: 'strategy', value: 'S', meaning: `how runs are scheduled: ${STRATEGIES.join(', ')}`, default: 'mix' },
    { name: 'workers', value: 'N', meaning: 'hunt N seed streams in worker threads (at most the core count)', default: '1' },
    { name: 'shard', value: 'i/n', meaning: "hunt this CI machine's share of the seed streams" },
    { name: 'path', value: 'P', meaning: 'reproduce one reported counterexample exactly (with its seed and strategy)' },
    { name: 'shortest-budget', value: 'N', meaning: 'after shrinking, search at most N states breadth-first for a shorter counterexample (0: only remove steps)', default: '200000' },
    { name: 'save', meaning: 'write the trace to <traces>/<model>/<variant>/<property>.json and its .md twin' },
    { name: 'traces', value: 'DIR', meaning: 'where --save writes', default: DEFAULT_TRACES_ROOT },
    { name: 'progress', meaning: 'print a progress line every 5 s even off a terminal (CI logs)' },
  ],
};

export async function huntCommand(argv: readonly string[], { catalog, catalogModule }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, HUNT);
  const { loaded, variant, inst } = await loadTarget('hunt', positionals, values, catalog);
  const property = str(values, 'property');
  const budget = budgetFor(loaded.manifest, variant, property);
  const progress = progressLine(`${loaded.ref} / ${variant}${property ? ` / ${property}` : ''}`, flag(values, 'progress'));
  const workers = workerCount(int(str(values, 'workers'), 'workers', 1) ?? 1, (m) => console.error(`racehunt: warning: ${m}`));
  const shard = parseShard(str(values, 'shard'));
  const path = str(values, 'path');
  if (path !== undefined && (workers > 1 || shard)) throw new RacehuntError('usage', '--path reproduces one run of one seed: give the seed the trace reports, without --workers or --shard');
  const options = {
    seed: streamSeed(seed(str(values, 'seed'), budget.seed), workers, shard, 0),
    runs: int(str(values, 'runs'), 'runs', 1) ?? budget.runs,
    maxSteps: int(str(values, 'max-steps'), 'max-steps', 1) ?? budget.maxSteps,
    timeBudgetMs: int(str(values, 'time-budget'), 'time-budget', 1),
    target: property,
    strategy: parseStrategy(str(values, 'strategy')) ?? budget.strategy,
    path,
    shortestBudget: int(str(values, 'shortest-budget'), 'shortest-budget', 0),
    modelRef: loaded.ref,
    onProgress: (p: Parameters<typeof huntProgress>[0] & { ms: number }) => progress.show(huntProgress(p), p.ms),
  };
  let result: HuntResult;
  try {
    result = workers === 1 ? hunt(inst, options) : await huntInParallel({ ...options, variant, params: inst.params, workers, shard, catalogModule });
  } finally {
    progress.done();
  }

  // A save that fails never throws the counterexample away: it is printed, and the error follows.
  let saved: string | null = null;
  let saveError: RacehuntError | null = null;
  if (flag(values, 'save') && result.trace) {
    try {
      saved = saveTrace(result.trace, inst, str(values, 'traces') ?? DEFAULT_TRACES_ROOT);
    } catch (e) {
      if (!(e instanceof RacehuntError)) throw e;
      saveError = e;
    }
  }
  if (flag(values, 'json')) {
    const { trace, ...rest } = result;
    console.log(JSON.stringify({ ...rest, property: result.target, invariant: result.target, steps: trace ? trace.steps.length : null, saved, trace }));
  } else {
    console.log(describeResult(result, { color: colour(values), file: saved, model: loaded }));
  }
  if (saveError) console.error(`racehunt: ${saveError.message}`);
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
