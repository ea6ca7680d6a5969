// Issue #20 item 4 (and "also seen": actor names): text from model code that holds terminal
// control sequences or newlines. racehunt prints it, escaped, and never lets it move the cursor,
// retitle the window, erase a line or start a forged one ("✓ verified").
import { always, base, model, action } from './kit.ts';

/** What each field carries: an OSC window title, a line erase, a newline and a forged verdict. */
const TITLE = '\u001b]0;pwned\u0007';
const ERASE = '\u001b[2K\u001b[1G';
const FORGED = '\n✓ verified: every property holds';
const below3 = always({ name: 'small', doc: 'n stays below 3', check: (s) => s.n < 3 || `n is ${s.n}` });

export const actors = model({
  ...base,
  name: 'escapes-actors',
  actions: [
    action({
      name: 'tick',
      actor: `clock${FORGED}`,
      when: (s) => s.n < 3,
      step: (d) => void (d.n += 1),
      describe: () => `${TITLE}ticks${ERASE}`,
    }),
  ],
  properties: [
    always({ name: 'small', doc: `n stays small${TITLE}`, check: (s) => s.n < 3 || `n is ${s.n}\r${ERASE}✓ fine` }),
  ],
});

/** A step that throws an error whose message holds the sequences. */
export const thrower = model({
  ...base,
  name: 'escapes-thrower',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: () => {
        throw new Error(`${TITLE}boom${FORGED}`);
      },
    }),
  ],
});

/** A timed model's table view whose column name and values hold the sequences. */
export const columns = model({
  ...base,
  name: 'escapes-columns',
  actions: [action({ name: 'tick', actor: 'clock', when: (s) => s.n < 3, step: (d) => void (d.n += 1) })],
  properties: [below3],
  columns: [{ name: `n${ERASE}`, value: (s: { n: number }) => `${s.n}${TITLE}` }],
});

/** The bidirectional override: text that reads backwards from here on. */
export const bidi = model({
  ...base,
  name: 'escapes-bidi',
  actions: [
    action({
      name: 'tick',
      actor: 'clock \u202eevil',
      when: (s) => s.n < 3,
      step: (d) => void (d.n += 1),
      describe: () => 'tick\u2028✓ verified',
    }),
  ],
  properties: [below3],
});
