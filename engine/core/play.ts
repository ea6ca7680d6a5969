/**
 * Playing a sequence of choices on a fresh run, and recording it as a trace: what a hunt does with
 * a shrunk sequence, the explorer with its shortest path, replay with a trace file, and the final
 * passes of a hunt with each candidate. One function, so that "the steps of this sequence, checked
 * like this" means one thing.
 */
import { orderLanes, type Choice, type Instance } from './instance.ts';
import type { AnyProperty } from './model.ts';
import { Run, type Finding } from './run.ts';
import { TRACE_FORMAT, type Provenance, type Trace, type TraceStep } from './trace.ts';
import { RacehuntError } from './errors.ts';
import { assertPlainData } from './plain.ts';
import type { StepRecord } from './instance.ts';

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
