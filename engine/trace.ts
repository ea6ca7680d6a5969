/**
 * The one trace format: every explorer writes it, every renderer reads it, replay re-executes it.
 * A trace is the recorded steps of one run; a counterexample breaks a property, a witness reaches a
 * `sometimes` property. Files are canonical JSON (fixed key order, two-space indent, final newline),
 * so the same seed gives the same bytes and a changed model shows up as a reviewable diff.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyPatches, enablePatches, type Patch } from 'immer';
import { RacehuntError, messageOf } from './errors.ts';
import type { Change, Instance, StepRecord } from './instance.ts';
import type { PropertyKind } from './model.ts';
import type { Finding, RecordedStep } from './run.ts';

enablePatches();

export const TRACE_FORMAT = 'racehunt-trace/1';

export interface TraceStep {
  readonly index: number;
  readonly actor: string;
  readonly action: string;
  readonly args: unknown;
  readonly description: string;
  /** The participant the step talks to in a sequence diagram, or null. */
  readonly target: string | null;
  readonly changes: readonly Change[];
}

/** How the trace was found, so that it can be found again. */
export type Provenance =
  | {
      readonly by: 'hunt';
      readonly seed: number;
      readonly strategy: string;
      readonly maxSteps: number;
      /** Runs up to and including the first failing one. */
      readonly runs: number;
      readonly shrinks: number;
      /** fast-check's path to the failing run of the search; with seed and strategy it reproduces the trace. */
      readonly path: string;
    }
  | {
      readonly by: 'check';
      readonly states: number;
      readonly depth: number;
    }
  | {
      /** An implementation run under racehunt's controlled scheduler (engine/async). */
      readonly by: 'schedule';
      readonly seed: number;
      readonly strategy: string;
      readonly maxSteps: number;
      /** Schedules run up to and including the first failing one. */
      readonly runs: number;
      readonly shrinks: number;
      /** The shrunk schedule itself (which task's operation completes at each step): replaying it re-runs the trace exactly. */
      readonly path: string;
    };

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  /** Registry name, or the path of the module the model was loaded from. */
  readonly model: string;
  readonly variant: string;
  readonly params: Readonly<Record<string, number>>;
  readonly property: { readonly name: string; readonly kind: PropertyKind; readonly doc: string };
  readonly outcome: 'counterexample' | 'witness';
  readonly message: string;
  readonly found: Provenance;
  /** Lane order for renderings: the model's actors that act in this trace. */
  readonly actors: readonly string[];
  readonly initial: unknown;
  readonly steps: readonly TraceStep[];
  /**
   * For a `recovers` counterexample: what the automation did when left alone from the last state
   * (the fair schedule), numbered from 1. Absent for other properties.
   */
  readonly recovery?: readonly TraceStep[];
}

export function makeTrace(inst: Instance, modelRef: string, finding: Finding, recorded: readonly RecordedStep[], initial: unknown, found: Provenance): Trace {
  const acting = new Set([...recorded, ...(finding.recovery ?? [])].map((s) => s.actor));
  const declared = inst.model.actors(inst.ctx);
  const actors = [...declared.filter((a) => acting.has(a)), ...[...acting].filter((a) => !declared.includes(a))];
  return {
    format: TRACE_FORMAT,
    model: modelRef,
    variant: inst.variant,
    params: { ...inst.params },
    property: { name: finding.property.name, kind: finding.property.kind, doc: finding.property.doc },
    outcome: finding.outcome,
    message: finding.message,
    found,
    actors,
    initial,
    steps: recorded.map((s) => traceStep(s.index, s)),
    ...(finding.recovery ? { recovery: finding.recovery.map((s, i) => traceStep(i + 1, s)) } : {}),
  };
}

/** A recorded step in the file's key order; an action without arguments records `null`. */
function traceStep(index: number, s: StepRecord): TraceStep {
  return { index, actor: s.actor, action: s.action, args: s.arg === undefined ? null : s.arg, description: s.description, target: s.target, changes: s.changes };
}

/** The state after each step (index 0 = initial), rebuilt from the recorded changes. */
export function statesOf(trace: Trace): unknown[] {
  const out: unknown[] = [trace.initial];
  let state = trace.initial;
  for (const step of trace.steps) {
    const patches: Patch[] = step.changes.map((c) => (c.op === 'remove' ? { op: 'remove', path: [...c.path] } : { op: c.op, path: [...c.path], value: c.to }));
    state = applyPatches(state as object, patches);
    out.push(state);
  }
  return out;
}

/** Canonical bytes of a trace. */
export function traceJson(trace: Trace): string {
  return `${JSON.stringify(trace, null, 2)}\n`;
}

/** Where a trace lives under a traces folder: <model>/<variant>/<property>.json */
export function tracePath(root: string, trace: Pick<Trace, 'model' | 'variant' | 'property'>, modelName: string): string {
  return join(root, modelName, trace.variant, `${trace.property.name}.json`);
}

/**
 * Write files all-or-nothing: every file goes to a temporary name first and is renamed only once
 * all of them are written, so an error never leaves a half-written trace behind.
 */
export function writeFilesAtomically(files: readonly { path: string; content: string }[]): void {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = `${f.path}.tmp-${process.pid}`;
      writeFileSync(tmp, f.content);
      temps.push({ tmp, path: f.path });
    }
    for (const t of temps) renameSync(t.tmp, t.path);
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw new RacehuntError('io', `could not write ${files.map((f) => f.path).join(' and ')}: ${messageOf(e)}`);
  }
}

/** Read and validate a trace file; every problem is a one-line RacehuntError of kind bad-trace. */
export function loadTrace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RacehuntError('bad-trace', `cannot read trace file ${file}: ${(e as NodeJS.ErrnoException).code ?? messageOf(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RacehuntError('bad-trace', `trace file ${file} is not valid JSON: ${messageOf(e)}`);
  }
  return validateTrace(data, file);
}

export function validateTrace(data: unknown, file: string): Trace {
  const bad = (what: string) => new RacehuntError('bad-trace', `trace file ${file} is malformed: ${what}`);
  if (!isObject(data)) throw bad('expected a JSON object');
  if (data.format !== TRACE_FORMAT) throw bad(`"format" must be "${TRACE_FORMAT}", found ${JSON.stringify(data.format)}`);
  for (const k of ['model', 'variant', 'message', 'outcome'] as const) if (typeof data[k] !== 'string') throw bad(`"${k}" must be a string`);
  if (data.outcome !== 'counterexample' && data.outcome !== 'witness') throw bad('"outcome" must be "counterexample" or "witness"');
  if (!isObject(data.params) || !Object.values(data.params).every((v) => typeof v === 'number')) throw bad('"params" must be an object of numbers');
  if (!isObject(data.property) || typeof data.property.name !== 'string' || typeof data.property.kind !== 'string') throw bad('"property" must have a name and a kind');
  if (!isObject(data.found) || (data.found.by !== 'hunt' && data.found.by !== 'check' && data.found.by !== 'schedule')) throw bad('"found.by" must be "hunt", "check" or "schedule"');
  if (!Array.isArray(data.actors) || !data.actors.every((a) => typeof a === 'string')) throw bad('"actors" must be a list of names');
  if (!Array.isArray(data.steps)) throw bad('"steps" must be a list');
  if ('recovery' in data && !Array.isArray(data.recovery)) throw bad('"recovery", when present, must be a list of steps');
  data.steps.forEach((s: unknown, i: number) => {
    if (!isObject(s)) throw bad(`step ${i + 1} is not an object`);
    if (s.index !== i + 1) throw bad(`step ${i + 1} has index ${JSON.stringify(s.index)}`);
    if (typeof s.action !== 'string' || typeof s.actor !== 'string') throw bad(`step ${i + 1} needs an action and an actor`);
    if (!('args' in s)) throw bad(`step ${i + 1} has no "args"`);
    if (!Array.isArray(s.changes)) throw bad(`step ${i + 1} has no "changes" list`);
  });
  return data as unknown as Trace;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
