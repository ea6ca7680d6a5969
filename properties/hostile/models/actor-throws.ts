// Item 9: actor() throws for one argument, which the counterexample's trace needs.
import { range } from '../../../engine/index.ts';
import { action, base, model } from './kit.ts';

export const actorThrows = model({
  ...base,
  name: 'actor-throws',
  init: () => ({ n: 98 }),
  ends: (s) => s.n >= 101,
  actions: [
    action({
      name: 'tick',
      args: () => range(1, 2),
      actor: (i) => {
        if (i === 2) throw new Error('no actor for 2');
        return `clock ${i}`;
      },
      when: (s) => s.n < 101,
      step: (d) => void (d.n += 1),
    }),
  ],
});
