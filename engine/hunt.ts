/**
 * Hunting: a model becomes fast-check runs, every property is checked after every step, and a
 * failing run is shrunk to a minimal trace.
 *
 * Two phases keep budgets honest and traces minimal:
 * 1. Search. Each run is drawn by a scheduling strategy (engine/strategy.ts; `uniform` is fast-check's
 *    `fc.commands` + `fc.modelRun`, one command per action and argument, run only when its guard
 *    allows). The search stops at the first failure; a time budget may cut it short.
 * 2. Shrink. The steps the failing run executed are handed to fast-check as an example of a plain
 *    sequence of (action, argument) choices, and fast-check shrinks it with only the property that
 *    broke checked, so shrinking cannot wander to another bug and is never cut by the clock.
 * Both phases are seeded, so seed + strategy + the search's path reproduce the trace byte for byte.
 */
import fc from 'fast-check';
import type { Domain } from './domain.ts';
import { RacehuntError } from './errors.ts';
import type { Choice, Instance } from './instance.ts';
import type { AnyProperty } from './model.ts';
import { FindingError, Run, type Finding } from './run.ts';
import { SHORTEST_BUDGET, minimize, shortest } from './minimize.ts';
import { DEFAULT_STRATEGY, scheduleArbitrary, scheduler, type Schedule, type StrategyName } from './strategy.ts';
import { makeTrace, type Trace } from './trace.ts';

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
   * most this many states (default engine/minimize.ts SHORTEST_BUDGET); 0 only removes single steps
   * and pairs of steps.
   */
  readonly shortestBudget?: number | undefined;
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
}

/** How many runs at the start of a hunt execute every step twice to catch nondeterministic models. */
const PROBED_RUNS = 5;

/** The model object fc.modelRun threads through the commands: the run and the steps it executed. */
interface Box {
  readonly run: Run;
  readonly executed: Choice[];
}

/** A fast-check command wrapping one (action, argument) choice. */
class StepCommand implements fc.Command<Box, object> {
  constructor(readonly choice: Choice) {}
  check(box: Readonly<Box>): boolean {
    return box.run.enabled(this.choice);
  }
  run(box: Box): void {
    box.executed.push(this.choice);
    box.run.step(this.choice);
  }
  toString(): string {
    const { action, arg } = this.choice;
    return arg === undefined ? action.name : `${action.name}(${JSON.stringify(arg)})`;
  }
}

type Commands = Iterable<fc.Command<Box, object>>;

export function hunt(inst: Instance, opts: HuntOptions): HuntResult {
  const started = Date.now();
  const strategy = opts.strategy ?? DEFAULT_STRATEGY;
  const initialTarget = opts.target === undefined ? undefined : inst.property(opts.target);
  const choices = inst.allChoices();
  const counting = { on: true, runs: 0, steps: 0, actions: {} as Record<string, number>, reached: {} as Record<string, number> };
  for (const a of inst.model.actions) counting.actions[a.name] = 0;
  for (const p of inst.model.properties) if (p.kind === 'sometimes' && (p === initialTarget || p.applies(inst.ctx))) counting.reached[p.name] = 0;

  let lastProgress = started;
  const progress = (phase: HuntProgress['phase']) => {
    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= 1000) {
      lastProgress = now;
      opts.onProgress({ phase, runs: counting.runs, steps: counting.steps, ms: now - started });
    }
  };

  /** The steps of the last run that found something (the failing run, once a phase ends). */
  const last: { failing: Choice[] } = { failing: [] };
  /** Run one sequence of steps (drawn by a strategy, or a candidate shrink) and check properties. */
  const execute = (target: AnyProperty | undefined, play: (box: Box) => void): void => {
    const probe = counting.on && counting.runs < PROBED_RUNS;
    const box: Box = { run: new Run(inst, { target, probe }), executed: [] };
    try {
      play(box);
      box.run.finish();
    } catch (e) {
      if (e instanceof FindingError) last.failing = box.executed;
      throw e;
    } finally {
      if (counting.on) {
        counting.runs++;
        counting.steps += box.executed.length;
        for (const c of box.executed) counting.actions[c.action.name] = (counting.actions[c.action.name] ?? 0) + 1;
        for (const r of box.run.reached) counting.reached[r] = (counting.reached[r] ?? 0) + 1;
      }
      progress(counting.on ? 'search' : 'shrink');
    }
  };

  // Phase 1: search, stopping at the first failure.
  const commands = commandsArbitrary(inst, opts.maxSteps);
  const schedules = scheduleArbitrary({ strategy, inst, maxSteps: opts.maxSteps, commands });
  const search = fc.check(
    fc.property(schedules, (schedule: Schedule<Commands>) => {
      execute(initialTarget, (box) => play(inst, schedule, box, opts.maxSteps));
    }),
    {
      seed: opts.seed,
      numRuns: opts.runs,
      endOnFailure: true,
      ...(opts.path !== undefined ? { path: opts.path } : {}),
      ...(opts.timeBudgetMs !== undefined ? { plugins: [fc.interruptAfterTimeLimit(opts.timeBudgetMs)] } : {}),
    },
  );
  counting.on = false;
  const coverage: Coverage = { runs: counting.runs, steps: counting.steps, actions: counting.actions, reached: counting.reached };
  const base = { model: opts.modelRef ?? inst.model.name, variant: inst.variant, params: { ...inst.params }, target: opts.target ?? null, seed: opts.seed, strategy };
  if (!search.failed) {
    const unreached = Object.entries(counting.reached)
      .filter(([name, n]) => n === 0 && (initialTarget?.kind !== 'sometimes' || initialTarget.name === name))
      .map(([name]) => name);
    return { ...base, found: false, trace: null, runs: search.numRuns, ms: Date.now() - started, interrupted: search.interrupted, coverage, unreached };
  }
  const first = findingOf(search.errorInstance, inst, opts.seed);
  const searchPath = search.counterexamplePath ?? '';
  // Which run of the seed's stream failed (1-based): the path's first segment, also when reproducing.
  const failingRun = Number(searchPath.split(':')[0] ?? 0) + 1;

  // Phase 2: shrink the executed steps as a plain sequence, checking only the property that broke.
  const shrunk =
    opts.shrink === false
      ? { steps: last.failing, shrinks: 0 }
      : shrinkSequence(inst, choices, last.failing, first.property, opts.seed, opts.maxSteps, execute);
  // fast-check's shrinker only removes steps and simplifies arguments, so it keeps the story it was
  // given; a final pass removes pairs of steps and looks for a shorter story (docs/exhaustive.md).
  const budget = opts.shortestBudget ?? SHORTEST_BUDGET;
  const steps = opts.shrink === false ? shrunk.steps : budget > 0 ? shortest(inst, first.property, shrunk.steps, budget) : minimize(inst, first.property, shrunk.steps);
  const { shrinks } = shrunk;

  // Record the shrunk run step by step, with descriptions and changes, probing determinism.
  const rec = new Run(inst, { target: first.property, record: true, probe: true });
  const initial = rec.state;
  let finding: Finding | undefined;
  try {
    for (const c of steps) if (rec.enabled(c)) rec.step(c);
    rec.finish();
  } catch (e) {
    if (!(e instanceof FindingError)) throw e;
    finding = e.finding;
  }
  if (!finding) throw nondeterministic(inst, opts.seed, 'the shrunk counterexample did not fail when re-run');

  const trace = makeTrace(inst, base.model, finding, rec.recorded, initial, {
    by: 'hunt',
    seed: opts.seed,
    strategy,
    maxSteps: opts.maxSteps,
    runs: failingRun,
    shrinks,
    path: searchPath,
  });
  return { ...base, found: true, trace, runs: search.numRuns, ms: Date.now() - started, interrupted: false, coverage, unreached: [] };
}

/** Play one drawn schedule on a run: fc.modelRun for uniform commands, the scheduler otherwise. */
function play(inst: Instance, schedule: Schedule<Commands>, box: Box, maxSteps: number): void {
  if (schedule.kind === 'uniform') {
    fc.modelRun(() => ({ model: box, real: {} }), schedule.commands);
    return;
  }
  const next = scheduler(inst, schedule);
  for (let k = 0; k < maxSteps; k++) {
    const c = next(k, inst.allChoices().filter((x) => box.run.enabled(x)));
    if (!c) return;
    box.executed.push(c);
    box.run.step(c);
  }
}

function commandsArbitrary(inst: Instance, maxSteps: number): fc.Arbitrary<Commands> {
  const arbs = inst.model.actions.flatMap((action) => {
    const d = action.domain(inst.ctx);
    if (d === undefined) return [{ weight: action.weight, arbitrary: fc.constant(new StepCommand({ action, arg: undefined })) }];
    if (d.values.length === 0) return [];
    return [{ weight: action.weight, arbitrary: arbitraryOf(d).map((arg) => new StepCommand({ action, arg })) }];
  });
  if (arbs.length === 0) throw new RacehuntError('bad-model', `model "${inst.model.name}": every action has an empty argument domain`);
  // Unweighted models keep fc.commands' own uniform pick; weights go through one weighted oneof.
  const weighted = arbs.some((a) => a.weight !== 1);
  return fc.commands<Box, object>(weighted ? [fc.oneof(...arbs)] : arbs.map((a) => a.arbitrary), { maxCommands: maxSteps, size: 'max' });
}

type Execute = (target: AnyProperty | undefined, play: (box: Box) => void) => void;

/** Phase 2: fast-check shrinks the failing steps as an array of choice indices. */
function shrinkSequence(inst: Instance, choices: readonly Choice[], failing: readonly Choice[], property: AnyProperty, seed: number, maxSteps: number, execute: Execute): { steps: Choice[]; shrinks: number } {
  // fc.commands builds its own choice objects, so choices are matched by action and argument.
  const key = (c: Choice) => `${c.action.name}\u0000${JSON.stringify(c.arg)}`;
  const index = new Map(choices.map((c, i) => [key(c), i]));
  const example = failing.map((c) => {
    const i = index.get(key(c));
    if (i === undefined) throw new Error(`hunt: step ${key(c)} is not among the model's choices`);
    return i;
  });
  const replay = (seq: readonly number[]) => (box: Box) => {
    for (const i of seq) {
      const c = choices[i] as Choice;
      if (box.run.enabled(c)) {
        box.executed.push(c);
        box.run.step(c);
      }
    }
  };
  const sequences = fc.array(stepArbitrary(inst, choices), { maxLength: Math.max(maxSteps, example.length) });
  const shrunk = fc.check(fc.property(sequences, (seq) => void execute(property, replay(seq))), { seed, examples: [[example]], numRuns: 1 });
  if (!shrunk.failed || !shrunk.counterexamplePath?.startsWith('0')) throw nondeterministic(inst, seed, 'a failing run passed when replayed');
  findingOf(shrunk.errorInstance, inst, seed);
  const seq = shrunk.counterexample?.[0] ?? example;
  return { steps: seq.map((i) => choices[i] as Choice), shrinks: shrunk.numShrinks };
}

/**
 * One step of a sequence being shrunk, as an index into the model's choices. Each action's
 * arguments are an integer range over its own slice of the choices, so fast-check shrinks an
 * argument within its action's domain (towards its first value, trying those in between) rather
 * than towards another action; the unmapper lets fast-check shrink a given example without context.
 */
function stepArbitrary(inst: Instance, choices: readonly Choice[]): fc.Arbitrary<number> {
  const slices: { start: number; length: number }[] = [];
  choices.forEach((c, i) => {
    const last = slices[slices.length - 1];
    if (last && choices[last.start]?.action === c.action) last.length++;
    else slices.push({ start: i, length: 1 });
  });
  const perAction = slices.map(({ start, length }) =>
    argumentIndices(inst, choices[start] as Choice).map(
      (k) => start + k,
      (v) => {
        if (typeof v !== 'number' || v < start || v >= start + length) throw new Error('not a step of this action');
        return v - start;
      },
    ),
  );
  if (perAction.length === 0) throw new RacehuntError('bad-model', `model "${inst.model.name}": it has no enabled choices to shrink`);
  return perAction.length === 1 ? (perAction[0] as fc.Arbitrary<number>) : fc.oneof(...perAction);
}

/** The shrinkable index arbitrary of one action's arguments (an integer range without arguments). */
function argumentIndices(inst: Instance, first: Choice): fc.Arbitrary<number> {
  const d = first.action.domain(inst.ctx);
  return d === undefined ? fc.constant(0) : indicesOf(d);
}

function nondeterministic(inst: Instance, seed: number, what: string): RacehuntError {
  return new RacehuntError('model-error', `model "${inst.model.name}": ${what} (seed ${seed}); the model is nondeterministic`);
}

/** The finding behind a fast-check failure; anything else is a model or engine error to surface. */
function findingOf(error: unknown, inst: Instance, seed: number): Finding {
  if (error instanceof FindingError) return error.finding;
  if (error instanceof RacehuntError) throw new RacehuntError(error.kind, `${error.message} (hunt seed ${seed})`);
  throw new RacehuntError('model-error', `model "${inst.model.name}": unexpected error while hunting (seed ${seed}): ${error instanceof Error ? error.message : String(error)}`);
}

/** The arbitrary fast-check draws an argument from: a uniform choice over the domain's values. */
function arbitraryOf<A>(d: Domain<A>): fc.Arbitrary<A> {
  const vs = d.values;
  return vs.length === 1 ? fc.constant(vs[0] as A) : fc.constantFrom(...vs);
}

/**
 * Indices into a domain's values as a shrinker sees them: an integer range (towards the first
 * value, trying those in between), or for a record one index per field in mixed radix, so that
 * each field shrinks on its own; the unmapper lets fast-check shrink a given example without context.
 */
function indicesOf(d: Domain<unknown>): fc.Arbitrary<number> {
  const n = d.values.length;
  if (n === 0) throw new Error('indicesOf: empty domain');
  if (!d.fields) return fc.integer({ min: 0, max: n - 1 });
  const sizes = d.fields.map((f) => f.values.length);
  // combos vary the last field fastest, so a combo's index is its field indices in mixed radix.
  const encode = (ix: readonly number[]) => ix.reduce((flat, i, k) => flat * (sizes[k] ?? 1) + i, 0);
  const decode = (value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= n) throw new Error('not an index of this record domain');
    let flat = value;
    const ix: number[] = [];
    for (let k = sizes.length - 1; k >= 0; k--) {
      const size = sizes[k] ?? 1;
      ix.unshift(flat % size);
      flat = Math.floor(flat / size);
    }
    return ix;
  };
  return fc.tuple(...d.fields.map(indicesOf)).map(encode, decode);
}
