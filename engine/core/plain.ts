/**
 * States and arguments are plain data: objects, arrays, finite numbers (not -0, which JSON
 * writes as 0), strings, booleans and null, as JSON has them. That is what can be frozen,
 * fingerprinted, written to a trace and read back the same; anything else (a class instance, a
 * Map, undefined, NaN, a cycle, a symbol key, a getter, a hidden field, a hole in a list) is
 * refused with the path to it.
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
    // JSON writes -0 as 0: a trace, a fingerprint or a worker's copy would hold another state than
    // the step made, and code that tells them apart (1 / x, Object.is) would then look nondeterministic.
    if (Object.is(x, -0)) throw err(where, '-0, which JSON writes as 0 (a trace could not hold it: make it 0)');
    return;
  }
  if (typeof x !== 'object') throw err(where, typeof x);
  if (ancestors.includes(x)) throw err(where, 'a reference to an object that contains it (a cycle)');
  if (ancestors.length > 200)
    throw err(where.length > 80 ? `${where.slice(0, 80)}…` : where, 'nested more than 200 levels deep');
  ancestors.push(x);
  const array = Array.isArray(x);
  if (!array) {
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null)
      throw err(where, `a ${proto?.constructor?.name ?? 'class instance'}`);
  }
  // Every own key, not only the enumerable string ones JSON and Object.entries see: a symbol key, a
  // hidden or computed field, or a hole in a list would be lost in a trace (and crash its printing).
  for (const k of Reflect.ownKeys(x)) {
    if (array && k === 'length') continue;
    if (typeof k === 'symbol') throw err(`${where}[${String(k)}]`, 'a field keyed by a symbol (JSON has no such keys)');
    const d = Object.getOwnPropertyDescriptor(x, k) as PropertyDescriptor;
    const at = array ? `${where}[${k}]` : `${where}.${k}`;
    if (array && !/^(0|[1-9]\d*)$/.test(k)) throw err(at, 'a named field on a list (JSON drops it)');
    if (d.get || d.set) throw err(at, 'a getter or setter, not a value');
    if (!d.enumerable) throw err(at, 'a hidden (non-enumerable) field');
    assertPlainData(d.value, at, err, ancestors);
  }
  if (array)
    for (let i = 0; i < (x as unknown[]).length; i++)
      if (!Object.hasOwn(x, i)) throw err(`${where}[${i}]`, 'a hole (a missing element of a list)');
  ancestors.pop();
}
