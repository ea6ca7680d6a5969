/**
 * Plain-text pieces shared by every rendering: how a value, a changed field, an argument list and a
 * trace's header read. Colour is added only by the terminal renderer, on top of these strings.
 */
import { resolveParams, type Change } from '../core/instance.ts';
import type { AnyModel } from '../core/model.ts';
import type { Trace } from '../core/trace.ts';
import { huntCommandLine, scheduleCommandLine } from './command.ts';

const MAX_VALUE = 60;

/** A value as a reader wants it: strings bare, small structures as compact JSON, long ones cut. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** ["endpoints", 0, "plan"] → endpoints[0].plan */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? '(state)' : out;
}

/** One changed field: "endpoints[0].plan: 19 → 17", "plans.p3: deleted", "plans.p4 = {…} (new)". */
export function formatChange(c: Change): string {
  const at = formatPath(c.path);
  if (c.op === 'remove') return `${at}: ${formatValue(c.from)} → deleted`;
  if (!('from' in c)) return `${at} = ${formatValue(c.to)} (new)`;
  return `${at}: ${formatValue(c.from)} → ${formatValue(c.to)}`;
}

/** How a step's arguments read in a call: 2, or enactor=2, endpoint=1, or (a list, as a scheduled call's) a, b. */
export function formatArgs(args: unknown): string {
  if (args === null || args === undefined) return '';
  if (Array.isArray(args)) return args.map(formatValue).join(', ');
  if (typeof args === 'object' && !Array.isArray(args)) {
    return Object.entries(args as Record<string, unknown>)
      .map(([k, v]) => `${k}=${formatValue(v)}`)
      .join(', ');
  }
  return formatValue(args);
}

export function formatCall(action: string, args: unknown): string {
  const a = formatArgs(args);
  return a === '' ? action : `${action}(${a})`;
}

export function formatParams(params: Readonly<Record<string, number>>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join(' ');
}

/** The headline: what broke (or was reached), where. */
export function headline(t: Trace): string {
  const what = t.outcome === 'witness' ? 'reached' : 'broken';
  const n = t.steps.length;
  return `${t.property.name} ${what} in ${t.model} / ${t.variant} after ${n} step${n === 1 ? '' : 's'}`;
}

/** How the trace was found, on one line. */
export function provenance(t: Trace): string {
  const f = t.found;
  if (f.by === 'check') return `found by exhaustive check: shortest of ${f.states} states explored (depth ${f.depth})`;
  if (f.by === 'schedule')
    return `found by schedule: seed ${f.seed}, ${f.strategy}, schedule ${f.runs}, ${f.shrinks} shrinks, max ${f.maxSteps} steps, path "${f.path}"`;
  const prove = f.prove === undefined ? '' : `, after ${f.prove.toLocaleString('en-US')} states breadth-first`;
  return `found by hunt: seed ${f.seed}, ${f.strategy}${prove}, run ${f.runs}, ${f.shrinks} shrinks, max ${f.maxSteps} steps, path "${f.path}"`;
}

/**
 * The command that reproduces the hunt exactly (render/command.ts builds it). With the model it
 * ran on, it names only the parameters off the model's defaults; without, every one.
 */
export function reproduceCommand(t: Trace, model?: AnyModel): string | null {
  const f = t.found;
  if (f.by === 'check') return null;
  const defaults = model === undefined ? undefined : resolveParams(model);
  const run = {
    model: t.model,
    variant: t.variant,
    property: t.property.name,
    params: t.params,
    defaults,
    path: f.path,
  };
  // A schedule's path is the shrunk schedule itself: running it reproduces the trace without a search.
  if (f.by === 'schedule')
    return scheduleCommandLine({ ...run, seed: f.seed, strategy: f.strategy, maxSteps: f.maxSteps });
  return huntCommandLine({ ...run, seed: f.seed, strategy: f.strategy, prove: f.prove, maxSteps: f.maxSteps });
}
