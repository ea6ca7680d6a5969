/**
 * Argument domains for actions. A domain with `values` can be both sampled (fast-check draws from
 * it and shrinks towards its first value) and enumerated (the exhaustive explorer and the fair
 * recovery schedule walk it), so it is what models should use. A domain with only an `arbitrary`
 * can be hunted but not enumerated; the engine says so when an enumerating mode meets one.
 */
import fc from 'fast-check';

export interface Domain<A> {
  /** Every argument, in the order fast-check shrinks towards (first = simplest). */
  readonly values?: readonly A[];
  /** How fast-check draws an argument; defaults to a uniform choice over `values`. */
  readonly arbitrary?: fc.Arbitrary<A>;
  /**
   * Indices into `values` as a shrinker sees them: an arbitrary that fast-check can shrink without
   * context, towards simpler arguments. Defaults to an integer range (shrinks towards the first
   * value, trying those in between); `record` shrinks each field on its own.
   */
  readonly indices?: fc.Arbitrary<number>;
}

/** Integers lo..hi inclusive: actor ids, endpoint indices, small amounts. */
export function range(lo: number, hi: number): Domain<number> {
  const values: number[] = [];
  for (let i = lo; i <= hi; i++) values.push(i);
  return { values };
}

/** An explicit list of values. */
export function oneOf<A>(values: readonly A[]): Domain<A> {
  return { values: [...values] };
}

/** Several named arguments at once: the cartesian product of their domains. */
export function record<R extends Record<string, unknown>>(parts: { [K in keyof R]: Domain<R[K]> }): Domain<R> {
  const keys = Object.keys(parts) as (keyof R & string)[];
  let combos: Record<string, unknown>[] = [{}];
  const sizes: number[] = [];
  const fields: fc.Arbitrary<number>[] = [];
  for (const k of keys) {
    const d = parts[k];
    const vs = d.values;
    if (!vs) return { arbitrary: fc.record(arbitraries(parts)) as unknown as fc.Arbitrary<R> };
    combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
    sizes.push(vs.length);
    fields.push(indicesOf(d));
  }
  // combos vary the last key fastest, so a combo's index is its field indices in mixed radix.
  const encode = (ix: readonly number[]) => ix.reduce((flat, i, k) => flat * (sizes[k] ?? 1) + i, 0);
  const decode = (value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= combos.length) throw new Error('not an index of this record domain');
    let flat = value;
    const ix: number[] = [];
    for (let k = sizes.length - 1; k >= 0; k--) {
      const size = sizes[k] ?? 1;
      ix.unshift(flat % size);
      flat = Math.floor(flat / size);
    }
    return ix;
  };
  return { values: combos as R[], indices: fc.tuple(...fields).map(encode, decode) };
}

/** The shrinkable index arbitrary of an enumerable domain (see Domain.indices). */
export function indicesOf<A>(d: Domain<A>): fc.Arbitrary<number> {
  if (d.indices) return d.indices;
  const n = d.values?.length ?? 0;
  if (n === 0) throw new Error('indicesOf: empty domain');
  return fc.integer({ min: 0, max: n - 1 });
}

function arbitraries<R extends Record<string, unknown>>(parts: { [K in keyof R]: Domain<R[K]> }): Record<string, fc.Arbitrary<unknown>> {
  const out: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, d] of Object.entries(parts) as [string, Domain<unknown>][]) out[k] = arbitraryOf(d);
  return out;
}

/** Sample-only domain: fine for hunting, refused by the exhaustive explorer. */
export function sampled<A>(arbitrary: fc.Arbitrary<A>): Domain<A> {
  return { arbitrary };
}

/** The arbitrary fast-check draws from for a domain (undefined for an empty domain). */
export function arbitraryOf<A>(d: Domain<A>): fc.Arbitrary<A> {
  if (d.arbitrary) return d.arbitrary;
  const vs = d.values ?? [];
  if (vs.length === 0) throw new Error('arbitraryOf: empty domain');
  return vs.length === 1 ? fc.constant(vs[0] as A) : fc.constantFrom(...vs);
}
