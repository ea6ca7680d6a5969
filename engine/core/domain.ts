/**
 * Argument domains for actions: finite lists of values. A hunt draws from them (and shrinks towards
 * the first value), the exhaustive explorer and the fair recovery schedule walk them. Domains are
 * plain data, with no fast-check in them: the hunt builds its own arbitraries from them.
 */

export interface Domain<A> {
  /** Every argument, in the order a shrinker moves towards (first = simplest). */
  readonly values: readonly A[];
  /**
   * For a `record` domain: the domains of its fields, in order. `values` is their cartesian
   * product with the last field varying fastest, so a hunt can shrink each field on its own.
   */
  readonly fields?: readonly Domain<unknown>[];
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
    combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [k]: v })));
  }
  return { values: combos as R[], fields: keys.map((k) => parts[k] as Domain<unknown>) };
}

/** Is this a domain (a list of values), as an action's `args` must return? */
export function isDomain(d: unknown): d is Domain<unknown> {
  return typeof d === 'object' && d !== null && Array.isArray((d as { values?: unknown }).values);
}
