/**
 * The trace as a Mermaid sequence diagram sized for a GitHub column (about 900 px): GitHub shrinks
 * a wider picture to fit, and a 2,000 px diagram then reads at 7 px. So actor boxes are narrow,
 * labels short, and every message is broken into lines (`<br/>`) that fit the space between the
 * lifelines it joins. Mermaid widens the gap between two neighbouring lifelines to fit the messages
 * between them and nothing else, so a small model of its layout below decides how long those lines
 * may be (the width left over, shared out) and how long the lines of messages spanning several gaps
 * can then be. A cycle that repeats (exactly, or with other numbers) is drawn once inside a `loop` block
 * (see fold.ts).
 * Measured with `npm run traces:measure`; docs/rendering.md has the figures.
 */
import type { Trace, TraceStep } from '../core/trace.ts';
import { foldRepeats, type Cycle } from './fold.ts';
import { wrapText } from './wrap.ts';

/** Mermaid's sequence settings, in its init directive; sizes in px. */
const CONFIG = {
  width: 100,
  actorMargin: 24,
  diagramMarginX: 8,
  boxMargin: 3,
  noteMargin: 6,
  actorFontSize: 14,
  messageFontSize: 14,
  noteFontSize: 14,
} as const;
/** What the whole diagram should fit in: a GitHub column is about 900 px; Mermaid's text measure varies a little. */
const TARGET = 860;
/** A character's average width at 14 px in Mermaid's default fonts (Trebuchet MS, Verdana, Arial). */
const CHAR_PX = 7.2;
/** Mermaid's padding on each side of a message's text (wrapPadding). */
const PAD = 10;
/**
 * Lines of a note over one actor: Mermaid widens both gaps beside it by half the note's width, and
 * 26 characters stay within them. Also the shortest lines a message gets.
 */
const NARROW = 26;
/** No message line longer than this, however far it spans: long lines are hard to follow. */
const WIDEST = 80;
const LABEL = 16;

export function mermaid(trace: Trace): string[] {
  const all = [...trace.steps, ...(trace.recovery ?? [])];
  const targets = [
    ...new Set(all.map((s) => s.target).filter((t): t is string => t !== null && !trace.actors.includes(t))),
  ];
  const participants = [...trace.actors, ...targets];
  const id = new Map(participants.map((p, i) => [p, `p${i}`]));
  const lay = layout(participants, all);
  const first = 'p0';
  const last = `p${Math.max(0, participants.length - 1)}`;
  // Mermaid widens the gap left of a note's second actor by half the note's width; naming the last
  // actor first draws the same note and spares the layout (the first actor has no gap to its left)
  const across = first === last ? first : `${last},${first}`;
  const acrossChars = lay.chars(0, participants.length - 1);
  const lines = [`%%{init: {"sequence": ${JSON.stringify(CONFIG)}}}%%`, 'sequenceDiagram'];
  for (const p of participants) lines.push(`  participant ${id.get(p)} as ${label(p)}`);

  const draw = (s: TraceStep, mark: string, indent: string) => {
    const who = id.get(s.actor) ?? first;
    if (s.target !== null && s.target !== s.actor && id.has(s.target)) {
      // the arrow starts at the actor's lifeline, so "enactor 2 locks …" reads "locks …" on it
      const said = s.description.startsWith(`${s.actor} `) ? s.description.slice(s.actor.length + 1) : s.description;
      const chars = lay.chars(participants.indexOf(s.actor), participants.indexOf(s.target));
      lines.push(`${indent}${who}->>${id.get(s.target)}: ${breakLines(`${mark}${s.index}. ${said}`, chars)}`);
    } else lines.push(`${indent}Note over ${who}: ${breakLines(`${mark}${s.index}. ${s.description}`, NARROW)}`);
  };
  const drawAll = (steps: readonly TraceStep[], mark: string, indent: string) => {
    for (const piece of foldRepeats(steps)) {
      if (piece.kind === 'step') {
        draw(piece.step, mark, indent);
        continue;
      }
      lines.push(`${indent}loop ${escape(loopLabel(piece, mark))}`);
      for (const s of piece.round) draw(s, mark, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };

  drawAll(trace.steps, '', '  ');
  if (trace.recovery && trace.recovery.length > 0) {
    lines.push('  rect rgb(238, 238, 238)');
    lines.push(
      `    Note over ${across}: ${breakLines(`then, left alone, the automation takes ${trace.recovery.length} steps`, acrossChars)}`,
    );
    drawAll(trace.recovery, '↻', '    ');
    lines.push('  end');
  }
  const verdict =
    trace.outcome === 'counterexample'
      ? `✗ ${trace.property.name} broken: ${trace.message}`
      : `✓ ${trace.property.name} reached`;
  lines.push(`  rect rgb(${trace.outcome === 'counterexample' ? '255, 221, 221' : '221, 255, 221'})`);
  lines.push(`    Note over ${across}: ${breakLines(verdict, acrossChars)}`);
  lines.push('  end');
  return lines;
}

/**
 * Where Mermaid will put the lifelines, near enough: every gap is an actor box and a margin wide,
 * and a gap that carries messages between neighbours grows to fit their lines. The width left under
 * TARGET is shared out among those gaps. `chars(a, b)` is then the line length for a message from
 * lifeline a to lifeline b.
 */
function layout(participants: readonly string[], steps: readonly TraceStep[]) {
  const n = participants.length;
  const boxes = participants.map((p) => Math.max(CONFIG.width, Math.min(p.length, LABEL) * CHAR_PX + 2 * PAD));
  const at = (name: string | null) => (name === null ? -1 : participants.indexOf(name));
  const busy = new Set<number>();
  for (const s of steps) {
    const a = at(s.actor);
    const b = at(s.target);
    if (a >= 0 && b >= 0 && Math.abs(a - b) === 1) busy.add(Math.min(a, b));
  }
  const gap = (k: number) => (boxes[k]! + boxes[k + 1]!) / 2 + CONFIG.actorMargin;
  const base = boxes.reduce((x, y) => x + y, 0) + (n - 1) * CONFIG.actorMargin + 2 * CONFIG.diagramMarginX;
  const share = busy.size > 0 ? Math.max(0, TARGET - base) / busy.size : 0;
  const narrowPx = NARROW * CHAR_PX + 2 * PAD;
  // a busy gap: its messages' width plus a margin, at least as wide as it was
  const busyChars = Math.min(WIDEST, Math.max(NARROW, Math.floor((CONFIG.width + share - 2 * PAD) / CHAR_PX)));
  const widths = Array.from({ length: Math.max(0, n - 1) }, (_, k) =>
    busy.has(k) ? Math.max(gap(k), Math.max(narrowPx, busyChars * CHAR_PX + 2 * PAD) + CONFIG.actorMargin) : gap(k),
  );
  return {
    chars(a: number, b: number): number {
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      if (hi - lo === 1) return busyChars;
      let px = 0;
      for (let k = lo; k < hi; k++) px += widths[k] ?? 0;
      return Math.min(WIDEST, Math.max(NARROW, Math.floor((px - 2 * PAD) / CHAR_PX)));
    },
  };
}

/** "6 times: ↻36–↻41, then ↻42–↻71 repeat them exactly", or "… with other numbers". */
function loopLabel(piece: Cycle, mark: string): string {
  const a = piece.round[0]!.index;
  const b = piece.round[piece.round.length - 1]!.index;
  const round = a === b ? `${mark}${a}` : `${mark}${a}–${mark}${b}`;
  const them = a === b ? 'it' : 'them';
  return `${piece.times} times: ${round}, then ${mark}${piece.folded.from}–${mark}${piece.folded.to} repeat ${them} ${piece.exact ? 'exactly' : 'with other numbers'}`;
}

/** A participant's label: short names as they are; a long one on two lines, a long dotted (DNS) name cut after its first labels. */
export function label(name: string): string {
  if (name.length <= LABEL) return escape(name);
  if (!/\s/.test(name) && name.includes('.')) {
    const parts = name.split('.');
    let kept = parts[0] ?? name;
    for (const p of parts.slice(1)) {
      if (kept.length + 1 + p.length > LABEL + 2) break;
      kept += `.${p}`;
    }
    return escape(`${kept.slice(0, LABEL + 2)}…`);
  }
  const wrapped = wrapText(name, LABEL);
  const shown = wrapped.slice(0, 2);
  if (wrapped.length > 2) shown[1] = `${shown[1]!.slice(0, LABEL - 1)}…`;
  return shown.map(escape).join('<br/>');
}

function breakLines(text: string, width: number): string {
  return wrapText(text, width).map(escape).join('<br/>');
}

/** Mermaid text: ; and # (which Mermaid parses) and < > (which it reads as HTML) as entity codes. */
export function escape(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[#;<>]/g, (ch) => `#${ch.charCodeAt(0)};`);
}
