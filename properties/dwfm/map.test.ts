/**
 * The metastability map (`racehunt map dwfm`, engine/cli/map.ts + models/dwfm/map.ts): the three
 * regimes at AWS scale, agreement with the simulator tests at the hunted scale, the SVG it writes,
 * and one-line errors with exit code 2 on bad input. About 5 s on a 2-core machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main, type MapResult, type MapVerdict, sweep } from '../../engine/index.ts';
import { metastability } from '../../models/dwfm/map.ts';
import { catalog } from '../../models/index.ts';

const defaults = (scale: string): Record<string, number> =>
  Object.fromEntries(Object.entries(metastability.scales[scale]!.settings).map(([k, s]) => [k, s.default]));
const mapOf = (scale: string, variants: string[]): MapResult => {
  const s = metastability.scales[scale]!;
  return sweep(metastability, 'dwfm', scale, { x: s.x, y: s.y, settings: defaults(scale), variants });
};
const cell = (r: MapResult, variant: string, x: number, y: number) => {
  const v = r.variants.find((w) => w.name === variant)!;
  return v.cells[r.y.values.indexOf(y)]![r.x.values.indexOf(x)]!;
};
const verdicts = (r: MapResult, variant: string): Set<MapVerdict> =>
  new Set(
    r.variants
      .find((v) => v.name === variant)!
      .cells.flat()
      .map((c) => c.verdict),
  );

describe('dwfm map at AWS scale (10^5–10^6 droplets, a tick is a minute)', () => {
  let aws: MapResult;
  beforeAll(() => {
    aws = mapOf('aws', ['as-2025', 'throttled-restart', 'queue-size-limit']);
  });

  it('as-2025 shows all three regimes: recovers, recovers slowly, collapses', () => {
    expect(verdicts(aws, 'as-2025')).toEqual(new Set(['recovers', 'slow', 'collapses']));
    expect(cell(aws, 'as-2025', 30, 100e3).verdict).toBe('recovers');
    expect(cell(aws, 'as-2025', 105, 100e3).verdict).toBe('slow');
  });

  it("an outage as long as October 2025's collapses every fleet from 200k droplets up", () => {
    for (const droplets of aws.y.values.filter((y) => y >= 200e3))
      expect(cell(aws, 'as-2025', 150, droplets)).toEqual({ verdict: 'collapses', time: null });
  });

  it('what engineers did, and the fix AWS announced, recover in every cell', () => {
    expect(verdicts(aws, 'throttled-restart')).toEqual(new Set(['recovers']));
    expect(verdicts(aws, 'queue-size-limit')).toEqual(new Set(['recovers']));
  });
});

describe('dwfm map at the hunted scale', () => {
  let small: MapResult;
  beforeAll(() => {
    small = mapOf('checked', ['as-2025', 'throttled-restart', 'queue-size-limit']);
  });

  it('draws the same threshold the simulator tests pin: the shortest collapsing outage per fleet', () => {
    const v = small.variants.find((w) => w.name === 'as-2025')!;
    const shortest = small.y.values.map((_, i) => {
      const j = v.cells[i]!.findIndex((c) => c.verdict === 'collapses');
      return j < 0 ? null : small.x.values[j];
    });
    expect(shortest).toEqual([null, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]);
  });

  it('the remedies AWS used recover in every cell', () => {
    expect(verdicts(small, 'throttled-restart')).toEqual(new Set(['recovers']));
    expect(verdicts(small, 'queue-size-limit')).toEqual(new Set(['recovers']));
  });
});

describe('racehunt map (command line)', () => {
  const out = mkdtempSync(join(tmpdir(), 'racehunt-map-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const cli = async (...argv: string[]) => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const code = await main(['map', 'dwfm', ...argv], catalog);
      return {
        code,
        stderr: err.mock.calls.map((c) => c.join(' ')).join('\n'),
        stdout: log.mock.calls.map((c) => c.join(' ')).join('\n'),
      };
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  };

  it('writes an SVG heat map and its numbers', async () => {
    const r = await cli(
      '--scale',
      'checked',
      '--variant',
      'as-2025',
      '--variant',
      'queue-size-limit',
      '--x',
      '1..4',
      '--y',
      '1,2,3',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote');
    const svg = readFileSync(join(out, 'dwfm-checked.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // A background, three legend swatches, and 2 variants × 3 × 4 cells.
    expect(svg.match(/<rect /g)).toHaveLength(1 + 3 + 2 * 3 * 4);
    const json = JSON.parse(readFileSync(join(out, 'dwfm-checked.json'), 'utf8')) as MapResult;
    expect(json.variants.map((v) => v.name)).toEqual(['as-2025', 'queue-size-limit']);
    expect(json.variants[0]!.cells[1]![2]).toEqual({ verdict: 'collapses', time: null });
  });

  it.each([
    [['--x', '5..1'], /--x range "5..1" needs lo ≤ hi/],
    [['--x', 'ten'], /--x takes integers like 15, 100k or 1M, got "ten"/],
    [['--scale', 'checked', '--y', '1M'], /--y: droplets 1000000 is out of range \[1, 100000\]/],
    [['--set', 'capacity=0'], /setting capacity=0 is out of range/],
    [['--set', 'speed=2'], /unknown setting "speed" of scale aws/],
    [['--scale', 'huge'], /unknown scale "huge"/],
    [['--variant', 'fixed'], /unknown variant "fixed"/],
    [['--scale', 'checked', '--set', 'leaseTicks=2'], /leaseTicks \(2\) must be longer than checkEvery \(2\)/],
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const r = await cli(...(argv as string[]), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('says so for a model without a map', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['map', 'register'], catalog)).toBe(2);
      expect(err.mock.calls[0]?.join(' ')).toMatch(/model register has no metastability map/);
    } finally {
      err.mockRestore();
    }
  });
});
