/**
 * A metastability map drawn: a text grid for the terminal, and an SVG heat map per variant (two
 * panels a row, a shared legend). The SVG is written by hand: it is a grid of rects and text.
 */
import type { MapVerdict } from '../core/metastability.ts';
import type { MapResult } from '../map/sweep.ts';

/** 100000 → 100k, 1500000 → 1.5M. */
export function shortNumber(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

const SYMBOL: Record<MapVerdict, string> = { recovers: '·', slow: '~', collapses: 'X' };

export function renderText(r: MapResult): string {
  const lines = [
    `${r.title} — scale ${r.scale}: ${r.doc}`,
    `  settings ${Object.entries(r.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  ];
  lines.push(
    `  ${SYMBOL.recovers} recovers (${r.legend.recovers}); ${SYMBOL.slow} recovers slowly (${r.legend.slow}); ${SYMBOL.collapses} collapses (${r.legend.collapses}); numbers: recovery time in ${r.timeUnit}`,
  );
  const yw = Math.max(r.y.name.length, ...r.y.values.map((v) => shortNumber(v).length));
  const cw = Math.max(5, ...r.x.values.map((v) => String(v).length + 1));
  for (const v of r.variants) {
    lines.push('', `  ${v.name}: ${v.doc}`);
    lines.push(
      `  ${r.y.name.padStart(yw)} ${r.x.values.map((x) => String(x).padStart(cw)).join('')}   ← ${r.x.name}${r.x.unit ? ` (${r.x.unit})` : ''}`,
    );
    for (let i = r.y.values.length - 1; i >= 0; i--) {
      const row = v.cells[i] ?? [];
      lines.push(
        `  ${shortNumber(r.y.values[i] ?? 0).padStart(yw)} ${row.map((c) => `${SYMBOL[c.verdict]}${c.time === null ? '' : String(c.time)}`.padStart(cw)).join('')}`,
      );
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
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="bold">${esc(r.title)}</text>`);
  out.push(`<text x="12" y="40" fill="#444">${esc(`scale ${r.scale}: ${r.doc}`)}</text>`);
  out.push(
    `<text x="12" y="56" fill="#666" font-size="10">${esc(
      Object.entries(r.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join('  '),
    )}</text>`,
  );
  (['recovers', 'slow', 'collapses'] as const).forEach((verdict, i) => {
    const y = 66 + i * 16;
    out.push(
      `<rect x="12" y="${y}" width="12" height="12" fill="${FILL[verdict]}"/><text x="30" y="${y + 10}">${esc(`${NAME[verdict]}: ${r.legend[verdict]}`)}</text>`,
    );
  });
  out.push(
    `<text x="12" y="124" fill="#444">${esc(`numbers in cells: recovery time, in ${r.timeUnit} (∞: none within the horizon)`)}</text>`,
  );

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
        out.push(
          `<rect x="${px}" y="${py}" width="${cellW - 1}" height="${cellH - 1}" fill="${FILL[c.verdict]}"><title>${esc(tip)}</title></rect>`,
        );
        out.push(
          `<text x="${px + cellW / 2}" y="${py + cellH / 2 + 4}" text-anchor="middle" fill="${INK[c.verdict]}">${c.time === null ? '∞' : c.time}</text>`,
        );
      }
    }
    for (let j = 0; j < cols; j++)
      out.push(
        `<text x="${gx + j * cellW + cellW / 2}" y="${gy + rows * cellH + 14}" text-anchor="middle">${r.x.values[j]}</text>`,
      );
    out.push(
      `<text x="${gx + (cols * cellW) / 2}" y="${gy + rows * cellH + 32}" text-anchor="middle" fill="#444">${esc(`${r.x.name}${r.x.unit ? ` (${r.x.unit})` : ''}`)}</text>`,
    );
    out.push(
      `<text transform="translate(12,${gy + (rows * cellH) / 2}) rotate(-90)" text-anchor="middle" fill="#444">${esc(r.y.name)}</text>`,
    );
    for (const m of r.marks) {
      const px = markX(m.x, r.x.values, gx, cellW);
      if (px === null) continue;
      out.push(
        `<line x1="${px}" y1="${gy - 4}" x2="${px}" y2="${gy + rows * cellH}" stroke="#111" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      );
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
