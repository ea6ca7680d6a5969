// Item 15's neighbour: a negative step bound.
import { base, model, recovers, tick } from './kit.ts';

export const recoversNegative = model({
  ...base,
  name: 'recovers-negative',
  actions: [tick],
  properties: [
    recovers({
      name: 'comes-back',
      doc: 'the counter gets to 3 on its own',
      by: () => true,
      goal: (s) => s.n >= 3,
      within: -1,
    }),
  ],
});
