/**
 * A scheduled run as a racehunt trace (the one format, racehunt-trace/1): one step per completed
 * operation, named in the code's words (`route53.changeResourceRecordSets`), by the task that
 * awaited it, with the fields of the observed (model) state it changed, and, where the operation
 * conforms to a model step, that step's own description. The same renderers draw it.
 */
import { isA, messageOf } from '../core/errors.ts';
import type { Trace, TraceStep } from '../core/trace.ts';
import { TRACE_FORMAT } from '../core/trace.ts';
import { formatValue } from '../render/format.ts';
import { SETTLES, type AsyncFinding } from './checks.ts';
import { diff, toJson } from './data.ts';
import type { RunRecord, ScheduledStep } from './harness.ts';
import type { CallInfo, System } from './system.ts';

export type ScheduleProvenance = Extract<Trace['found'], { by: 'schedule' }>;

export function scheduleTrace(
  system: System,
  ref: string,
  variant: string,
  params: Readonly<Record<string, number>>,
  rec: RunRecord,
  finding: AsyncFinding,
  found: ScheduleProvenance,
): Trace {
  const all = rec.steps.slice(0, finding.atStep);
  const acting = new Set(all.map((s) => s.op.task));
  let before = rec.initial;
  const traced: TraceStep[] = all.map((s) => {
    const changes = diff(before, s.state);
    before = s.state;
    return {
      index: s.index,
      actor: s.op.task,
      action: s.op.label,
      args: toJson(s.op.args),
      description: describeStep(system, s),
      target: s.op.participant,
      changes,
    };
  });
  // A `settles` counterexample shows the fair tail as recovery steps, after the schedule's own.
  const split = finding.property.name === SETTLES.name && rec.fairFrom !== null ? rec.fairFrom : traced.length;
  return {
    format: TRACE_FORMAT,
    model: ref,
    variant,
    params: { ...params },
    property: { name: finding.property.name, kind: finding.property.kind, doc: finding.property.doc },
    outcome: finding.outcome,
    message: finding.message,
    found,
    actors: rec.tasks.filter((t) => acting.has(t)),
    initial: rec.initial,
    steps: traced.slice(0, split),
    ...(split < traced.length ? { recovery: traced.slice(split).map((s, i) => ({ ...s, index: i + 1 })) } : {}),
  };
}

/** "route53.acquireLock(…) → locked ≙ enactor 1 locks … (the model step)" */
export function describeStep(system: System, s: ScheduledStep): string {
  const call: CallInfo = {
    task: s.op.task,
    service: s.op.service,
    method: s.op.method,
    args: s.op.args,
    ...(s.outcome.ok ? { result: s.outcome.value } : { error: s.outcome.error }),
    failed: !s.outcome.ok,
    now: s.now,
  };
  const words = system.describe?.(call) ?? defaultDescription(call);
  const m = s.model;
  if (m === undefined || m === 'stutter') return words;
  if (m === null) return `${words} ≠ no model step`;
  return `${words} ≙ ${m.description}${m.asOf === null ? '' : ` (in effect after step ${m.asOf})`}`;
}

export function defaultDescription(c: CallInfo): string {
  if (c.service === 'clock' && c.method === 'sleep') return `clock.sleep(${String(c.args[0])}) → t=${c.now}`;
  const args = c.args.map((a) => formatValue(toJson(a))).join(', ');
  const out = c.failed ? `✗ ${errorText(c.error)}` : c.result === undefined ? 'done' : formatValue(toJson(c.result));
  return `${c.service}.${c.method}(${args}) → ${out}`;
}

export function errorText(e: unknown): string {
  // An Error as a trace has always recorded it; anything else through the one formatter (a null-prototype object has no String()).
  return isA(e, Error) ? `${e.name}: ${e.message}` : messageOf(e);
}
