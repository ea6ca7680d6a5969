/**
 * `racehunt map <model>`: a metastability map. For each variant, sweep two axes of a model's
 * scenario (say outage length × fleet size), ask the model whether the system recovers, recovers
 * slowly or collapses in each cell and how long recovery took, and draw the answers as an SVG heat
 * map per variant (plus the numbers as JSON and a text grid on stdout).
 *
 * The engine knows nothing of what a cell means: a model opts in by exporting `metastability` (a
 * Metastability, below) next to its model — typically a fast simulator of the model's own rules at
 * scales no hunt can reach. The SVG is written by hand: it is a grid of rects and text.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RacehuntError, messageOf, unknownName } from '../core/errors.ts';
import type { Catalog } from '../project/load.ts';
import { looksLikePath } from '../project/load.ts';
import { isMetastability, type MapAxis, type MapCell, type MapScale, type MapVerdict, type Metastability } from '../core/metastability.ts';
import { COMMON, EXIT, params, parse } from './options.ts';

export interface MapResult {
  readonly model: string;
  readonly title: string;
  readonly scale: string;
  readonly doc: string;
  readonly timeUnit: string;
  readonly legend: Readonly<Record<MapVerdict, string>>;
  readonly x: MapAxis;
  readonly y: MapAxis;
  readonly settings: Readonly<Record<string, number>>;
  readonly marks: readonly { readonly x: number; readonly label: string }[];
  readonly variants: readonly { readonly name: string; readonly doc: string; readonly cells: readonly (readonly MapCell[])[] }[];
  readonly ms: number;
}

const USAGE = 'racehunt map <model|path> [--scale S] [--variant V …] [--x LIST] [--y LIST] [--set k=v …] [--out DIR] [--json]   (LIST: 15,30,60 or 15..180:15; 100k and 1M allowed)';
export const DEFAULT_MAPS_DIR = 'metastability-maps';

export async function mapCommand(argv: readonly string[], catalog: Catalog): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { ...COMMON, scale: { type: 'string' }, variant: { type: 'string', multiple: true }, x: { type: 'string' }, y: { type: 'string' }, set: { type: 'string', multiple: true }, out: { type: 'string' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new RacehuntError('usage', `map takes one model name or path — usage: ${USAGE}`);
  const ref = positionals[0] as string;
  const spec = await loadMetastability(ref, catalog);
  const scaleNames = Object.keys(spec.scales);
  const scaleName = values.scale ?? scaleNames[0];
  const scale = scaleName === undefined ? undefined : spec.scales[scaleName];
  if (!scale || scaleName === undefined) throw unknownName('scale', values.scale ?? '', scaleNames, `of the map of ${ref}`);
  const variantNames = values.variant ?? Object.keys(spec.variants);
  for (const v of variantNames) if (!(v in spec.variants)) throw unknownName('variant', v, Object.keys(spec.variants), `of the map of ${ref}`);
  const x = values.x === undefined ? scale.x : { ...scale.x, values: axisValues(values.x, scale.x, 'x') };
  const y = values.y === undefined ? scale.y : { ...scale.y, values: axisValues(values.y, scale.y, 'y') };
  const settings = settingsOf(scale, params(values.set), scaleName);

  const result = sweep(spec, ref, scaleName, { x, y, settings, variants: variantNames });
  const dir = values.out ?? DEFAULT_MAPS_DIR;
  const base = join(dir, `${ref.replace(/^.*[\\/]/, '').replace(/\.[mc]?[jt]s$/, '')}-${scaleName}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${base}.svg`, renderSvg(result));
    writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  } catch (e) {
    throw new RacehuntError('io', `cannot write the map under ${dir}: ${messageOf(e)}`);
  }
  if (values.json) console.log(JSON.stringify({ ...result, svg: `${base}.svg` }));
  else console.log(`${renderText(result)}\n  wrote ${base}.svg and ${base}.json (${result.ms} ms)`);
  return EXIT.ok;
}

async function loadMetastability(ref: string, catalog: Catalog): Promise<Metastability> {
  let mod: Record<string, unknown>;
  if (looksLikePath(ref)) {
    try {
      mod = (await import(pathToFileURL(resolve(ref.split('#')[0] ?? ref)).href)) as Record<string, unknown>;
    } catch (e) {
      throw new RacehuntError('bad-model', `cannot load ${ref}: ${messageOf(e)}`);
    }
  } else {
    const entry = catalog[ref];
    if (!entry) throw unknownName('model', ref, Object.keys(catalog));
    mod = entry as unknown as Record<string, unknown>;
  }
  const spec = mod.metastability;
  if (!isMetastability(spec)) throw new RacehuntError('usage', `model ${ref} has no metastability map (its module exports no \`metastability\`; see engine/cli/map.ts)`);
  return spec;
}

/** "15,30,60", "15..180:15", with k (10^3) and M (10^6) suffixes; every value an integer within the axis's range. */
export function axisValues(text: string, axis: MapAxis, flag: string): number[] {
  const num = (s: string): number => {
    const m = /^(\d+(?:\.\d+)?)([kM]?)$/.exec(s.trim());
    const n = m ? Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : 1) : NaN;
    if (!Number.isSafeInteger(n)) throw new RacehuntError('usage', `--${flag} takes integers like 15, 100k or 1M, got "${s}"`);
    return n;
  };
  let out: number[];
  const range = /^([^.,]+)\.\.([^:,]+)(?::([^,]+))?$/.exec(text.trim());
  if (range) {
    const [lo, hi, step] = [num(range[1] ?? ''), num(range[2] ?? ''), range[3] === undefined ? 1 : num(range[3])];
    if (step < 1 || hi < lo) throw new RacehuntError('usage', `--${flag} range "${text}" needs lo ≤ hi and a step ≥ 1`);
    if ((hi - lo) / step > 200) throw new RacehuntError('usage', `--${flag} range "${text}" has more than 200 values`);
    out = [];
    for (let v = lo; v <= hi; v += step) out.push(v);
  } else out = text.split(',').map(num);
  if (out.length === 0) throw new RacehuntError('usage', `--${flag} needs at least one value`);
  for (const v of out) {
    if (v < axis.min || v > axis.max) throw new RacehuntError('bad-param', `--${flag}: ${axis.name} ${v} is out of range [${axis.min}, ${axis.max}]`);
  }
  return out;
}

function settingsOf(scale: MapScale, overrides: Readonly<Record<string, number>>, scaleName: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, s] of Object.entries(scale.settings)) out[k] = s.default;
  for (const [k, v] of Object.entries(overrides)) {
    const s = scale.settings[k];
    if (!s) throw unknownName('setting', k, Object.keys(scale.settings), `of scale ${scaleName}`);
    if (!Number.isInteger(v) || v < s.min || v > s.max) throw new RacehuntError('bad-param', `setting ${k}=${v} is out of range: scale ${scaleName} takes an integer in [${s.min}, ${s.max}]`);
    out[k] = v;
  }
  return out;
}

export function sweep(spec: Metastability, model: string, scaleName: string, opts: { x: MapAxis; y: MapAxis; settings: Readonly<Record<string, number>>; variants: readonly string[] }): MapResult {
  const started = Date.now();
  const scale = spec.scales[scaleName];
  if (!scale) throw unknownName('scale', scaleName, Object.keys(spec.scales));
  const variants = opts.variants.map((name) => ({
    name,
    doc: spec.variants[name] ?? '',
    cells: opts.y.values.map((yv) =>
      opts.x.values.map((xv) => {
        try {
          return spec.cell(name, xv, yv, opts.settings, scaleName);
        } catch (e) {
          throw new RacehuntError('model-error', `map of ${model}: cell ${name} ${opts.x.name}=${xv} ${opts.y.name}=${yv} threw ${messageOf(e)}`);
        }
      }),
    ),
  }));
  return {
    model,
    title: spec.title,
    scale: scaleName,
    doc: scale.doc,
    timeUnit: spec.timeUnit,
    legend: spec.legend,
    x: opts.x,
    y: opts.y,
    settings: opts.settings,
    marks: scale.marks ?? [],
    variants,
    ms: Date.now() - started,
  };
}

/** 100000 → 100k, 1500000 → 1.5M. */
export function shortNumber(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

const SYMBOL: Record<MapVerdict, string> = { recovers: '·', slow: '~', collapses: 'X' };

export function renderText(r: MapResult): string {
  const lines = [`${r.title} — scale ${r.scale}: ${r.doc}`, `  settings ${Object.entries(r.settings).map(([k, v]) => `${k}=${v}`).join(' ')}`];
  lines.push(`  ${SYMBOL.recovers} recovers (${r.legend.recovers}); ${SYMBOL.slow} recovers slowly (${r.legend.slow}); ${SYMBOL.collapses} collapses (${r.legend.collapses}); numbers: recovery time in ${r.timeUnit}`);
  const yw = Math.max(r.y.name.length, ...r.y.values.map((v) => shortNumber(v).length));
  const cw = Math.max(5, ...r.x.values.map((v) => String(v).length + 1));
  for (const v of r.variants) {
    lines.push('', `  ${v.name}: ${v.doc}`);
    lines.push(`  ${r.y.name.padStart(yw)} ${r.x.values.map((x) => String(x).padStart(cw)).join('')}   ← ${r.x.name}${r.x.unit ? ` (${r.x.unit})` : ''}`);
    for (let i = r.y.values.length - 1; i >= 0; i--) {
      const row = v.cells[i] ?? [];
      lines.push(`  ${shortNumber(r.y.values[i] ?? 0).padStart(yw)} ${row.map((c) => `${SYMBOL[c.verdict]}${c.time === null ? '' : String(c.time)}`.padStart(cw)).join('')}`);
    }
  }
  return lines.join('\n');
}

const FILL: Record<MapVerdict, string> = { recovers: '#2e7d32', slow: '#f9a825', collapses: '#c62828' };
const INK: Record<MapVerdict, string> = { recovers: '#ffffff', slow: '#1a1a1a', collapses: '#ffffff' };
const NAME: Record<MapVerdict, string> = { recovers: 'recovers', slow: 'recovers slowly', collapses: 'collapses' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One heat map per variant, two panels a row, with a shared legend. */
export function renderSvg(r: MapResult): string {
  const cellW = 44;
  const cellH = 24;
  const left = 64;
  const top = 46;
  const bottom = 42;
  const gap = 28;
  const cols = r.x.values.length;
  const rows = r.y.values.length;
  const panelW = left + cols * cellW + 16;
  const panelH = top + rows * cellH + bottom;
  const perRow = r.variants.length > 1 ? 2 : 1;
  const header = 140;
  const width = perRow * panelW + (perRow - 1) * gap + 24;
  const height = header + Math.ceil(r.variants.length / perRow) * (panelH + gap);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="bold">${esc(r.title)}</text>`);
  out.push(`<text x="12" y="40" fill="#444">${esc(`scale ${r.scale}: ${r.doc}`)}</text>`);
  out.push(`<text x="12" y="56" fill="#666" font-size="10">${esc(Object.entries(r.settings).map(([k, v]) => `${k}=${v}`).join('  '))}</text>`);
  (['recovers', 'slow', 'collapses'] as const).forEach((verdict, i) => {
    const y = 66 + i * 16;
    out.push(`<rect x="12" y="${y}" width="12" height="12" fill="${FILL[verdict]}"/><text x="30" y="${y + 10}">${esc(`${NAME[verdict]}: ${r.legend[verdict]}`)}</text>`);
  });
  out.push(`<text x="12" y="124" fill="#444">${esc(`numbers in cells: recovery time, in ${r.timeUnit} (∞: none within the horizon)`)}</text>`);

  r.variants.forEach((v, k) => {
    const ox = 12 + (k % perRow) * (panelW + gap);
    const oy = header + Math.floor(k / perRow) * (panelH + gap);
    out.push(`<g transform="translate(${ox},${oy})">`);
    out.push(`<text x="0" y="16" font-size="13" font-weight="bold">${esc(v.name)}<title>${esc(v.doc)}</title></text>`);
    const gx = left;
    const gy = top - 14;
    for (let i = 0; i < rows; i++) {
      const yv = r.y.values[i] ?? 0;
      const py = gy + (rows - 1 - i) * cellH;
      out.push(`<text x="${gx - 6}" y="${py + cellH / 2 + 4}" text-anchor="end">${esc(shortNumber(yv))}</text>`);
      for (let j = 0; j < cols; j++) {
        const c = v.cells[i]?.[j];
        if (!c) continue;
        const px = gx + j * cellW;
        const tip = `${v.name}: ${r.x.name} ${r.x.values[j]}${r.x.unit ? ` ${r.x.unit}` : ''}, ${r.y.name} ${yv}: ${NAME[c.verdict]}${c.time === null ? '' : ` in ${c.time} ${r.timeUnit}`}`;
        out.push(`<rect x="${px}" y="${py}" width="${cellW - 1}" height="${cellH - 1}" fill="${FILL[c.verdict]}"><title>${esc(tip)}</title></rect>`);
        out.push(`<text x="${px + cellW / 2}" y="${py + cellH / 2 + 4}" text-anchor="middle" fill="${INK[c.verdict]}">${c.time === null ? '∞' : c.time}</text>`);
      }
    }
    for (let j = 0; j < cols; j++) out.push(`<text x="${gx + j * cellW + cellW / 2}" y="${gy + rows * cellH + 14}" text-anchor="middle">${r.x.values[j]}</text>`);
    out.push(`<text x="${gx + (cols * cellW) / 2}" y="${gy + rows * cellH + 32}" text-anchor="middle" fill="#444">${esc(`${r.x.name}${r.x.unit ? ` (${r.x.unit})` : ''}`)}</text>`);
    out.push(`<text transform="translate(12,${gy + (rows * cellH) / 2}) rotate(-90)" text-anchor="middle" fill="#444">${esc(r.y.name)}</text>`);
    for (const m of r.marks) {
      const px = markX(m.x, r.x.values, gx, cellW);
      if (px === null) continue;
      out.push(`<line x1="${px}" y1="${gy - 4}" x2="${px}" y2="${gy + rows * cellH}" stroke="#111" stroke-width="1.5" stroke-dasharray="4 3"/>`);
      out.push(`<text x="${px}" y="${gy - 6}" text-anchor="middle" font-size="10">${esc(m.label)}</text>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Where a value falls on the column axis, interpolating between column centres (null outside). */
function markX(x: number, values: readonly number[], gx: number, cellW: number): number | null {
  for (let j = 0; j + 1 < values.length; j++) {
    const a = values[j] ?? 0;
    const b = values[j + 1] ?? 0;
    if (x >= a && x <= b && b > a) return gx + (j + 0.5 + (x - a) / (b - a)) * cellW;
  }
  if (values.length > 0 && x === values[0]) return gx + cellW / 2;
  return null;
}
