// args() that returns a number instead of a domain (an array of values, range, oneOf or record).
import type { Domain } from '../../../engine/index.ts';
import { action, base, model } from './kit.ts';

export const argsNotDomain = model({
  ...base,
  name: 'args-not-domain',
  actions: [
    action<number>({
      name: 'tick',
      actor: 'clock',
      args: () => 3 as unknown as Domain<number>,
      when: (s) => s.n < 3,
      step: (d) => void (d.n += 1),
    }),
  ],
});
