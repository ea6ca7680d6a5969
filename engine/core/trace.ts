/**
 * The one trace format: every explorer writes it, every renderer reads it, replay re-executes it.
 * A trace is the recorded steps of one run; a counterexample breaks a property, a witness reaches a
 * `sometimes` property. Files are canonical JSON (fixed key order, two-space indent, final newline),
 * so the same seed gives the same bytes and a changed model shows up as a reviewable diff.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { applyPatches, enablePatches, type Patch } from 'immer';
import { RacehuntError, messageOf } from './errors.ts';
import { MAX_TRACE_BYTES, Unreadable, megabytes, readBounded } from './limits.ts';
import type { Change } from './instance.ts';
import type { PropertyKind } from './model.ts';
import { assertPlainData } from './plain.ts';
import { schemaError, schemaRef } from './schema.ts';

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
      /**
       * The states a breadth-first phase explored before sampling, when sampling started from its
       * frontier (the `frontier` strategy): needed, with the rest, to find the same run again.
       */
      readonly prove?: number;
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
  /** Where the trace format's JSON Schema is, relative to the file (written by recordedAt), for editors. */
  readonly $schema?: string;
  readonly format: typeof TRACE_FORMAT;
  /**
   * The catalog name, or the path of the module the model was loaded from (with `#export` when one
   * was named). A saved trace records that path relative to its own folder (recordedAt), so that the
   * trace and the model can be moved together and replayed from any folder; a trace still in memory
   * holds it as given, relative to the working directory.
   */
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

/** The state after each step (index 0 = initial), rebuilt from the recorded changes. */
export function statesOf(trace: Trace): unknown[] {
  const out: unknown[] = [trace.initial];
  let state = trace.initial;
  for (const step of trace.steps) {
    const patches: Patch[] = step.changes.map((c) =>
      c.op === 'remove' ? { op: 'remove', path: [...c.path] } : { op: c.op, path: [...c.path], value: c.to },
    );
    state = applyPatches(state as object, patches);
    out.push(state);
  }
  return out;
}

/** A model reference is a path when it looks like one: it has a slash or a module extension. */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ts|mts|cts|js|mjs|cjs)(#.*)?$/.test(ref);
}

/**
 * Does the trace name its model by a path relative to its own file? A model trace named by path
 * does. A catalog name is a name. A trace found by `schedule` names the module it was given as it
 * was given: only a label, since its schedule is replayed only on a module the user names (--model).
 */
function namesModelByPath(trace: Pick<Trace, 'model' | 'found'>): boolean {
  return trace.found.by !== 'schedule' && looksLikePath(trace.model);
}

/**
 * The trace as it is saved at `file`: it opens with the `$schema` of the trace format, relative to
 * the file (core/schema.ts), so that an editor completes and checks it; a model named by path is
 * recorded relative to the trace file's folder (with forward slashes, whatever the platform), never
 * as typed or relative to the working directory; a catalog name stays as it is.
 */
export function recordedAt(trace: Trace, file: string): Trace {
  const { $schema: _old, ...rest } = trace;
  const $schema = schemaRef('trace', file);
  if (!namesModelByPath(trace)) return { $schema, ...rest };
  const [path = '', exportName] = trace.model.split('#');
  const rel = relative(dirname(resolve(file)), resolve(path));
  const portable = isAbsolute(rel) ? rel : rel.split(sep).join('/');
  const model = `${isAbsolute(portable) || portable.startsWith('.') ? portable : `./${portable}`}${exportName === undefined ? '' : `#${exportName}`}`;
  return { $schema, ...rest, model };
}

/**
 * The model of a trace read from `file`, as named from the working directory: a catalog name as it
 * is, a recorded path resolved against the trace file's folder (relative to the working directory,
 * as a trace's Markdown twin names its JSON), so that the twin's reproduce command works from there.
 */
export function modelSeenFrom(trace: Pick<Trace, 'model' | 'found'>, file: string): string {
  if (!namesModelByPath(trace)) return trace.model;
  const [path = '', exportName] = trace.model.split('#');
  const rel = relative(process.cwd(), resolve(dirname(file), path));
  const shown = isAbsolute(rel) || rel.startsWith('..') ? rel : `./${rel}`;
  return `${shown.split(sep).join('/')}${exportName === undefined ? '' : `#${exportName}`}`;
}

/** Canonical bytes of a trace. */
export function traceJson(trace: Trace): string {
  return `${JSON.stringify(trace, null, 2)}\n`;
}

/** Where a trace lives under a traces folder: <model>/<variant>/<property>.json */
export function tracePath(
  root: string,
  trace: Pick<Trace, 'model' | 'variant' | 'property'>,
  modelName: string,
): string {
  return join(root, modelName, trace.variant, `${trace.property.name}.json`);
}

/** Read and validate a trace file; every problem is a one-line RacehuntError of kind bad-trace. */
export function loadTrace(file: string): Trace {
  let text: string;
  try {
    text = readBounded(file, MAX_TRACE_BYTES);
  } catch (e) {
    if (e instanceof Unreadable && e.bytes !== undefined)
      throw new RacehuntError(
        'bad-trace',
        `trace file ${file} is too large: ${e.reason}, and racehunt reads at most ${megabytes(MAX_TRACE_BYTES)} of a trace (the traces it writes are far smaller)`,
      );
    throw new RacehuntError(
      'bad-trace',
      `cannot read trace file ${file}: ${e instanceof Unreadable ? e.reason : messageOf(e)}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RacehuntError('bad-trace', `trace file ${file} is not valid JSON: ${messageOf(e)}`);
  }
  return validateTrace(data, file);
}

/**
 * A trace's shape is its JSON Schema's (schemas/trace.schema.json, as editors check it); what a
 * schema cannot say is checked here: steps numbered in order, and plain data all through.
 */
export function validateTrace(data: unknown, file: string): Trace {
  const bad = (what: string) => new RacehuntError('bad-trace', `trace file ${file} is malformed: ${what}`);
  if (!isObject(data)) throw bad('expected a JSON object');
  // Another format (or a later version of this one) says so first, rather than which field it lacks.
  if (data.format !== TRACE_FORMAT)
    throw bad(`"format" must be "${TRACE_FORMAT}", found ${JSON.stringify(data.format)}`);
  const problem = schemaError('trace', data);
  if (problem !== null) throw bad(problem);
  const trace = data as unknown as Trace;
  const plain = (x: unknown, where: string) => assertPlainData(x, where, (at, what) => bad(`${at} is ${what}`));
  plain(trace.initial, '"initial"');
  const steps = (list: readonly TraceStep[], name: string) =>
    list.forEach((s, i) => {
      if (s.index !== i + 1) throw bad(`${name} ${i + 1} has index ${JSON.stringify(s.index)}`);
      plain(s.args, `${name} ${i + 1}'s "args"`);
      plain(s.changes, `${name} ${i + 1}'s "changes"`);
    });
  steps(trace.steps, 'step');
  if (trace.recovery) steps(trace.recovery, 'recovery step');
  return trace;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
