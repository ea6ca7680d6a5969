/**
 * A cell of the strategy benchmark: one case hunted by one strategy for seeds 1..N on the worker
 * pool, and the statistics every table prints of it (seeds found, median runs, median ms), so that
 * bench/strategies.ts and bench/zoo.ts count the same way.
 */
import type { StrategyName } from '../engine/index.ts';
import type { Case, Measured } from './strategies-cells.ts';
import type { Pool } from './strategies-pool.ts';
import { formatBounded, median, type Bounded, type Sample } from './strategies-stats.ts';

export type SeedResult = Measured & { readonly seed: number };

export interface Cell {
  readonly case: Case;
  readonly strategy: StrategyName;
  /** Per seed, in seed order; empty when skipped. */
  readonly seeds: readonly SeedResult[];
  /** Why the cell was not run (a shallower window found nothing), or null. */
  readonly skipped: string | null;
}

export async function measureCell(
  pool: Pool,
  c: Case,
  strategy: StrategyName,
  seeds: readonly number[],
  budget: 'runs' | 'work' = 'runs',
): Promise<Cell> {
  const measured = await Promise.all(
    seeds.map(async (seed) => ({ seed, ...(await pool.run({ case: c, strategy, seed, budget })) })),
  );
  return { case: c, strategy, seeds: measured, skipped: null };
}

export const foundCount = (cell: Cell): number => cell.seeds.filter((s) => s.found).length;

export const samples = (cell: Cell, key: 'runs' | 'ms' | 'work'): Sample[] =>
  cell.seeds.map((s) => ({ value: s[key], found: s.found }));

export const medianOf = (cell: Cell, key: 'runs' | 'ms' | 'work'): Bounded => median(samples(cell, key));

/** "1.2 s" or "340 ms", with "> " when it is a lower bound. */
export function formatMs(b: Bounded): string {
  if (Number.isNaN(b.value)) return '—';
  const text = b.value >= 1000 ? `${(b.value / 1000).toFixed(1)} s` : `${Math.round(b.value)} ms`;
  return b.lowerBound ? `> ${text}` : text;
}

/** A table cell: "20/20 · 295 · 565 ms" (seeds found · median runs · median ms), or why it was not run. */
export function summary(cell: Cell | undefined): string {
  if (!cell) return '—';
  if (cell.skipped) return `not run (${cell.skipped})`;
  return `${foundCount(cell)}/${cell.seeds.length} · ${formatBounded(medianOf(cell, 'runs'))} · ${formatMs(medianOf(cell, 'ms'))}`;
}
