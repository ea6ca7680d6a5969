/**
 * Errors a user can act on. Each carries a one-line message that names the culprit; the CLI prints
 * it as `racehunt: <message>` and exits 2, never with a stack dump (set RACEHUNT_DEBUG=1 for one).
 */
export type ErrorKind =
  | 'usage' // bad command line
  | 'unknown-name' // model, variant, invariant or parameter that does not exist
  | 'bad-param' // parameter value out of range or not an integer
  | 'bad-model' // a model declaration that breaks the API's rules
  | 'model-error' // a model's step or guard threw, or is nondeterministic
  | 'bad-trace' // a trace file that is not JSON, not a trace, or does not fit its model
  | 'io' // a file that cannot be read or written
  | 'interrupted'; // Ctrl-C stopped a command that has nothing partial to report (exit 130, not 2)

export class RacehuntError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(oneLine(message));
    this.kind = kind;
    this.name = 'RacehuntError';
  }

  /**
   * `e instanceof RacehuntError` is asked of whatever model code threw: a revoked proxy makes the
   * ordinary check throw. Such a value is no RacehuntError, so that it is reported as thrown.
   */
  static override [Symbol.hasInstance](v: unknown): boolean {
    try {
      return Function.prototype[Symbol.hasInstance].call(this, v);
    } catch {
      return false;
    }
  }
}

/**
 * `e instanceof C` for whatever model code threw: a revoked proxy makes the ordinary check throw,
 * and is then no instance of anything.
 */
export function isA<T>(e: unknown, C: abstract new (...args: never[]) => T): e is T {
  try {
    return e instanceof C;
  } catch {
    return false;
  }
}

/** Collapse whitespace so that a message from a nested error stays on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** An unknown name: "did you mean" the closest known one, and the known names, listed. */
export function unknownName(what: string, name: string, known: readonly string[], of?: string): RacehuntError {
  const list = known.length > 0 ? known.join(', ') : '(none)';
  const guess = closest(name, known);
  return new RacehuntError(
    'unknown-name',
    `unknown ${what} "${name}"${of ? ` ${of}` : ''} (${guess ? `did you mean "${guess}"? ` : ''}known: ${list})`,
  );
}

/** The known name closest to a misspelt one (edit distance at most a third of its length, or a prefix). */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.startsWith(name) || name.startsWith(k) ? 1 : editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** Edits between two names, a swap of two neighbouring letters counting as one ("modle" → "model"). */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        next[j] = Math.min(next[j] ?? 0, (before[j - 2] ?? 0) + 1);
    }
    [before, row] = [row, next];
  }
  return row[b.length] ?? 0;
}

/**
 * An export that was renamed: calling it fails in one line that names the new one, never with a
 * TypeError (and in TypeScript, at compile time: it takes no arguments).
 */
export function renamedExport(old: string, now: string): (...args: never[]) => never {
  return () => {
    throw new RacehuntError('usage', `${old} was renamed: use ${now}`);
  };
}

/** A thrown value's text is cut here: a message is one line, not a dump of whatever was thrown. */
const MAX_THROWN = 500;

/**
 * The one formatter of thrown values, for every message that quotes what a model, a system or the
 * platform threw: one line, whatever was thrown. An Error reads "TypeError: …" ("…" for a plain
 * Error, and a racehunt error, from this copy of racehunt or another, is its own message); anything
 * else reads as its string form, else as JSON. A value with neither (a null-prototype object, a
 * toString or getter that throws, a revoked proxy) is said to be so, with its type: the culprit is
 * still named by the message around it, never "internal error".
 */
export function messageOf(e: unknown): string {
  const text = errorText(e) ?? stringForm(e) ?? jsonForm(e) ?? `a value with no string form (${kindOf(e)})`;
  const line = oneLine(text);
  return line.length > MAX_THROWN ? `${line.slice(0, MAX_THROWN - 1)}…` : line;
}

/** The text of an Error (or an error-like object from another realm): "Name: message". */
function errorText(e: unknown): string | undefined {
  if (attempt(() => e instanceof Error) !== true && !isErrorLike(e)) return undefined;
  const name = attempt(() => (e as { name?: unknown }).name);
  const message = attempt(() => (e as { message?: unknown }).message);
  if (typeof message !== 'string') return undefined;
  if (typeof name !== 'string' || name === 'Error' || name === 'RacehuntError' || name === '') return message;
  return `${name}: ${message}`;
}

function isErrorLike(e: unknown): boolean {
  return attempt(() => Object.prototype.toString.call(e) === '[object Error]') === true;
}

/** String(e), unless it throws or says nothing ("[object Object]"). */
function stringForm(e: unknown): string | undefined {
  const s = attempt(() => String(e));
  return typeof s === 'string' && !/^\[object \w*\]$/.test(s) ? s : undefined;
}

function jsonForm(e: unknown): string | undefined {
  const s = attempt(() => JSON.stringify(e));
  return typeof s === 'string' && s !== '{}' ? s : undefined;
}

function kindOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return `a ${e === null ? 'null' : typeof e}`;
  if (attempt(() => Array.isArray(e)) === true) return 'an array';
  const proto = attempt(() => Object.getPrototypeOf(e));
  if (proto === null) return 'an object with no prototype';
  const name = attempt(() => (proto as { constructor?: { name?: unknown } } | undefined)?.constructor?.name);
  return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name} object` : 'an object';
}

/** Run a read that user code may make throw (a getter, a proxy trap, toString). */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * A user-given name looked up in a table of names: own properties only, so that "constructor" or
 * "toString" is an unknown name like any other, never something inherited from Object.prototype.
 */
export function own<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
