/**
 * `racehunt hunt <model|path> --variant V [--property P] …`: search one variant for a
 * counterexample, print the shrunk trace, optionally save it. Exit 1 when found, 0 when it held,
 * 3 when it held but a `sometimes` property was never reached, 130 when Ctrl-C stopped it (what it
 * covered until then is printed).
 */
import { RacehuntError } from '../core/errors.ts';
import { searchPathProblem } from '../core/limits.ts';
import { configure, resolveParams, type Instance } from '../core/instance.ts';
import { atStartWarning, reachedAtStart } from '../core/judge.ts';
import { hunt, type HuntResult, type Interruption } from '../hunt/hunt.ts';
import { huntInParallel, parseShard, streamSeed, workerCount } from '../project/parallel.ts';
import { exploreSource } from '../project/explore-source.ts';
import { defaultWorkers } from '../explore/explore.ts';
import { DEFAULT_STRATEGY, STRATEGIES, parseStrategy } from '../hunt/strategy.ts';
import { DEFAULT_WORK } from '../hunt/budget.ts';
import type { LoadedModel } from '../project/load.ts';
import { budgetFor } from '../project/manifest.ts';
import { judging } from '../project/judge.ts';
import { DEFAULT_TRACES_ROOT } from '../project/save.ts';
import { checkCommandLine, huntCommandLine, type RunWords } from '../render/command.ts';
import { renderTerminal } from '../render/terminal.ts';
import { collisionWords, heldLine } from '../render/verdict.ts';
import type { CliContext } from './context.ts';
import { annotate, type Failure } from './github.ts';
import { EXIT, NO_DEADLOCK_OPTION, colour, flag, int, parse, seed, str, type CommandSpec } from './options.ts';
import { huntProgress, progressLine } from './progress.ts';
import { SAVE_OPTIONS, trySave } from './saving.ts';
import { loadTarget } from './target.ts';
import { countLines, vacuousLine } from '../render/coverage.ts';

export const HUNT: CommandSpec = {
  name: 'hunt',
  args: '<model|path>',
  doc: 'Search one variant for a counterexample with fast-check, shrink it, print it.',
  options: [
    { name: 'variant', value: 'V', meaning: 'the variant to hunt', default: 'the only one, when the model has one' },
    {
      name: 'property',
      alias: 'invariant',
      value: 'P',
      meaning: 'hunt this property only (a sometimes property: a search for a witness)',
      default:
        'every property; for a variant other than the first, the claims its manifest expects it to keep (the output says which)',
    },
    {
      name: 'seed',
      value: 'N|random',
      meaning: 'the seed; the same seed gives the same trace, byte for byte',
      default: "the manifest's, else 20251019",
    },
    {
      name: 'budget',
      value: 'N',
      meaning:
        'the budget of work: states explored breadth-first plus steps sampled (deterministic: the same work on any machine)',
      default: `the manifest's "work", else ${DEFAULT_WORK.toLocaleString('en-US')} (about 10 s on one core) unless --runs is given`,
    },
    {
      name: 'runs',
      value: 'N',
      meaning: 'at most N runs',
      default: "the manifest's, else as many as the budget allows",
    },
    { name: 'max-steps', value: 'N', meaning: 'executed steps per run', default: "the manifest's budget" },
    {
      name: 'time-budget',
      value: 'MS',
      meaning:
        'stop the prove phase and the search after MS milliseconds (one run at least; shrinking is never cut); results then depend on the machine',
    },
    NO_DEADLOCK_OPTION,
    { name: 'param', value: 'k=v', multiple: true, meaning: 'a model parameter, checked against its range' },
    {
      name: 'strategy',
      value: 'S',
      meaning: `how runs are scheduled: ${STRATEGIES.join(', ')}`,
      default: `the manifest's, else ${DEFAULT_STRATEGY}`,
    },
    {
      name: 'workers',
      value: 'N',
      meaning:
        'hunt N seed streams in worker threads (at most the core count); one stream explores breadth-first on every core, with the same answer as on one',
      default: '1',
    },
    { name: 'shard', value: 'i/n', meaning: "hunt this CI machine's share of the seed streams" },
    { name: 'path', value: 'P', meaning: 'reproduce one reported counterexample exactly (with its seed and strategy)' },
    {
      name: 'prove-budget',
      value: 'N',
      meaning:
        'first explore up to N states breadth-first: a model that fits is settled exhaustively (a proof, or the shortest counterexample)',
      default: "the manifest's, else half the budget with --strategy frontier, 50000 with auto, 0 otherwise",
    },
    {
      name: 'shortest-budget',
      value: 'N',
      meaning:
        'after shrinking, search at most N states breadth-first for a shorter counterexample (0: only remove steps)',
      default: "the manifest's, else 200000",
    },
    ...SAVE_OPTIONS,
    { name: 'progress', meaning: 'print a progress line every 5 s even off a terminal (CI logs)' },
  ],
};

export async function huntCommand(
  argv: readonly string[],
  { catalog, catalogModule, interrupt }: CliContext,
): Promise<number> {
  // One seed stream (the default) explores breadth-first on every core: the explorer's helper
  // threads load the model as this command did, and the answer is the one a single thread gives.
  const { values, positionals } = parse(argv, HUNT);
  const target = await loadTarget('hunt', positionals, values, catalog);
  const { loaded, variant } = target;
  const property = str(values, 'property');
  // Without --property, a variant is judged on the claims its manifest expects it to keep.
  const view = property === undefined ? judging(loaded.model, loaded.manifest, variant) : null;
  const skipped = view?.skipped ?? [];
  const inst =
    view && skipped.length > 0
      ? configure(view.model, variant, target.inst.params, {
          deadlock: view.deadlock && values['no-deadlock'] !== true,
        })
      : target.inst;
  const budget = budgetFor(loaded.manifest, variant, property);
  const progress = progressLine(
    `${loaded.ref} / ${variant}${property ? ` / ${property}` : ''}`,
    flag(values, 'progress'),
  );
  const workers = workerCount(int(str(values, 'workers'), 'workers', 1) ?? 1, (m) =>
    console.error(`racehunt: warning: ${m}`),
  );
  const shard = parseShard(str(values, 'shard'));
  const path = str(values, 'path');
  if (path !== undefined && (workers > 1 || shard))
    throw new RacehuntError(
      'usage',
      '--path reproduces one run of one seed: give the seed the trace reports, without --workers or --shard',
    );
  const runs = int(str(values, 'runs'), 'runs', 1) ?? budget.runs;
  const say = huntProgress({ runs });
  const options = {
    seed: streamSeed(seed(str(values, 'seed'), budget.seed), workers, shard, 0),
    budget: int(str(values, 'budget'), 'budget', 1) ?? budget.work,
    runs,
    maxSteps: int(str(values, 'max-steps'), 'max-steps', 1) ?? budget.maxSteps,
    timeBudgetMs: int(str(values, 'time-budget'), 'time-budget', 1),
    target: property,
    strategy: parseStrategy(str(values, 'strategy')) ?? budget.strategy,
    path,
    shortestBudget: int(str(values, 'shortest-budget'), 'shortest-budget', 0) ?? budget.shortestBudget,
    proveBudget: int(str(values, 'prove-budget'), 'prove-budget', 1) ?? budget.prove,
    modelRef: loaded.ref,
    onProgress: (p: Parameters<ReturnType<typeof huntProgress>>[0]) => progress.show(say(p), p.ms),
  };
  // A path past the search's runs would have fast-check walk to it, deaf to Ctrl-C (core/limits.ts).
  // Without a cap in runs, the work budget caps them (a run is at least one step of work).
  const pathProblem =
    path === undefined ? null : searchPathProblem(path, options.runs ?? options.budget ?? DEFAULT_WORK);
  if (pathProblem)
    throw new RacehuntError(
      'usage',
      `--path "${(path ?? '').slice(0, 40)}" is not a path of this hunt (seed ${options.seed}, ${options.strategy}): ${pathProblem}`,
    );
  let result: HuntResult;
  try {
    result =
      workers === 1
        ? hunt(inst, {
            ...options,
            interrupted: interrupt.requested,
            proveWorkers: defaultWorkers(),
            source: exploreSource({
              modelRef: loaded.ref,
              catalogModule: catalogModule ?? null,
              variant,
              params: inst.params,
              deadlock: (view?.deadlock ?? true) && values['no-deadlock'] !== true,
            }),
          })
        : await huntInParallel({
            ...options,
            variant,
            params: inst.params,
            skip: skipped,
            workers,
            shard,
            catalogModule,
            interrupt: interrupt.shared,
          });
  } finally {
    progress.done();
  }

  // A save that fails never throws the counterexample away: it is printed, and the error follows.
  let saved: string | null = null;
  let saveError: RacehuntError | null = null;
  if (flag(values, 'save') && result.trace)
    ({ saved, error: saveError } = trySave(
      result.trace,
      inst,
      str(values, 'traces') ?? DEFAULT_TRACES_ROOT,
      interrupt,
    ));
  // A witness that holds in the initial state witnesses nothing: the green result, or reaching it, is vacuous.
  const atStart = reachedAtStart(inst).filter(
    (w) => result.trace === null || (result.trace.outcome === 'witness' && result.trace.property.name === w),
  );
  if (flag(values, 'json')) {
    const { trace, ...rest } = result;
    console.log(
      JSON.stringify({
        ...rest,
        property: result.target,
        invariant: result.target,
        steps: trace ? trace.steps.length : null,
        saved,
        trace,
        ...(atStart.length > 0 ? { reachedAtStart: atStart } : {}),
        ...(skipped.length > 0 ? { judged: claimsOf(inst), notJudged: skipped } : {}),
      }),
    );
  } else {
    console.log(describeResult(result, { color: colour(values), file: saved, model: loaded }));
    if (skipped.length > 0 && !result.interruption) console.log(judgedLine(inst, variant, skipped));
    const warning = atStartWarning(atStart);
    if (warning && !result.interruption) console.log(`  ⚠ vacuous: ${warning}`);
  }
  annotate(huntFailures(result, loaded), flag(values, 'json') ? (l) => console.error(l) : (l) => console.log(l));
  if (saveError) console.error(`racehunt: ${saveError.message}`);
  if (result.interruption) return EXIT.interrupted;
  if (result.found && result.trace?.outcome !== 'witness') return EXIT.found;
  if (atStart.length > 0) return EXIT.vacuous;
  if (result.found) return EXIT.ok;
  return result.unreached.length > 0 ? EXIT.vacuous : EXIT.ok;
}

const claimsOf = (inst: Instance): string[] => inst.properties.filter((p) => p.kind !== 'sometimes').map((p) => p.name);

/** Which claims a hunt of every property judged, and which the manifest expects this variant to break. */
function judgedLine(inst: Instance, variant: string, skipped: readonly string[]): string {
  return `  judged: ${claimsOf(inst).join(', ')}, the claims the manifest expects ${variant} to keep; not judged: ${skipped.join(', ')}, which it expects ${variant} to break (hunt ${skipped.length === 1 ? 'it' : 'each'} with --property)`;
}

/** What failed, for GitHub annotations: a counterexample, a witness not reached; a vacuous green run as a warning. */
function huntFailures(r: HuntResult, loaded: LoadedModel): Failure[] {
  const where = `racehunt: ${loaded.ref} / ${r.variant}`;
  const model = loaded.model;
  if (r.interruption) return [];
  if (r.trace)
    return r.trace.outcome === 'counterexample'
      ? [
          {
            model,
            property: r.trace.property.name,
            title: `${where} / ${r.trace.property.name}: counterexample in ${r.trace.steps.length} steps`,
            message: `${r.trace.message} (seed ${r.seed})`,
          },
        ]
      : [];
  const witness = r.target !== null && model.properties.find((p) => p.name === r.target)?.kind === 'sometimes';
  if (witness)
    return [
      {
        model,
        property: r.target,
        title: `${where} / ${r.target}: never reached`,
        message: `${r.target} was not reached in ${r.runs} runs (seed ${r.seed})`,
      },
    ];
  return r.unreached.map((name) => ({
    model,
    property: name,
    level: 'warning' as const,
    title: `${where} / ${name}: never reached (vacuous)`,
    message: `${name} was never reached in ${r.runs} runs (seed ${r.seed}), so the green result proves little`,
  }));
}

export function describeResult(
  r: HuntResult,
  opts: { color: boolean | undefined; file: string | null; model: LoadedModel },
): string {
  const lines: string[] = [];
  if (r.trace) {
    const inst = configure(opts.model.model, r.variant, r.params);
    lines.push(
      renderTerminal(r.trace, {
        ...(opts.color === undefined ? {} : { color: opts.color }),
        ...(opts.file ? { file: opts.file } : {}),
        model: inst.model,
        ctx: inst.ctx,
      }),
    );
    lines.push(
      r.trace.found.by === 'check'
        ? `  (settled exhaustively: the shortest there is, ${r.ms} ms)`
        : `  (run ${r.runs} of the search, ${r.ms} ms; seed ${r.seed})`,
    );
    if (opts.file) lines.push(`  saved ${opts.file} and its .md twin`);
    return lines.join('\n');
  }
  const what = r.target ?? 'every property';
  const run = { ...r, defaults: resolveParams(opts.model.model) };
  if (r.interruption) return interruptedLines(run, r.interruption, what).join('\n');
  const witness =
    r.target !== null && opts.model.model.properties.find((p) => p.name === r.target)?.kind === 'sometimes';
  lines.push(heldLine(r, what, witness));
  const odds = collisionWords((r.proof ?? r.bounded)?.collisionOdds ?? 0);
  if (odds) lines.push(`  ${odds} (a state may have gone unexplored)`);
  if (!r.proof) lines.push(...coverageLines(run));
  if (r.unreached.length > 0 && !witness)
    lines.push(vacuousLine(r.unreached, r.proof ? ' (they are unreachable)' : '; raise --runs or --max-steps'));
  return lines.join('\n');
}

/** A hunt's result with its model's default parameters, so that the commands it prints name only the others. */
type Run = HuntResult & Pick<RunWords, 'defaults'>;

/** A hunt Ctrl-C stopped: where, what it covered until then, and how to go on. Never a ✓: nothing is settled. */
function interruptedLines(r: Run, i: Interruption, what: string): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const head = '⚠ interrupted (Ctrl-C)';
  if (i.phase === 'prove') {
    const e = i.explored ?? { states: r.explored, depth: 0 };
    return [
      `${head} while proving: no counterexample to ${what} of at most ${e.depth} steps exists, over the first ${n(e.states)} states explored breadth-first in ${r.ms} ms — not a proof beyond ${e.depth} steps`,
      settleLine(r),
    ];
  }
  if (i.phase === 'search' || !i.unshrunk)
    return [
      `${head} after ${n(r.runs)} runs: no counterexample to ${what} found so far, seed ${r.seed} — sampled, not a proof`,
      ...coverageLines(r),
    ];
  const u = i.unshrunk;
  const again = huntCommandLine({
    model: r.model,
    variant: r.variant,
    property: u.property,
    params: r.params,
    defaults: r.defaults,
    seed: r.seed,
    strategy: r.strategy,
    maxSteps: r.maxSteps,
    path: u.path,
  });
  return [
    `${head} while ${i.phase === 'shrink' ? 'shrinking' : 'looking for a shorter counterexample'}: run ${n(u.run)} broke ${u.property} in ${u.steps} steps (as found, before its shortest form)`,
    `  to find it and shrink it again: ${again}`,
    ...coverageLines(r),
  ];
}

function settleLine(r: Run): string {
  return `  to settle it exhaustively: ${checkCommandLine({ ...r, property: r.target ?? undefined })}`;
}

/** What a sampled hunt covered, and the warnings a reader of a green run needs. */
function coverageLines(r: Run): string[] {
  const c = r.coverage;
  const mean = c.runs > 0 ? c.steps / c.runs : 0;
  const out = [
    `  covered: ${c.states.toLocaleString('en-US')}${c.statesCapped ? '+' : ''} distinct states, ${c.steps.toLocaleString('en-US')} steps, ${mean.toFixed(1)} per run on average (longest ${c.longestRun})${r.proveCut === 'time-budget' ? '; the breadth-first phase stopped early (cut by --time-budget)' : ''}`,
    ...countLines(c),
  ];
  if (c.neverEnabled.length > 0) out.push(`  never enabled: ${c.neverEnabled.join(', ')}`);
  for (const w of r.warnings) out.push(`  ⚠ ${w}`);
  out.push(settleLine(r));
  return out;
}
