/**
 * The trace's readable twin (`<property>.md` next to the JSON): a Mermaid sequence diagram with one
 * participant per actor, which GitHub draws as a picture (a timed model's table of its own columns
 * instead: its steps are mostly "time passes", which a diagram draws as a column of notes), then the
 * numbered steps with the fields each one changed, exact repeats folded and said so. A timed model's
 * twin opens with its columns charted over the steps (chart.ts), which fit GitHub's column. It is also what
 * CI writes into a job summary when a hunt finds something new.
 */
import type { AnyCtx, AnyModel } from '../core/model.ts';
import { createHash } from 'node:crypto';
import { modelSeenFrom, statesOf, traceJson, type Trace, type TraceStep } from '../core/trace.ts';
import { replayCommandLine, replaysWithModel } from './command.ts';
import { cycleSummary, foldRepeats } from './fold.ts';
import { formatCall, formatChange, formatParams, headline, provenance, reproduceCommand } from './format.ts';
import { tickCharts } from './chart.ts';
import { mermaid } from './mermaid.ts';
import { safeDeep, safeString, safeText } from './safe-text.ts';

export { mermaid } from './mermaid.ts';

export interface MarkdownOptions {
  /**
   * Where the JSON twin lives, for the replay command; a model it names by path (relative to that
   * file) is then shown as seen from where `file` is named from, so the reproduce command works there.
   */
  readonly file?: string;
  /** The trace's model: its columns, and its defaults, which the reproduce command need not name (without it: every parameter). */
  readonly model?: AnyModel;
  readonly ctx?: AnyCtx;
}

export function renderMarkdown(recorded: Trace, opts: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(twinTag(recorded));
  // The twin is read in terminals too (cat, git diff): what the trace holds is shown, never obeyed.
  const trace = safeDeep(recorded);
  const bad = trace.outcome === 'counterexample';
  const seen = opts.file === undefined ? trace : { ...trace, model: modelSeenFrom(trace, opts.file) };
  out.push(`# ${bad ? '✗' : '✓'} ${headline(seen)}`, '');
  out.push(
    `> **${trace.property.name}** (${trace.property.kind}${trace.property.doc ? `: ${trace.property.doc}` : ''}) — ${escapeMd(trace.message)}`,
    '',
  );
  out.push('| | |', '|---|---|');
  out.push(`| model | \`${seen.model}\`, variant \`${trace.variant}\` |`);
  out.push(`| parameters | ${formatParams(trace.params)} |`);
  out.push(`| found by ${trace.found.by} | ${escapeMd(provenance(trace).replace(/^found by [a-z ]+: /, ''))} |`);
  if (opts.file) out.push(`| replay | \`${replayCommandLine(opts.file, seen.model, replaysWithModel(trace))}\` |`);
  const again = reproduceCommand(seen, opts.model);
  if (again) out.push(`| reproduce | \`${again}\` |`);
  out.push('');
  if (opts.model?.view.kind === 'table' && opts.ctx)
    out.push(...tickCharts(trace, opts.model, opts.ctx), ...table(trace, opts.model, opts.ctx), '');
  else out.push('```mermaid', ...mermaid(trace), '```', '');
  out.push('## Steps', '');
  const item = (s: TraceStep) => {
    out.push(`${s.index}. **${s.actor}** — ${escapeMd(s.description)} \`${formatCall(s.action, s.args)}\``);
    for (const ch of s.changes) out.push(`   - \`${formatChange(ch)}\``);
  };
  const list = (steps: readonly TraceStep[]) => {
    for (const piece of foldRepeats(steps, { similar: false })) {
      if (piece.kind === 'step') item(piece.step);
      else {
        piece.round.forEach(item);
        out.push('', `*↻ ${capitalise(cycleSummary(piece))}, and are not listed again.*`, '');
      }
    }
  };
  list(trace.steps);
  if (trace.recovery) {
    out.push(
      '',
      `## Then, left alone`,
      '',
      `From the last state, only the automation acts (fair round-robin over the actors the property admits); in ${trace.recovery.length} steps it does not recover:`,
      '',
    );
    list(trace.recovery);
  }
  out.push('', `**${bad ? '✗ broken' : '✓ reached'}: ${trace.property.name}** — ${escapeMd(trace.message)}`, '');
  return out.join('\n');
}

function table(trace: Trace, model: AnyModel, ctx: AnyCtx): string[] {
  if (model.view.kind !== 'table') return [];
  const cols = model.view.columns;
  const states = statesOf(trace);
  const out = [
    `| step | actor | ${cols.map((c) => safeText(c.name)).join(' | ')} | what happened |`,
    `|---:|---|${cols.map(() => '---:').join('|')}|---|`,
  ];
  out.push(`| 0 | | ${cols.map((c) => safeString(c.value(states[0], ctx))).join(' | ')} | initial state |`);
  trace.steps.forEach((s, i) =>
    out.push(
      `| ${s.index} | ${s.actor} | ${cols.map((c) => safeString(c.value(states[i + 1], ctx))).join(' | ')} | ${escapeMd(s.description)} |`,
    ),
  );
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function escapeMd(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/**
 * The twin's first line, hidden on GitHub: the SHA-256 of the JSON it renders, so that a reader
 * (and the committed-traces test) can tell a twin of another version of its trace.
 */
export function twinTag(trace: Trace): string {
  return `<!-- racehunt: the readable twin of a trace; sha256 of its JSON ${createHash('sha256').update(traceJson(trace)).digest('hex')} -->`;
}
