/**
 * The trace as users read it in CI output: a swimlane with one lane per actor and one row per step
 * (a dot in the acting actor's lane, the step in words to the right, the fields it changed below),
 * ending in the broken property in red. Timed models ask for a per-step table of their own columns
 * instead, which reads better when one "time passes" actor does most of the steps.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { AnyCtx, AnyModel } from '../core/model.ts';
import { statesOf, type Trace, type TraceStep } from '../core/trace.ts';
import { formatCall, formatChange, formatParams, headline, provenance, reproduceCommand } from './format.ts';

export interface TerminalOptions {
  /** Colour on or off; default: chalk's detection of the output. */
  readonly color?: boolean;
  /** Where the trace was saved, to print the replay command. */
  readonly file?: string;
  /** The model, when its trace reads best as a table of columns. */
  readonly model?: AnyModel;
  readonly ctx?: AnyCtx;
  /** At most this many changed fields per step (the rest are counted). */
  readonly maxChanges?: number;
}

const LANE_COLOURS = ['cyan', 'magenta', 'yellow', 'blue', 'green', 'cyanBright', 'magentaBright', 'yellowBright'] as const;

export function renderTerminal(trace: Trace, opts: TerminalOptions = {}): string {
  const c = new Chalk(opts.color === undefined ? {} : { level: opts.color ? 1 : 0 });
  const lines: string[] = [];
  const bad = trace.outcome === 'counterexample';
  lines.push(c.bold((bad ? c.red('✗ ') : c.green('✓ ')) + headline(trace)));
  lines.push(`  ${trace.property.kind} ${c.bold(trace.property.name)}: ${trace.property.doc}`);
  lines.push(c.dim(`  params ${formatParams(trace.params)} · ${provenance(trace)}`));
  lines.push('');
  if (opts.model?.view.kind === 'table' && opts.ctx) lines.push(...table(trace, opts.model, opts.ctx, c));
  else lines.push(...swimlane(trace, c, opts.maxChanges ?? 8));
  const end = `${trace.property.name}: ${trace.message}`;
  lines.push(bad ? c.red.bold(`  ✗ ${end}`) : c.green.bold(`  ✓ ${end}`));
  lines.push('');
  if (opts.file) lines.push(c.dim(`  replay: npx racehunt replay ${opts.file}`));
  const again = reproduceCommand(trace);
  if (again) lines.push(c.dim(`  reproduce: ${again}`));
  return lines.map((l) => l.trimEnd()).join('\n');
}

function swimlane(trace: Trace, c: ChalkInstance, maxChanges: number): string[] {
  const lanes = trace.actors;
  const widths = lanes.map((a) => Math.max(a.length, 3) + 2);
  const colour = new Map(lanes.map((a, i) => [a, c[LANE_COLOURS[i % LANE_COLOURS.length] ?? 'cyan']]));
  const stepWidth = Math.max(4, String(trace.steps.length).length + 1);
  const cell = (i: number, mark: string) => {
    const w = widths[i] ?? 5;
    const left = Math.floor((w - 1) / 2);
    return ' '.repeat(left) + mark + ' '.repeat(w - left - 1);
  };
  const lanesRow = (acting: string | null) =>
    lanes.map((a) => (a === acting ? (colour.get(a) ?? c)('●') : c.dim('│'))).map((m, i) => cell(i, m)).join('');

  const out: string[] = [];
  const head = lanes.map((a, i) => (colour.get(a) ?? c).bold(a.padEnd(widths[i] ?? 0))).join('');
  out.push(`  ${'step'.padStart(stepWidth)}  ${head}`);
  out.push(c.dim(`  ${'─'.repeat(stepWidth)}  ${widths.map((w) => '─'.repeat(w - 1) + ' ').join('')}`));
  const row = (label: string, s: TraceStep, dim: boolean) => {
    const paint = dim ? c.dim : (colour.get(s.actor) ?? c);
    out.push(`  ${label.padStart(stepWidth)}  ${lanesRow(s.actor)}${paint(s.description)}  ${c.dim(formatCall(s.action, s.args))}`);
    const changes = s.changes.map(formatChange);
    const shown = changes.length > maxChanges ? [...changes.slice(0, maxChanges - 1), `… and ${changes.length - maxChanges + 1} more changes`] : changes;
    for (const ch of shown) out.push(`  ${' '.repeat(stepWidth)}  ${lanesRow(null)}${c.dim(`  ${ch}`)}`);
    if (changes.length === 0) out.push(`  ${' '.repeat(stepWidth)}  ${lanesRow(null)}${c.dim('  (no change)')}`);
  };
  for (const s of trace.steps) row(String(s.index), s, false);
  if (trace.recovery) {
    out.push(c.dim(`  ${' '.repeat(stepWidth)}  ${lanesRow(null)}┄ then, left alone (fair round-robin, admitted actions only), the automation took ${trace.recovery.length} step${trace.recovery.length === 1 ? '' : 's'}:`));
    for (const s of trace.recovery) row(`↻${s.index}`, s, true);
  }
  return out;
}

function table(trace: Trace, model: AnyModel, ctx: AnyCtx, c: ChalkInstance): string[] {
  if (model.view.kind !== 'table') return [];
  const cols = model.view.columns;
  const states = statesOf(trace);
  const rows = trace.steps.map((s, i) => [String(s.index), s.actor, ...cols.map((col) => String(col.value(states[i + 1], ctx))), s.description]);
  const header = ['step', 'actor', ...cols.map((col) => col.name), 'what happened'];
  const initialRow = ['0', '', ...cols.map((col) => String(col.value(states[0], ctx))), 'initial state'];
  const all = [header, initialRow, ...rows];
  const widths = header.map((_, k) => Math.max(...all.map((r) => (r[k] ?? '').length)));
  const fmt = (r: string[]) => r.map((v, k) => (k === r.length - 1 ? v : k >= 2 ? v.padStart(widths[k] ?? 0) : v.padEnd(widths[k] ?? 0))).join('  ');
  return [`  ${c.bold(fmt(header))}`, c.dim(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`), `  ${c.dim(fmt(initialRow))}`, ...rows.map((r) => `  ${fmt(r)}`)];
}
