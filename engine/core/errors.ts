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
  | 'io'; // a file that cannot be read or written

export class RacehuntError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(oneLine(message));
    this.kind = kind;
    this.name = 'RacehuntError';
  }
}

/** Collapse whitespace so that a message from a nested error stays on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** "did you mean" for unknown names: the known names, listed. */
export function unknownName(what: string, name: string, known: readonly string[], of?: string): RacehuntError {
  const list = known.length > 0 ? known.join(', ') : '(none)';
  return new RacehuntError('unknown-name', `unknown ${what} "${name}"${of ? ` ${of}` : ''} (known: ${list})`);
}

export function messageOf(e: unknown): string {
  if (e instanceof Error) return oneLine(`${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`);
  return oneLine(String(e));
}

/**
 * A user-given name looked up in a table of names: own properties only, so that "constructor" or
 * "toString" is an unknown name like any other, never something inherited from Object.prototype.
 */
export function own<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
