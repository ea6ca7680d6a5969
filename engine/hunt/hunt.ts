/**
 * Hunting: a model becomes fast-check runs, every property is checked after every step, and a
 * failing run is shrunk to a minimal trace. Three phases, each a function that takes values and
 * returns values:
 *
 * 1. search (search.ts): runs drawn by a scheduling strategy, stopping at the first failure;
 * 2. shrink (shrink.ts): fast-check shrinks the failing run's steps as a plain sequence, checking
 *    only the property that broke;
 * 3. polish (polish.ts): remove pairs of steps, then a bounded breadth-first search for a shorter
 *    counterexample.
 *
 * The result is recorded as a trace (core/play.ts) and replayed once more before it is reported.
 * Every phase is seeded, so seed + strategy + the search's path reproduce the trace byte for byte.
 */
import { RacehuntError } from '../core/errors.ts';
import type { Choice, Instance } from '../core/instance.ts';
import { nondeterminism, play, traceOf } from '../core/play.ts';
import type { Scope } from '../core/outcome.ts';
import type { Trace } from '../core/trace.ts';
import type { InstanceSource } from '../explore/explore.ts';
import { CoverageCounter, type Coverage } from './coverage.ts';
import { SHORTEST_BUDGET, minimize, shortest } from './polish.ts';
import { notAPath, runOfPath, search } from './search.ts';
import { shrink } from './shrink.ts';
import { CORPUS_STRATEGIES, DEFAULT_STRATEGY, type StrategyName } from './strategy.ts';
import { planOf } from './budget.ts';
import { prove, type Bound, type Proof, type ProveCut } from './prove.ts';

export type { Coverage } from './coverage.ts';
export type { Bound, Proof, ProveCut } from './prove.ts';

export interface HuntOptions {
  readonly seed: number;
  /**
   * The budget of work, states explored breadth-first plus steps sampled (budget.ts). Default:
   * DEFAULT_WORK, unless `runs` is given (then the runs alone cap the search, as they always did).
   */
  readonly budget?: number | undefined;
  /** At most this many runs (default: as many as the budget of work allows). */
  readonly runs?: number | undefined;
  /** Executed steps per run (default DEFAULT_MAX_STEPS). */
  readonly maxSteps?: number | undefined;
  /** How runs are scheduled (default: DEFAULT_STRATEGY). */
  readonly strategy?: StrategyName | undefined;
  /** Stop searching after this many milliseconds (shrinking is not cut short). */
  readonly timeBudgetMs?: number | undefined;
  /** Hunt this property only; a `sometimes` property makes it a witness search. */
  readonly target?: string | undefined;
  /** Reproduce one reported run: the search's fast-check path (printed with every trace). */
  readonly path?: string | undefined;
  /** Shrink the failing run (default true); false returns it as found, to time the search alone. */
  readonly shrink?: boolean | undefined;
  /**
   * After fast-check's shrink, a bounded breadth-first search for a shorter counterexample visits at
   * most this many states (default SHORTEST_BUDGET); 0 only removes single steps and pairs of steps.
   */
  readonly shortestBudget?: number | undefined;
  /** How the model is named in the trace (catalog name or module path). */
  readonly modelRef?: string | undefined;
  /** Called about once a second while hunting. */
  readonly onProgress?: ((p: HuntProgress) => void) | undefined;
  /**
   * Asked before each run of the search (1-based run number): true stops it there, as if its
   * budget ran out (Ctrl-C, or a parallel hunt whose other stream already found one earlier).
   */
  readonly shouldStop?: ((run: number) => boolean) | undefined;
  /** Called as soon as the search finds something, before shrinking: with the failing run's number. */
  readonly onFound?: ((run: number) => void) | undefined;
  /**
   * Before sampling, explore breadth-first up to this many states: a model whose reachable states
   * fit is settled there (a proof, or the shortest counterexample). Default (budget.ts): the
   * budget's share for `frontier`, DEFAULT_PROVE_BUDGET for `auto`, 0 (sample only) for the others.
   */
  readonly proveBudget?: number | undefined;
  /**
   * Ctrl-C (core/interrupt.ts): asked at the safe points of every phase (before each run, every 256
   * states, between shrink candidates); true stops the hunt there, and its result says where
   * (HuntResult.interruption) and what it covered.
   */
  readonly interrupted?: (() => boolean) | undefined;
  /**
   * Threads for the prove phase's breadth-first search, this one included (default 1). More need
   * `source` (how the explorer's helper threads load this instance: engine/project's
   * exploreSource); the result is the same, byte for byte, for any number of threads.
   */
  readonly proveWorkers?: number | undefined;
  readonly source?: InstanceSource | undefined;
}

/** Where Ctrl-C stopped a hunt, and what it had found by then. */
export interface Interruption {
  readonly phase: HuntProgress['phase'];
  /**
   * The prove phase's breadth-first search, when it was stopped there: states explored, and the
   * depth it had completed (no counterexample of at most that many steps exists).
   */
  readonly explored: { readonly states: number; readonly depth: number } | null;
  /**
   * A counterexample the search had found and not yet shrunk (stopped while shrinking): its run,
   * length and search path, which with the seed and strategy find it again (`--path`).
   */
  readonly unshrunk: {
    readonly property: string;
    readonly run: number;
    readonly steps: number;
    readonly path: string;
  } | null;
}

/** Executed steps per run when neither the hunt nor a manifest says. */
export const DEFAULT_MAX_STEPS = 50;

/** How many frontier states a `frontier` hunt's runs start from (each replayed once, its steps counted as work). */
export const FRONTIER_STARTS = 256;

export interface HuntProgress {
  readonly phase: 'prove' | 'search' | 'shrink' | 'shortest';
  readonly runs: number;
  readonly steps: number;
  /** Candidates tried in the shrink and shortest phases; states explored in the prove phase. */
  readonly candidates: number;
  /**
   * The share of the budget of work spent so far (0 to 1; prove and search phases), for an ETA;
   * null when no work budget applies (a budget in runs) or in the shrink and shortest phases.
   */
  readonly done: number | null;
  readonly ms: number;
}

export interface HuntResult {
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly target: string | null;
  readonly seed: number;
  readonly strategy: StrategyName;
  /** A counterexample (or, for a `sometimes` target, a witness) was found. */
  readonly found: boolean;
  readonly trace: Trace | null;
  /** Runs executed: up to the first failure, or all of them. */
  readonly runs: number;
  /** Work done: states explored breadth-first, plus steps sampled and replayed (deterministic, unlike `ms`). */
  readonly work: number;
  readonly ms: number;
  readonly interrupted: boolean;
  readonly coverage: Coverage;
  /** `sometimes` properties never reached: a green hunt with any of these proves little. */
  readonly unreached: readonly string[];
  /** Settled exhaustively (the reachable states fit the prove budget): "holds in all N states", not "none found in R runs". */
  readonly proof: Proof | null;
  /**
   * Nothing found, not proved: the depth to which the prove phase is sure that no counterexample
   * exists (null: it did not run, or it found something, or it proved).
   */
  readonly bounded: Bound | null;
  /** How far a hunt that found nothing is sure (core/outcome.ts): null when it found something, or was interrupted. */
  readonly scope: Scope | null;
  /** States the prove phase explored before it gave up and sampled (0 when it did not try). */
  readonly explored: number;
  /** Why the prove phase stopped short of every reachable state: its state budget, or the time budget (null: it did not, or did not run). */
  readonly proveCut: ProveCut;
  readonly maxSteps: number;
  /** What a reader of a green sampled hunt should know: runs far shorter than allowed, actions enabled but never taken. */
  readonly warnings: readonly string[];
  /** Present only when Ctrl-C stopped the hunt: then nothing is settled (found is false), whatever the phase. */
  readonly interruption?: Interruption;
}

export function hunt(inst: Instance, opts: HuntOptions): HuntResult {
  const started = Date.now();
  const strategy = opts.strategy ?? DEFAULT_STRATEGY;
  const maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
  const plan = planOf({ strategy, budget: opts.budget, runs: opts.runs, proveBudget: opts.proveBudget, maxSteps });
  const target = opts.target === undefined ? undefined : inst.property(opts.target);
  const coverage = new CoverageCounter(inst, target);
  const progress = throttled(opts.onProgress, started, coverage, plan.work);
  const base0 = {
    model: opts.modelRef ?? inst.model.name,
    variant: inst.variant,
    params: { ...inst.params },
    target: opts.target ?? null,
    seed: opts.seed,
    strategy,
    maxSteps,
    warnings: [] as string[],
  };
  const interrupted = opts.interrupted ?? (() => false);
  let explored = 0;
  /** Steps spent replaying the paths to the frontier, which sampling starts from. */
  let replayed = 0;
  // Stopped by Ctrl-C: nothing settled, only what was covered, and where it stopped.
  const stopped = (interruption: Interruption, runs: number): HuntResult => ({
    ...base0,
    coverage: coverage.value,
    found: false,
    trace: null,
    runs,
    work: explored + replayed + coverage.steps,
    ms: Date.now() - started,
    interrupted: true,
    unreached: [],
    proof: null,
    bounded: null,
    scope: null,
    explored,
    proveCut: null,
    interruption,
  });
  let proveCut: ProveCut = null;
  let bounded: Bound | null = null;
  let frontier: readonly (readonly Choice[])[] = [];
  /** Witnesses the breadth-first phase reached: a green hunt that reached them there is not vacuous. */
  let reachedBefore: readonly string[] = [];
  // A frontier hunt's runs start where its breadth-first phase stopped, so reproducing one (--path)
  // explores again; the other strategies' runs do not depend on it.
  if (opts.path !== undefined && CORPUS_STRATEGIES.includes(strategy))
    runOfPath(opts.path, { seed: opts.seed, strategy });
  if (plan.proveStates > 0 && (opts.path === undefined || strategy === 'frontier')) {
    const settled = prove(inst, {
      target: opts.target,
      budget: plan.proveStates,
      timeBudgetMs: opts.timeBudgetMs,
      modelRef: base0.model,
      frontier: strategy === 'frontier' ? FRONTIER_STARTS : 0,
      onProgress: (states) => progress('prove', states),
      interrupted,
      workers: opts.proveWorkers ?? 1,
      source: opts.source,
    });
    explored = settled.explored;
    if (settled.interrupted)
      return stopped(
        { phase: 'prove', explored: { states: explored, depth: settled.bound?.depth ?? 0 }, unshrunk: null },
        0,
      );
    if (settled.result && opts.path !== undefined)
      throw notAPath(
        opts.path,
        { seed: opts.seed, strategy },
        'its breadth-first phase settles it, with no run to reproduce',
      );
    if (settled.result)
      return {
        ...base0,
        ...settled.result,
        work: explored,
        bounded: null,
        scope: settled.result.proof ? 'proof' : null,
        coverage: coverage.value,
        ms: Date.now() - started,
      };
    proveCut = settled.cut;
    bounded = settled.bound;
    reachedBefore = settled.reached;
    const choices = inst.allChoices();
    frontier = settled.frontier.map((path) => path.map((k) => choices[k] as Choice));
    replayed = frontier.reduce((n, path) => n + path.length, 0);
  }

  // The time budget is the whole search's: sampling gets what the prove phase left (and one run at least).
  const timeBudgetMs =
    opts.timeBudgetMs === undefined ? undefined : Math.max(0, opts.timeBudgetMs - (Date.now() - started));
  const shouldStop = (run: number) => interrupted() || (opts.shouldStop?.(run) ?? false);
  const found = search(
    inst,
    {
      seed: opts.seed,
      runs: plan.runs,
      maxSteps,
      strategy,
      target,
      path: opts.path,
      timeBudgetMs,
      shouldStop,
      // Reproducing one run (--path) goes as far as that run, whatever budget found it.
      stepBudget: opts.path === undefined ? plan.work - explored - replayed : Infinity,
      lineages: Number.isFinite(plan.work),
      frontier,
    },
    coverage,
    () => progress('search', explored + replayed + coverage.steps),
  );
  const work = explored + replayed + coverage.steps;
  const base = {
    ...base0,
    coverage: coverage.value,
    proof: null,
    bounded: null,
    scope: null,
    explored,
    proveCut,
    work,
  };
  if (!found.found) {
    if (found.interrupted && interrupted())
      return stopped({ phase: 'search', explored: null, unshrunk: null }, found.runs);
    const unreached = coverage.unreached(target, reachedBefore);
    return {
      ...base,
      found: false,
      trace: null,
      runs: found.runs,
      ms: Date.now() - started,
      interrupted: found.interrupted,
      unreached,
      bounded,
      // Runs were sampled (one at least, however small the budget), so the scope is that of sampling.
      scope: 'sampled',
      warnings: warningsOf(base.coverage, maxSteps, strategy),
    };
  }

  opts.onFound?.(found.failingRun);
  const { property } = found.finding;
  let steps: readonly Choice[] = found.failing;
  let shrinks = 0;
  if (opts.shrink !== false) {
    const unshrunk = { property: property.name, run: found.failingRun, steps: found.failing.length, path: found.path };
    const shrunk = shrink(inst, property, found.failing, opts.seed, maxSteps, () => progress('shrink'), interrupted);
    if (interrupted()) return stopped({ phase: 'shrink', explored: null, unshrunk }, found.runs);
    shrinks = shrunk.shrinks;
    const budget = opts.shortestBudget ?? SHORTEST_BUDGET;
    const polished = () => progress('shortest');
    steps =
      budget > 0
        ? shortest(inst, property, shrunk.steps, budget, polished, interrupted)
        : minimize(inst, property, shrunk.steps, polished, interrupted);
    if (interrupted()) return stopped({ phase: 'shortest', explored: null, unshrunk }, found.runs);
  }

  // Record the result step by step, with descriptions and changes, probing determinism.
  const recorded = play(inst, steps, { target: property, record: true, probe: true, disabled: 'skip' });
  if (!recorded.finding)
    throw nondeterminism(
      inst,
      steps,
      property,
      `the shrunk counterexample did not fail when re-run (seed ${opts.seed})`,
    );
  const trace = traceOf(inst, base.model, recorded.finding, recorded.run, {
    by: 'hunt',
    seed: opts.seed,
    strategy,
    maxSteps,
    runs: found.failingRun,
    shrinks,
    path: found.path,
    ...(strategy === 'frontier' ? { prove: plan.proveStates } : {}),
  });
  verifyReplay(inst, trace, recorded.taken);
  return { ...base, found: true, trace, runs: found.runs, ms: Date.now() - started, interrupted: false, unreached: [] };
}

/** The warnings of a green sampled hunt (HuntResult.warnings). */
function warningsOf(c: Coverage, maxSteps: number, strategy: StrategyName): string[] {
  const out: string[] = [];
  const mean = c.runs > 0 ? c.steps / c.runs : 0;
  if (c.runs > 0 && mean < maxSteps / 10)
    out.push(
      `runs were short: ${mean.toFixed(1)} executed steps on average of ${maxSteps} allowed (most runs ended with nothing enabled)`,
    );
  if (c.neverTaken.length > 0)
    out.push(`enabled but never taken: ${c.neverTaken.join(', ')} (the search missed part of the model)`);
  const hog = monopoly(c);
  if (hog)
    out.push(
      `one action took most of the steps: ${hog.action} ×${hog.steps.toLocaleString('en-US')} of ${c.steps.toLocaleString('en-US')} (${Math.round((100 * hog.steps) / c.steps)} %)${ACTION_FIRST.includes(strategy) ? '' : '; --strategy rules or frontier choose an action first, then its arguments'}`,
    );
  return out;
}

/** The strategies that choose an action first, then its arguments (strategy.ts). */
const ACTION_FIRST: readonly StrategyName[] = ['rules', 'frontier'];

/**
 * An action that took more than half of a search's steps while others were taken too: a sampler
 * that weighs each (action, argument) pair alike lets an action with many arguments crowd out the
 * rest (issue #18: a send over every pair of nodes took 85 % of a hunt's steps, and it missed).
 */
export function monopoly(c: Coverage): { readonly action: string; readonly steps: number } | null {
  const taken = Object.entries(c.actions).filter(([, n]) => n > 0);
  const [action, steps] = taken.reduce((best, x) => (x[1] > best[1] ? x : best), ['', 0]);
  return taken.length >= 2 && steps * 2 > c.steps ? { action, steps } : null;
}

/**
 * The trace is played once more, as `racehunt replay` will play it, before it is reported: a step
 * that changes other fields the second time, or a run that no longer decides the property, is a
 * nondeterministic model, named, not a trace that silently fails to reproduce.
 */
function verifyReplay(inst: Instance, trace: Trace, taken: readonly Choice[]): void {
  const again = play(inst, taken, { target: inst.property(trace.property.name), record: true, disabled: 'stop' });
  const drift = again.run.recorded.findIndex(
    (s, i) => JSON.stringify(s.changes) !== JSON.stringify(trace.steps[i]?.changes),
  );
  if (drift >= 0) {
    const c = taken[drift] as Choice;
    throw new RacehuntError(
      'model-error',
      `${inst.culprit(c)} is nondeterministic: replaying the shrunk counterexample, step ${drift + 1} changed other fields than when it was recorded (a step must not read clocks, randomness or outside variables)`,
    );
  }
  if (again.finding?.message !== trace.message || again.run.steps !== trace.steps.length) {
    throw nondeterminism(
      inst,
      taken,
      inst.property(trace.property.name),
      `replaying the shrunk counterexample ${again.finding ? `gave "${again.finding.message}"` : 'did not decide the property'} where it recorded "${trace.message}"`,
    );
  }
}

/** The progress callback, at most about once a second, with what the phases have done so far. */
function throttled(
  onProgress: HuntOptions['onProgress'],
  started: number,
  coverage: CoverageCounter,
  work: number,
): (phase: HuntProgress['phase'], spent?: number) => void {
  let last = started;
  let candidates = 0;
  return (phase, spent = 0) => {
    if (phase === 'shrink' || phase === 'shortest') candidates++;
    if (phase === 'prove') candidates = spent;
    const now = Date.now();
    if (onProgress && now - last >= 1000) {
      last = now;
      const done =
        Number.isFinite(work) && (phase === 'prove' || phase === 'search') ? Math.min(1, spent / work) : null;
      onProgress({ phase, runs: coverage.runs, steps: coverage.steps, candidates, done, ms: now - started });
    }
  };
}
