/**
 * States as flat vectors of 32-bit words, as SPIN keeps them: the explorer's frontier holds
 * encoded states instead of object trees (a few hundred bytes each instead of kilobytes, and
 * nothing for the garbage collector to trace), fingerprints are hashes of the words, and a state
 * becomes an object tree again only to be expanded.
 *
 * The encoding is canonical: equal data gives equal words whatever the key order of its objects
 * (keys are written in sorted order), `undefined` object members are skipped and an `undefined`
 * array element reads as null, as in JSON. One word per value: the low three bits are a tag.
 *
 *   INT    small integer (−2²⁸ ≤ n < 2²⁸), n in the high bits
 *   STR    a string, by its number in the codec's string table
 *   ARR    an array of n elements; the elements follow
 *   OBJ    an object, by its key set's number; the values follow, keys in sorted order
 *   CONST  null, false or true
 *   NUM    any other number; its 64 bits follow in two words
 *   REC    an object keyed by numbers (every key an integer 0 ≤ k < 2²⁸, as "17"): n pairs of
 *          key and value follow, keys ascending. Such dictionaries (plans by generation) change
 *          their key sets all the time, and JavaScript enumerates integer keys in ascending order,
 *          so they are written as they are enumerated, without a key set.
 *
 * Decoded objects get their keys in the order first seen for that key set, so a model that walks
 * Object.keys sees what it would in a hunt.
 */
import type { Compiled } from './compile.ts';

const TAG_BITS = 3;
const TAG_MASK = 7;
export const INT = 0;
export const STR = 1;
export const ARR = 2;
export const OBJ = 3;
export const CONST = 4;
export const NUM = 5;
export const REC = 6;

export const NULL_WORD = (0 << TAG_BITS) | CONST;
export const FALSE_WORD = (1 << TAG_BITS) | CONST;
export const TRUE_WORD = (2 << TAG_BITS) | CONST;

const SMALL_MIN = -(2 ** 28);
const SMALL_MAX = 2 ** 28 - 1;

const floatView = new Float64Array(1);
const floatWords = new Int32Array(floatView.buffer);

/** A growable vector of words: the scratch buffer and the frontier's arena. */
export class Words {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  /** Make room for n more words. */
  reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < this.length + n) cap *= 2;
    const data = new Int32Array(cap);
    data.set(this.data.subarray(0, this.length));
    this.data = data;
  }
  push(w: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = w;
  }
  /** Append words from another vector. */
  append(from: Int32Array, start: number, end: number): void {
    this.reserve(end - start);
    const data = this.data;
    let p = this.length;
    for (let i = start; i < end; i++) data[p++] = from[i] as number; // no subarray view to allocate
    this.length = p;
  }
  /** Drop everything, keeping the memory. */
  clear(): void {
    this.length = 0;
  }
}

export interface KeySet {
  readonly id: number;
  /** Keys in sorted order: the order values are written in. */
  readonly sorted: readonly string[];
  /** Keys in the order first seen: the order decoded objects get. */
  readonly display: readonly string[];
  /** For each display position, the value's position in sorted order. */
  readonly fromSorted: readonly number[];
  /** Builds the object from its values in sorted order; compiled on first use (objectOf). */
  build: ((values: readonly unknown[]) => Record<string, unknown>) | null;
}

interface KeyTrie {
  readonly next: Map<string, KeyTrie>;
  id: number;
}

/** The codec's tables: strings and key sets are numbered as they are first met. */
export class Codec {
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  readonly keySets: KeySet[] = [];
  private readonly keySetIds = new Map<string, number>();

  stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** Key sets by their keys in the order an object enumerates them: a trie of maps. */
  private readonly keyTrie: KeyTrie = { next: new Map(), id: -1 };

  /** The number of an object's key set (members holding undefined left out). */
  keySetId(o: Record<string, unknown>): number {
    let node = this.keyTrie;
    for (const k in o) {
      if (o[k] === undefined) continue;
      let n = node.next.get(k);
      if (n === undefined) {
        n = { next: new Map(), id: -1 };
        node.next.set(k, n);
      }
      node = n;
    }
    if (node.id < 0) node.id = this.keySetOf(Object.keys(o).filter((k) => o[k] !== undefined));
    return node.id;
  }

  /** The number of the key set of these keys (given in the order seen). */
  keySetOf(display: readonly string[]): number {
    const sorted = [...display].sort();
    const name = sorted.join('\u0000');
    let id = this.keySetIds.get(name);
    if (id === undefined) {
      id = this.keySets.length;
      this.keySets.push({ id, sorted, display, fromSorted: display.map((k) => sorted.indexOf(k)), build: null });
      this.keySetIds.set(name, id);
    }
    return id;
  }

  /** Code compiled for the states' shape (compile.ts), used by write and read when present. */
  fast: Compiled | null = null;
  /** How often compiled code met a value that did not fit its shape and used the generic code. */
  fallbacks = 0;

  /** Append a state's words: the compiled encoder when there is one. */
  write(v: unknown, out: Words): void {
    if (this.fast) this.fast.encode(v, out);
    else this.encode(v, out);
  }

  /** Decode the state at `at` (the compiled decoder when there is one); `end` is where it ends. */
  read(w: Int32Array, at: number): unknown {
    if (!this.fast) return this.decode(w, at);
    const v = this.fast.decode(w, at);
    this.end = this.fast.end();
    return v;
  }

  /** Append the words of a value. */
  encode(v: unknown, out: Words): void {
    switch (typeof v) {
      case 'number':
        if (v === (v | 0) && v >= SMALL_MIN && v <= SMALL_MAX) {
          out.push(v << TAG_BITS);
        } else {
          floatView[0] = v === 0 ? 0 : v;
          out.push(NUM);
          out.push(floatWords[0] as number);
          out.push(floatWords[1] as number);
        }
        return;
      case 'string':
        out.push((this.stringId(v) << TAG_BITS) | STR);
        return;
      case 'boolean':
        out.push(v ? TRUE_WORD : FALSE_WORD);
        return;
      case 'object': {
        if (v === null) {
          out.push(NULL_WORD);
          return;
        }
        if (Array.isArray(v)) {
          out.push((v.length << TAG_BITS) | ARR);
          for (let i = 0; i < v.length; i++) this.encode(v[i] ?? null, out);
          return;
        }
        const o = v as Record<string, unknown>;
        const n = indexedSize(o);
        if (n > 0) {
          out.push((n << TAG_BITS) | REC);
          for (const k in o) {
            const x = o[k];
            if (x === undefined) continue;
            out.push(Number(k) << TAG_BITS);
            this.encode(x, out);
          }
          return;
        }
        const id = this.keySetId(o);
        out.push((id << TAG_BITS) | OBJ);
        for (const k of (this.keySets[id] as KeySet).sorted) this.encode(o[k], out);
        return;
      }
      default:
        out.push(NULL_WORD);
    }
  }

  /** The value whose words start at `at`; `decoded.end` is where they end. */
  decode(w: Int32Array, at: number): unknown {
    const word = w[at] as number;
    switch (word & TAG_MASK) {
      case INT:
        this.end = at + 1;
        return word >> TAG_BITS;
      case STR:
        this.end = at + 1;
        return this.strings[word >>> TAG_BITS];
      case CONST:
        this.end = at + 1;
        return word === NULL_WORD ? null : word === TRUE_WORD;
      case NUM:
        floatWords[0] = w[at + 1] as number;
        floatWords[1] = w[at + 2] as number;
        this.end = at + 3;
        return floatView[0];
      case ARR: {
        const n = word >>> TAG_BITS;
        const out: unknown[] = [];
        let p = at + 1;
        for (let i = 0; i < n; i++) {
          out.push(this.decode(w, p));
          p = this.end;
        }
        this.end = p;
        return out;
      }
      case REC: {
        const n = word >>> TAG_BITS;
        const out: Record<number, unknown> = {};
        let p = at + 1;
        for (let i = 0; i < n; i++) {
          const k = (w[p] as number) >> TAG_BITS;
          out[k] = this.decode(w, p + 1);
          p = this.end;
        }
        this.end = p;
        return out;
      }
      default: {
        const ks = this.keySets[word >>> TAG_BITS] as KeySet;
        const values = new Array<unknown>(ks.sorted.length);
        let p = at + 1;
        for (let i = 0; i < values.length; i++) {
          values[i] = this.decode(w, p);
          p = this.end;
        }
        this.end = p;
        return objectOf(ks, values);
      }
    }
  }

  /** Where the value last decoded ended. */
  end = 0;
}

/** Is this key an integer written canonically, 0 ≤ k < 2²⁸ ("17", not "017", "1e3" or "-0")? */
export function isIndexKey(k: string): boolean {
  const n = k.length;
  if (n === 0 || n > 9 || (n > 1 && k.charCodeAt(0) === 48)) return false;
  for (let j = 0; j < n; j++) {
    const c = k.charCodeAt(j);
    if (c < 48 || c > 57) return false;
  }
  return +k <= SMALL_MAX;
}

/** The number of members of an object keyed only by numbers (REC), or 0 if it is not one. */
export function indexedSize(o: Record<string, unknown>): number {
  let n = 0;
  for (const k in o) {
    if (o[k] === undefined) continue;
    if (!isIndexKey(k)) return 0;
    n++;
  }
  return n;
}

/**
 * An object with a key set's keys in display order, from its values in sorted order. The builder
 * is an object literal compiled once per key set (an object built key by key is several times
 * slower to make and to read); a `__proto__` key needs defineProperty, so it is built by hand.
 */
export function objectOf(ks: KeySet, values: readonly unknown[]): Record<string, unknown> {
  if (ks.build) return ks.build(values);
  if (ks.display.includes('__proto__')) {
    ks.build = (vs) => {
      const out: Record<string, unknown> = {};
      ks.display.forEach((k, i) => Object.defineProperty(out, k, { value: vs[ks.fromSorted[i] as number], enumerable: true, writable: true, configurable: true }));
      return out;
    };
  } else {
    const fields = ks.display.map((k, i) => `${JSON.stringify(k)}: v[${ks.fromSorted[i]}]`).join(', ');
    ks.build = new Function('v', `return { ${fields} };`) as (values: readonly unknown[]) => Record<string, unknown>;
  }
  return ks.build(values);
}

/**
 * A 64-bit hash of words[start, end) as two 32-bit lanes with unrelated rounds (MurmurHash3's and
 * xxHash32's), each finished by an avalanche.
 */
export function hashWords(w: Int32Array, start: number, end: number, out: { a: number; b: number }): void {
  let a = 0x9747b28c ^ (end - start);
  let b = 0x3c6ef372;
  for (let i = start; i < end; i++) {
    const x = w[i] as number;
    let k = Math.imul(x, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    a ^= Math.imul(k, 0x1b873593);
    a = (a << 13) | (a >>> 19);
    a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    b = (b + Math.imul(x, 0x85ebca77)) | 0;
    b = Math.imul((b << 13) | (b >>> 19), 0x9e3779b1);
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  out.a = a ^ (a >>> 16);
  b ^= b >>> 15;
  b = Math.imul(b, 0x85ebca77);
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae3d);
  out.b = (b ^ (b >>> 16)) | 0;
}
