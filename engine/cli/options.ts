/**
 * Every command declares its options once, in a table: the parser (Node's util.parseArgs), the
 * per-command `--help` and the "did you mean" for a misspelt option all come from it. Conversions
 * (integers, --param k=v, seeds) give one-line errors.
 */
import { parseArgs } from 'node:util';
import { RacehuntError, closest } from '../core/errors.ts';
import { terminalWidth } from '../render/terminal.ts';
import { wrapColumns, wrapText } from '../render/wrap.ts';

export const EXIT = {
  /** Nothing found: the hunt held within budget, the replay no longer reproduces. */
  ok: 0,
  /** A counterexample was found, or a replayed one still reproduces. */
  found: 1,
  /** Bad input: unknown names, malformed files, a model that throws or is nondeterministic. */
  badInput: 2,
  /** A green run that proves little: a `sometimes` property was never reached. */
  vacuous: 3,
  /** An exhaustive check cut short by --max-states: nothing found, but not a proof either. */
  incomplete: 4,
  /** Interrupted (Ctrl-C): what was covered so far is printed. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP =
  'exit codes: 0 held / no longer reproduces, 1 counterexample found / reproduces, 2 bad input, 3 vacuous (a sometimes property never reached), 4 incomplete (check cut short by --max-states), 130 interrupted';

export interface OptionSpec {
  /** As typed after `--`: "max-steps". */
  readonly name: string;
  /** What the value looks like in help ("N", "k=v"); none for a flag. */
  readonly value?: string;
  readonly multiple?: boolean;
  readonly meaning: string;
  /** The default, in words, for help. */
  readonly default?: string;
  /** An older name that still works. */
  readonly alias?: string;
  readonly short?: string;
}

export interface CommandSpec {
  readonly name: string;
  /** What follows the command name: "<model|path>". */
  readonly args: string;
  readonly doc: string;
  readonly options: readonly OptionSpec[];
}

/** Options every command takes. */
export const COMMON: readonly OptionSpec[] = [
  { name: 'json', meaning: 'print one JSON object on stdout instead of text' },
  { name: 'color', meaning: 'colour the output even off a terminal' },
  { name: 'no-color', meaning: 'no colour even on a terminal' },
  { name: 'help', short: 'h', meaning: 'this help' },
];

/** Turning the built-in deadlock check off: hunt, check and schedule (models and code) take it alike. */
export const NO_DEADLOCK_OPTION: OptionSpec = {
  name: 'no-deadlock',
  meaning: 'do not check no-deadlock (a state with nothing enabled that is not a declared end)',
};

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  readonly values: Values;
  readonly positionals: readonly string[];
}

/** Parse a command's arguments by its table; an unknown or malformed option is one line with a suggestion. */
export function parse(argv: readonly string[], spec: CommandSpec): Parsed {
  const options = [...spec.options, ...COMMON];
  const known = options.flatMap((o) => [o.name, ...(o.alias ? [o.alias] : [])]);
  for (const arg of argv) {
    if (arg === '--') break;
    const m = /^--([^=]+)/.exec(arg);
    if (m && !known.includes(m[1] as string)) {
      const guess = closest(m[1] as string, known);
      throw new RacehuntError(
        'usage',
        `unknown option --${m[1]} for racehunt ${spec.name}${guess ? ` (did you mean --${guess}?)` : ''}; see racehunt ${spec.name} --help`,
      );
    }
  }
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const o of options) {
    const type = o.value === undefined ? 'boolean' : 'string';
    for (const n of [o.name, ...(o.alias ? [o.alias] : [])])
      config[n] = {
        type,
        ...(o.multiple ? { multiple: true } : {}),
        ...(o.short && n === o.name ? { short: o.short } : {}),
      };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's message: its first line, and its hint for a value that starts with a dash (--seed=-1).
    const lines = e instanceof Error ? e.message.split('\n') : [String(e)];
    const dash = lines.find((l) => l.startsWith('To specify an option argument starting with a dash'));
    const msg = `${(lines[0] ?? '').replace(/\. To specify a positional argument.*$/, '').replace(/\.$/, '')}${dash ? ` (${dash.replace(/^To specify/, 'to give').replace(/\.$/, '')})` : ''}`;
    throw new RacehuntError('usage', `${msg}; see racehunt ${spec.name} --help`);
  }
  const values = { ...parsed.values } as Values;
  // An alias fills in for its option (both given: the option wins; a list option gets both).
  for (const o of options) {
    if (!o.alias || values[o.alias] === undefined) continue;
    const old = values[o.alias];
    const now = values[o.name];
    values[o.name] = o.multiple ? [...((now as string[] | undefined) ?? []), ...(old as string[])] : (now ?? old);
    delete values[o.alias];
  }
  return { values, positionals: parsed.positionals };
}

/** `racehunt <command> --help`, generated from the command's option table, wrapped to `width` cells. */
export function helpText(spec: CommandSpec, width = terminalWidth()): string {
  const options = [...spec.options, ...COMMON];
  const rows = options.map((o) => {
    const extra = [o.default ? `default: ${o.default}` : '', o.alias ? `also --${o.alias}` : '']
      .filter(Boolean)
      .join('; ');
    const left = `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}${o.multiple ? ' …' : ''}`;
    return [left, `${o.meaning}${extra ? ` (${extra})` : ''}`] as const;
  });
  return [
    ...wrapText(`usage: racehunt ${spec.name}${spec.args ? ` ${spec.args}` : ''} [options]`, width),
    '',
    ...wrapText(spec.doc, width - 2).map((l) => `  ${l}`),
    '',
    'options:',
    ...wrapColumns(rows, width, '  '),
    '',
    ...wrapText(EXIT_CODES_HELP, width),
  ].join('\n');
}

export const str = (v: Values, k: string): string | undefined => {
  const x = v[k];
  return typeof x === 'string' ? x : undefined;
};
export const list = (v: Values, k: string): string[] | undefined => {
  const x = v[k];
  return Array.isArray(x) ? x : undefined;
};
export const flag = (v: Values, k: string): boolean => v[k] === true;

export function int(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new RacehuntError('usage', `--${name} must be an integer ≥ ${min}, got "${value}"`);
  }
  return n;
}

/** The largest seed: fast-check seeds are 32-bit, and a larger one would silently wrap around. */
export const MAX_SEED = 0xffffffff;

/** --seed N (0 ≤ N < 2³²), or --seed random for a fresh one (printed, so it can be given back). */
export function seed(value: string | undefined, fallback: number): number {
  if (value === 'random') return Math.floor(Math.random() * 0x7fffffff);
  const n = int(value, 'seed');
  if (n !== undefined && n > MAX_SEED)
    throw new RacehuntError(
      'usage',
      `--seed must be an integer in [0, ${MAX_SEED}] (fast-check seeds are 32-bit), got "${value}"`,
    );
  return n ?? fallback;
}

/** --param k=v (repeatable, each name once) → { k: v } */
export function params(values: readonly string[] | undefined, option = 'param'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kv of values ?? []) {
    const m = /^([A-Za-z][\w-]*)=(-?\d+)$/.exec(kv.trim());
    if (!m || m[1] === undefined || m[2] === undefined)
      throw new RacehuntError('usage', `--${option} takes name=integer, got "${kv}"`);
    // A repeated name is refused, not taken at its last value: a command line built by appending
    // (a CI matrix, a script) would otherwise hunt what its reader did not see.
    if (Object.hasOwn(out, m[1]))
      throw new RacehuntError('usage', `--${option} ${m[1]} is given twice (${out[m[1]]} and ${m[2]}): give each once`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/**
 * --color / --no-color, else NO_COLOR (no-color.org: set and not empty, no colour even on a
 * terminal; chalk does not read it), else chalk's detection.
 */
export function colour(v: Values): boolean | undefined {
  if (v['no-color']) return false;
  if (v.color) return true;
  if ((process.env.NO_COLOR ?? '') !== '') return false;
  return undefined;
}
