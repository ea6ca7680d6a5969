/**
 * A model's initial states, probed as its steps and guards are: init (or inits) is called several
 * times, and every call must give the same plain data. An init that reads a clock, randomness or an outside
 * variable would otherwise start each run (and each exhaustive check) somewhere else: a check
 * could prove a property on one start while another breaks it, and the hunt's re-plays would blame
 * a step or a property for what init did.
 *
 * The states are taken once per instance (frozen, so every run may share them), and remembered per
 * model, variant and parameters for the life of the process: an init that changes its answer
 * later (a counter) is caught when the next instance of the same configuration asks again.
 */
import { RacehuntError, messageOf } from './errors.ts';
import type { AnyCtx, AnyModel } from './model.ts';
import { assertPlainData } from './plain.ts';
import { refusePromise } from './sync.ts';

/** Calls compared: an init that picks one of two starts at random passes them all once in 2^15. */
export const INIT_PROBES = 16;

/** The first initial states seen per model and configuration (variant and parameters). */
const seen = new WeakMap<AnyModel, Map<string, readonly unknown[]>>();

/**
 * The model's initial states (init's one, or inits' list), each plain data and the same on every
 * call; not yet frozen (the caller puts their sets in order first).
 */
export function probedInitials(model: AnyModel, ctx: AnyCtx): readonly unknown[] {
  const where = `model "${model.name}" (${ctx.variantName})`;
  const first = callInit(model, ctx);
  for (let i = 1; i < INIT_PROBES; i++) {
    const diff = difference(first, callInit(model, ctx));
    if (diff)
      throw nondeterministic(
        model,
        where,
        `call ${i + 1} of ${INIT_PROBES} with the same variant and parameters ${diff}`,
      );
  }
  const key = JSON.stringify([ctx.variantName, ctx.params]);
  let mine = seen.get(model);
  if (!mine) seen.set(model, (mine = new Map()));
  const before = mine.get(key);
  if (before) {
    const diff = difference(before, first);
    if (diff) throw nondeterministic(model, where, `a later call with the same variant and parameters ${diff}`);
  } else mine.set(key, first);
  return first;
}

function nondeterministic(model: AnyModel, where: string, what: string): RacehuntError {
  const which = model.inits ? 'inits' : 'init';
  return new RacehuntError(
    'model-error',
    `${where}: its ${which} is nondeterministic: ${what} (${which} must not read clocks, randomness or outside variables)`,
  );
}

/** One call of init (as a list of one) or of inits: a non-empty list of plain states. */
function callInit(model: AnyModel, ctx: AnyCtx): readonly unknown[] {
  const which = model.inits ? 'inits' : 'init';
  let states: unknown;
  try {
    states = model.inits ? model.inits(ctx) : [model.init(ctx)];
  } catch (e) {
    throw new RacehuntError('model-error', `model "${model.name}": ${which} threw ${messageOf(e)}`);
  }
  refusePromise(model.inits ? states : (states as unknown[])[0], () => `model "${model.name}": its ${which}`);
  if (!Array.isArray(states) || states.length === 0)
    throw new RacehuntError(
      'bad-model',
      `model "${model.name}": its inits must give a non-empty array of states, got ${Array.isArray(states) ? 'none' : typeof states}`,
    );
  const all: readonly unknown[] = states;
  all.forEach((s, i) =>
    assertPlainData(
      s,
      'state',
      (at, what) =>
        new RacehuntError(
          'bad-model',
          `model "${model.name}": initial state ${all.length > 1 ? `${i + 1} ` : ''}${at} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`,
        ),
    ),
  );
  return all;
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
};

/** Where two plain values first differ: the path, and what each holds there (or which fields each has). */
export interface Difference {
  /** `the state`, or a path in it (`ticks[0]`, `a.b`). */
  readonly at: string;
  readonly fields: boolean;
  readonly first: string;
  readonly second: string;
}

/**
 * Where two plain values first differ, or null. Numbers compare as numbers; objects compare their
 * fields in order, since the order is part of what a trace records.
 */
export function firstDifference(a: unknown, b: unknown, at = ''): Difference | null {
  const here = at === '' ? 'the state' : at;
  const values = (): Difference => ({ at: here, fields: false, first: show(a), second: show(b) });
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b ? null : values();
  if (Array.isArray(a) !== Array.isArray(b)) return values();
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000')) return { at: here, fields: true, first: show(ka), second: show(kb) };
  for (const k of ka) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      Array.isArray(a) ? `${at}[${k}]` : at === '' ? k : `${at}.${k}`,
    );
    if (d) return d;
  }
  return null;
}

/**
 * How a later call's states differ from the first call's, in words ("gave n = 1 where the first
 * gave 0"); with several initial states, the path starts at the state's position ("[2].n").
 */
function difference(first: readonly unknown[], later: readonly unknown[]): string | null {
  const several = first.length > 1 || later.length > 1;
  const d = several ? firstDifference(first, later) : firstDifference(first[0], later[0]);
  if (!d) return null;
  const at = several && d.at === 'the state' ? 'the list of initial states' : d.at;
  return d.fields
    ? `gave ${at} the fields ${d.second} where the first gave ${d.first}`
    : `gave ${at} = ${d.second} where the first gave ${d.first}`;
}
