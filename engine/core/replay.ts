/**
 * Replay: re-execute a trace's steps, one by one, against its model and variant (or another
 * variant) and say whether the violation still occurs. On another variant, a step whose guard does
 * not allow it ends the replay there: the counterexample does not apply to that protocol. On the
 * recorded variant it means the file does not fit the model: a malformed trace.
 */
import { builtinNames } from './builtin.ts';
import { RacehuntError, own } from './errors.ts';
import type { Choice, Instance } from './instance.ts';
import { configure } from './instance.ts';
import { firstDifference } from './initial.ts';
import type { AnyModel, AnyProperty } from './model.ts';
import { play } from './play.ts';
import type { Trace } from './trace.ts';

export interface ReplayResult {
  readonly model: string;
  readonly variant: string;
  readonly recordedVariant: string;
  readonly property: string;
  readonly outcome: Trace['outcome'];
  /** The counterexample breaks the property again (or the witness reaches it again). */
  readonly reproduced: boolean;
  /** Steps executed before the replay ended. */
  readonly executed: number;
  readonly total: number;
  /** What happened, in one line. */
  readonly summary: string;
  readonly finding: { readonly message: string; readonly atStep: number } | null;
  /** Steps whose changes differ from the recorded ones (the model's semantics moved). */
  readonly drift: readonly number[];
}

export interface ReplayOptions {
  /**
   * A trace edited on purpose (a step removed, to see whether the rest still breaks): a step not
   * allowed on the recorded variant ends the replay there instead of making the file malformed.
   */
  readonly edited?: boolean;
}

export function replay(
  model: AnyModel,
  trace: Trace,
  file: string,
  variant?: string,
  opts: ReplayOptions = {},
): ReplayResult {
  const inst = configureForTrace(model, trace, file, variant);
  const property = propertyOf(inst, trace, file);
  assertSelfConsistent(inst, property, trace, file, opts);
  const choices = trace.steps.map((s) => choiceOf(inst, s.action, s.args, s.index, file));
  const { run, finding, blocked } = play(inst, choices, {
    target: property,
    record: true,
    probe: true,
    disabled: 'stop',
    initial: startOf(inst, trace, file),
  });
  const total = trace.steps.length;
  if (blocked !== null && inst.variant === trace.variant && !opts.edited) {
    const c = choices[blocked - 1] as Choice;
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} does not fit model "${model.name}": step ${blocked}, ${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`} by ${inst.actor(c)}, is not allowed in its own variant ${inst.variant} at that point`,
    );
  }
  const drift = run.recorded
    .filter((r, i) => JSON.stringify(r.changes) !== JSON.stringify(trace.steps[i]?.changes))
    .map((r) => r.index);
  const label = trace.outcome === 'witness' ? 'reached' : 'broken';
  const decided = finding !== null && finding.property === property;
  let summary: string;
  if (decided) {
    const where = finding.atStep === total ? `at step ${total}, as recorded` : `at step ${finding.atStep} of ${total}`;
    summary = `${property.name} ${label} again ${where}: ${finding.message}`;
  } else if (blocked !== null) {
    const c = choices[blocked - 1] as Choice;
    summary = `no longer reproduces: step ${blocked} (${inst.actor(c)}: ${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`}) is not allowed in variant ${inst.variant}`;
  } else {
    summary = `no longer reproduces: all ${total} steps ran and ${property.name} ${trace.outcome === 'witness' ? 'was not reached' : 'held'}`;
  }
  return {
    model: trace.model,
    variant: inst.variant,
    recordedVariant: trace.variant,
    property: property.name,
    outcome: trace.outcome,
    reproduced: decided,
    executed: run.steps,
    total,
    summary,
    finding: decided ? { message: finding.message, atStep: finding.atStep } : null,
    drift,
  };
}

/**
 * Why a model cannot be the one a trace was recorded on, or null when it may be: it must have the
 * trace's property, every action its steps take and every parameter it sets (and its variant,
 * unless another one is asked for). For a model the user names (replay --model): the mismatch is
 * then said of that model, not blamed on the file.
 */
export function misfit(model: AnyModel, trace: Trace, variant?: string): string | null {
  if (variant === undefined && !Object.hasOwn(model.variants, trace.variant))
    return `it has no variant "${trace.variant}" (it has ${Object.keys(model.variants).join(', ')})`;
  const properties = [...model.properties.map((p) => p.name), ...builtinNames(model).map((p) => p.name)];
  if (!properties.includes(trace.property.name)) return `it has no property "${trace.property.name}"`;
  const actions = new Set(model.actions.map((a) => a.name));
  const missing = [...new Set([...trace.steps, ...(trace.recovery ?? [])].map((s) => s.action))].filter(
    (a) => !actions.has(a),
  );
  if (missing.length > 0)
    return `it has no action${missing.length === 1 ? '' : 's'} ${missing.map((a) => `"${a}"`).join(', ')}`;
  const params = Object.keys(trace.params).filter((k) => !Object.hasOwn(model.params, k));
  if (params.length > 0)
    return `it has no parameter${params.length === 1 ? '' : 's'} ${params.map((k) => `"${k}"`).join(', ')}`;
  return null;
}

function configureForTrace(model: AnyModel, trace: Trace, file: string, variant: string | undefined): Instance {
  if (variant === undefined && !Object.hasOwn(model.variants, trace.variant)) {
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} names variant "${trace.variant}", which model "${model.name}" does not have (known: ${Object.keys(model.variants).join(', ')})`,
    );
  }
  try {
    return configure(model, variant ?? trace.variant, trace.params);
  } catch (e) {
    // A bad --variant on the command line is the user's unknown name; bad params are the file's.
    if (e instanceof RacehuntError && e.kind === 'unknown-name' && e.message.includes('variant')) throw e;
    if (e instanceof RacehuntError)
      throw new RacehuntError('bad-trace', `trace file ${file} does not fit model "${model.name}": ${e.message}`);
    throw e;
  }
}

/**
 * What the file says of itself must be what the model gives: an outcome of the property's kind (a
 * witness reaches a sometimes property; anything else has counterexamples), and, on the file's own
 * variant, the initial state the model starts from. A file edited by hand (or by someone else)
 * would otherwise replay "as recorded" from a state nobody recorded.
 */
function assertSelfConsistent(
  inst: Instance,
  property: AnyProperty,
  trace: Trace,
  file: string,
  opts: ReplayOptions,
): void {
  const a = (kind: string) => `${kind === 'always' ? 'an' : 'a'} ${kind}`;
  const misfits = (why: string) =>
    new RacehuntError('bad-trace', `trace file ${file} does not fit model "${inst.model.name}": ${why}`);
  if (trace.property.kind !== property.kind)
    throw misfits(
      `it calls ${property.name} ${a(trace.property.kind)} property, and the model has it as ${a(property.kind)} property`,
    );
  if ((trace.outcome === 'witness') !== (property.kind === 'sometimes'))
    throw misfits(
      `its outcome is a ${trace.outcome} of ${property.name}, ${a(property.kind)} property, which has ${property.kind === 'sometimes' ? 'witnesses' : 'counterexamples'}`,
    );
  // With several initial states, startOf finds the recorded one among them (or refuses the file).
  if (inst.variant !== trace.variant || opts.edited || inst.initials().length > 1) return;
  const d = firstDifference(inst.initial(), trace.initial);
  if (d)
    throw misfits(
      `its initial state is not the model's: ${d.fields ? `the file gives ${d.at} the fields ${d.second}, the model ${d.first}` : `the file has ${d.at} = ${d.second}, the model starts with ${d.first}`}`,
    );
}

function propertyOf(inst: Instance, trace: Trace, file: string) {
  const p = inst.properties.find((x) => x.name === trace.property.name);
  if (!p)
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} is about property "${trace.property.name}", which model "${inst.model.name}" does not have`,
    );
  return p;
}

function choiceOf(inst: Instance, actionName: string, args: unknown, index: number, file: string): Choice {
  const byName = new Map(inst.model.actions.map((a) => [a.name, a]));
  const action = own(Object.fromEntries(byName), actionName);
  if (!action)
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file}: step ${index} uses action "${actionName}", which model "${inst.model.name}" does not have`,
    );
  const wanted = JSON.stringify(args);
  const c = inst.allChoices().find((x) => x.action === action && JSON.stringify(x.arg ?? null) === wanted);
  if (!c) {
    if (action.domain(inst.ctx) === undefined)
      throw new RacehuntError(
        'bad-trace',
        `trace file ${file}: step ${index} gives ${actionName}, which takes no arguments, the argument ${wanted}`,
      );
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file}: step ${index} gives ${actionName} the argument ${wanted}, outside its domain`,
    );
  }
  return c;
}

/**
 * Where a trace starts: for a model with several initial states, the one it recorded (a trace from
 * a state that is none of them does not fit); for a model with one, that one, as replays always did.
 */
function startOf(inst: Instance, trace: Trace, file: string): unknown {
  const initials = inst.initials();
  if (initials.length === 1) return initials[0];
  const recorded = JSON.stringify(trace.initial);
  const start = initials.find((s) => JSON.stringify(s) === recorded);
  if (start === undefined)
    throw new RacehuntError(
      'bad-trace',
      `trace file ${file} does not fit model "${inst.model.name}": it starts from a state that is none of the ${initials.length} initial states of ${inst.variant}`,
    );
  return start;
}
