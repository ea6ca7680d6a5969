/**
 * The state codec behind the explorer's fingerprints (engine/explore/codec.ts): canonical (equal
 * data, equal words, whatever the key order), lossless for plain data, and the compiled code for
 * a shape writes exactly the generic code's words, on values that fit the shape or not. Property
 * tests with fixed seeds; about 2 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tables as Codec } from '../explore/codec/tables.ts';
import { Words, hashWords, isIndexKey } from '../explore/codec/words.ts';
import { compile, type Compiled } from '../explore/codec/compile.ts';
import { mergeShapes, shapeOf } from '../explore/codec/shape.ts';
import { StateStore } from '../explore/store.ts';

const words = (codec: Codec, v: unknown, compiled?: Compiled | null): number[] => {
  const out = new Words(4);
  if (compiled) compiled.encode(v, out);
  else codec.encode(v, out);
  return [...out.data.subarray(0, out.length)];
};

/** Do two trees share an object or array? */
const shared = (a: unknown, b: unknown): boolean => {
  const inA = new Set<unknown>();
  const walk = (v: unknown, f: (o: object) => void): void => {
    if (typeof v !== 'object' || v === null) return;
    f(v);
    for (const x of Object.values(v)) walk(x, f);
  };
  walk(a, (o) => inA.add(o));
  let found = false;
  walk(b, (o) => (found ||= inA.has(o)));
  return found;
};

/** What JSON keeps of a value: the codec's notion of equal data. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/** Plain data the way states are made: objects (some keyed by numbers), arrays, numbers, strings. */
const stateLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(0.5, -0, 2 ** 40, null, true, false),
    fc.constantFrom('idle', 'applying', 'x', ''),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'phase', 'plan', '10', '2', '017', '__proto__'), tie('value'), {
      maxKeys: 4,
    }),
    fc.dictionary(fc.integer({ min: 0, max: 12 }).map(String), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('the state codec', () => {
  it('decodes what it encodes (as JSON would keep it)', () => {
    fc.assert(
      fc.property(stateLike, (v) => {
        const codec = new Codec();
        expect(codec.decode(Int32Array.from(words(codec, v)), 0)).toEqual(plain(v));
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it('gives equal words to equal data whatever the key order, and different words to different data', () => {
    const codec = new Codec();
    expect(words(codec, { a: 1, b: [2, 'x'] })).toEqual(words(codec, { b: [2, 'x'], a: 1 }));
    expect(words(codec, { a: 1, b: undefined })).toEqual(words(codec, { a: 1 }));
    expect(words(codec, [undefined])).toEqual(words(codec, [null]));
    expect(words(codec, -0)).toEqual(words(codec, 0));
    const distinct = [
      1,
      '1',
      [1],
      { 1: 1 },
      { a: 1 },
      { '01': 1 },
      true,
      null,
      1.5,
      2 ** 30,
      [],
      {},
      [[]],
      { a: [] },
      { 3: 'x', 4: 'y' },
      { 3: 'x' },
    ];
    const all = distinct.map((v) => JSON.stringify(words(codec, v)));
    expect(new Set(all).size).toBe(distinct.length);
  });

  it('writes objects keyed only by canonical integers as dictionaries, anything else by key set', () => {
    expect(['0', '7', '17', '268435455'].every(isIndexKey)).toBe(true);
    expect(['', '017', '1e3', '-0', '-1', '1.0', ' 1', '268435456', '10e2', 'x'].some(isIndexKey)).toBe(false);
    const codec = new Codec();
    expect(words(codec, { 3: 'a', 10: 'b' })[0]! & 7).toBe(6);
    expect(words(codec, { 3: 'a', x: 'b' })[0]! & 7).toBe(3);
  });

  it('compiled for one shape, writes the generic words for any value', () => {
    fc.assert(
      fc.property(fc.array(stateLike, { minLength: 1, maxLength: 4 }), stateLike, (samples, v) => {
        const codec = new Codec();
        const shape = samples.map(shapeOf).reduce(mergeShapes);
        const fast = compile(codec, shape);
        const generic = words(codec, v);
        expect(words(codec, v, fast)).toEqual(generic);
        const w = Int32Array.from(generic);
        expect(fast ? fast.decode(w, 0) : codec.decode(w, 0)).toEqual(plain(v));
        if (!fast) return;
        expect(fast.end()).toBe(w.length);
        // A tree decoded without a misfit is copied as decoding again would give it (key order
        // too), sharing nothing with it: on a value of the shape, and on any other.
        for (const x of [samples[0], v]) {
          const xw = Int32Array.from(words(codec, x));
          const misfits = codec.misfits;
          const decoded = fast.decode(xw, 0);
          if (codec.misfits !== misfits) continue;
          const copy = fast.clone(decoded);
          expect(copy).toStrictEqual(fast.decode(xw, 0));
          expect(JSON.stringify(copy)).toBe(JSON.stringify(fast.decode(xw, 0)));
          expect(shared(copy, decoded)).toBe(false);
        }
      }),
      { seed: 9, numRuns: 500 },
    );
  });

  it('compiled, encodes states larger than the room it makes, misfits before and after the end included', () => {
    const codec = new Codec();
    const fast = compile(codec, shapeOf({ n: 1, xs: [1], ys: [{ s: 'a' }], z: 1 }))!;
    const big = (k: number, misfit: unknown) => ({
      n: 2,
      xs: Array.from({ length: k }, (_, i) => (i === k >> 1 ? misfit : i)),
      ys: Array.from({ length: k }, (_, i) => ({ s: `s${i % 3}` })),
      z: misfit,
    });
    for (const k of [10, 200, 300, 1000, 5000])
      for (const misfit of [1, 2 ** 40, 'x', [1, 2, 3]]) {
        const v = big(k, misfit);
        const out = new Words(4);
        out.push(7);
        fast.encode(v, out);
        fast.encode(v, out);
        const once = words(codec, v);
        expect([...out.data.subarray(0, out.length)]).toEqual([7, ...once, ...once]);
      }
  });

  it('hashes words into two lanes that both move with every word', () => {
    const a = { a: 0, b: 0 };
    const b = { a: 0, b: 0 };
    hashWords(Int32Array.from([1, 2, 3]), 0, 3, a);
    hashWords(Int32Array.from([1, 2, 4]), 0, 3, b);
    expect(a.a).not.toBe(b.a);
    expect(a.b).not.toBe(b.b);
  });
});

describe('the state store', () => {
  it('keeps one entry per fingerprint, across table growth, with the way back to each', () => {
    const store = new StateStore(3, 16);
    const fp = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) {
      hashWords(Int32Array.from([i]), 0, 1, fp);
      expect(store.add(fp.a, fp.b, i === 0 ? 0xffffffff : i - 1, i % 3)).toBe(i);
    }
    for (let i = 0; i < 10_000; i += 7) {
      hashWords(Int32Array.from([i]), 0, 1, fp);
      expect(store.add(fp.a, fp.b, 0, 0)).toBe(-1);
      expect(store.has(fp.a, fp.b)).toBe(true);
    }
    expect(store.size).toBe(10_000);
    expect(store.pathTo(5)).toEqual([1, 2, 0, 1, 2]);
    expect(store.bytes / store.size).toBeLessThan(64);
  });
});
