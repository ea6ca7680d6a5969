/**
 * The adapter between a model and fast-check: the only place where racehunt's values become
 * fast-check arbitraries and commands, and the only place where a finding is thrown (fast-check
 * records a run as failing, and fc.modelRun stops, when a property predicate or a command throws).
 *
 * - `commandsArbitrary`: fast-check's model-based commands (`fc.commands`), one command per
 *   (action, argument) choice of the instance, run through `fc.modelRun`;
 * - `sequenceArbitrary`: a failing run's steps as an array of choice indices, for the shrinker;
 * - `indicesOf`: how one action's arguments shrink (a record's fields each on its own).
 */
import fc from 'fast-check';
import type { Domain } from '../core/domain.ts';
import { RacehuntError } from '../core/errors.ts';
import type { Choice, Stepper } from '../core/instance.ts';
import type { Finding, Run } from '../core/run.ts';

/** Thrown out of a fast-check predicate or command so that fast-check records the run as failing. */
export class FindingError extends Error {
  constructor(readonly finding: Finding) {
    super(`${finding.property.name}: ${finding.message}`);
    this.name = 'FindingError';
  }
}

/** What fc.modelRun threads through the commands: the run, the steps it executed, and how many it may. */
export interface Box {
  readonly run: Run;
  readonly executed: Choice[];
  /** The run ends after this many executed steps (the hunt's maxSteps). */
  readonly limit: number;
  /** Called after each step with the new state (coverage, the corpus). */
  readonly onStep: (box: Box) => void;
}

/** A fast-check command wrapping one of the instance's choices. */
class StepCommand implements fc.Command<Box, object> {
  constructor(readonly choice: Choice) {}
  check(box: Readonly<Box>): boolean {
    return box.executed.length < box.limit && box.run.enabled(this.choice);
  }
  run(box: Box): void {
    box.executed.push(this.choice);
    box.run.step(this.choice);
    box.onStep(box);
    if (box.run.found) throw new FindingError(box.run.found);
  }
  toString(): string {
    const { action, arg } = this.choice;
    return arg === undefined ? action.name : `${action.name}(${JSON.stringify(arg)})`;
  }
}

export type Commands = Iterable<fc.Command<Box, object>>;

/** Play drawn commands on a box with fc.modelRun; a finding ends the run (and is returned). */
export function runCommands(box: Box, commands: Commands): void {
  try {
    fc.modelRun(() => ({ model: box, real: {} }), commands);
  } catch (e) {
    if (!(e instanceof FindingError)) throw e;
  }
}

/**
 * How many commands a uniform run draws per step it may execute: fc.modelRun skips a command
 * whose guard is false, and most of a model's commands are disabled most of the time, so a run
 * drawing only maxSteps commands would execute a fraction of them (9 of 50, measured on a small
 * pipeline). Execution stops at maxSteps (Box.limit), so "run length" means executed steps.
 */
const COMMANDS_PER_STEP = 8;

/** fast-check's model-based commands over the instance's choices, enough for maxSteps executed steps. */
export function commandsArbitrary(inst: Stepper, maxSteps: number): fc.Arbitrary<Commands> {
  const byAction = new Map<string, Choice[]>();
  for (const c of inst.allChoices()) byAction.set(c.action.name, [...(byAction.get(c.action.name) ?? []), c]);
  const arbs = inst.model.actions.flatMap((action) => {
    const choices = byAction.get(action.name) ?? [];
    if (choices.length === 0) return [];
    const pick = choices.length === 1 ? fc.constant(choices[0] as Choice) : fc.constantFrom(...choices);
    return [{ weight: action.weight, arbitrary: pick.map((c) => new StepCommand(c)) }];
  });
  if (arbs.length === 0)
    throw new RacehuntError('bad-model', `model "${inst.model.name}": every action has an empty argument domain`);
  // Unweighted models keep fc.commands' own uniform pick; weights go through one weighted oneof.
  const weighted = arbs.some((a) => a.weight !== 1);
  return fc.commands<Box, object>(weighted ? [fc.oneof(...arbs)] : arbs.map((a) => a.arbitrary), {
    maxCommands: Math.min(maxSteps * COMMANDS_PER_STEP, maxSteps + 10_000),
    size: 'max',
  });
}

/**
 * A sequence of steps being shrunk, each an index into the instance's choices. Each action's
 * arguments are an integer range over its own slice of the choices, so fast-check shrinks an
 * argument within its action's domain (towards its first value, trying those in between) rather
 * than towards another action; the unmapper lets fast-check shrink a given example without context.
 */
export function sequenceArbitrary(inst: Stepper, maxLength: number): fc.Arbitrary<number[]> {
  const choices = inst.allChoices();
  const slices: { start: number; length: number }[] = [];
  choices.forEach((c, i) => {
    const last = slices[slices.length - 1];
    if (last && choices[last.start]?.action === c.action) last.length++;
    else slices.push({ start: i, length: 1 });
  });
  const perAction = slices.map(({ start, length }) => {
    const d = (choices[start] as Choice).action.domain(inst.ctx);
    return (d === undefined ? fc.constant(0) : indicesOf(d)).map(
      (k) => start + k,
      (v) => {
        if (typeof v !== 'number' || v < start || v >= start + length) throw new Error('not a step of this action');
        return v - start;
      },
    );
  });
  if (perAction.length === 0)
    throw new RacehuntError('bad-model', `model "${inst.model.name}": it has no enabled choices to shrink`);
  const step = perAction.length === 1 ? (perAction[0] as fc.Arbitrary<number>) : fc.oneof(...perAction);
  return fc.array(step, { maxLength });
}

/**
 * Indices into a domain's values as a shrinker sees them: an integer range (towards the first
 * value, trying those in between), or for a record one index per field in mixed radix, so that
 * each field shrinks on its own; the unmapper lets fast-check shrink a given example without context.
 */
export function indicesOf(d: Domain<unknown>): fc.Arbitrary<number> {
  const n = d.values.length;
  if (n === 0) throw new Error('indicesOf: empty domain');
  if (!d.fields) return fc.integer({ min: 0, max: n - 1 });
  const sizes = d.fields.map((f) => f.values.length);
  // Values vary the last field fastest, so a value's index is its field indices in mixed radix.
  const encode = (ix: readonly number[]) => ix.reduce((flat, i, k) => flat * (sizes[k] ?? 1) + i, 0);
  const decode = (value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= n)
      throw new Error('not an index of this record domain');
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
