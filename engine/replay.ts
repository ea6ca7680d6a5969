/**
 * Replay: re-execute a trace's steps, one by one, against its model and variant (or another
 * variant) and say whether the violation still occurs. A step whose guard no longer allows it ends
 * the replay there: the counterexample does not apply to that protocol any more.
 */
import { RacehuntError } from './errors.ts';
import type { Choice, Instance } from './instance.ts';
import { configure } from './instance.ts';
import type { AnyModel } from './model.ts';
import { FindingError, Run, type Finding } from './run.ts';
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

export function replay(model: AnyModel, trace: Trace, file: string, variant?: string): ReplayResult {
  const inst = configureForTrace(model, trace, file, variant);
  const property = propertyOf(inst, trace, file);
  const choices = trace.steps.map((s) => choiceOf(inst, s.action, s.args, s.index, file));

  let finding: Finding | null = null;
  let blocked: number | null = null;
  let run: Run | null = null;
  try {
    run = new Run(inst, { target: property, record: true, probe: true });
    for (const [i, c] of choices.entries()) {
      if (!run.enabled(c)) {
        blocked = i + 1;
        break;
      }
      run.step(c);
    }
    if (blocked === null) run.finish();
  } catch (e) {
    if (!(e instanceof FindingError)) throw e;
    finding = e.finding;
  }
  const drift = (run?.recorded ?? []).filter((r, i) => JSON.stringify(r.changes) !== JSON.stringify(trace.steps[i]?.changes)).map((r) => r.index);
  const total = trace.steps.length;
  const label = trace.outcome === 'witness' ? 'reached' : 'broken';
  let summary: string;
  if (finding) {
    const where = finding.atStep === total ? `at step ${total}, as recorded` : `at step ${finding.atStep} of ${total}`;
    summary = `${property.name} ${label} again ${where}: ${finding.message}`;
  } else if (blocked !== null) {
    const s = trace.steps[blocked - 1];
    summary = `no longer reproduces: step ${blocked} (${s?.actor}: ${s?.description}) is not allowed in variant ${inst.variant}`;
  } else {
    summary = `no longer reproduces: all ${total} steps ran and ${property.name} ${trace.outcome === 'witness' ? 'was not reached' : 'held'}`;
  }
  return {
    model: trace.model,
    variant: inst.variant,
    recordedVariant: trace.variant,
    property: property.name,
    outcome: trace.outcome,
    reproduced: finding !== null,
    executed: run?.steps ?? 0,
    total,
    summary,
    finding: finding ? { message: finding.message, atStep: finding.atStep } : null,
    drift,
  };
}

function configureForTrace(model: AnyModel, trace: Trace, file: string, variant: string | undefined): Instance {
  if (variant === undefined && !(trace.variant in model.variants)) {
    throw new RacehuntError('bad-trace', `trace file ${file} names variant "${trace.variant}", which model "${model.name}" does not have (known: ${Object.keys(model.variants).join(', ')})`);
  }
  try {
    return configure(model, variant ?? trace.variant, trace.params);
  } catch (e) {
    // A bad --variant on the command line is the user's unknown name; bad params are the file's.
    if (e instanceof RacehuntError && e.kind === 'unknown-name' && e.message.includes('variant')) throw e;
    if (e instanceof RacehuntError) throw new RacehuntError('bad-trace', `trace file ${file} does not fit model "${model.name}": ${e.message}`);
    throw e;
  }
}

function propertyOf(inst: Instance, trace: Trace, file: string) {
  const p = inst.model.properties.find((x) => x.name === trace.property.name);
  if (!p) throw new RacehuntError('bad-trace', `trace file ${file} is about property "${trace.property.name}", which model "${inst.model.name}" does not have`);
  return p;
}

function choiceOf(inst: Instance, actionName: string, args: unknown, index: number, file: string): Choice {
  const action = inst.model.actions.find((a) => a.name === actionName);
  if (!action) throw new RacehuntError('bad-trace', `trace file ${file}: step ${index} uses action "${actionName}", which model "${inst.model.name}" does not have`);
  const d = action.domain(inst.ctx);
  if (d === undefined) return { action, arg: undefined };
  if (!d.values) return { action, arg: args };
  const arg = d.values.find((v) => JSON.stringify(v) === JSON.stringify(args));
  if (arg === undefined) throw new RacehuntError('bad-trace', `trace file ${file}: step ${index} gives ${actionName} the argument ${JSON.stringify(args)}, outside its domain`);
  return { action, arg };
}
