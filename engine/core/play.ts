/**
 * Playing a sequence of choices on a fresh run, and recording it as a trace: what a hunt does with
 * a shrunk sequence, the explorer with its shortest path, replay with a trace file, and the final
 * passes of a hunt with each candidate. One function, so that "the steps of this sequence, checked
 * like this" means one thing.
 *
 * And when a sequence played again does not do what it did, which action, guard or property read
 * something outside the state (nondeterminism, below).
 */
import { orderLanes, type Choice, type Instance, type StepRecord } from './instance.ts';
import type { AnyProperty } from './model.ts';
import { Run, type Finding } from './run.ts';
import { TRACE_FORMAT, type Provenance, type Trace, type TraceStep } from './trace.ts';
import { RacehuntError } from './errors.ts';
import { assertPlainData } from './plain.ts';

export interface PlayOptions {
  /** The property checked (see RunOptions.target). */
  readonly target?: AnyProperty | undefined;
  readonly record?: boolean;
  readonly probe?: boolean;
  /** Where the run starts (see RunOptions.initial). */
  readonly initial?: unknown;
  /**
   * A step whose guard does not allow it: `skip` it (a shrinker's candidate), or `stop` the play
   * there (a replay: the trace does not apply any more).
   */
  readonly disabled: 'skip' | 'stop';
}

export interface Played {
  readonly run: Run;
  /** What the run found (on the initial state, at a step, or at the end), if anything. */
  readonly finding: Finding | null;
  /** The steps actually taken. */
  readonly taken: readonly Choice[];
  /** With `disabled: 'stop'`: the 1-based position of the step that was not allowed. */
  readonly blocked: number | null;
}

export function play(inst: Instance, choices: Iterable<Choice>, opts: PlayOptions): Played {
  const run = new Run(inst, opts);
  const taken: Choice[] = [];
  let blocked: number | null = null;
  let position = 0;
  if (!run.found) {
    for (const c of choices) {
      position++;
      if (!run.enabled(c)) {
        if (opts.disabled === 'stop') {
          blocked = position;
          break;
        }
        continue;
      }
      taken.push(c);
      if (run.step(c)) break;
    }
  }
  const finding = run.found ?? (blocked === null ? run.finish() : null);
  return { run, finding, taken, blocked };
}

/** A recorded run as a trace in the one format. */
export function traceOf(inst: Instance, modelRef: string, finding: Finding, run: Run, found: Provenance): Trace {
  for (const s of [...run.recorded, ...(finding.recovery ?? [])]) assertRecordable(inst, s);
  const acting = [...run.recorded, ...(finding.recovery ?? [])].map((s) => s.actor);
  return {
    format: TRACE_FORMAT,
    model: modelRef,
    variant: inst.variant,
    params: { ...inst.params },
    property: { name: finding.property.name, kind: finding.property.kind, doc: finding.property.doc },
    outcome: finding.outcome,
    message: finding.message,
    found,
    actors: orderLanes(inst.declaredActors(), acting),
    initial: run.initial,
    steps: run.recorded.map((s) => traceStep(s.index, s)),
    ...(finding.recovery ? { recovery: finding.recovery.map((s, i) => traceStep(i + 1, s)) } : {}),
  };
}

/** A recorded step in the file's key order; an action without arguments records `null`. */
function traceStep(index: number, s: StepRecord): TraceStep {
  return {
    index,
    actor: s.actor,
    action: s.action,
    args: s.arg === undefined ? null : s.arg,
    description: s.description,
    target: s.target,
    changes: s.changes,
  };
}

/**
 * What a trace records must be what JSON can carry, or printing and saving the finding would fail
 * after it was found: every changed field is named by strings and numbers (a symbol key passes
 * immer and the explorer's probes only while they are not looking) and holds plain data.
 */
function assertRecordable(inst: Instance, s: StepRecord): void {
  const culprit = () =>
    `model "${inst.model.name}" (${inst.variant}): action ${s.action}${s.arg === undefined ? '' : `(${JSON.stringify(s.arg)})`}`;
  const bad = (where: string, what: string) =>
    new RacehuntError(
      'bad-model',
      `${culprit()}: after its step, ${where} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`,
    );
  for (const c of s.changes) {
    const at = c.path.map((k) =>
      typeof k === 'number' ? `[${k}]` : typeof k === 'string' ? `.${k}` : `[${String(k)}]`,
    );
    const where = `state${at.join('')}`;
    if (c.path.some((k) => typeof k !== 'string' && typeof k !== 'number'))
      throw bad(where, 'a field keyed by a symbol (JSON has no such keys)');
    if ('to' in c) assertPlainData(c.to, where, bad);
  }
}

// ---- Nondeterminism: a sequence played again that does not do what it did.
/*
 * A run that failed once and not when played again (or the other way round) means that something
 * outside the state changed in between: a step, a guard or a property read a clock, randomness or
 * an outside variable. Which one is found by playing the same steps a few more times, recorded,
 * and comparing the plays step by step: the first step whose guard or changes differ names its
 * action; identical steps with different verdicts name the property. When every play agrees (the
 * model changed for good since the run that failed), the actions that run took are named.
 * Used wherever a sequence of steps is played again and must do what it did: the hunt's shrink,
 * its recording and its last replay, and the explorer's recording of a shortest path.
 */

/** How many more plays are compared: enough for a step that alternates, or changes now and then. */
const PLAYS = 4;

interface Replayed {
  /** Per step of the sequence: "disabled", or the changes it made. */
  readonly steps: readonly string[];
  readonly verdict: string | null;
}

function playOnce(inst: Instance, steps: readonly Choice[], property: AnyProperty): Replayed {
  const run = new Run(inst, { target: property, record: true });
  const out: string[] = [];
  for (const c of steps) {
    if (run.found) break;
    if (!run.enabled(c)) {
      out.push('disabled');
      continue;
    }
    run.step(c);
    out.push(JSON.stringify(run.recorded[run.recorded.length - 1]?.changes ?? null));
  }
  const finding = run.found ?? run.finish();
  return { steps: out, verdict: finding ? `${finding.property.name}: ${finding.message}` : null };
}

/**
 * The error for a run that did not do again what it did before (`what`: "the shrunk
 * counterexample did not fail when re-run"), naming the culprit it can find.
 */
export function nondeterminism(
  inst: Instance,
  steps: readonly Choice[],
  property: AnyProperty,
  what: string,
): RacehuntError {
  const named = culpritOfNondeterminism(inst, steps, property, what);
  if (named) return named;
  const taken = [...new Set(steps.map((c) => c.action.name))];
  return new RacehuntError(
    'model-error',
    `model "${inst.model.name}" (${inst.variant}) is nondeterministic: ${what}; played again, the same steps always give the same result now, so something that action${taken.length === 1 ? '' : 's'} ${taken.join(', ')} or property ${property.name} read${taken.length === 1 ? 's' : ''} changed since (a clock, randomness or an outside variable)`,
  );
}

/** The action, guard or property whose answer differs between plays of the same steps; null when every play agrees. */
export function culpritOfNondeterminism(
  inst: Instance,
  steps: readonly Choice[],
  property: AnyProperty,
  what: string,
): RacehuntError | null {
  let plays: Replayed[];
  try {
    plays = Array.from({ length: PLAYS }, () => playOnce(inst, steps, property));
  } catch (e) {
    if (e instanceof RacehuntError) return e; // a play that throws names its own culprit
    throw e;
  }
  for (let i = 1; i < plays.length; i++) {
    const [a, b] = [plays[i - 1] as Replayed, plays[i] as Replayed];
    const k = a.steps.findIndex((s, j) => s !== b.steps[j]);
    if (k >= 0 && k < b.steps.length) {
      const c = steps[k] as Choice;
      const guard = a.steps[k] === 'disabled' || b.steps[k] === 'disabled';
      return new RacehuntError(
        'model-error',
        guard
          ? `${inst.culprit(c)}: its guard is nondeterministic: ${what}, and played again, step ${k + 1} was allowed one time and not the next (a guard must not read clocks, randomness or outside variables)`
          : `${inst.culprit(c)} is nondeterministic: ${what}, and played again, step ${k + 1} changed other fields from one play to the next (a step must not read clocks, randomness or outside variables)`,
      );
    }
    if (a.verdict !== b.verdict) {
      return new RacehuntError(
        'model-error',
        `model "${inst.model.name}" (${inst.variant}): property ${property.name} is nondeterministic: ${what}, and played again, the same steps were judged "${a.verdict ?? 'holds'}" one time and "${b.verdict ?? 'holds'}" the next (a property must not read clocks, randomness or outside variables)`,
      );
    }
  }
  return null;
}
