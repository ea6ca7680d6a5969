/**
 * A model's initial state, probed as its steps and guards are: init is called several times, and
 * every call must give the same plain data. An init that reads a clock, randomness or an outside
 * variable would otherwise start each run (and each exhaustive check) somewhere else: a check
 * could prove a property on one start while another breaks it, and the hunt's re-plays would blame
 * a step or a property for what init did.
 *
 * The state is taken once per instance (frozen, so every run may share it), and remembered per
 * model, variant and parameters for the life of the process: an init that changes its answer
 * later (a counter) is caught when the next instance of the same configuration asks again.
 */
import { freeze } from 'immer';
import { RacehuntError, messageOf } from './errors.ts';
import type { AnyCtx, AnyModel } from './model.ts';
import { assertPlainData } from './plain.ts';
import { refusePromise } from './sync.ts';

/** Calls compared: an init that picks one of two starts at random passes them all once in 2^15. */
export const INIT_PROBES = 16;

/** The first initial state seen per model and configuration (variant and parameters), as JSON. */
const seen = new WeakMap<AnyModel, Map<string, unknown>>();

export function probedInitial(model: AnyModel, ctx: AnyCtx): unknown {
  const where = `model "${model.name}" (${ctx.variantName})`;
  const first = callInit(model, ctx);
  for (let i = 1; i < INIT_PROBES; i++) {
    const again = callInit(model, ctx);
    const diff = difference(first, again, '');
    if (diff)
      throw nondeterministicInit(where, `call ${i + 1} of ${INIT_PROBES} with the same variant and parameters ${diff}`);
  }
  const key = JSON.stringify([ctx.variantName, ctx.params]);
  let mine = seen.get(model);
  if (!mine) seen.set(model, (mine = new Map()));
  const before = mine.get(key);
  if (mine.has(key)) {
    const diff = difference(before, first, '');
    if (diff) throw nondeterministicInit(where, `a later call with the same variant and parameters ${diff}`);
  } else mine.set(key, first);
  return freeze(first, true);
}

function nondeterministicInit(where: string, what: string): RacehuntError {
  return new RacehuntError(
    'model-error',
    `${where}: its init is nondeterministic: ${what} (init must not read clocks, randomness or outside variables)`,
  );
}

function callInit(model: AnyModel, ctx: AnyCtx): unknown {
  let s: unknown;
  try {
    s = model.init(ctx);
  } catch (e) {
    throw new RacehuntError('model-error', `model "${model.name}": init threw ${messageOf(e)}`);
  }
  refusePromise(s, () => `model "${model.name}": its init`);
  assertPlainData(
    s,
    'state',
    (at, what) =>
      new RacehuntError(
        'bad-model',
        `model "${model.name}": initial state ${at} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`,
      ),
  );
  return s;
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
};

/**
 * Where two plain values first differ, in words ("gave n = 1 where the first gave 0"), or null. Numbers
 * compare as numbers (0 and -0 are one number, as in a trace's JSON); objects compare their fields
 * in order, since the order is part of what a trace records.
 */
function difference(a: unknown, b: unknown, at: string): string | null {
  const here = at === '' ? 'the state' : at;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return a === b ? null : `gave ${here} = ${show(b)} where the first gave ${show(a)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `gave ${here} = ${show(b)} where the first gave ${show(a)}`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join('\u0000') !== kb.join('\u0000'))
    return `gave ${here} the fields ${show(kb)} where the first gave ${show(ka)}`;
  for (const k of ka) {
    const d = difference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      Array.isArray(a) ? `${at}[${k}]` : at === '' ? k : `${at}.${k}`,
    );
    if (d) return d;
  }
  return null;
}
