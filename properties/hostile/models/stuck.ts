// Signals (issue #20, "also seen"; README's promises): model code that never returns has no safe
// point, so a Ctrl-C or SIGTERM cannot get a summary out of it; the process still ends, with one
// line saying why. Each export marks (HOSTILE_MARK, a file the corpus waits for) the moment it is
// stuck, so the signal arrives there, not before.
import { writeFileSync } from 'node:fs';
import { action, base, model } from './kit.ts';

const mark = () => {
  if (process.env.HOSTILE_MARK) writeFileSync(process.env.HOSTILE_MARK, 'stuck\n');
};

/** A guard that loops forever once n reaches 2. */
export const guardLoops = model({
  ...base,
  name: 'stuck-guard',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => {
        if (s.n === 2) for (mark(); ;);
        return s.n < 3;
      },
      step: (d) => void (d.n += 1),
    }),
  ],
});

/** A step that waits on a lock nobody releases (Atomics.wait): not even JavaScript runs. */
export const stepBlocks = model({
  ...base,
  name: 'stuck-step',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: (d) => {
        if (d.n === 1) {
          mark();
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
        }
        d.n += 1;
      },
    }),
  ],
});

/** A slow model: each step takes a millisecond, so that a signal lands in the middle of a run (the next safe point, a run's end, is close). */
export const slow = model({
  ...base,
  name: 'stuck-slow',
  ends: () => false,
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: () => true,
      step: (d) => {
        mark();
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        d.n = (d.n + 1) % 5;
      },
    }),
  ],
});
