/**
 * Command-line parsing shared by every command: Node's own util.parseArgs, plus the conversions
 * (integers, --param k=v, seeds) with one-line errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RacehuntError } from '../core/errors.ts';

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
} as const;

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends OptionsConfig>(argv: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new RacehuntError('usage', `${msg} — usage: ${usage}`);
  }
}

export function int(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new RacehuntError('usage', `--${name} must be an integer ≥ ${min}, got "${value}"`);
  }
  return n;
}

/** --seed N, or --seed random for a fresh one (printed, so it can be given back). */
export function seed(value: string | undefined, fallback: number): number {
  if (value === 'random') return Math.floor(Math.random() * 0x7fffffff);
  return int(value, 'seed') ?? fallback;
}

/** --param k=v (repeatable) → { k: v } */
export function params(values: readonly string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kv of values ?? []) {
    const m = /^([A-Za-z][\w-]*)=(-?\d+)$/.exec(kv.trim());
    if (!m || m[1] === undefined || m[2] === undefined) throw new RacehuntError('usage', `--param takes name=integer, got "${kv}"`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export const COMMON = {
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** --color / --no-color, else chalk's detection. */
export function colour(v: { color?: boolean | undefined; 'no-color'?: boolean | undefined }): boolean | undefined {
  if (v['no-color']) return false;
  if (v.color) return true;
  return undefined;
}
