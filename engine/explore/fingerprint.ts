/**
 * State fingerprints: a 64-bit hash of a plain-data value, computed by walking it directly (no
 * JSON string is built), so that the explorer can tell states apart without keeping them.
 *
 * Two 32-bit lanes with unrelated mixers (MurmurHash3's and xxHash32's rounds) make the 64 bits.
 * Equal data gives equal fingerprints whatever the key order of its objects (entries are hashed one
 * by one and summed), because immer appends a re-added key at the end and the same state must not
 * count twice. As in JSON, `undefined` object members are skipped and -0 equals 0.
 *
 * Distinct states collide with probability about n²/2⁶⁵ over n states (3·10⁻⁶ at 10⁷ states), the
 * same trade TLC makes with its 64-bit fingerprints; the explorer prints the estimate.
 */

/** The second lane of the last value hashed: `hashValue` returns the first and leaves this. */
let laneB = 0;

const M1 = 0xcc9e2d51;
const M2 = 0x1b873593;
const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;

/** MurmurHash3's body round: fold k into h. */
function murmur(h: number, k: number): number {
  k = Math.imul(k, M1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, M2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** xxHash32's round: fold k into h. */
function xx(h: number, k: number): number {
  h = (h + Math.imul(k, P2)) | 0;
  h = (h << 13) | (h >>> 19);
  return Math.imul(h, P1);
}

/** Final avalanche (MurmurHash3's fmix32). */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  return (h ^ (h >>> 16)) | 0;
}

// Type tags keep 1, "1", [1] and {"0": 1} apart.
const T_INT = 0x1f1f1f1f;
const T_FLOAT = 0x2e2e2e2e;
const T_STRING = 0x3d3d3d3d;
const T_ARRAY = 0x4c4c4c4c;
const T_OBJECT = 0x5b5b5b5b;
const T_NULL = 0x6a6a6a6a;
const T_TRUE = 0x79797979;
const T_FALSE = 0x08080808;

const floatView = new Float64Array(1);
const floatWords = new Int32Array(floatView.buffer);

/**
 * Strings in states come from a small vocabulary (phases, names, keys): their two lanes are cached,
 * packed in one number each way so that a lookup allocates nothing.
 */
const stringCache = new Map<string, number>();
const stringLanes: number[] = [];
const STRING_CACHE_MAX = 1 << 16;
const SHORT_STRING = 64;

function hashString(s: string): number {
  const cached = s.length <= SHORT_STRING ? stringCache.get(s) : undefined;
  if (cached !== undefined) {
    laneB = stringLanes[cached + 1] as number;
    return stringLanes[cached] as number;
  }
  let a = T_STRING ^ s.length;
  let b = xx(T_STRING, s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = murmur(a, c);
    b = xx(b, c);
  }
  a = avalanche(a);
  b = avalanche(b);
  if (s.length <= SHORT_STRING && stringCache.size < STRING_CACHE_MAX) {
    stringCache.set(s, stringLanes.length);
    stringLanes.push(a, b);
  }
  laneB = b;
  return a;
}

/** Hash a plain-data value: returns the first lane and leaves the second in `laneB`. */
function hashValue(v: unknown): number {
  switch (typeof v) {
    case 'number': {
      if (v === (v | 0)) {
        laneB = avalanche(xx(T_INT, v | 0));
        return avalanche(murmur(T_INT, v | 0));
      }
      floatView[0] = v;
      const lo = floatWords[0] as number;
      const hi = floatWords[1] as number;
      laneB = avalanche(xx(xx(T_FLOAT, lo), hi));
      return avalanche(murmur(murmur(T_FLOAT, lo), hi));
    }
    case 'string':
      return hashString(v);
    case 'boolean':
      laneB = v ? ~T_TRUE : ~T_FALSE;
      return v ? T_TRUE : T_FALSE;
    case 'object': {
      if (v === null) {
        laneB = ~T_NULL;
        return T_NULL;
      }
      if (Array.isArray(v)) {
        let a = T_ARRAY;
        let b = ~T_ARRAY;
        const n = v.length;
        for (let i = 0; i < n; i++) {
          a = murmur(a, hashValue(v[i]));
          b = xx(b, laneB);
        }
        laneB = avalanche(b ^ n);
        return avalanche(a ^ n);
      }
      // Objects: each entry hashed on its own, entries summed, so key order does not matter.
      const o = v as Record<string, unknown>;
      let a = 0;
      let b = 0;
      let n = 0;
      for (const k in o) {
        const x = o[k];
        if (x === undefined) continue;
        const ka = hashString(k);
        const kb = laneB;
        const xa = hashValue(x);
        a = (a + avalanche(murmur(murmur(T_OBJECT, ka), xa))) | 0;
        b = (b + avalanche(xx(xx(~T_OBJECT, kb), laneB))) | 0;
        n++;
      }
      laneB = avalanche(xx(b, n));
      return avalanche(murmur(a, n));
    }
    default:
      // undefined in an array reads as null, as in JSON; functions and symbols are not state.
      laneB = ~T_NULL;
      return T_NULL;
  }
}

/** A 64-bit fingerprint as two 32-bit lanes, written into `out` (no allocation per call). */
export interface Lanes {
  a: number;
  b: number;
}

export function fingerprint(v: unknown, out: Lanes): void {
  out.a = hashValue(v);
  out.b = laneB;
}

/** Combine a state's fingerprint with its monitors' memories (the product state's fingerprint). */
export function fingerprintWith(v: unknown, extra: unknown, out: Lanes): void {
  const a = hashValue(v);
  const b = laneB;
  const ea = hashValue(extra);
  out.a = avalanche(murmur(a, ea));
  out.b = avalanche(xx(b, laneB));
}
