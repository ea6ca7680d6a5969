/**
 * The trace as users read it in CI output: a swimlane with one lane per actor and one row per step
 * (a dot in the acting actor's lane, the step in words to the right, the fields it changed below),
 * ending in the broken property in red. Timed models ask for a per-step table of their own columns
 * instead, which reads better when one "time passes" actor does most of the steps.
 *
 * Everything fits the terminal's width (its columns, or `width`, or 100 when the output is not a
 * terminal): text wraps inside its column and the lanes continue on every wrapped line, lane headers
 * shrink to initials (with a legend) when full names would leave too little room, and the reproduce
 * command breaks before its options with a backslash, so it still runs when pasted. A cycle that
 * repeats exactly is printed once, with the count (see fold.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { AnyCtx, AnyModel } from '../core/model.ts';
import { statesOf, type Trace, type TraceStep } from '../core/trace.ts';
import { replayCommandLine, replaysWithModel } from './command.ts';
import { cycleSummary, foldRepeats } from './fold.ts';
import { safeDeep, safeString, safeText } from './safe-text.ts';
import { formatCall, formatChange, formatParams, headline, provenance, reproduceCommand } from './format.ts';
import { cells, padCells, padCellsStart, wrapCommand, wrapText } from './wrap.ts';

export interface TerminalOptions {
  /** Colour on or off; default: chalk's detection of the output. */
  readonly color?: boolean;
  /** Where the trace was saved, to print the replay command. */
  readonly file?: string;
  /**
   * The trace's model: a timed one's trace reads best as a table of its columns, and the reproduce
   * command names only the parameters off its defaults (without it: every parameter).
   */
  readonly model?: AnyModel;
  readonly ctx?: AnyCtx;
  /** At most this many changed fields per step (the rest are counted); 0: none, the steps alone. */
  readonly maxChanges?: number;
  /** Columns to fit in; default: the terminal's, else $COLUMNS, else 80 (see terminalWidth). */
  readonly width?: number;
}

const LANE_COLOURS = [
  'cyan',
  'magenta',
  'yellow',
  'blue',
  'green',
  'cyanBright',
  'magentaBright',
  'yellowBright',
] as const;
/** Off a terminal, without $COLUMNS: the width every reader of a log or an e-mail can take. */
export const DEFAULT_WIDTH = 80;
/** Lanes take full names only while this many columns are left for the words. */
const MIN_TEXT = 40;
/** A table's last column ("what happened") stays beside its row only with this many columns. */
const MIN_WORDS = 24;
/** Narrower than this and nothing reads; lines may then run over. */
const MIN_WIDTH = 40;

/**
 * The columns to fit: `given`, else the terminal's, else $COLUMNS (a CI log or a test runner that
 * says how wide it is), else DEFAULT_WIDTH.
 */
export function terminalWidth(given?: number, stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  const env = Number(process.env.COLUMNS);
  const w =
    given ??
    (stream.isTTY ? stream.columns : undefined) ??
    (Number.isInteger(env) && env > 0 ? env : undefined) ??
    DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, Math.floor(w > 0 ? w : DEFAULT_WIDTH));
}

export function renderTerminal(recorded: Trace, opts: TerminalOptions = {}): string {
  // Every name and message in a trace may come from a file anyone wrote: shown, never obeyed.
  const trace = safeDeep(recorded);
  const c = new Chalk(opts.color === undefined ? {} : { level: opts.color ? 1 : 0 });
  const width = terminalWidth(opts.width);
  const lines: string[] = [];
  const bad = trace.outcome === 'counterexample';
  const para = (text: string, first: string, rest: string, paint: (s: string) => string) =>
    wrapText(text, width - Math.max(cells(first), cells(rest))).forEach((l, i) =>
      lines.push(paint(`${i === 0 ? first : rest}${l}`)),
    );
  const [head, ...more] = wrapText(headline(trace), width - 2);
  lines.push(c.bold((bad ? c.red('✗ ') : c.green('✓ ')) + head));
  for (const l of more) lines.push(c.bold(`  ${l}`));
  para(
    `${trace.property.kind} ${trace.property.name}${trace.property.doc ? `: ${trace.property.doc}` : ''}`,
    '  ',
    '    ',
    (s) => s.replace(trace.property.name, c.bold(trace.property.name)),
  );
  para(`params ${formatParams(trace.params)} · ${provenance(trace)}`, '  ', '    ', c.dim);
  lines.push('');
  if (opts.model?.view.kind === 'table' && opts.ctx) lines.push(...table(trace, opts.model, opts.ctx, c, width));
  else lines.push(...swimlane(trace, c, opts.maxChanges ?? 8, width));
  para(`${bad ? '✗' : '✓'} ${trace.property.name}: ${trace.message}`, '  ', '    ', bad ? c.red.bold : c.green.bold);
  lines.push('');
  if (opts.file)
    wrapCommand(
      `replay: ${safeText(replayCommandLine(opts.file, trace.model, replaysWithModel(trace)))}`,
      width - 2,
      '      ',
    ).forEach((l) => lines.push(c.dim(`  ${l}`)));
  const again = reproduceCommand(trace, opts.model);
  if (again) wrapCommand(`reproduce: ${again}`, width - 2, '      ').forEach((l) => lines.push(c.dim(`  ${l}`)));
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** Initials with numbers kept: "enactor 1" → e1, "DNS Planner" → DP; made unique by position if they clash. */
export function abbreviate(names: readonly string[]): string[] {
  const short = names.map((n) =>
    n
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => (/^\d+$/.test(w) ? w : w.charAt(0)))
      .join(''),
  );
  return short.map((s, i) => (s === '' || short.indexOf(s) !== short.lastIndexOf(s) ? `${s}${i + 1}` : s));
}

function swimlane(trace: Trace, c: ChalkInstance, maxChanges: number, width: number): string[] {
  const lanes = trace.actors;
  const stepWidth = Math.max(4, String(Math.max(trace.steps.length, trace.recovery?.length ?? 0)).length + 1);
  const fixed = 2 + stepWidth + 2;
  const full = lanes.map((a) => Math.max(cells(a), 3) + 2);
  const abbreviated = fixed + full.reduce((x, y) => x + y, 0) + MIN_TEXT > width;
  const names = abbreviated ? abbreviate(lanes) : [...lanes];
  const widths = abbreviated ? names.map((n) => Math.max(cells(n), 1) + 2) : full;
  const textWidth = Math.max(10, width - fixed - widths.reduce((x, y) => x + y, 0));
  const colour = new Map(lanes.map((a, i) => [a, c[LANE_COLOURS[i % LANE_COLOURS.length] ?? 'cyan']]));
  const cell = (i: number, mark: string) => {
    const w = widths[i] ?? 3;
    const left = Math.floor((w - 1) / 2);
    return ' '.repeat(left) + mark + ' '.repeat(w - left - 1);
  };
  const lanesRow = (acting: string | null) =>
    lanes
      .map((a) => (a === acting ? (colour.get(a) ?? c)('●') : c.dim('│')))
      .map((m, i) => cell(i, m))
      .join('');
  const blank = ' '.repeat(stepWidth);

  const out: string[] = [];
  if (abbreviated) {
    const legend = lanes.map((a, i) => `${names[i]} ${a}`).join(' · ');
    wrapText(`lanes: ${legend}`, width - 4).forEach((l, i) => out.push(c.dim(`${i === 0 ? '  ' : '    '}${l}`)));
  }
  const head = lanes.map((a, i) => (colour.get(a) ?? c).bold(padCells(names[i] ?? a, widths[i] ?? 0))).join('');
  out.push(`  ${'step'.padStart(stepWidth)}  ${head}`);
  out.push(c.dim(`  ${'─'.repeat(stepWidth)}  ${widths.map((w) => '─'.repeat(w - 1) + ' ').join('')}`));
  /** Text under the lanes, wrapped to its column; the first line may carry a step label and a dot. */
  const text = (
    label: string,
    acting: string | null,
    body: string,
    paint: (s: string) => string,
    first = '',
    rest = first,
  ) => {
    wrapText(body, textWidth - Math.max(cells(first), cells(rest))).forEach((l, i) =>
      out.push(
        `  ${(i === 0 ? label : '').padStart(stepWidth)}  ${lanesRow(i === 0 ? acting : null)}${paint(`${i === 0 ? first : rest}${l}`)}`,
      ),
    );
  };
  const row = (label: string, s: TraceStep, dim: boolean) => {
    const paint = dim ? c.dim : (colour.get(s.actor) ?? c);
    const call = formatCall(s.action, s.args);
    const words = wrapText(s.description, textWidth);
    const lastLine = words[words.length - 1] ?? '';
    // the call follows the description on its last line when it fits there, else on lines of its own
    const callInline = cells(lastLine) + 2 + cells(call) <= textWidth;
    words.forEach((l, i) => {
      const tail = i === words.length - 1 && callInline ? `  ${c.dim(call)}` : '';
      out.push(
        `  ${(i === 0 ? label : '').padStart(stepWidth)}  ${lanesRow(i === 0 ? s.actor : null)}${paint(l)}${tail}`,
      );
    });
    if (!callInline) for (const l of wrapText(call, textWidth)) out.push(`  ${blank}  ${lanesRow(null)}${c.dim(l)}`);
    // maxChanges 0: the steps alone (a test failure's compact form).
    if (maxChanges === 0) return;
    const changes = s.changes.map(formatChange);
    const shown =
      changes.length > maxChanges
        ? [...changes.slice(0, maxChanges - 1), `… and ${changes.length - maxChanges + 1} more changes`]
        : changes;
    for (const ch of shown) text('', null, ch, c.dim, '  ', '    ');
    if (changes.length === 0) text('', null, '(no change)', c.dim, '  ');
  };
  const rows = (steps: readonly TraceStep[], mark: string, dim: boolean) => {
    for (const piece of foldRepeats(steps, { similar: false })) {
      if (piece.kind === 'step') row(`${mark}${piece.step.index}`, piece.step, dim);
      else {
        for (const s of piece.round) row(`${mark}${s.index}`, s, dim);
        text('', null, `↻ ${cycleSummary(piece, mark)}`, c.dim.italic, '', '  ');
      }
    }
  };
  rows(trace.steps, '', false);
  if (trace.recovery) {
    const n = trace.recovery.length;
    text(
      '',
      null,
      `┄ then, left alone (fair round-robin, admitted actions only), the automation took ${n} step${n === 1 ? '' : 's'}:`,
      c.dim,
      '',
      '  ',
    );
    rows(trace.recovery, '↻', true);
  }
  return out;
}

/**
 * The timed model's own columns, one row per step. "What happened" wraps in its column when at
 * least MIN_WORDS columns are left for it, else it goes on the lines below its row; the columns
 * close up to one space apart when two do not fit. A model with more columns than the width holds
 * still runs over: its numbers are not cut.
 */
function table(trace: Trace, model: AnyModel, ctx: AnyCtx, c: ChalkInstance, width: number): string[] {
  if (model.view.kind !== 'table') return [];
  const cols = model.view.columns;
  const states = statesOf(trace);
  const rows = trace.steps.map((s, i) => [
    String(s.index),
    s.actor,
    ...cols.map((col) => safeString(col.value(states[i + 1], ctx))),
    s.description,
  ]);
  const header = ['step', 'actor', ...cols.map((col) => safeText(col.name)), 'what happened'];
  const initialRow = ['0', '', ...cols.map((col) => safeString(col.value(states[0], ctx))), 'initial state'];
  const all = [header, initialRow, ...rows];
  const lastK = header.length - 1;
  const widths = header.map((_, k) => Math.max(...all.map((r) => cells(r[k] ?? ''))));
  const fixed = (sep: number) => 2 + widths.slice(0, lastK).reduce((x, y) => x + y + sep, 0);
  const inline = fixed(2) + MIN_WORDS <= width;
  const sep = inline || fixed(2) <= width ? '  ' : ' ';
  const lastWidth = inline ? width - fixed(2) : width - 6;
  const cellOf = (v: string, k: number) => (k >= 2 ? padCellsStart(v, widths[k] ?? 0) : padCells(v, widths[k] ?? 0));
  const fmt = (r: string[], paint: (s: string) => string): string[] => {
    const row = r.slice(0, lastK).map(cellOf).join(sep);
    const words = wrapText(r[lastK] ?? '', lastWidth);
    if (!inline) return [paint(`  ${row}`), ...words.map((l) => paint(`      ${l}`))];
    const pad = ' '.repeat(cells(row));
    return words.map((l, i) => paint(`  ${i === 0 ? row : pad}${sep}${l}`));
  };
  const rule = widths.map((w, k) => '─'.repeat(k === lastK ? Math.min(w, lastWidth) : w));
  return [
    ...fmt(header, c.bold),
    c.dim(`  ${(inline ? rule : rule.slice(0, lastK)).join(sep)}`),
    ...fmt(initialRow, c.dim),
    ...rows.flatMap((r) => fmt(r, (x) => x)),
  ];
}
