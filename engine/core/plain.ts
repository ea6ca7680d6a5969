/**
 * States and arguments are plain data: objects, arrays, finite numbers, strings, booleans and
 * null, as JSON has them. That is what can be frozen, fingerprinted, written to a trace and read
 * back the same; anything else (a class instance, a Map, undefined, NaN, a cycle) is refused with
 * the path to it.
 */
export function assertPlainData(
  x: unknown,
  where: string,
  err: (where: string, what: string) => Error,
  ancestors: unknown[] = [],
): void {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw err(where, String(x));
    return;
  }
  if (typeof x !== 'object') throw err(where, typeof x);
  if (ancestors.includes(x)) throw err(where, 'a reference to an object that contains it (a cycle)');
  if (ancestors.length > 200)
    throw err(where.length > 80 ? `${where.slice(0, 80)}…` : where, 'nested more than 200 levels deep');
  ancestors.push(x);
  if (Array.isArray(x)) {
    x.forEach((v, i) => assertPlainData(v, `${where}[${i}]`, err, ancestors));
  } else {
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null)
      throw err(where, `a ${proto?.constructor?.name ?? 'class instance'}`);
    for (const [k, v] of Object.entries(x)) assertPlainData(v, `${where}.${k}`, err, ancestors);
  }
  ancestors.pop();
}
