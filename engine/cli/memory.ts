/**
 * --max-memory SIZE, as `check` (and `hunt`, for its prove phase) take it: a number of bytes with a
 * unit (512MB, 8GB, 1.5G; MB when none is given). The search stops there at a safe point and says
 * what it covered (exit 4), instead of failing to allocate.
 */
import { RacehuntError } from '../core/errors.ts';

const UNITS: Readonly<Record<string, number>> = { '': 2 ** 20, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

export function memorySize(value: string | undefined, name = 'max-memory'): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(value);
  const bytes = m ? Number(m[1]) * (UNITS[(m[2] ?? '').toUpperCase()] as number) : NaN;
  if (!Number.isFinite(bytes) || bytes < 2 ** 20)
    throw new RacehuntError('usage', `--${name} takes a size of at least 1MB, as 512MB or 8GB, got "${value}"`);
  return Math.floor(bytes);
}

/** A size for people: 14.4 GB. */
export function formatBytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GB` : `${Math.round(n / 2 ** 20)} MB`;
}
