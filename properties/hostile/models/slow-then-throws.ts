// Issue 10, item 12: an error that comes after more than a second of hunting. Off a terminal it
// must still be the only line on stderr (no progress line before it). The step throws once the
// model has been stepped for 1.1 s (wall time, on purpose: it is the progress line's clock).
import { action, base, model } from './kit.ts';

let started: number | undefined;
export const slowThenThrows = model({
  ...base,
  name: 'slow-then-throws',
  ends: () => true,
  actions: [
    action({
      name: 'spin',
      actor: 'clock',
      when: (s) => s.n < 1000,
      step: (d) => {
        started ??= Date.now();
        if (Date.now() - started > 1100) throw new Error('gave up after 1.1 s');
        d.n += 1;
      },
    }),
  ],
});
