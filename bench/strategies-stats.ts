/**
 * Medians and worst cases over seeds when some seeds found nothing within the caps. Such a seed's
 * count is only a lower bound (it would have needed more), so every statistic says whether it is
 * exact or a lower bound, and ratios say which way they can be wrong.
 */

/** A value, or a lower bound on it. */
export interface Bounded {
  readonly value: number;
  readonly lowerBound: boolean;
}

/** One seed: its count, and whether it found the bug (if not, the count is a lower bound). */
export interface Sample {
  readonly value: number;
  readonly found: boolean;
}

/**
 * The median of the true values. Seeds that found nothing sort by their count, a lower bound; the
 * median is exact only when the middle samples found the bug and no unfinished seed could still
 * sort below them.
 */
export function median(samples: readonly Sample[]): Bounded {
  if (samples.length === 0) return { value: NaN, lowerBound: false };
  const sorted = [...samples].sort((a, b) => a.value - b.value || Number(b.found) - Number(a.found));
  const n = sorted.length;
  const middle = n % 2 === 1 ? [sorted[(n - 1) / 2]!] : [sorted[n / 2 - 1]!, sorted[n / 2]!];
  const value = middle.reduce((s, x) => s + x.value, 0) / middle.length;
  const top = Math.max(...middle.map((x) => x.value));
  const exact = middle.every((x) => x.found) && samples.every((x) => x.found || x.value >= top);
  return { value, lowerBound: !exact };
}

/** The largest true value: exact when every seed found the bug. */
export function worst(samples: readonly Sample[]): Bounded {
  if (samples.length === 0) return { value: NaN, lowerBound: false };
  return { value: Math.max(...samples.map((x) => x.value)), lowerBound: samples.some((x) => !x.found) };
}

/** How many times fewer runs `than` needs than `base` (base / than), as far as the bounds allow. */
export function ratio(
  base: Bounded,
  than: Bounded,
): { value: number; kind: 'exact' | 'at-least' | 'at-most' | 'unknown' } {
  const value = base.value / than.value;
  if (!Number.isFinite(value)) return { value: NaN, kind: 'unknown' };
  if (!base.lowerBound && !than.lowerBound) return { value, kind: 'exact' };
  if (base.lowerBound && !than.lowerBound) return { value, kind: 'at-least' };
  if (!base.lowerBound && than.lowerBound) return { value, kind: 'at-most' };
  return { value: NaN, kind: 'unknown' };
}

/**
 * Growth with the window as a power: cost ∝ window^slope between the first and last windows
 * where the median is exact (slope ≤ 1: at most linear). Null with fewer than two such windows.
 */
export function growthSlope(
  points: readonly { window: number; median: Bounded }[],
): { slope: number; from: number; to: number } | null {
  const exact = points.filter((p) => !p.median.lowerBound && p.median.value > 0);
  const first = exact[0];
  const last = exact.at(-1);
  if (!first || !last || first === last) return null;
  return {
    slope: Math.log(last.median.value / first.median.value) / Math.log(last.window / first.window),
    from: first.window,
    to: last.window,
  };
}

/** "1,234", "> 50,000" or "≥ 7,000". */
export function formatBounded(b: Bounded, strictWhenBound = true): string {
  if (Number.isNaN(b.value)) return '—';
  const n = Math.round(b.value).toLocaleString('en-US');
  return b.lowerBound ? `${strictWhenBound ? '>' : '≥'} ${n}` : n;
}

export function formatRatio(r: ReturnType<typeof ratio>): string {
  if (r.kind === 'unknown') return '—';
  const v = r.value >= 10 ? Math.round(r.value).toLocaleString('en-US') : r.value.toFixed(1);
  return r.kind === 'exact' ? `${v}×` : r.kind === 'at-least' ? `> ${v}×` : `< ${v}×`;
}
