// Item 2: a step that returns a new state instead of editing its draft. TypeScript accepts it
// (the return type is void); the returned object would be dropped and every run stay at n = 0.
import { action, base, model } from './kit.ts';

export const returnsNewState = model({
  ...base,
  name: 'returns-new-state',
  actions: [
    action({
      name: 'bump',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: ((d: { n: number }) => ({ ...d, n: d.n + 500 })) as unknown as (d: { n: number }) => void,
    }),
  ],
});
