/**
 * The statistics behind docs/strategies.md (bench/strategies-stats.ts): a seed that found nothing
 * within its caps is a lower bound, and every median, worst case and ratio says so. Plus the chart
 * is well-formed SVG with one line per series.
 */
import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../bench/chart.ts';
import { formatBounded, formatRatio, growthSlope, median, ratio, worst } from '../../bench/strategies-stats.ts';

const found = (...xs: number[]) => xs.map((value) => ({ value, found: true }));
const missed = (...xs: number[]) => xs.map((value) => ({ value, found: false }));

describe('medians over seeds with caps', () => {
  it('is exact when the middle seeds found it and no unfinished seed could sort below them', () => {
    expect(median([...found(1, 2, 3, 10), ...missed(50)])).toEqual({ value: 3, lowerBound: false });
    expect(median(found(4, 1, 3, 2))).toEqual({ value: 2.5, lowerBound: false });
  });

  it('is a lower bound when the middle falls among seeds that found nothing', () => {
    expect(median([...found(1, 2), ...missed(50, 50, 50)])).toEqual({ value: 50, lowerBound: true });
  });

  it('is a lower bound when a seed cut early (by time) could still sort below the middle', () => {
    // The unfinished seed ran only 2 runs: its true count may be 3, or 3,000.
    expect(median([...found(5, 6, 7), ...missed(2)]).lowerBound).toBe(true);
  });

  it('worst and ratios carry the bounds', () => {
    expect(worst([...found(1, 9), ...missed(5)])).toEqual({ value: 9, lowerBound: true });
    expect(formatBounded(worst([...found(1), ...missed(50_000)]))).toBe('> 50,000');
    expect(formatRatio(ratio({ value: 50_000, lowerBound: true }, { value: 500, lowerBound: false }))).toBe('> 100×');
    expect(formatRatio(ratio({ value: 400, lowerBound: false }, { value: 100, lowerBound: true }))).toBe('< 4.0×');
    expect(formatRatio(ratio({ value: 400, lowerBound: true }, { value: 100, lowerBound: true }))).toBe('—');
  });

  it('growth is a power of the window, over exact medians only', () => {
    const g = growthSlope([
      { window: 2, median: { value: 100, lowerBound: false } },
      { window: 20, median: { value: 1000, lowerBound: false } },
      { window: 40, median: { value: 50, lowerBound: true } },
    ]);
    expect(g).toMatchObject({ from: 2, to: 20 });
    expect(g!.slope).toBeCloseTo(1, 10);
  });
});

describe('the chart', () => {
  it('draws a panel per link, a marker per point, hollow where the median is a lower bound', () => {
    const svg = lineChartSvg(
      [
        {
          title: 'stack',
          series: [
            {
              name: 'pct',
              points: [
                { x: 2, y: 100, atLeast: false },
                { x: 5, y: 300, atLeast: true },
              ],
            },
          ],
        },
        {
          title: 'queue',
          series: [{ name: 'pct', points: [{ x: 2, y: 200, atLeast: false, low: 20, high: 900, highAtLeast: true }] }],
        },
      ],
      { title: 't', xLabel: 'window', yLabel: 'runs' },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/fill="#fff" stroke=/g)).toHaveLength(2); // the hollow point and the legend's example
    expect(svg).toContain('>stack<');
    expect(svg).toContain('>queue<');
  });
});
