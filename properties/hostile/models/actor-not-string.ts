// Item 9: an actor that is not a string (it crashed the terminal renderer after the search).
import { action, base, model } from './kit.ts';

export const actorNotString = model({
  ...base,
  name: 'actor-not-string',
  init: () => ({ n: 99 }),
  actions: [
    action({
      name: 'tick',
      actor: (() => 42) as unknown as string,
      when: (s) => s.n < 101,
      step: (d) => void (d.n += 1),
    }),
  ],
  ends: (s) => s.n >= 101,
});
