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
  for (const k of keys) {
    const vs = parts[k].values;
    if (!vs) return { arbitrary: fc.record(arbitraries(parts)) as unknown as fc.Arbitrary<R> };
    combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
  }
  return { values: combos as R[] };
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
