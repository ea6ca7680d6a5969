/**
 * The trace's readable twin (`<property>.md` next to the JSON): a Mermaid sequence diagram with one
 * participant per actor, which GitHub draws as a picture, then the numbered steps with the fields
 * each one changed. It is also what CI writes into a job summary when a hunt finds something new.
 */
import type { AnyCtx, AnyModel } from '../model.ts';
import { statesOf, type Trace, type TraceStep } from '../trace.ts';
import { formatCall, formatChange, formatParams, headline, provenance, reproduceCommand } from './format.ts';

export interface MarkdownOptions {
  /** Where the JSON twin lives, for the replay command. */
  readonly file?: string;
  readonly model?: AnyModel;
  readonly ctx?: AnyCtx;
}

export function renderMarkdown(trace: Trace, opts: MarkdownOptions = {}): string {
  const bad = trace.outcome === 'counterexample';
  const out: string[] = [];
  out.push(`# ${bad ? '✗' : '✓'} ${headline(trace)}`, '');
  out.push(`> **${trace.property.name}** (${trace.property.kind}: ${trace.property.doc}) — ${escapeMd(trace.message)}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| model | \`${trace.model}\`, variant \`${trace.variant}\` |`);
  out.push(`| parameters | ${formatParams(trace.params)} |`);
  out.push(`| found by ${trace.found.by} | ${escapeMd(provenance(trace).replace(/^found by [a-z ]+: /, ''))} |`);
  if (opts.file) out.push(`| replay | \`npx racehunt replay ${opts.file}\` |`);
  const again = reproduceCommand(trace);
  if (again) out.push(`| reproduce | \`${again}\` |`);
  out.push('', '```mermaid', ...mermaid(trace), '```', '');
  if (opts.model?.view.kind === 'table' && opts.ctx) out.push(...table(trace, opts.model, opts.ctx), '');
  out.push('## Steps', '');
  const list = (steps: readonly TraceStep[]) => {
    for (const s of steps) {
      out.push(`${s.index}. **${s.actor}** — ${escapeMd(s.description)} \`${formatCall(s.action, s.args)}\``);
      for (const ch of s.changes) out.push(`   - \`${formatChange(ch)}\``);
    }
  };
  list(trace.steps);
  if (trace.recovery) {
    out.push('', `## Then, left alone`, '', `From the last state, only the automation acts (fair round-robin over the actors the property admits); in ${trace.recovery.length} steps it does not recover:`, '');
    list(trace.recovery);
  }
  out.push('', `**${bad ? '✗ broken' : '✓ reached'}: ${trace.property.name}** — ${escapeMd(trace.message)}`, '');
  return out.join('\n');
}

/** The sequence diagram: a step with a target is a message to it, otherwise a note over its actor. */
export function mermaid(trace: Trace): string[] {
  const targets = [...new Set([...trace.steps, ...(trace.recovery ?? [])].map((s) => s.target).filter((t): t is string => t !== null && !trace.actors.includes(t)))];
  const participants = [...trace.actors, ...targets];
  const id = new Map(participants.map((p, i) => [p, `p${i}`]));
  const lines = ['sequenceDiagram'];
  for (const p of trace.actors) lines.push(`  participant ${id.get(p)} as ${mermaidText(p)}`);
  for (const p of targets) lines.push(`  participant ${id.get(p)} as ${mermaidText(p)}`);
  for (const s of trace.steps) {
    const who = id.get(s.actor) ?? 'p0';
    const text = mermaidText(`${s.index}. ${s.description}`);
    if (s.target !== null && s.target !== s.actor) lines.push(`  ${who}->>${id.get(s.target)}: ${text}`);
    else lines.push(`  Note over ${who}: ${text}`);
  }
  const first = id.get(participants[0] ?? '') ?? 'p0';
  const lastId = id.get(participants[participants.length - 1] ?? '') ?? first;
  if (trace.recovery && trace.recovery.length > 0) {
    lines.push('  rect rgb(238, 238, 238)');
    lines.push(`    Note over ${first === lastId ? first : `${first},${lastId}`}: ${mermaidText(`then, left alone, the automation takes ${trace.recovery.length} steps`)}`);
    for (const s of trace.recovery) {
      const who = id.get(s.actor) ?? first;
      const text = mermaidText(`↻${s.index}. ${s.description}`);
      if (s.target !== null && s.target !== s.actor && id.has(s.target)) lines.push(`    ${who}->>${id.get(s.target)}: ${text}`);
      else lines.push(`    Note over ${who}: ${text}`);
    }
    lines.push('  end');
  }
  const last = id.get(participants[participants.length - 1] ?? '') ?? first;
  const span = first === last ? first : `${first},${last}`;
  const verdict = trace.outcome === 'counterexample' ? `✗ ${trace.property.name} broken: ${trace.message}` : `✓ ${trace.property.name} reached`;
  lines.push(`  rect rgb(${trace.outcome === 'counterexample' ? '255, 221, 221' : '221, 255, 221'})`);
  lines.push(`    Note over ${span}: ${mermaidText(verdict)}`);
  lines.push('  end');
  return lines;
}

function table(trace: Trace, model: AnyModel, ctx: AnyCtx): string[] {
  if (model.view.kind !== 'table') return [];
  const cols = model.view.columns;
  const states = statesOf(trace);
  const out = [`| step | actor | ${cols.map((c) => c.name).join(' | ')} | what happened |`, `|---:|---|${cols.map(() => '---:').join('|')}|---|`];
  out.push(`| 0 | | ${cols.map((c) => String(c.value(states[0], ctx))).join(' | ')} | initial state |`);
  trace.steps.forEach((s, i) => out.push(`| ${s.index} | ${s.actor} | ${cols.map((c) => String(c.value(states[i + 1], ctx))).join(' | ')} | ${escapeMd(s.description)} |`));
  return out;
}

/** Mermaid message text: no line breaks, and ; # (which Mermaid parses) as entities. */
function mermaidText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[#;]/g, (ch) => (ch === '#' ? '#35;' : '#59;'));
}

function escapeMd(s: string): string {
  return s.replace(/\|/g, '\\|');
}
