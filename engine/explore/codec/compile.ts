/**
 * Encoders, decoders and copiers compiled for a shape of state (shape.ts): straight-line
 * JavaScript that reads known fields by name and builds objects from literals, several times
 * faster than walking keys generically, which is what the explorer spends most of its time on
 * after the model's own steps. Each operation is one function, with the shape's nested objects and
 * arrays inlined as blocks and loops, so that its position in the words lives in a local variable
 * (a register), not in a closure.
 *
 * Every compiled encoder and decoder checks that its value (or its words) fit the shape and hands
 * any part that does not to the generic codec (tables.ts), so the words are exactly those the
 * generic encoder writes. The copier is only ever given a tree this decoder built without a
 * misfit (state-codec.ts sees to it), so it copies without checking.
 */
import { objectOf, type Tables } from './tables.ts';
import { ARR, FALSE_WORD, INT, NULL_WORD, OBJ, REC, STR, TRUE_WORD, isIndexKey, type Words } from './words.ts';
import type { Shape } from './shape.ts';

export interface Compiled {
  encode(v: unknown, out: Words): void;
  /** Decode the value at `at`; `end()` is where its words end. */
  decode(w: Int32Array, at: number): unknown;
  end(): number;
  /**
   * A deep copy of a tree this decoder built with no misfit (Tables.misfits unchanged): the same
   * tree a fresh decoding of its words would give, made without reading words.
   */
  clone(v: unknown): unknown;
}

/** Shapes written as a single word when they fit. */
const ONE_WORD = new Set(['number', 'string', 'boolean', 'null']);
const oneWord = (s: Shape): boolean => ONE_WORD.has(s.kind) || (s.kind === 'nullable' && ONE_WORD.has(s.of.kind));

/** Room made before encoding a state, in words, at first (it doubles when a state needs more). */
const MIN_ROOM = 256;

/** How many of a string site's recent strings are remembered with their words. */
const STRING_CACHE = 4;

/** Compile for a shape; null when states are not objects or arrays (they always are, in practice). */
export function compile(codec: Tables, root: Shape): Compiled | null {
  if (root.kind !== 'array' && root.kind !== 'object') return null;
  const consts: unknown[] = [];
  const constant = (v: unknown): string => {
    consts.push(v);
    return `C[${consts.length - 1}]`;
  };
  let vars = 0;
  const fresh = (prefix: string): string => `${prefix}${vars++}`;
  /** Closure variables: per string site, its recent strings and their words. */
  const siteVars: string[] = [];

  // ---- encoding: statements that append the words of the value in variable x ------------------
  //
  // Words are written without checking for room: a typed array drops a write past its end, so the
  // encoder writes optimistically, notes whether anything fell off the end, and encodes again into
  // a larger buffer if it did (encoding is deterministic; only the rare generic fallback grows the
  // buffer in between). Checking for room before every value cost more than the words themselves.

  /**
   * The generic encoder for x; `misfit` counts it (a lesson for the codec: state-codec.ts learns
   * the shape again). It appends through the Words, which grow as they must; once words have
   * fallen off the end it is not called, so the buffer stays short and the end check sees it.
   */
  const generic = (x: string, misfit: boolean): string =>
    `{ ${misfit ? 'T.fallbacks++; ' : ''}if (p <= W.length) { O.length = p; T.encode(${x}, O); W = O.data; p = O.length; } }`;

  /** Write one word for x if it fits, or `miss` (by default, fall back). */
  const encodeWord = (s: Shape, x: string, miss = generic(x, true)): string => {
    switch (s.kind) {
      case 'number':
        // (x << 3 >> 3) === x: an integer in the 29 bits an INT word holds (as the generic rule).
        return `if (typeof ${x} === 'number' && ((${x} << 3) >> 3) === ${x}) W[p++] = ${x} << 3; else ${miss}`;
      case 'string': {
        // The site's last few strings first: fields like a phase or a name take few values.
        const site = siteVars.length;
        const cached = Array.from({ length: STRING_CACHE }, (_, i) => `s${site}_${i}`);
        // NONE: no value is it (a null must not hit an empty entry).
        siteVars.push(...cached.map((c) => `${c} = NONE, ${c}w = 0`));
        const hits = cached.map((c) => `if (${x} === ${c}) W[p++] = ${c}w; else`).join(' ');
        const shift = cached
          .slice(1)
          .reverse()
          .map((c, i, all) => {
            const prev = all[i + 1] ?? cached[0];
            return `${c} = ${prev}; ${c}w = ${prev}w;`;
          })
          .join(' ');
        return `${hits} if (typeof ${x} === 'string') { const sw = (T.stringId(${x}) << 3) | ${STR}; ${shift} ${cached[0]} = ${x}; ${cached[0]}w = sw; W[p++] = sw; } else ${miss}`;
      }
      case 'boolean':
        return `if (${x} === true) W[p++] = ${TRUE_WORD}; else if (${x} === false) W[p++] = ${FALSE_WORD}; else ${miss}`;
      case 'null':
        return `if (${x} === null) W[p++] = ${NULL_WORD}; else ${miss}`;
      case 'nullable':
        return `if (${x} === null) W[p++] = ${NULL_WORD}; else { ${encodeWord(s.of, x, miss)} }`;
      default:
        throw new Error(`not a one-word shape: ${s.kind}`);
    }
  };

  /** Statements that append x's words. */
  const encodeValue = (s: Shape, x: string): string => {
    if (oneWord(s)) return encodeWord(s, x);
    switch (s.kind) {
      case 'nullable':
        return `if (${x} === null) W[p++] = ${NULL_WORD}; else { ${encodeValue(s.of, x)} }`;
      case 'array':
        return encodeArray(s.of, x);
      case 'object':
        return encodeObject(s, x);
      case 'record':
        return encodeRecord(s.of, x);
      case 'indexed':
        return encodeIndexed(s.of, x);
      case 'any':
        return generic(x, false);
      default:
        // 'never': nothing was seen here yet; whatever comes is a lesson.
        return generic(x, true);
    }
  };

  const encodeArray = (of: Shape, x: string): string => {
    const n = fresh('n');
    const i = fresh('i');
    const y = fresh('y');
    const z = fresh('z');
    // An undefined element is written as null. A one-word element is tried as it is first (undefined
    // never fits), so that the elements that fit are not compared with undefined as well.
    const element = oneWord(of)
      ? `const ${y} = ${x}[${i}]; ${encodeWord(of, y, `{ const ${z} = ${y} === undefined ? null : ${y}; ${encodeWord(of, z)} }`)}`
      : `let ${y} = ${x}[${i}]; if (${y} === undefined) ${y} = null; ${encodeValue(of, y)}`;
    return `if (!Array.isArray(${x})) ${generic(x, true)} else {
  const ${n} = ${x}.length;
  W[p++] = (${n} << 3) | ${ARR};
  for (let ${i} = 0; ${i} < ${n}; ${i}++) { ${element} }
}`;
  };

  const encodeObject = (s: Shape & { kind: 'object' }, x: string): string => {
    const display = s.keys;
    const sorted = [...display].sort();
    const field = (k: string) => s.fields[display.indexOf(k)] as Shape;
    const header = (codec.keySetOf(display) << 3) | OBJ;
    const keys = constant(display);
    const label = fresh('obj');
    const n = fresh('n');
    const xs = sorted.map(() => fresh('x'));
    const fields = sorted.map((k, i) => encodeValue(field(k), xs[i] as string));
    // Exactly the shape's keys, in its order (for-in), none undefined: else the generic code,
    // which writes the same words for any key order and skips undefined members.
    return `${label}: {
  if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) { ${generic(x, true)} break ${label}; }
  let ${n} = 0;
  for (const k in ${x}) { if (k !== ${keys}[${n}]) { ${n} = -1; break; } ${n}++; }
  ${sorted.map((k, i) => `const ${xs[i]} = ${x}[${JSON.stringify(k)}];`).join(' ')}
  if (${n} !== ${display.length}${xs.map((v) => ` || ${v} === undefined`).join('')}) { ${generic(x, true)} break ${label}; }
  W[p++] = ${header};
  ${fields.join('\n  ')}
}`;
  };

  const encodeRecord = (of: Shape, x: string): string => {
    // The last key set seen here is tried first: dictionaries change their keys rarely.
    const last = fresh('last');
    siteVars.push(`${last} = null`);
    const label = fresh('rec');
    const ks = fresh('ks');
    const i = fresh('i');
    const y = fresh('y');
    const keys = fresh('keys');
    return `${label}: {
  if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) { ${generic(x, true)} break ${label}; }
  let ${ks} = ${last}, ${i} = 0;
  if (${ks} !== null) {
    const d = ${ks}.display;
    for (const k in ${x}) { if (k !== d[${i}] || ${x}[k] === undefined) { ${ks} = null; break; } ${i}++; }
    if (${i} !== d.length) ${ks} = null;
  }
  if (${ks} === null) ${ks} = ${last} = KS[T.keySetId(${x})];
  const ${keys} = ${ks}.sorted;
  W[p++] = (${ks}.id << 3) | ${OBJ};
  for (let ${i} = 0; ${i} < ${keys}.length; ${i}++) { const ${y} = ${x}[${keys}[${i}]]; ${encodeValue(of, y)} }
}`;
  };

  const encodeIndexed = (of: Shape, x: string): string => {
    // Written while enumerated (integer keys come in ascending order); anything else, or an
    // empty object, goes back to the generic code, from the header on.
    const label = fresh('idx');
    const at = fresh('at');
    const n = fresh('n');
    const y = fresh('y');
    return `${label}: {
  if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) { ${generic(x, true)} break ${label}; }
  const ${at} = p;
  let ${n} = 0;
  for (const k in ${x}) {
    const ${y} = ${x}[k];
    if (${y} === undefined) continue;
    if (!isIndexKey(k)) { p = ${at}; ${n} = -1; break; }
    if (${n} === 0) p++;
    W[p++] = +k << 3;
    ${encodeValue(of, y)}
    ${n}++;
  }
  if (${n} <= 0) { p = ${at}; ${generic(x, true)} break ${label}; }
  W[${at}] = (${n} << 3) | ${REC};
}`;
  };

  // ---- decoding: statements that set variable `to` to the value at `pos` ------------------------

  /** The generic decoder for the value at pos; a misfit unless the shape says `any`. */
  const decodeGeneric = (to: string, misfit: boolean): string =>
    `{ ${misfit ? 'T.misfits++; ' : ''}${to} = T.decode(w, pos); pos = T.end; }`;

  const decodeValue = (s: Shape, to: string): string => {
    const miss = decodeGeneric(to, true);
    switch (s.kind) {
      case 'number':
        return `t = w[pos]; if ((t & 7) === ${INT}) { pos++; ${to} = t >> 3; } else ${miss}`;
      case 'string':
        return `t = w[pos]; if ((t & 7) === ${STR}) { pos++; ${to} = STRS[t >>> 3]; } else ${miss}`;
      case 'boolean':
        return `t = w[pos]; if (t === ${TRUE_WORD}) { pos++; ${to} = true; } else if (t === ${FALSE_WORD}) { pos++; ${to} = false; } else ${miss}`;
      case 'null':
        return `if (w[pos] === ${NULL_WORD}) { pos++; ${to} = null; } else ${miss}`;
      case 'nullable':
        return `if (w[pos] === ${NULL_WORD}) { pos++; ${to} = null; } else { ${decodeValue(s.of, to)} }`;
      case 'array': {
        const n = fresh('n');
        const a = fresh('a');
        const i = fresh('i');
        const y = fresh('y');
        return `t = w[pos]; if ((t & 7) !== ${ARR}) ${miss} else {
  pos++;
  const ${n} = t >>> 3, ${a} = [];
  for (let ${i} = 0; ${i} < ${n}; ${i}++) { let ${y}; ${decodeValue(s.of, y)} ${a}.push(${y}); }
  ${to} = ${a};
}`;
      }
      case 'object': {
        const display = s.keys;
        const sorted = [...display].sort();
        const header = (codec.keySetOf(display) << 3) | OBJ;
        const xs = sorted.map(() => fresh('x'));
        const field = (k: string) => s.fields[display.indexOf(k)] as Shape;
        return `if (w[pos] !== ${header}) ${miss} else {
  pos++;
  ${xs.length > 0 ? `let ${xs.join(', ')};` : ''}
  ${sorted.map((k, i) => decodeValue(field(k), xs[i] as string)).join('\n  ')}
  ${to} = { ${display.map((k) => `${JSON.stringify(k)}: ${xs[sorted.indexOf(k)]}`).join(', ')} };
}`;
      }
      case 'record': {
        const ks = fresh('ks');
        const vs = fresh('vs');
        const y = fresh('y');
        return `t = w[pos]; if ((t & 7) !== ${OBJ}) ${miss} else {
  pos++;
  const ${ks} = KS[t >>> 3], ${vs} = new Array(${ks}.sorted.length);
  for (let i = 0; i < ${vs}.length; i++) { let ${y}; ${decodeValue(s.of, y)} ${vs}[i] = ${y}; }
  ${to} = objectOf(${ks}, ${vs});
}`;
      }
      case 'indexed': {
        const n = fresh('n');
        const o = fresh('o');
        const y = fresh('y');
        return `t = w[pos]; if ((t & 7) !== ${REC}) ${miss} else {
  pos++;
  const ${n} = t >>> 3, ${o} = {};
  for (let i = 0; i < ${n}; i++) { const k = w[pos++] >> 3; let ${y}; ${decodeValue(s.of, y)} ${o}[k] = ${y}; }
  ${to} = ${o};
}`;
      }
      case 'any':
        return decodeGeneric(to, false);
      default:
        return miss;
    }
  };

  // ---- copying: statements that set `to` to a copy of x, which fits the shape -------------------

  const cloneValue = (s: Shape, x: string, to: string): string => {
    switch (s.kind) {
      case 'number':
      case 'string':
      case 'boolean':
      case 'null':
        return `${to} = ${x};`;
      case 'nullable':
        return oneWord(s) ? `${to} = ${x};` : `if (${x} === null) ${to} = null; else { ${cloneValue(s.of, x, to)} }`;
      case 'array': {
        if (oneWord(s.of)) return `${to} = ${x}.slice();`;
        const from = fresh('from');
        const a = fresh('a');
        const i = fresh('i');
        const e = fresh('e');
        const y = fresh('y');
        return `const ${from} = ${x}, ${a} = [];
for (let ${i} = 0; ${i} < ${from}.length; ${i}++) { const ${e} = ${from}[${i}]; let ${y}; ${cloneValue(s.of, e, y)} ${a}.push(${y}); }
${to} = ${a};`;
      }
      case 'object': {
        const xs = s.keys.map(() => fresh('x'));
        const copies = s.keys.map((k, i) => {
          const f = s.fields[i] as Shape;
          return oneWord(f) ? '' : cloneValue(f, `${x}[${JSON.stringify(k)}]`, xs[i] as string);
        });
        const values = s.keys.map((k, i) => (oneWord(s.fields[i] as Shape) ? `${x}[${JSON.stringify(k)}]` : xs[i]));
        const declared = xs.filter((_, i) => !oneWord(s.fields[i] as Shape));
        return `{ ${declared.length > 0 ? `let ${declared.join(', ')};` : ''}
  ${copies.join(' ')}
  ${to} = { ${s.keys.map((k, i) => `${JSON.stringify(k)}: ${values[i]}`).join(', ')} }; }`;
      }
      default:
        // Dictionaries and anything else: as the generic decoder builds them.
        return `${to} = cloneTree(${x});`;
    }
  };

  const encodeBody = encodeValue(root, 'v');
  const decodeBody = decodeValue(root, 'v');
  const cloneBody = cloneValue(root, 'x', 'v');
  const body = `
const STRS = T.strings, KS = T.keySets, NONE = Symbol('none');
let E = 0, room = ${MIN_ROOM}${siteVars.length > 0 ? `, ${siteVars.join(', ')}` : ''};
return {
  encode(v, O) {
    const start = O.length;
    for (;;) {
      O.reserve(room);
      let W = O.data, p = start;
      ${encodeBody}
      if (p <= W.length) { O.length = p; return; }
      // Words fell off the end (p only goes back to rewrite words): again, with twice the room.
      O.length = start;
      room = Math.max(2 * room, 2 * (p - start));
    }
  },
  decode(w, pos) {
    let t = 0, v;
    ${decodeBody}
    E = pos;
    return v;
  },
  end() { return E; },
  clone(x) {
    let v;
    ${cloneBody}
    return v;
  },
};`;
  // Generated from the shape only (keys are quoted with JSON.stringify); nothing user-written runs.
  return new Function('T', 'C', 'objectOf', 'isIndexKey', 'cloneTree', body)(
    codec,
    consts,
    objectOf,
    isIndexKey,
    cloneTree,
  ) as Compiled;
}

/**
 * A deep copy of a tree the generic decoder built: arrays, objects (keys in the order they
 * enumerate, which is the order decoding gives them), and primitives as they are.
 */
export function cloneTree(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const a: unknown[] = [];
    for (let i = 0; i < v.length; i++) a.push(cloneTree(v[i]));
    return a;
  }
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const x = cloneTree(o[k]);
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
