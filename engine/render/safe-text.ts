/**
 * Text racehunt did not write, made safe for a terminal: names and messages read from a trace file
 * (which may come from anyone), names, actors, descriptions and errors from model code, paths and
 * arguments. A terminal obeys control characters: an escape sequence in a model name could retitle
 * the window, erase lines or draw a forged "✓ verified" line, and a newline could start one. So
 * every control character (C0, DEL, C1), line and paragraph separator and bidirectional override
 * is shown as an escape (`\u001b`, `\n`, `\u202e`), never sent.
 *
 * Two places apply it: each printer, on every field it did not write (`safeText`, and `safeDeep`
 * for a whole trace), so that a newline inside a field cannot start a line; and the command line's
 * output itself (`safeOutput`, installed by cli/main.ts), which lets through only the newlines,
 * tabs and colours racehunt writes, so that no field a printer missed can reach the terminal raw.
 */

/** Control characters and invisible reorderers: C0, DEL, C1, line/paragraph separators, bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, but newlines and tabs (racehunt's own layout), in printed output. */
const UNSAFE_IN_OUTPUT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * The only escape sequences racehunt writes through console: chalk's named colours and styles, one
 * SGR code each (bold, dim, italic, underline and their resets; foreground and background colours).
 * Not concealed, blinking or reversed text, and nothing that moves the cursor or talks to the terminal.
 */
const COLOUR = /\u001b\[(?:0|1|2|3|4|22|23|24|3[0-9]|4[0-9]|9[0-7]|10[0-7])m/y;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** As JSON writes it (`\n`, `\u001b`), so that an escape inside a JSON string on stdout leaves it valid JSON. */
function escapeOne(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One field, safe to print: every control character shown as its escape. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, escapeOne);
}

/** Any value's text, safe to print (for fields that may not be strings). */
export function safeString(v: unknown): string {
  return safeText(typeof v === 'string' ? v : String(v));
}

/** A data structure (a trace) with every string in it, keys too, made safe; other values as they are. */
export function safeDeep<T>(x: T): T {
  return deep(x, 0) as T;
}

function deep(x: unknown, depth: number): unknown {
  if (typeof x === 'string') return safeText(x);
  if (typeof x !== 'object' || x === null || depth > 1000) return x;
  if (Array.isArray(x)) return x.map((v) => deep(v, depth + 1));
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [safeText(k), deep(v, depth + 1)]));
}

/**
 * A block of printed output, safe for the terminal: newlines, tabs and racehunt's colours pass;
 * every other control character (an escape sequence that did not come from racehunt's colouring)
 * is shown as its escape.
 */
export function safeOutput(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const esc = s.indexOf('\u001b', i);
    const end = esc < 0 ? s.length : esc;
    out += s.slice(i, end).replace(UNSAFE_IN_OUTPUT, escapeOne);
    if (esc < 0) break;
    COLOUR.lastIndex = esc;
    const m = COLOUR.exec(s);
    if (m) {
      out += m[0];
      i = esc + m[0].length;
    } else {
      out += escapeOne('\u001b');
      i = esc + 1;
    }
  }
  return out;
}
