/**
 * The shape of a model's states, learnt from the states themselves: which objects have which keys,
 * what their fields hold, what arrays contain. The codec compiles an encoder and a decoder for a
 * shape (compile.ts); a value that does not fit falls back to the generic code for that part, so a
 * shape is only ever a guess about speed, never about meaning.
 */
import { indexedSize } from './words.ts';

export type Shape =
  | { readonly kind: 'never' } // nothing seen yet (the elements of an empty array)
  | { readonly kind: 'number' | 'string' | 'boolean' | 'null' | 'any' }
  | { readonly kind: 'nullable'; readonly of: Shape }
  | { readonly kind: 'array'; readonly of: Shape }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly fields: readonly Shape[] }
  /** An object used as a dictionary: keys vary, values share a shape. */
  | { readonly kind: 'record'; readonly of: Shape }
  /** A dictionary keyed by numbers (plans by generation), written without a key set (codec.ts REC). */
  | { readonly kind: 'indexed'; readonly of: Shape };

const NEVER: Shape = { kind: 'never' };
const ANY: Shape = { kind: 'any' };

/** The shape of one value. Objects keep their keys in the order seen. */
export function shapeOf(v: unknown): Shape {
  switch (typeof v) {
    case 'number':
    case 'string':
    case 'boolean':
      return { kind: typeof v as 'number' | 'string' | 'boolean' };
    case 'object': {
      if (v === null) return { kind: 'null' };
      if (Array.isArray(v))
        return { kind: 'array', of: v.reduce<Shape>((s, x) => mergeShapes(s, shapeOf(x ?? null)), NEVER) };
      const o = v as Record<string, unknown>;
      if (indexedSize(o) > 0)
        return {
          kind: 'indexed',
          of: Object.values(o).reduce<Shape>((s, x) => (x === undefined ? s : mergeShapes(s, shapeOf(x))), NEVER),
        };
      const keys = Object.keys(o).filter((k) => o[k] !== undefined);
      if (keys.includes('__proto__')) return ANY;
      return { kind: 'object', keys, fields: keys.map((k) => shapeOf(o[k])) };
    }
    default:
      return ANY;
  }
}

/** The least shape both fit: fields merge, null joins anything as `nullable`, the rest is `any`. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === 'never') return b;
  if (b.kind === 'never') return a;
  if (a.kind === 'any' || b.kind === 'any') return ANY;
  if (a.kind === 'null' && b.kind === 'null') return a;
  if (a.kind === 'null') return b.kind === 'nullable' ? b : { kind: 'nullable', of: b };
  if (b.kind === 'null') return a.kind === 'nullable' ? a : { kind: 'nullable', of: a };
  if (a.kind === 'nullable' || b.kind === 'nullable') {
    const of = mergeShapes(a.kind === 'nullable' ? a.of : a, b.kind === 'nullable' ? b.of : b);
    return of.kind === 'any' ? ANY : { kind: 'nullable', of };
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', of: mergeShapes(a.of, b.of) };
  // An empty dictionary is an object without keys: it stays a dictionary.
  if (a.kind === 'indexed' && (b.kind === 'indexed' || isEmptyObject(b)))
    return { kind: 'indexed', of: b.kind === 'indexed' ? mergeShapes(a.of, b.of) : a.of };
  if (b.kind === 'indexed' && isEmptyObject(a)) return b;
  if (
    a.kind === 'object' &&
    b.kind === 'object' &&
    a.keys.length === b.keys.length &&
    a.keys.every((k, i) => b.keys[i] === k)
  ) {
    return { kind: 'object', keys: a.keys, fields: a.fields.map((f, i) => mergeShapes(f, b.fields[i] as Shape)) };
  }
  if (isObjectLike(a) && isObjectLike(b)) {
    return { kind: 'record', of: mergeShapes(valuesOf(a), valuesOf(b)) };
  }
  return a.kind === b.kind ? a : ANY;
}

function isEmptyObject(s: Shape): boolean {
  return s.kind === 'object' && s.keys.length === 0;
}

function isObjectLike(s: Shape): s is Shape & { kind: 'object' | 'record' | 'indexed' } {
  return s.kind === 'object' || s.kind === 'record' || s.kind === 'indexed';
}

/** The shape every value of an object or dictionary fits. */
function valuesOf(s: Shape & { kind: 'object' | 'record' | 'indexed' }): Shape {
  return s.kind === 'object' ? s.fields.reduce<Shape>(mergeShapes, NEVER) : s.of;
}

/** Same shape? (to know whether merging taught anything new) */
export function sameShape(a: Shape, b: Shape): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
