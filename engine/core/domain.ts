/**
 * Argument domains for actions: finite lists of values. A hunt draws from them (and shrinks towards
 * the first value), the exhaustive explorer and the fair recovery schedule walk them. Domains are
 * plain data, with no fast-check in them: the hunt builds its own arbitraries from them.
 *
 * A domain is an array (`range(1, 3).map(…)` works, and `[1, 2, 3]` is a domain too); it also
 * answers `.values` (itself), which is how the engine reads any domain, and a `record` domain keeps
 * its fields' domains so that a hunt can shrink each field on its own.
 */
import { RacehuntError } from './errors.ts';

export type Domain<A> = readonly A[] & {
  /** Every argument, in the order a shrinker moves towards (first = simplest): the domain itself. */
  readonly values: readonly A[];
  /**
   * For a `record` domain: the domains of its fields, in order. `values` is their cartesian
   * product with the last field varying fastest, so a hunt can shrink each field on its own.
   */
  readonly fields?: readonly Domain<unknown>[];
};

/**
 * What `args` may give: a plain array, a domain, or (as domains were built before they were
 * arrays) an object holding the list under `values`.
 */
export type DomainLike<A> = readonly A[] | { readonly values: readonly A[] };

/** An array as a domain: `values` (not enumerable, so JSON and spreads see the array alone) is itself. */
function asDomain<A>(values: readonly A[], fields?: readonly Domain<unknown>[]): Domain<A> {
  const d = [...values];
  Object.defineProperty(d, 'values', { value: d, enumerable: false });
  if (fields) Object.defineProperty(d, 'fields', { value: fields, enumerable: false });
  return Object.freeze(d) as unknown as Domain<A>;
}

/** Integers lo..hi inclusive: actor ids, endpoint indices, small amounts. */
export function range(lo: number, hi: number): Domain<number> {
  const values: number[] = [];
  for (let i = lo; i <= hi; i++) values.push(i);
  return asDomain(values);
}

/** An explicit list of values (a plain array is one too: `args: ['a', 'b']`). */
export function oneOf<A>(values: readonly A[]): Domain<A> {
  return asDomain(values);
}

/** Several named arguments at once: the cartesian product of their domains (or arrays). */
export function record<R extends Record<string, unknown>>(parts: { [K in keyof R]: DomainLike<R[K]> }): Domain<R> {
  const keys = Object.keys(parts) as (keyof R & string)[];
  const fields = keys.map((k) => toDomain(parts[k]) as Domain<unknown>);
  let combos: Record<string, unknown>[] = [{}];
  keys.forEach((k, i) => {
    const vs = fields[i]?.values ?? [];
    combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
  });
  return asDomain(combos as R[], fields);
}

/**
 * Every subset of a list, as TLA+'s SUBSET: the smallest first (the empty one), each in the list's
 * order, so that subsets of a set kept sorted (a model's `sets`) are sorted too. At most 16 values.
 */
export function subsets<A>(values: readonly A[]): Domain<A[]> {
  const n = values.length;
  if (n > MAX_SUBSET_OF)
    throw new RacehuntError(
      'bad-model',
      `subsets of ${n} values would be 2^${n} arguments; at most ${MAX_SUBSET_OF} values`,
    );
  const all: A[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) all.push(values.filter((_, i) => (mask & (1 << i)) !== 0));
  return asDomain(all.sort((a, b) => a.length - b.length));
}

const MAX_SUBSET_OF = 16;

/**
 * Removed (December 2026): a sample-only domain, `sampled(fc.integer())`, which the explorer could
 * not walk. Still exported, so that a model written before says in one line what to write instead.
 */
export function sampled(_arbitrary?: unknown): never {
  throw new RacehuntError(
    'bad-model',
    'sampled() was removed (December 2026): a domain is a finite list, which the explorer walks and a hunt shrinks; give the values as an array, range(lo, hi), oneOf([…]) or record({…})',
  );
}

/**
 * Any domain as the engine reads it: an array, a domain, or (as models written before domains were
 * arrays built them) a `{ values }` object. Anything else is undefined, for the caller to refuse.
 */
export function toDomain<A>(d: unknown): Domain<A> | undefined {
  if (Array.isArray(d)) return isDomain(d) ? (d as unknown as Domain<A>) : asDomain(d as A[]);
  if (isDomain(d)) {
    const { values, fields } = d as { values: readonly A[]; fields?: readonly unknown[] };
    const parts = fields?.map((f) => toDomain<unknown>(f));
    return asDomain(values, parts?.every((f) => f !== undefined) ? (parts as Domain<unknown>[]) : undefined);
  }
  return undefined;
}

/** Is this a domain (a list of values under `.values`), as an action's `args` must give? */
export function isDomain(d: unknown): d is Domain<unknown> {
  return typeof d === 'object' && d !== null && Array.isArray((d as { values?: unknown }).values);
}
