/**
 * A timed model's columns as charts for its Markdown twin: one Mermaid `xychart-beta` line per
 * numeric column (a fraction "2/4" counts its numerator; a level such as DynamoDB up/down is drawn
 * 1/0, and says so), over the steps of the trace, each 860 px wide so that it fits GitHub's 900 px
 * column where the table beside it does not. The clock column is the x-axis's own story, so it is
 * not drawn.
 */
import type { AnyCtx, AnyModel } from '../core/model.ts';
import { statesOf, type Trace } from '../core/trace.ts';

/** Wide enough to read, narrow enough for GitHub's 900 px column with its padding. */
export const CHART_WIDTH = 860;
const CHART_HEIGHT = 200;

/** The charts' Markdown lines (none for a model without table columns). */
export function tickCharts(trace: Trace, model: AnyModel, ctx: AnyCtx): string[] {
  if (model.view.kind !== 'table') return [];
  const states = statesOf(trace);
  const out: string[] = [];
  for (const col of model.view.columns) {
    const raw = states.map((s) => col.value(s, ctx));
    const series = numeric(raw);
    if (series === null || /^(tick|minute|time|now)$/i.test(col.name)) continue;
    const max = Math.max(1, ...series.values);
    out.push(
      '```mermaid',
      '---',
      'config:',
      '  xyChart:',
      `    width: ${CHART_WIDTH}`,
      `    height: ${CHART_HEIGHT}`,
      '---',
      'xychart-beta',
      `  title "${col.name}${series.levels ? ` (${series.levels})` : ''}, by step"`,
      `  x-axis "step" 0 --> ${states.length - 1}`,
      `  y-axis 0 --> ${max}`,
      `  line [${series.values.join(', ')}]`,
      '```',
      '',
    );
  }
  return out;
}

/**
 * A column's values as numbers: numbers as they are, "a/b" as a, an empty cell as 0; a column of
 * two words (up/down) as 1 and 0. Null for anything else (a column of names is not a series).
 */
function numeric(raw: readonly unknown[]): { values: number[]; levels?: string } | null {
  const fraction = /^(-?\d+(?:\.\d+)?)(?:\/\d+)?$/;
  const cells = raw.map((v) => (typeof v === 'number' ? String(v) : String(v ?? '')));
  if (cells.every((c) => c === '' || fraction.test(c)))
    return { values: cells.map((c) => (c === '' ? 0 : Number(fraction.exec(c)?.[1]))) };
  const words = [...new Set(cells.filter((c) => c !== ''))];
  if (words.length !== 2) return null;
  const sorted = words.includes('up') ? [words.find((w) => w !== 'up') ?? '', 'up'] : words.sort();
  const [low = '', high = ''] = sorted;
  return { values: cells.map((c) => (c === high ? 1 : 0)), levels: `1 ${high}, 0 ${low}` };
}
