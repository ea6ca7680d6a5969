/**
 * Plain-data helpers for observed states: a canonical key (to compare states and runs), a
 * structural diff in the trace format's changes (paths as immer gives them), and applying a diff to
 * another state (to move an operation's effect earlier, conformance.ts).
 */
import { messageOf } from '../core/errors.ts';
import { produce, type Draft } from 'immer';
import type { Change } from '../core/instance.ts';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** JSON with object keys sorted: equal data, equal keys, whatever order the mapping built it in. */
export function stableKey(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableKey).join(',')}]`;
  if (isObject(x)) {
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableKey(x[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}

/** Structural equality of plain data, whatever the key order; stops at the first difference. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!Object.hasOwn(b, k) || !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  return true;
}

/** What changed from a to b, field by field: arrays of equal length by index, else replaced whole. */
export function diff(a: unknown, b: unknown, path: (string | number)[] = [], out: Change[] = []): Change[] {
  if (same(a, b)) return out;
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      if (!(k in b)) out.push({ op: 'remove', path: [...path, k], from: a[k] });
      else diff(a[k], b[k], [...path, k], out);
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ op: 'add', path: [...path, k], to: b[k] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => diff(v, b[i], [...path, i], out));
    return out;
  }
  out.push({ op: 'replace', path, from: a, to: b });
  return out;
}

/** Apply changes (as diff gives them) to another state; null when a path does not exist there. */
export function applyChanges(state: unknown, changes: readonly Change[]): unknown | null {
  try {
    return produce(state, (draft: Draft<unknown>) => {
      for (const c of changes) {
        if (c.path.length === 0) return c.to as Draft<unknown>;
        let at = draft as Record<string | number, unknown>;
        for (const p of c.path.slice(0, -1)) {
          const next = at[p];
          if (typeof next !== 'object' || next === null) throw new Error('no such path');
          at = next as Record<string | number, unknown>;
        }
        const last = c.path[c.path.length - 1] as string | number;
        if (c.op === 'remove') delete at[last];
        else at[last] = c.to;
      }
      return undefined;
    });
  } catch {
    return null;
  }
}

/**
 * A copy of an observed state, checked on the way: plain objects, arrays, strings, finite numbers,
 * booleans and null only (what can be compared, hashed and written to a trace). `bad` names the
 * first thing that is not, as `state.route53[0].lock`. It runs on every step, so the path is only
 * worked out when something is wrong.
 */
export function clonePlain(x: unknown, bad: (where: string, what: string) => Error): unknown {
  const out = copyPlain(x);
  if (out !== NOT_PLAIN) return out;
  const [where, what] = firstNotPlain(x, 'state') ?? ['state', 'not plain data'];
  throw bad(where, what);
}

const NOT_PLAIN = Symbol('not plain');

function copyPlain(x: unknown): unknown {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isFinite(x) ? x : NOT_PLAIN;
  if (Array.isArray(x)) {
    const out = new Array<unknown>(x.length);
    for (let i = 0; i < x.length; i++) if ((out[i] = copyPlain(x[i])) === NOT_PLAIN) return NOT_PLAIN;
    return out;
  }
  if (typeof x === 'object') {
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
    const out: Record<string, unknown> = {};
    for (const k in x) if ((out[k] = copyPlain((x as Record<string, unknown>)[k])) === NOT_PLAIN) return NOT_PLAIN;
    return out;
  }
  return NOT_PLAIN;
}

function firstNotPlain(x: unknown, where: string): [string, string] | null {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return null;
  if (typeof x === 'number') return Number.isFinite(x) ? null : [where, String(x)];
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const r = firstNotPlain(x[i], `${where}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (typeof x === 'object') {
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null)
      return [where, `a ${(proto as { constructor?: { name?: string } })?.constructor?.name ?? 'class instance'}`];
    for (const k of Object.keys(x)) {
      const r = firstNotPlain((x as Record<string, unknown>)[k], `${where}.${k}`);
      if (r) return r;
    }
    return null;
  }
  return [where, typeof x];
}

/**
 * A 32-bit hash of plain data (FNV-1a over its structure, keys in their order), to count distinct
 * states without building strings. Written without closures: it runs on every step.
 */
export function hashPlain(x: unknown, h = 0x811c9dc5): number {
  if (Array.isArray(x)) {
    h = Math.imul(h ^ 91, 0x01000193);
    for (let i = 0; i < x.length; i++) h = hashPlain(x[i], h);
    return Math.imul(h ^ 93, 0x01000193) >>> 0;
  }
  if (typeof x === 'object' && x !== null) {
    h = Math.imul(h ^ 123, 0x01000193);
    for (const k in x) {
      for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
      h = hashPlain((x as Record<string, unknown>)[k], h);
    }
    return Math.imul(h ^ 125, 0x01000193) >>> 0;
  }
  const s = typeof x === 'string' ? x : typeof x === 'number' ? ((x | 0) === x ? '' : String(x)) : String(x);
  if (typeof x === 'number' && (x | 0) === x) return Math.imul(h ^ (x + 0x9e3779b9), 0x01000193) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 1, 0x01000193) >>> 0;
}

/** A JSON-safe copy for a trace: functions and undefined become null, class instances their fields. */
export function toJson(x: unknown): unknown {
  try {
    return JSON.parse(
      JSON.stringify(x, (_k, v: unknown) => (typeof v === 'function' || typeof v === 'bigint' ? String(v) : v)) ??
        'null',
    );
  } catch {
    return messageOf(x); // a cycle, a getter that throws, a null-prototype object: its text, whatever it is
  }
}

/** A copy across the "network": what a call's caller and callee may not share. */
export function copyAcross<T>(x: T): T {
  if (typeof x !== 'object' || x === null) return x;
  const plain = copyPlain(x);
  if (plain !== NOT_PLAIN) return plain as T;
  try {
    return structuredClone(x);
  } catch {
    return x; // functions and the like cannot cross: pass them as they are
  }
}
