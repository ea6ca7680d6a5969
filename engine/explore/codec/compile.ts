/**
 * Encoders and decoders compiled for a shape of state (shape.ts): straight-line JavaScript that
 * reads known fields by name and builds objects from literals, several times faster than walking
 * keys generically, which is what the explorer spends most of its time on after the model's own
 * steps. Every compiled function checks that its value (or its words) fit the shape and hands
 * anything else to the generic codec, so the words are exactly those the generic encoder writes.
 */
import { objectOf, type Tables } from './tables.ts';
import { ARR, FALSE_WORD, INT, NULL_WORD, OBJ, REC, STR, TRUE_WORD, isIndexKey, type Words } from './words.ts';
import type { Shape } from './shape.ts';

export interface Compiled {
  encode(v: unknown, out: Words): void;
  /** Decode the value at `at`; `end()` is where its words end. */
  decode(w: Int32Array, at: number): unknown;
  end(): number;
}

const SMALL = '-268435456 <= X && X <= 268435455';

/** Compile for a shape; null when states are not objects or arrays (they always are, in practice). */
export function compile(codec: Tables, root: Shape): Compiled | null {
  if (root.kind !== 'array' && root.kind !== 'object') return null;
  const fns: string[] = [];
  const consts: unknown[] = [];
  let next = 0;
  const constant = (v: unknown): string => {
    consts.push(v);
    return `C[${consts.length - 1}]`;
  };

  /** Statements that encode the value held in variable `x`. */
  const encodeValue = (s: Shape, x: string): string => {
    switch (s.kind) {
      case 'number':
        return `if (typeof ${x} === 'number' && (${x} | 0) === ${x} && ${SMALL.replace(/X/g, x)}) W[p++] = ${x} << 3; else G(${x});`;
      case 'string': {
        // The last string seen at this site, first: fields like a phase or a name repeat.
        const site = sites++;
        return `if (${x} === ls${site}) W[p++] = lw${site}; else if (typeof ${x} === 'string') { ls${site} = ${x}; W[p++] = lw${site} = (S(${x}) << 3) | ${STR}; } else G(${x});`;
      }
      case 'boolean':
        return `if (${x} === true) W[p++] = ${TRUE_WORD}; else if (${x} === false) W[p++] = ${FALSE_WORD}; else G(${x});`;
      case 'null':
        return `if (${x} === null) W[p++] = ${NULL_WORD}; else G(${x});`;
      case 'nullable':
        return `if (${x} === null) W[p++] = ${NULL_WORD}; else { ${encodeValue(s.of, x)} }`;
      case 'array':
      case 'object':
      case 'record':
      case 'indexed':
        return `e${define(s)}(${x});`;
      default:
        return `G(${x});`;
    }
  };

  /** An expression that decodes the value at `pos` in `w` and advances `pos`. */
  const decodeValue = (s: Shape): string => {
    switch (s.kind) {
      case 'number':
        return `(((t = w[pos]) & 7) === ${INT} ? (pos++, t >> 3) : GD(w))`;
      case 'string':
        return `(((t = w[pos]) & 7) === ${STR} ? (pos++, STRS[t >>> 3]) : GD(w))`;
      case 'boolean':
        return `((t = w[pos]) === ${TRUE_WORD} ? (pos++, true) : t === ${FALSE_WORD} ? (pos++, false) : GD(w))`;
      case 'null':
        return `(w[pos] === ${NULL_WORD} ? (pos++, null) : GD(w))`;
      case 'nullable':
        return `(w[pos] === ${NULL_WORD} ? (pos++, null) : ${decodeValue(s.of)})`;
      case 'array':
      case 'object':
      case 'record':
      case 'indexed':
        return `d${define(s)}(w)`;
      default:
        return 'GD(w)';
    }
  };

  /** Emit the encoder e<n> and decoder d<n> of an array or object shape; returns n. */
  let sites = 0;
  const defined = new Map<Shape, number>();
  const define = (s: Shape & { kind: 'array' | 'object' | 'record' | 'indexed' }): number => {
    const known = defined.get(s);
    if (known !== undefined) return known;
    const n = next++;
    defined.set(s, n);
    if (s.kind === 'indexed') {
      // Written while enumerated (integer keys come in ascending order); anything else, or an
      // empty object, goes back to the generic code, from the header on.
      fns.push(`function e${n}(v) {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return G(v);
  const at = p;
  let n = 0;
  for (const k in v) {
    const x = v[k];
    if (x === undefined) continue;
    if (!isIndexKey(k)) { p = at; return G(v); }
    const i = +k;
    if (p + 2 > W.length) grow(2);
    if (n === 0) p++;
    W[p++] = i << 3;
    ${encodeValue(s.of, 'x')}
    n++;
  }
  if (n === 0) return G(v);
  W[at] = (n << 3) | ${REC};
}
function d${n}(w) {
  const h = w[pos];
  if ((h & 7) !== ${REC}) return GD(w);
  pos++;
  const n = h >>> 3, o = {};
  for (let j = 0; j < n; j++) { const k = w[pos++] >> 3; o[k] = ${decodeValue(s.of)}; }
  return o;
}`);
      return n;
    }
    if (s.kind === 'record') {
      // The last key set seen here is tried first: dictionaries change their keys rarely.
      fns.push(`let last${n} = null;
function e${n}(v) {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return G(v);
  let ks = last${n}, i = 0;
  if (ks !== null) {
    const keys = ks.display;
    for (const k in v) { if (k !== keys[i] || v[k] === undefined) { ks = null; break; } i++; }
    if (i !== keys.length) ks = null;
  }
  if (ks === null) ks = last${n} = KS[codec.keySetId(v)];
  const id = ks.id, keys = ks.sorted;
  if (p + keys.length + 1 > W.length) grow(keys.length + 1);
  W[p++] = (id << 3) | ${OBJ};
  for (let i = 0; i < keys.length; i++) { const x = v[keys[i]]; ${encodeValue(s.of, 'x')} }
}
function d${n}(w) {
  const h = w[pos];
  if ((h & 7) !== ${OBJ}) return GD(w);
  pos++;
  const ks = KS[h >>> 3], values = [];
  for (let i = 0; i < ks.sorted.length; i++) values.push(${decodeValue(s.of)});
  return objectOf(ks, values);
}`);
      return n;
    }
    if (s.kind === 'array') {
      fns.push(`function e${n}(v) {
  if (!Array.isArray(v)) return G(v);
  const n = v.length;
  if (p + n + 1 > W.length) grow(n + 1);
  W[p++] = (n << 3) | ${ARR};
  for (let i = 0; i < n; i++) { let x = v[i]; if (x === undefined) x = null; ${encodeValue(s.of, 'x')} }
}
function d${n}(w) {
  const h = w[pos];
  if ((h & 7) !== ${ARR}) return GD(w);
  pos++;
  const n = h >>> 3, a = [];
  for (let i = 0; i < n; i++) a.push(${decodeValue(s.of)});
  return a;
}`);
      return n;
    }
    const display = s.keys;
    const sorted = [...display].sort();
    const header = (codec.keySetOf(display) << 3) | OBJ;
    const field = (k: string) => s.fields[display.indexOf(k)] as Shape;
    const vars = sorted.map((_, i) => `x${i}`);
    const keys = constant(display);
    fns.push(`const K${n} = ${keys};
function e${n}(v) {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return G(v);
  let n = 0;
  for (const k in v) { if (k !== K${n}[n]) return G(v); n++; }
  if (n !== ${display.length}) return G(v);
  ${sorted.map((k, i) => `const ${vars[i]} = v[${JSON.stringify(k)}];`).join(' ')}
  if (${vars.map((x) => `${x} === undefined`).join(' || ') || 'false'}) return G(v);
  if (p + ${display.length + 1} > W.length) grow(${display.length + 1});
  W[p++] = ${header};
  ${sorted.map((k, i) => encodeValue(field(k), vars[i] as string)).join('\n  ')}
}
function d${n}(w) {
  if (w[pos] !== ${header}) return GD(w);
  pos++;
  ${sorted.map((k, i) => `const ${vars[i]} = ${decodeValue(field(k))};`).join('\n  ')}
  return { ${display.map((k) => `${JSON.stringify(k)}: ${vars[sorted.indexOf(k)]}`).join(', ')} };
}`);
    return n;
  };

  const top = define(root);
  const siteVars = Array.from({ length: sites }, (_, i) => `ls${i} = null, lw${i} = 0`).join(', ');
  const body = `
let pos = 0, t = 0${sites > 0 ? `, ${siteVars}` : ''};
const STRS = codec.strings, KS = codec.keySets;
const S = (s) => codec.stringId(s);
// Encoding writes straight into the output's array W at p; the generic encoder (G) and growing
// go through the Words object O, and W and p are re-read after.
let O = null, W = null, p = 0;
const grow = (n) => { O.length = p; O.reserve(n); W = O.data; };
const G = (v) => { codec.fallbacks++; O.length = p; codec.encode(v, O); W = O.data; p = O.length; };
const GD = (w) => { codec.fallbacks++; const v = codec.decode(w, pos); pos = codec.end; return v; };
${fns.join('\n')}
return {
  encode(v, o) { O = o; W = o.data; p = o.length; e${top}(v); o.length = p; O = null; W = null; },
  decode(w, at) { pos = at; return d${top}(w); },
  end() { return pos; },
};`;
  // Generated from the shape only (keys are quoted with JSON.stringify); nothing user-written runs.
  return new Function('codec', 'C', 'objectOf', 'isIndexKey', body)(codec, consts, objectOf, isIndexKey) as Compiled;
}
