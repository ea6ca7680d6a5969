// A guard that throws once the counter reaches 2.
import { action, base, model } from './kit.ts';

export const guardThrows = model({
  ...base,
  name: 'guard-throws',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => {
        if (s.n >= 2) throw new Error('guard gave up at 2');
        return true;
      },
      step: (d) => void (d.n += 1),
    }),
  ],
});
