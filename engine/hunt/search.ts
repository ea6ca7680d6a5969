/**
 * The hunt's first phase: draw runs from a scheduling strategy (strategy.ts) with fast-check,
 * check every property after every step, and stop at the first run that finds something (or when
 * the run budget or the time budget is spent). Seeded: seed + strategy + the failing run's path
 * reproduce it exactly. The first runs execute every step twice to catch nondeterministic models.
 */
import fc from 'fast-check';
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { Choice, Instance } from '../core/instance.ts';
import type { AnyProperty } from '../core/model.ts';
import { Run, type Finding } from '../core/run.ts';
import { FindingError, commandsArbitrary, runCommands, type Box, type Commands } from './arbitraries.ts';
import { Corpus } from './corpus.ts';
import { Lineages } from './lineage.ts';
import type { CoverageCounter } from './coverage.ts';
import {
  CORPUS_STRATEGIES,
  scheduleArbitrary,
  scheduler,
  type Schedule,
  type Stepper,
  type StrategyName,
} from './strategy.ts';

/** How many runs at the start of a hunt execute every step twice to catch nondeterministic models. */
export const PROBED_RUNS = 5;

/** A coverage-guided run goes at most this many times maxSteps deep from the initial state. */
const COVER_DEPTH = 16;

export interface SearchOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly strategy: StrategyName;
  readonly target: AnyProperty | undefined;
  readonly path?: string | undefined;
  /** Stop starting runs after this many milliseconds; the first run is always made, so that a green hunt covered something. */
  readonly timeBudgetMs?: number | undefined;
  /** Asked before each run (1-based): true stops the search there, as if its budget ran out. */
  readonly shouldStop?: ((run: number) => boolean) | undefined;
  /** Start no run once this many steps were taken (the work budget's share; default: no cap). */
  readonly stepBudget?: number | undefined;
  /** `frontier` draws lineages of runs (lineage.ts): a budget of work; a budget in runs samples single runs, as it always has. */
  readonly lineages?: boolean | undefined;
  /** Where `frontier` runs start: paths to the states a breadth-first phase reached but did not expand. */
  readonly frontier?: readonly (readonly Choice[])[] | undefined;
}

/** Thrown out of the predicate to end a search that was asked to stop (not a failure). */
class Stopped extends Error {}

/** Thrown out of the predicate when the search has spent its share of the work budget. */
class Spent extends Error {}

export type SearchResult =
  | { readonly found: false; readonly runs: number; readonly interrupted: boolean }
  | {
      readonly found: true;
      readonly runs: number;
      readonly finding: Finding;
      /** The steps the failing run executed. */
      readonly failing: readonly Choice[];
      /** fast-check's path to the failing run (with seed and strategy it reproduces it). */
      readonly path: string;
      /** Which run of the seed's stream failed (1-based). */
      readonly failingRun: number;
    };

export function search(
  inst: Instance,
  opts: SearchOptions,
  coverage: CoverageCounter,
  onRun: () => void,
): SearchResult {
  // A coverage-guided run depends on the runs before it (the corpus they built), so its path is
  // reproduced by running the search up to it, not by asking fast-check to jump there.
  const replayUpTo =
    opts.path !== undefined && CORPUS_STRATEGIES.includes(opts.strategy) ? runOfPath(opts.path, opts) : null;
  let failing: readonly Choice[] | null = null;
  const schedules = scheduleArbitrary({
    strategy: opts.strategy,
    inst,
    maxSteps: opts.maxSteps,
    commands: commandsArbitrary(inst, opts.maxSteps),
    lineages: opts.lineages,
  });
  // The coverage-guided strategy's corpus, filled by its runs (any strategy's runs could feed it,
  // but its entries must be forks of runs taken step by step, which only it keeps).
  let corpus: Corpus | null = null;
  /** The frontier's lineages of runs (lineage.ts). */
  const lineages = new Lineages(inst);
  let result: fc.RunDetails<[Schedule<Commands>]>;
  const deadline = opts.timeBudgetMs === undefined ? undefined : Date.now() + opts.timeBudgetMs;
  try {
    result = fc.check(
      fc.property(schedules, (schedule: Schedule<Commands>) => {
        // The work budget spent is the search's end as planned; a stop or the clock cuts it short.
        if (coverage.runs > 0 && coverage.steps >= (opts.stepBudget ?? Infinity)) throw new Spent();
        if (
          opts.shouldStop?.(coverage.runs + 1) ||
          (deadline !== undefined && coverage.runs > 0 && Date.now() >= deadline)
        )
          throw new Stopped('stopped');
        const probe = coverage.runs < PROBED_RUNS;
        let prefix: readonly Choice[] = [];
        let box: Box;
        /** A frontier run's stepper, its lineage's. */
        let lineageNext: Stepper | null = null;
        if (schedule.kind === 'cover' || schedule.kind === 'frontier') {
          corpus ??= new Corpus(
            new Run(inst, { target: opts.target }),
            COVER_DEPTH * opts.maxSteps,
            schedule.kind === 'frontier' ? (opts.frontier ?? []) : [],
          );
          // A frontier run goes on with its lineage, or starts one; a cover run starts from the corpus.
          const started = schedule.kind === 'frontier' ? lineages.start(corpus, schedule) : null;
          lineageNext = started?.next ?? null;
          const start = started?.start ?? corpus.start(schedule.start);
          prefix = Corpus.path(start.entry);
          let anchor = start.entry;
          let since = 0;
          const c = corpus;
          box = {
            run: start.run,
            executed: [],
            limit: started?.limit ?? opts.maxSteps,
            onStep: (b) => {
              if (schedule.kind === 'frontier') lineages.stepped(b);
              since++;
              if (!coverage.visit(b.run.state)) return;
              // A new situation is a possible end of a run: judge `recovers` there, as the explorer
              // judges it in every state (a hunt otherwise judges it only where a run ends).
              if (!b.run.found) b.run.finish();
              const entry = c.offer(b.run, anchor, b.executed.slice(b.executed.length - since));
              if (entry !== anchor) [anchor, since] = [entry, 0];
            },
          };
        } else {
          box = {
            run: new Run(inst, { target: opts.target, probe }),
            executed: [],
            limit: opts.maxSteps,
            onStep: (b) => void coverage.visit(b.run.state),
          };
        }
        try {
          if (!box.run.found) {
            if (schedule.kind === 'uniform') runCommands(box, schedule.commands);
            else if (schedule.kind !== 'frontier') playSteps(box, scheduler(inst, schedule));
            else if (lineageNext) playSteps(box, lineageNext);
          }
          const finding = box.run.finish();
          if (finding) {
            failing = [...prefix, ...box.executed];
            throw new FindingError(finding);
          }
          if (schedule.kind === 'frontier' && corpus) lineages.ended(corpus, box);
        } finally {
          coverage.count(box.executed, box.run.reached);
          onRun();
        }
      }),
      {
        seed: opts.seed,
        numRuns: replayUpTo ?? opts.runs,
        endOnFailure: true,
        ...(opts.path !== undefined && replayUpTo === null ? { path: opts.path } : {}),
      },
    );
  } catch (e) {
    // fast-check refuses a path that does not lead to a run of this search.
    if (opts.path !== undefined && !(e instanceof RacehuntError))
      throw new RacehuntError(
        'usage',
        `--path "${opts.path}" is not a path of this hunt (seed ${opts.seed}, ${opts.strategy}): ${messageOf(e)}`,
      );
    throw e;
  }
  if (!result.failed) return { found: false, runs: result.numRuns, interrupted: result.interrupted };
  if (result.errorInstance instanceof Spent) return { found: false, runs: coverage.runs, interrupted: false };
  if (
    result.errorInstance instanceof Stopped ||
    (result.interrupted && !(result.errorInstance instanceof FindingError))
  )
    return { found: false, runs: coverage.runs, interrupted: true };
  if (!(result.errorInstance instanceof FindingError) || !failing)
    throw unexpected(inst, result.errorInstance, opts.seed);
  const path = result.counterexamplePath ?? '';
  return {
    found: true,
    runs: result.numRuns,
    finding: result.errorInstance.finding,
    failing,
    path,
    failingRun: Number(path.split(':')[0] ?? 0) + 1,
  };
}

/** The run a search path names (its first segment, 0-based) as a run count; one line when it is not one. */
export function runOfPath(path: string, opts: Pick<SearchOptions, 'seed' | 'strategy'>): number {
  if (!/^\d+$/.test(path))
    throw notAPath(path, opts, `a ${opts.strategy} hunt's path is the number of its failing run, less one`);
  return Number(path) + 1;
}

/** `--path` names no run of this hunt, and why. */
export function notAPath(path: string, opts: Pick<SearchOptions, 'seed' | 'strategy'>, why: string): RacehuntError {
  return new RacehuntError(
    'usage',
    `--path "${path}" is not a path of this hunt (seed ${opts.seed}, ${opts.strategy}): ${why}`,
  );
}

/** Play a run step by step: the stepper picks each step among the enabled ones, or ends the run. */
function playSteps(box: Box, next: Stepper): void {
  const all = box.run.inst.allChoices();
  for (let k = 0; k < box.limit; k++) {
    const c = next(
      k,
      all.filter((x) => box.run.enabled(x)),
    );
    if (!c) return;
    box.executed.push(c);
    box.run.step(c);
    box.onStep(box);
    if (box.run.found) return;
  }
}

/** An error out of a run that is not a finding: the model's (named) or the engine's. */
export function unexpected(inst: Instance, error: unknown, seed: number): RacehuntError {
  if (error instanceof RacehuntError) return new RacehuntError(error.kind, `${error.message} (hunt seed ${seed})`);
  return new RacehuntError(
    'model-error',
    `model "${inst.model.name}": unexpected error while hunting (seed ${seed}): ${messageOf(error)}`,
  );
}
