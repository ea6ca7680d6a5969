// A step that writes to a frozen state it kept from its guard, not to its draft.
import type { Counter } from './kit.ts';
import { action, base, model } from './kit.ts';

let leaked: Counter | undefined;
export const mutatesOutside = model({
  ...base,
  name: 'mutates-outside',
  actions: [
    action({
      name: 'remember',
      actor: 'clock',
      when: (s) => {
        leaked = s;
        return s.n < 3;
      },
      step: (d) => {
        d.n += 1;
        if (leaked) (leaked as { n: number }).n = 42;
      },
    }),
  ],
});
