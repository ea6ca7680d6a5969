/**
 * A hand-written SVG line chart with logarithmic axes, one panel per group of series: enough for
 * the strategy benchmark's "runs to the first counterexample against the window", no library.
 *
 * A point is a median with the range of seeds around it (a thin whisker). A median that is only a
 * lower bound (too many seeds found nothing within the caps) is drawn hollow with an arrow up; a
 * worst case that is a lower bound ends its whisker in an arrow. A dotted line of slope 1 through
 * each panel's lowest first point shows what linear growth would look like.
 */

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** The median is a lower bound. */
  readonly atLeast: boolean;
  /** Best and worst seed; `highAtLeast` when the worst is a lower bound. */
  readonly low?: number;
  readonly high?: number;
  readonly highAtLeast?: boolean;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

export interface ChartPanel {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  /** This panel's y axis label, when the panels measure different things (with `independentY`). */
  readonly yLabel?: string;
}

export interface ChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Each panel gets its own y scale, ticks and label (panels of different quantities, as runs and ms). */
  readonly independentY?: boolean;
  /** Series name → colour and dash pattern; unknown names get a default. */
  readonly styles?: Readonly<Record<string, { colour: string; dash?: string }>>;
}

const PANEL_W = 440;
const PANEL_H = 320;
const MARGIN = { left: 70, right: 20, top: 70, bottom: 120 };
const GAP = 40;

export function lineChartSvg(panels: readonly ChartPanel[], opts: ChartOptions): string {
  const all = panels.flatMap((p) => p.series.flatMap((s) => s.points));
  const xs = all.map((p) => p.x);
  const yDomainOf = (points: readonly ChartPoint[]) => {
    const ys = points.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]).filter((y) => y > 0);
    if (ys.length === 0) return { lo: 0, hi: 1 };
    return logDomain(Math.min(...ys), Math.max(...ys), true);
  };
  const xDomain = logDomain(Math.min(...xs), Math.max(...xs), false);
  const sharedY = yDomainOf(all);
  const gap = opts.independentY ? MARGIN.left : GAP;
  const width = MARGIN.left + panels.length * PANEL_W + (panels.length - 1) * gap + MARGIN.right;
  const height = MARGIN.top + PANEL_H + MARGIN.bottom;
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const style = (name: string, i: number) => opts.styles?.[name] ?? { colour: PALETTE[i % PALETTE.length] as string };

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${MARGIN.left}" y="24" font-size="16" font-weight="600">${esc(opts.title)}</text>`);
  if (opts.subtitle) out.push(`<text x="${MARGIN.left}" y="44" fill="#555">${esc(opts.subtitle)}</text>`);

  panels.forEach((panel, pi) => {
    const left = MARGIN.left + pi * (PANEL_W + gap);
    const top = MARGIN.top;
    const yDomain = opts.independentY ? yDomainOf(panel.series.flatMap((s) => s.points)) : sharedY;
    const labelled = pi === 0 || opts.independentY === true;
    const sx = (x: number) => left + ((Math.log10(x) - xDomain.lo) / (xDomain.hi - xDomain.lo)) * PANEL_W;
    const sy = (y: number) => top + PANEL_H - ((Math.log10(y) - yDomain.lo) / (yDomain.hi - yDomain.lo)) * PANEL_H;
    out.push(`<g>`);
    out.push(`<text x="${left}" y="${top - 10}" font-weight="600">${esc(panel.title)}</text>`);
    out.push(`<rect x="${left}" y="${top}" width="${PANEL_W}" height="${PANEL_H}" fill="none" stroke="#999"/>`);
    // Grid and ticks: every power of ten on y; the measured x values on x.
    for (let e = Math.ceil(yDomain.lo); e <= Math.floor(yDomain.hi); e++) {
      const y = sy(10 ** e);
      out.push(`<line x1="${left}" y1="${f(y)}" x2="${left + PANEL_W}" y2="${f(y)}" stroke="#e5e5e5"/>`);
      if (labelled) out.push(`<text x="${left - 8}" y="${f(y + 4)}" text-anchor="end">${esc(powerLabel(e))}</text>`);
    }
    for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
      out.push(`<line x1="${f(sx(x))}" y1="${top}" x2="${f(sx(x))}" y2="${top + PANEL_H}" stroke="#f0f0f0"/>`);
      out.push(`<text x="${f(sx(x))}" y="${top + PANEL_H + 16}" text-anchor="middle">${x}</text>`);
    }
    out.push(
      `<text x="${left + PANEL_W / 2}" y="${top + PANEL_H + 36}" text-anchor="middle" fill="#333">${esc(opts.xLabel)}</text>`,
    );
    if (labelled)
      out.push(
        `<text transform="translate(${left - 52} ${top + PANEL_H / 2}) rotate(-90)" text-anchor="middle" fill="#333">${esc(panel.yLabel ?? opts.yLabel)}</text>`,
      );
    // Linear growth for reference: slope 1 from the lowest median at the smallest window.
    const firsts = panel.series.map((s) => s.points[0]).filter((p): p is ChartPoint => p !== undefined && !p.atLeast);
    const anchor = firsts.sort((a, b) => a.x - b.x || a.y - b.y)[0];
    if (anchor) {
      const xMax = 10 ** xDomain.hi;
      const yEnd = Math.min(anchor.y * (xMax / anchor.x), 10 ** yDomain.hi);
      const xEnd = anchor.x * (yEnd / anchor.y);
      out.push(
        `<line x1="${f(sx(anchor.x))}" y1="${f(sy(anchor.y))}" x2="${f(sx(xEnd))}" y2="${f(sy(yEnd))}" stroke="#888" stroke-dasharray="1 4" stroke-width="1.5"/>`,
      );
      out.push(
        `<text x="${f(sx(xEnd) - 4)}" y="${f(sy(yEnd) + 14)}" text-anchor="end" fill="#888" font-size="11">linear growth</text>`,
      );
    }
    panel.series.forEach((s) => {
      const i = names.indexOf(s.name);
      const { colour, dash } = style(s.name, i);
      // Nudge series sideways a little so that whiskers at the same x stay apart.
      const nudge = (i - (names.length - 1) / 2) * 5;
      const pts = s.points.filter((p) => p.y > 0);
      // A segment that ends at a lower bound is faint: the true median is higher, by an unknown amount.
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1] as ChartPoint;
        const b = pts[k] as ChartPoint;
        const faint = a.atLeast || b.atLeast;
        out.push(
          `<line x1="${f(sx(a.x) + nudge)}" y1="${f(sy(a.y))}" x2="${f(sx(b.x) + nudge)}" y2="${f(sy(b.y))}" stroke="${colour}" stroke-width="2"${faint ? ' stroke-opacity="0.3"' : ''}${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
        );
      }
      for (const p of pts) {
        const cx = sx(p.x) + nudge;
        const cy = sy(p.y);
        if (p.low !== undefined && p.high !== undefined && p.low > 0) {
          out.push(
            `<line x1="${f(cx)}" y1="${f(sy(p.low))}" x2="${f(cx)}" y2="${f(sy(p.high))}" stroke="${colour}" stroke-opacity="0.45" stroke-width="1.5"/>`,
          );
          if (p.highAtLeast) out.push(arrowUp(cx, sy(p.high), colour, 0.6));
        }
        if (p.atLeast) {
          out.push(`<circle cx="${f(cx)}" cy="${f(cy)}" r="4.5" fill="#fff" stroke="${colour}" stroke-width="2"/>`);
          out.push(arrowUp(cx, cy - 5, colour, 1));
        } else {
          out.push(`<circle cx="${f(cx)}" cy="${f(cy)}" r="4" fill="${colour}"/>`);
        }
      }
    });
    out.push(`</g>`);
  });

  // Legend, under the panels, wrapped to the chart's width.
  let ly = MARGIN.top + PANEL_H + 58;
  let lx = MARGIN.left;
  names.forEach((name, i) => {
    const { colour, dash } = style(name, i);
    const w = 44 + name.length * 7 + 18;
    if (lx + w > width - MARGIN.right) {
      lx = MARGIN.left;
      ly += 20;
    }
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    out.push(`<circle cx="${lx + 14}" cy="${ly}" r="4" fill="${colour}"/>`);
    out.push(`<text x="${lx + 34}" y="${ly + 4}">${esc(name)}</text>`);
    lx += w;
  });
  lx = MARGIN.left;
  ly += 20;
  out.push(`<circle cx="${lx + 8}" cy="${ly}" r="4.5" fill="#fff" stroke="#555" stroke-width="2"/>`);
  out.push(arrowUp(lx + 8, ly - 5, '#555', 1));
  out.push(
    `<text x="${lx + 20}" y="${ly + 4}" fill="#333">median is a lower bound: too many seeds found nothing within the caps (faint line)</text>`,
  );
  out.push(
    `<text x="${MARGIN.left}" y="${ly + 22}" fill="#555" font-size="11">dot: median over seeds; thin bar: best to worst seed (arrow: worst is a lower bound); log scales</text>`,
  );
  out.push(`</svg>`);
  return `${out.join('\n')}\n`;
}

/** Colour-blind-safe (Okabe–Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];

function logDomain(min: number, max: number, wholeDecades: boolean): { lo: number; hi: number } {
  const lo = Math.log10(Math.max(min, 1e-9));
  const hi = Math.log10(Math.max(max, min * 1.0001));
  if (wholeDecades) return { lo: Math.floor(lo), hi: Math.max(Math.ceil(hi), Math.floor(lo) + 1) };
  const pad = (hi - lo) * 0.06 || 0.1;
  return { lo: lo - pad, hi: hi + pad };
}

function arrowUp(x: number, y: number, colour: string, opacity: number): string {
  return `<path d="M${f(x - 4)},${f(y)} L${f(x)},${f(y - 7)} L${f(x + 4)},${f(y)}" fill="none" stroke="${colour}" stroke-opacity="${opacity}" stroke-width="1.5"/>`;
}

function powerLabel(e: number): string {
  return e <= 5 ? (10 ** e).toLocaleString('en-US') : `10^${e}`;
}

const f = (n: number) => (Math.round(n * 10) / 10).toString();

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
