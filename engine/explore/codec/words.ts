/**
 * States as flat vectors of 32-bit words, as SPIN keeps them: the explorer's frontier holds
 * encoded states instead of object trees (a few hundred bytes each instead of kilobytes, and
 * nothing for the garbage collector to trace), and fingerprints are hashes of the words.
 *
 * One word per value: the low three bits are a tag (the encoding itself is in tables.ts).
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
 */

export const TAG_BITS = 3;
export const TAG_MASK = 7;
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

export const SMALL_MIN = -(2 ** 28);
export const SMALL_MAX = 2 ** 28 - 1;

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
