/**
 * Breaking text into lines of a given width, for the terminal's columns and the diagram's message
 * boxes alike: at spaces where it can, inside a word only when the word alone is too long for a line
 * (a DNS name in a narrow column), preferably after one of its dots or hyphens.
 */

/** Lines of at most `width` characters (at least one line; a width below 1 counts as 1). */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter((x) => x !== '')) {
    const sep = line === '' ? '' : ' ';
    if (line.length + sep.length + word.length <= w) {
      line += sep + word;
      continue;
    }
    if (word.length > w) {
      // a word too long for any line: fill this one up to a soft break of the word, if it has one
      const room = w - line.length - sep.length;
      const cut = room > 0 ? softBreak(word, room) : 0;
      if (cut > 0) {
        lines.push(line + sep + word.slice(0, cut));
        word = word.slice(cut);
      } else if (line !== '') lines.push(line);
      while (word.length > w) {
        const at = softBreak(word, w) || w;
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

/** The longest head of `word` of at most `room` characters that ends after a dot, hyphen or slash; 0 if none. */
function softBreak(word: string, room: number): number {
  const head = word.slice(0, room);
  return Math.max(head.lastIndexOf('.'), head.lastIndexOf('-'), head.lastIndexOf('/')) + 1;
}

/**
 * A shell command on lines of at most `width` characters, broken before its options with a
 * trailing backslash, so that it still runs when copied from a narrow terminal.
 */
export function wrapCommand(cmd: string, width: number, indent = '    '): string[] {
  if (cmd.length <= width) return [cmd];
  const parts = cmd.split(/ (?=--)/);
  const lines: string[] = [];
  let line = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    if (line.length + 1 + part.length + 2 <= width) line += ` ${part}`;
    else {
      lines.push(`${line} \\`);
      line = `${indent}${part}`;
    }
  }
  lines.push(line);
  return lines;
}
