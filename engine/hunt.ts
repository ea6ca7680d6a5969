/**
 * Hunting: a model becomes fast-check commands (one per action and argument, run only when its
 * guard allows), `fc.modelRun` drives them, and a property broken after any step makes fast-check
 * shrink the sequence. The recorded steps of the shrunk run are the trace.
 *
 * Two phases keep the time budget honest: the search stops at the first failure (its time budget
 * can cut it short), then the failure is replayed from its seed and path and shrunk without a time
 * limit, with only the property it broke checked, so shrinking cannot wander to another bug.
 */
import fc from 'fast-check';
import { RacehuntError } from './errors.ts';
import { arbitraryOf } from './domain.ts';
import type { Choice, Instance } from './instance.ts';
import type { AnyProperty } from './model.ts';
import { FindingError, Run, type Finding } from './run.ts';
import { makeTrace, type Trace } from './trace.ts';

export interface HuntOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  /** Stop searching after this many milliseconds (shrinking is not cut short). */
  readonly timeBudgetMs?: number | undefined;
  /** Hunt this property only; a `sometimes` property makes it a witness search. */
  readonly target?: string | undefined;
  /** Reproduce one reported run exactly: fast-check's path and the commands' replay path. */
  readonly path?: string | undefined;
  readonly replayPath?: string | undefined;
  /** How the model is named in the trace (registry name or module path). */
  readonly modelRef?: string | undefined;
  /** Called about once a second while hunting. */
  readonly onProgress?: ((p: HuntProgress) => void) | undefined;
}

export interface HuntProgress {
  readonly phase: 'search' | 'shrink';
  readonly runs: number;
  readonly steps: number;
  readonly ms: number;
}

/** What the search phase covered, so that a green hunt can be judged. */
export interface Coverage {
  readonly runs: number;
  readonly steps: number;
  /** How many times each action ran. */
  readonly actions: Readonly<Record<string, number>>;
  /** In how many runs each `sometimes` property was reached. */
  readonly reached: Readonly<Record<string, number>>;
}

export interface HuntResult {
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly target: string | null;
  readonly seed: number;
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
}

/** How many runs at the start of a hunt execute every step twice to catch nondeterministic models. */
const PROBED_RUNS = 5;

type Commands = Iterable<fc.Command<Run, object>>;

/** The part of fast-check's run details that a trace keeps. */
interface Shrunk {
  readonly counterexample: [Commands] | null;
  readonly counterexamplePath: string | null;
  readonly numShrinks: number;
}

/** A fast-check command wrapping one (action, argument) choice. */
class StepCommand implements fc.Command<Run, object> {
  constructor(
    readonly choice: Choice,
    private readonly onRun: (c: Choice) => void,
  ) {}
  check(run: Readonly<Run>): boolean {
    return (run as Run).enabled(this.choice);
  }
  run(run: Run): void {
    this.onRun(this.choice);
    run.step(this.choice);
  }
  toString(): string {
    const { action, arg } = this.choice;
    return arg === undefined ? action.name : `${action.name}(${JSON.stringify(arg)})`;
  }
}

export function hunt(inst: Instance, opts: HuntOptions): HuntResult {
  const started = Date.now();
  const initialTarget = opts.target === undefined ? undefined : inst.property(opts.target);
  const counting = { on: true, runs: 0, steps: 0, actions: {} as Record<string, number>, reached: {} as Record<string, number> };
  for (const a of inst.model.actions) counting.actions[a.name] = 0;
  for (const p of inst.model.properties) if (p.kind === 'sometimes') counting.reached[p.name] = 0;

  let lastProgress = started;
  const progress = (phase: HuntProgress['phase']) => {
    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= 1000) {
      lastProgress = now;
      opts.onProgress({ phase, runs: counting.runs, steps: counting.steps, ms: now - started });
    }
  };

  const onRun = (c: Choice) => {
    if (!counting.on) return;
    counting.steps++;
    counting.actions[c.action.name] = (counting.actions[c.action.name] ?? 0) + 1;
  };
  const commandArbs = inst.model.actions.flatMap((action) => {
    const d = action.domain(inst.ctx);
    if (d === undefined) return [fc.constant(new StepCommand({ action, arg: undefined }, onRun))];
    if (!d.arbitrary && (d.values ?? []).length === 0) return [];
    return [arbitraryOf(d).map((arg) => new StepCommand({ action, arg }, onRun))];
  });
  if (commandArbs.length === 0) throw new RacehuntError('bad-model', `model "${inst.model.name}": every action has an empty argument domain`);
  const commands = (replayPath?: string): fc.Arbitrary<Commands> => fc.commands<Run, object>(commandArbs, { maxCommands: opts.maxSteps, size: 'max', ...(replayPath ? { replayPath } : {}) });

  /** One run of the model: the fast-check predicate. Throws FindingError on a finding. */
  const predicate = (target: AnyProperty | undefined) => (cmds: Commands) => {
    const probe = counting.on && counting.runs < PROBED_RUNS;
    const run = new Run(inst, { target, probe });
    try {
      fc.modelRun(() => ({ model: run, real: {} }), cmds);
      run.finish();
    } finally {
      if (counting.on) {
        counting.runs++;
        for (const r of run.reached) counting.reached[r] = (counting.reached[r] ?? 0) + 1;
      }
      progress(counting.on ? 'search' : 'shrink');
    }
  };

  // Phase 1: search, stopping at the first failure.
  const reproducing = opts.path !== undefined;
  const search = fc.check(fc.property(commands(opts.replayPath), predicate(initialTarget)), {
    seed: opts.seed,
    numRuns: opts.runs,
    endOnFailure: true,
    ...(reproducing ? { path: opts.path } : {}),
    ...(opts.timeBudgetMs !== undefined ? { plugins: [fc.interruptAfterTimeLimit(opts.timeBudgetMs)] } : {}),
  });
  counting.on = false;
  const coverage: Coverage = { runs: counting.runs, steps: counting.steps, actions: counting.actions, reached: counting.reached };
  const unreached = Object.entries(counting.reached)
    .filter(([name, n]) => n === 0 && (initialTarget?.kind !== 'sometimes' || initialTarget.name === name))
    .map(([name]) => name);
  const base = {
    model: opts.modelRef ?? inst.model.name,
    variant: inst.variant,
    params: { ...inst.params },
    target: opts.target ?? null,
    seed: opts.seed,
  };
  if (!search.failed) {
    return { ...base, found: false, trace: null, runs: search.numRuns, ms: Date.now() - started, interrupted: search.interrupted, coverage, unreached };
  }
  const first = findingOf(search.errorInstance, inst, opts.seed);

  // Phase 2: replay the failing run and shrink it, checking only the property it broke.
  let shrunk: Shrunk = { counterexample: search.counterexample as [Commands] | null, counterexamplePath: search.counterexamplePath, numShrinks: search.numShrinks };
  if (!reproducing) {
    const again = fc.check(fc.property(commands(), predicate(first.property)), { seed: opts.seed, path: search.counterexamplePath ?? undefined });
    if (!again.failed) throw new RacehuntError('model-error', `model "${inst.model.name}": a failing run passed when replayed (seed ${opts.seed}); the model is nondeterministic`);
    findingOf(again.errorInstance, inst, opts.seed);
    shrunk = { counterexample: again.counterexample as [Commands] | null, counterexamplePath: again.counterexamplePath, numShrinks: again.numShrinks };
  }
  const cmds = shrunk.counterexample?.[0];
  if (!cmds) throw new Error('fast-check reported a failure without a counterexample');
  const replayPath = /replayPath="([^"]*)"/.exec(String(cmds))?.[1] ?? opts.replayPath ?? '';

  // Record the shrunk run step by step, with descriptions and changes, probing determinism.
  const rec = new Run(inst, { target: first.property, record: true, probe: true });
  const initial = rec.state;
  let finding: Finding | undefined;
  try {
    // Iterating fast-check's commands yields its wrappers, which forward check and run.
    for (const c of cmds) if (c.check(rec)) c.run(rec, {});
    rec.finish();
  } catch (e) {
    if (!(e instanceof FindingError)) throw e;
    finding = e.finding;
  }
  if (!finding) throw new RacehuntError('model-error', `model "${inst.model.name}": the shrunk counterexample did not fail when re-run (seed ${opts.seed}); the model is nondeterministic`);

  const trace = makeTrace(inst, base.model, finding, rec.recorded, initial, {
    by: 'hunt',
    seed: opts.seed,
    strategy: 'uniform',
    maxSteps: opts.maxSteps,
    runs: search.numRuns,
    shrinks: shrunk.numShrinks,
    path: shrunk.counterexamplePath ?? '',
    replayPath,
  });
  return { ...base, found: true, trace, runs: search.numRuns, ms: Date.now() - started, interrupted: false, coverage, unreached: [] };
}

/** The finding behind a fast-check failure; anything else is a model or engine error to surface. */
function findingOf(error: unknown, inst: Instance, seed: number): Finding {
  if (error instanceof FindingError) return error.finding;
  if (error instanceof RacehuntError) throw new RacehuntError(error.kind, `${error.message} (hunt seed ${seed})`);
  throw new RacehuntError('model-error', `model "${inst.model.name}": unexpected error while hunting (seed ${seed}): ${error instanceof Error ? error.message : String(error)}`);
}
