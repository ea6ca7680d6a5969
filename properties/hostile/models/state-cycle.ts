// Item 9: a step that makes the state contain itself (a cycle), which `check` met first.
import { action, base, model } from './kit.ts';

export const stateCycle = model({
  ...base,
  name: 'state-cycle',
  actions: [
    action({
      name: 'tangle',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: (d) => {
        d.n += 1;
        (d as unknown as { self: unknown }).self = d;
      },
    }),
  ],
});
