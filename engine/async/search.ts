/**
 * `schedule`: search a system's schedules for a finding, shrink it, and return it as a trace; or,
 * given a path, run exactly that schedule. The search is a fast-check property over what the
 * strategy draws for each run, so a seed fixes the whole search; the first runs are executed twice
 * to catch code that is nondeterministic under a fixed schedule. When nothing is found, the result
 * says what the search covered.
 */
import fc from 'fast-check';
import { RacehuntError, messageOf } from '../core/errors.ts';
import type { CodeStrategy } from '../core/strategies.ts';
import { RunCounter, type RunCounts } from '../hunt/coverage.ts';
import type { Interruption } from '../hunt/hunt.ts';
import { DEFAULT_SEED } from '../project/manifest.ts';
import type { Trace } from '../core/trace.ts';
import { Judge, type AsyncFinding } from './checks.ts';
import { hashPlain, stableKey, toJson } from './data.ts';
import { runOnce, type RunRecord } from './harness.ts';
import { decodePath, encodePath, type Turn } from './path.ts';
import { exactly } from './replay.ts';
import { executed, preemptions, shrinkSchedule } from './shrink.ts';
import { strategyNamed, type Chooser } from './strategies.ts';
import type { System } from './system.ts';
import { scheduleTrace, type ScheduleProvenance } from './trace.ts';

export interface ScheduleOptions {
  readonly variant: string;
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  /** How schedules are chosen (core/strategies.ts; default auto, which is delay for code). */
  readonly strategy?: CodeStrategy | undefined;
  /** Look only for this finding: a model property, an invariant, or conforms-to-model, no-unhandled-rejection, no-deadlock, settles. */
  readonly target?: string | undefined;
  readonly params?: Readonly<Record<string, number>> | undefined;
  /** Check no-deadlock (default true), as HuntOptions' instance does (`configure(…, { deadlock })`). */
  readonly deadlock?: boolean | undefined;
  /** Run exactly this schedule (a trace's path) instead of searching. */
  readonly path?: string | undefined;
  /** Shrink what is found (default true). */
  readonly shrink?: boolean | undefined;
  /** Candidate runs the removal and preemption passes may spend after fast-check's shrink (default 3,000). */
  readonly shrinkBudget?: number | undefined;
  /** How traces name the system: the path of its module (default: its name), as HuntOptions.modelRef names a model. */
  readonly modelRef?: string | undefined;
  /** Called about once a second. */
  readonly onProgress?:
    | ((p: {
        readonly phase: 'search' | 'shrink';
        readonly runs: number;
        readonly steps: number;
        readonly ms: number;
      }) => void)
    | undefined;
  /** Ctrl-C (core/interrupt.ts): asked before each run; true stops the search there (ScheduleResult.interruption). */
  readonly interrupted?: (() => boolean) | undefined;
}

/** What every search counts (runs, steps, distinct observed states, each operation as an action, sometimes reached), and what code adds. */
export interface ScheduleCoverage extends RunCounts {
  /** How runs ended: settled (every task finished), max-steps, deadlock, stopped, finding. */
  readonly ends: Readonly<Record<string, number>>;
  /** How often each model action was matched (when conformance is checked). */
  readonly modelSteps: Readonly<Record<string, number>>;
  /** Steps that switched away from a task that could still go. */
  readonly preemptions: number;
}

export interface ScheduleResult {
  readonly system: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly target: string | null;
  readonly seed: number;
  /** The strategy that drew the schedules (auto resolved: delay). */
  readonly strategy: string;
  readonly found: boolean;
  readonly trace: Trace | null;
  /** Runs executed: up to the first finding, or all of them. */
  readonly runs: number;
  readonly ms: number;
  readonly coverage: ScheduleCoverage;
  /** `sometimes` properties never reached: a green run with any of these proves little. */
  readonly unreached: readonly string[];
  /**
   * Present only when Ctrl-C stopped the search (then nothing is found): the phase, and while
   * shrinking, the schedule that failed (its run, property and length, as found), as a hunt's.
   */
  readonly interruption?: {
    readonly phase: 'search' | 'shrink';
    readonly unshrunk: Interruption['unshrunk'];
  };
}

const PROBED_RUNS = 3;

/** A schedule search's budget unless told otherwise: the command line's and the vitest helpers'. */
export const SCHEDULE_BUDGET = { seed: DEFAULT_SEED, runs: 200, maxSteps: 300 } as const;
const SHRINK_BUDGET = 3000;

class Found extends Error {
  constructor(readonly finding: AsyncFinding) {
    super(`${finding.property.name}: ${finding.message}`);
  }
}

/** Thrown out of a run to end a search that Ctrl-C stopped (not a finding). */
class Interrupted extends Error {}

export async function schedule(system: System, opts: ScheduleOptions): Promise<ScheduleResult> {
  const started = Date.now();
  const judge = new Judge(system, opts.variant, opts.params ?? {}, opts.target, opts.deadlock);
  const params = judge.inst ? { ...judge.inst.params } : {};
  const strategy = strategyNamed(opts.strategy);
  if (Object.hasOwn(opts, 'ref'))
    throw new RacehuntError('usage', 'schedule: the option "ref" was renamed: use "modelRef" (as hunt\'s)');
  const ref = opts.modelRef ?? system.name;
  const execute = (chooser: Chooser, describing = false) =>
    runOnce({
      system,
      variant: opts.variant,
      params,
      judge,
      chooser,
      maxSteps: opts.maxSteps,
      describing,
      validate: describing || cov.runs < PROBED_RUNS,
    });
  const cov = new Tally(judge);
  let last = started;
  const progress = (phase: 'search' | 'shrink') => {
    const now = Date.now();
    if (opts.onProgress && now - last >= 1000) {
      last = now;
      opts.onProgress({ phase, runs: cov.runs, steps: cov.steps, ms: now - started });
    }
  };
  const base = {
    system: system.name,
    variant: opts.variant,
    params,
    target: judge.target?.name ?? null,
    seed: opts.seed,
    strategy: strategy.name,
  };
  const provenance = (runs: number, shrinks: number, choices: readonly Turn[]): ScheduleProvenance => ({
    by: 'schedule',
    seed: opts.seed,
    strategy: strategy.name,
    maxSteps: opts.maxSteps,
    runs,
    shrinks,
    path: encodePath(choices),
  });

  // A given schedule: run it exactly, twice (the same schedule must give the same run).
  if (opts.path !== undefined) {
    const choices = decodePath(opts.path, opts.maxSteps);
    const rec = await recordTwice(system, opts.variant, choices, execute);
    cov.add(rec);
    const finding = rec.end.kind === 'finding' ? rec.end.finding : null;
    const trace = finding
      ? scheduleTrace(system, ref, opts.variant, params, rec, finding, provenance(1, 0, choices))
      : null;
    return {
      ...base,
      found: finding !== null,
      trace,
      runs: 1,
      ms: Date.now() - started,
      coverage: cov.done(),
      unreached: finding ? [] : cov.unreached(judge.target),
    };
  }

  const interrupted = opts.interrupted ?? (() => false);
  const stopped = (interruption: NonNullable<ScheduleResult['interruption']>): ScheduleResult => ({
    ...base,
    found: false,
    trace: null,
    runs: cov.runs,
    ms: Date.now() - started,
    coverage: cov.done(),
    unreached: [],
    interruption,
  });
  const stash: { failing: RunRecord | null; probed: number } = { failing: null, probed: 0 };
  const shape = { maxSteps: opts.maxSteps };
  const search = await fc.check(
    fc.asyncProperty(strategy.draw(shape), async (drawn) => {
      if (interrupted()) throw new Interrupted();
      const rec = await execute(strategy.chooser(drawn, shape));
      cov.add(rec);
      progress('search');
      if (stash.probed < PROBED_RUNS) {
        stash.probed++;
        await sameAgain(system, opts.variant, rec, executed(rec), execute);
      }
      if (rec.end.kind === 'finding') {
        stash.failing = rec;
        throw new Found(rec.end.finding);
      }
    }),
    { seed: opts.seed, numRuns: opts.runs, endOnFailure: true },
  );
  if (search.errorInstance instanceof Interrupted) return stopped({ phase: 'search', unshrunk: null });
  const coverage = cov.done();
  if (!search.failed)
    return {
      ...base,
      found: false,
      trace: null,
      runs: search.numRuns,
      ms: Date.now() - started,
      coverage,
      unreached: cov.unreached(judge.target),
    };
  if (!(search.errorInstance instanceof Found)) {
    if (search.errorInstance instanceof RacehuntError) throw search.errorInstance;
    throw new RacehuntError(
      'model-error',
      `system "${system.name}": unexpected error while scheduling (seed ${opts.seed}): ${messageOf(search.errorInstance)}`,
    );
  }
  const failing = stash.failing!;
  const claim = search.errorInstance.finding.property.name;
  const failingRun = Number((search.counterexamplePath ?? '0').split(':')[0]) + 1;

  let shrunk: { choices: Turn[]; shrinks: number };
  try {
    shrunk =
      opts.shrink === false
        ? { choices: executed(failing), shrinks: 0 }
        : await shrinkSchedule(
            (chooser) => {
              if (interrupted()) throw new Interrupted();
              progress('shrink');
              return execute(chooser);
            },
            failing,
            claim,
            opts.shrinkBudget ?? SHRINK_BUDGET,
          );
  } catch (e) {
    if (e instanceof Interrupted)
      return stopped({
        phase: 'shrink',
        unshrunk: {
          property: claim,
          run: failingRun,
          steps: executed(failing).length,
          path: encodePath(executed(failing)),
        },
      });
    throw e;
  }
  const rec = await recordTwice(system, opts.variant, shrunk.choices, execute);
  if (rec.end.kind !== 'finding' || rec.end.finding.property.name !== claim)
    throw new RacehuntError(
      'model-error',
      `system "${system.name}" (${opts.variant}): the shrunk schedule no longer fails when re-run (seed ${opts.seed}); the code is nondeterministic`,
    );
  const trace = scheduleTrace(
    system,
    ref,
    opts.variant,
    params,
    rec,
    rec.end.finding,
    provenance(failingRun, shrunk.shrinks, shrunk.choices),
  );
  return { ...base, found: true, trace, runs: failingRun, ms: Date.now() - started, coverage, unreached: [] };
}

/** Run a schedule exactly, describing each step, twice; both runs must agree step for step. */
async function recordTwice(
  system: System,
  variant: string,
  choices: readonly Turn[],
  execute: (c: Chooser, describing?: boolean) => Promise<RunRecord>,
): Promise<RunRecord> {
  const chooser = exactly(choices);
  const rec = await execute(chooser, true);
  if (chooser.diverged !== null) {
    const s = chooser.diverged - 1;
    throw new RacehuntError(
      'usage',
      `the schedule does not fit system "${system.name}" (${variant}): at step ${chooser.diverged} it names lane ${choices[s]?.lane}${choices[s]?.k ? `:${choices[s]?.k}` : ''}, which has no enabled operation (tasks: ${rec.tasks.map((t, i) => `${i} ${t}`).join(', ')})`,
    );
  }
  await sameAgain(system, variant, rec, choices, (c) => execute(c, true));
  return rec;
}

/** The same schedule twice must give the same run: same operations, arguments, results and states. */
async function sameAgain(
  system: System,
  variant: string,
  first: RunRecord,
  choices: readonly Turn[],
  execute: (c: Chooser) => Promise<RunRecord>,
): Promise<void> {
  const chooser = exactly(choices);
  const again = await execute(chooser);
  const a = fingerprints(first);
  const b = fingerprints(again);
  const n = Math.min(choices.length, Math.max(a.length, b.length));
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    const cut = (s: string | undefined) => (s === undefined ? 'no step' : s.length > 140 ? `${s.slice(0, 139)}…` : s);
    throw new RacehuntError(
      'model-error',
      `system "${system.name}" (${variant}) is nondeterministic under a fixed schedule: run twice, step ${i + 1} was ${cut(a[i])} and then ${cut(b[i])} (the code must not read real time, randomness or state left over from another run)`,
    );
  }
  const ends = [first.end, again.end].map((e) =>
    e.kind === 'finding' ? `${e.finding.property.name} at ${e.finding.atStep}` : e.kind,
  );
  if (ends[0] !== ends[1] && first.steps.length <= choices.length)
    throw new RacehuntError(
      'model-error',
      `system "${system.name}" (${variant}) is nondeterministic under a fixed schedule: run twice, it ended with ${ends[0]} and then ${ends[1]}`,
    );
}

function fingerprints(rec: RunRecord): string[] {
  return rec.steps.map((s) => {
    const out = s.outcome.ok
      ? s.outcome.value === undefined
        ? 'done'
        : stableKey(toJson(s.outcome.value))
      : `✗ ${messageOf(s.outcome.error)}`;
    return `${s.op.task}: ${s.op.label}(${s.op.args.map((a) => stableKey(toJson(a))).join(', ')}) → ${out}, then ${JSON.stringify(s.state)}`;
  });
}

/** Coverage of a search, added up run by run: what every search counts (hunt/coverage.ts), and what code adds. */
class Tally extends RunCounter {
  private pre = 0;
  private readonly ends: Record<string, number> = { settled: 0, 'max-steps': 0, deadlock: 0, stopped: 0, finding: 0 };
  private readonly modelSteps: Record<string, number> = {};
  private readonly states = new Set<number>();

  constructor(judge: Judge) {
    super(
      [],
      judge.witnesses.map((w) => w.name),
    );
  }

  add(rec: RunRecord): void {
    this.countRun(
      rec.steps.map((s) => s.op.label),
      rec.reached,
    );
    this.pre += preemptions(rec);
    this.ends[rec.end.kind] = (this.ends[rec.end.kind] ?? 0) + 1;
    for (const s of rec.steps) {
      if (s.model && s.model !== 'stutter')
        this.modelSteps[s.model.action] = (this.modelSteps[s.model.action] ?? 0) + 1;
      this.states.add(hashPlain(s.state));
    }
  }

  done(): ScheduleCoverage {
    return { ...this.counts(this.states.size), ends: this.ends, modelSteps: this.modelSteps, preemptions: this.pre };
  }
}
