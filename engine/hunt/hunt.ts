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
import { nondeterminism } from '../core/nondeterminism.ts';
import { play, traceOf } from '../core/play.ts';
import type { Trace } from '../core/trace.ts';
import { CoverageCounter, type Coverage } from './coverage.ts';
import { explore } from '../explore/explore.ts';
import { SHORTEST_BUDGET, minimize, shortest } from './polish.ts';
import { search } from './search.ts';
import { shrink } from './shrink.ts';
import { DEFAULT_STRATEGY, type StrategyName } from './strategy.ts';

export type { Coverage } from './coverage.ts';

export interface HuntOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  /** How runs are scheduled (default: mix). */
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
   * fit is settled there (a proof, or the shortest counterexample). Default: DEFAULT_PROVE_BUDGET
   * for the `auto` strategy, 0 (sample only) for the others.
   */
  readonly proveBudget?: number | undefined;
  /**
   * Ctrl-C (core/interrupt.ts): asked at the safe points of every phase (before each run, every 256
   * states, between shrink candidates); true stops the hunt there, and its result says where
   * (HuntResult.interruption) and what it covered.
   */
  readonly interrupted?: (() => boolean) | undefined;
}

/** Where Ctrl-C stopped a hunt, and what it had found by then. */
export interface Interruption {
  readonly phase: HuntProgress['phase'];
  /** The prove phase's breadth-first search, when it was stopped there: states explored, and depth. */
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

export type ProveCut = 'prove-budget' | 'time-budget' | null;

/** The states `auto` explores before it samples: a second or two on these machines. */
export const DEFAULT_PROVE_BUDGET = 50_000;

/** A hunt that settled its model exhaustively: every reachable state, none breaking the property. */
export interface Proof {
  readonly states: number;
  /** States were counted up to the model's symmetry. */
  readonly symmetry: boolean;
}

export interface HuntProgress {
  readonly phase: 'prove' | 'search' | 'shrink' | 'shortest';
  readonly runs: number;
  readonly steps: number;
  /** Candidates tried in the shrink and shortest phases; states explored in the prove phase. */
  readonly candidates: number;
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
  readonly ms: number;
  readonly interrupted: boolean;
  readonly coverage: Coverage;
  /** `sometimes` properties never reached: a green hunt with any of these proves little. */
  readonly unreached: readonly string[];
  /** Settled exhaustively (the reachable states fit the prove budget): "holds in all N states", not "none found in R runs". */
  readonly proof: Proof | null;
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
  const target = opts.target === undefined ? undefined : inst.property(opts.target);
  const coverage = new CoverageCounter(inst, target);
  const progress = throttled(opts.onProgress, started, coverage);
  const base0 = {
    model: opts.modelRef ?? inst.model.name,
    variant: inst.variant,
    params: { ...inst.params },
    target: opts.target ?? null,
    seed: opts.seed,
    strategy,
    maxSteps: opts.maxSteps,
    warnings: [] as string[],
  };

  const proveBudget = opts.proveBudget ?? (strategy === 'auto' ? DEFAULT_PROVE_BUDGET : 0);
  if (!Number.isSafeInteger(proveBudget) || proveBudget < 0)
    throw new RacehuntError('usage', `the prove budget must be a whole number of states ≥ 0, got ${proveBudget}`);
  const interrupted = opts.interrupted ?? (() => false);
  // Stopped by Ctrl-C: nothing settled, only what was covered, and where it stopped.
  const stopped = (interruption: Interruption, runs: number, explored: number): HuntResult => ({
    ...base0,
    coverage: coverage.value,
    found: false,
    trace: null,
    runs,
    ms: Date.now() - started,
    interrupted: true,
    unreached: [],
    proof: null,
    explored,
    proveCut: null,
    interruption,
  });
  let explored = 0;
  let proveCut: ProveCut = null;
  if (proveBudget > 0 && opts.path === undefined) {
    const settled = prove(
      inst,
      opts.target,
      proveBudget,
      opts.timeBudgetMs,
      base0.model,
      (states) => progress('prove', states),
      interrupted,
    );
    if (settled.interrupted)
      return stopped(
        { phase: 'prove', explored: { states: settled.explored, depth: settled.depth }, unshrunk: null },
        0,
        settled.explored,
      );
    if (settled.result) return { ...base0, ...settled.result, coverage: coverage.value, ms: Date.now() - started };
    explored = settled.explored;
    proveCut = settled.cut;
  }

  // The time budget is the whole search's: sampling gets what the prove phase left (and one run at least).
  const timeBudgetMs =
    opts.timeBudgetMs === undefined ? undefined : Math.max(0, opts.timeBudgetMs - (Date.now() - started));
  const shouldStop = (run: number) => interrupted() || (opts.shouldStop?.(run) ?? false);
  const found = search(
    inst,
    {
      seed: opts.seed,
      runs: opts.runs,
      maxSteps: opts.maxSteps,
      strategy,
      target,
      path: opts.path,
      timeBudgetMs,
      shouldStop,
    },
    coverage,
    () => progress('search'),
  );
  const base = { ...base0, coverage: coverage.value, proof: null, explored, proveCut };
  if (!found.found) {
    if (found.interrupted && interrupted())
      return stopped({ phase: 'search', explored: null, unshrunk: null }, found.runs, explored);
    const unreached = Object.entries(coverage.value.reached)
      .filter(([name, n]) => n === 0 && (target?.kind !== 'sometimes' || target.name === name))
      .map(([name]) => name);
    return {
      ...base,
      found: false,
      trace: null,
      runs: found.runs,
      ms: Date.now() - started,
      interrupted: found.interrupted,
      unreached,
      warnings: warningsOf(base.coverage, opts.maxSteps),
    };
  }

  opts.onFound?.(found.failingRun);
  const { property } = found.finding;
  let steps: readonly Choice[] = found.failing;
  let shrinks = 0;
  if (opts.shrink !== false) {
    const unshrunk = { property: property.name, run: found.failingRun, steps: found.failing.length, path: found.path };
    const shrunk = shrink(
      inst,
      property,
      found.failing,
      opts.seed,
      opts.maxSteps,
      () => progress('shrink'),
      interrupted,
    );
    if (interrupted()) return stopped({ phase: 'shrink', explored: null, unshrunk }, found.runs, explored);
    shrinks = shrunk.shrinks;
    const budget = opts.shortestBudget ?? SHORTEST_BUDGET;
    const polished = () => progress('shortest');
    steps =
      budget > 0
        ? shortest(inst, property, shrunk.steps, budget, polished, interrupted)
        : minimize(inst, property, shrunk.steps, polished, interrupted);
    if (interrupted()) return stopped({ phase: 'shortest', explored: null, unshrunk }, found.runs, explored);
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
    maxSteps: opts.maxSteps,
    runs: found.failingRun,
    shrinks,
    path: found.path,
  });
  verifyReplay(inst, trace, recorded.taken);
  return { ...base, found: true, trace, runs: found.runs, ms: Date.now() - started, interrupted: false, unreached: [] };
}

/** The warnings of a green sampled hunt (HuntResult.warnings). */
function warningsOf(c: Coverage, maxSteps: number): string[] {
  const out: string[] = [];
  const mean = c.runs > 0 ? c.steps / c.runs : 0;
  if (c.runs > 0 && mean < maxSteps / 10)
    out.push(
      `runs were short: ${mean.toFixed(1)} executed steps on average of ${maxSteps} allowed (most runs ended with nothing enabled)`,
    );
  if (c.neverTaken.length > 0)
    out.push(`enabled but never taken: ${c.neverTaken.join(', ')} (the search missed part of the model)`);
  return out;
}

type Settled = Pick<
  HuntResult,
  'found' | 'trace' | 'runs' | 'interrupted' | 'unreached' | 'proof' | 'explored' | 'proveCut'
>;

/**
 * The prove phase: breadth-first up to the budget. Settled when the search decided the property
 * (the shortest counterexample or witness there is) or explored every reachable state (a proof);
 * else the hunt samples, and says how far this phase got.
 */
function prove(
  inst: Instance,
  target: string | undefined,
  budget: number,
  timeBudgetMs: number | undefined,
  modelRef: string,
  onProgress: (states: number) => void,
  interrupted: () => boolean,
): { result: Settled | null; explored: number; depth: number; cut: ProveCut; interrupted: boolean } {
  const r = explore(inst, {
    target,
    maxStates: budget,
    timeBudgetMs,
    modelRef,
    onProgress: (p) => onProgress(p.states),
    interrupted,
  });
  const cut: ProveCut = r.cut === 'time-budget' ? 'time-budget' : r.complete ? null : 'prove-budget';
  const out = { explored: r.states, depth: r.depth, cut, interrupted: r.cut === 'interrupted' };
  if (out.interrupted) return { ...out, result: null };
  const asked = target === undefined ? r.properties.filter((p) => p.kind !== 'sometimes') : r.properties.slice(0, 1);
  const decided = asked.find((p) => p.outcome === 'counterexample' || p.outcome === 'reached');
  if (decided?.trace)
    return {
      ...out,
      result: {
        found: true,
        trace: decided.trace,
        runs: 0,
        interrupted: false,
        unreached: [],
        proof: null,
        explored: r.states,
        proveCut: cut,
      },
    };
  if (!r.complete) return { ...out, result: null };
  const unreached = r.properties.filter((p) => p.outcome === 'unreached').map((p) => p.name);
  return {
    ...out,
    result: {
      found: false,
      trace: null,
      runs: 0,
      interrupted: false,
      unreached,
      proof: { states: r.states, symmetry: r.symmetry },
      explored: r.states,
      proveCut: null,
    },
  };
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
): (phase: HuntProgress['phase'], states?: number) => void {
  let last = started;
  let candidates = 0;
  return (phase, states = 0) => {
    if (phase === 'shrink' || phase === 'shortest') candidates++;
    if (phase === 'prove') candidates = states;
    const now = Date.now();
    if (onProgress && now - last >= 1000) {
      last = now;
      onProgress({ phase, runs: coverage.runs, steps: coverage.steps, candidates, ms: now - started });
    }
  };
}
