/**
 * Breaking text into lines of a given width, for the terminal's columns and the diagram's message
 * boxes alike: at spaces where it can, inside a word only when the word alone is too long for a line
 * (a DNS name in a narrow column), preferably after one of its dots or hyphens.
 *
 * Widths are display cells, as a terminal draws them (string-width: a CJK character or an emoji
 * takes two, a combining mark none, colour codes none), never string lengths.
 */
import stringWidth from 'string-width';

/** The cells a string takes on a terminal. */
export function cells(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces on the right to `width` cells (as String.padEnd, in cells). */
export function padCells(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cells(text)));
}

/** `text` padded with spaces on the left to `width` cells (as String.padStart, in cells). */
export function padCellsStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - cells(text))) + text;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The longest head of `text` that fits in `room` cells, cut between graphemes (never inside one). */
export function headInCells(text: string, room: number): string {
  let head = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = cells(segment);
    if (used + w > room) break;
    head += segment;
    used += w;
  }
  return head;
}

/** `text` cut to `width` cells, with an ellipsis when it was cut. */
export function truncateCells(text: string, width: number): string {
  return cells(text) <= width ? text : `${headInCells(text, Math.max(0, width - 1))}…`;
}

/** Lines of at most `width` cells (at least one line; a width below 1 counts as 1). */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter((x) => x !== '')) {
    const sep = line === '' ? '' : ' ';
    if (cells(line) + sep.length + cells(word) <= w) {
      line += sep + word;
      continue;
    }
    if (cells(word) > w) {
      // a word too long for any line: fill this one up to a soft break of the word, if it has one
      const room = w - cells(line) - sep.length;
      const cut = room > 0 ? softBreak(word, room) : 0;
      if (cut > 0) {
        lines.push(line + sep + word.slice(0, cut));
        word = word.slice(cut);
      } else if (line !== '') lines.push(line);
      while (cells(word) > w) {
        // at a soft break, else as many graphemes as fit (one at least, even a wide one in one cell)
        const at = softBreak(word, w) || headInCells(word, w).length || [...graphemes.segment(word)][0]!.segment.length;
        lines.push(word.slice(0, at));
        word = word.slice(at);
      }
      line = word;
      continue;
    }
    lines.push(line);
    line = word;
  }
  lines.push(line);
  return lines;
}

/** The longest head of `word` of at most `room` cells that ends after a dot, hyphen or slash; 0 if none. */
function softBreak(word: string, room: number): number {
  const head = headInCells(word, room);
  return Math.max(head.lastIndexOf('.'), head.lastIndexOf('-'), head.lastIndexOf('/')) + 1;
}

/**
 * A shell command on lines of at most `width` cells, broken before its options with a trailing
 * backslash, so that it still runs when copied from a narrow terminal.
 */
export function wrapCommand(cmd: string, width: number, indent = '    '): string[] {
  if (cells(cmd) <= width) return [cmd];
  // Broken only before an option, never inside a quoted word (render/command.ts quotes with ').
  const parts: string[] = [];
  for (const piece of cmd.split(/ (?=--)/)) {
    const open = parts.length > 0 && ((parts[parts.length - 1] as string).split("'").length - 1) % 2 === 1;
    if (open) parts[parts.length - 1] += ` ${piece}`;
    else parts.push(piece);
  }
  const lines: string[] = [];
  let line = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    if (cells(line) + 1 + cells(part) + 2 <= width) line += ` ${part}`;
    else {
      lines.push(`${line} \\`);
      line = `${indent}${part}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Rows of a two-column list (a name, then words) at `width` cells: the names padded to one column,
 * the words wrapped beside them and continued under themselves. The column is as wide as the
 * widest name of at most `maxName` cells; a wider name stands on its own line, its words under it.
 */
export function wrapColumns(
  rows: readonly (readonly [string, string])[],
  width: number,
  indent: string,
  maxName = 30,
): string[] {
  const nameWidth = Math.max(0, ...rows.map(([n]) => cells(n)).filter((w) => w <= maxName));
  const pad = ' '.repeat(cells(indent) + nameWidth + 2);
  const room = Math.max(20, width - pad.length);
  const out: string[] = [];
  for (const [name, words] of rows) {
    const lines = wrapText(words, room);
    if (cells(name) > nameWidth) out.push(`${indent}${name}`);
    else out.push(`${indent}${padCells(name, nameWidth)}  ${lines.shift() ?? ''}`.trimEnd());
    for (const l of lines) out.push(`${pad}${l}`);
  }
  return out;
}
