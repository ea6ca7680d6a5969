// Item 15: `recovers` with `within: Infinity` would never end its recovery attempt; refused at load.
import { base, model, recovers, tick } from './kit.ts';

export const recoversInfinity = model({
  ...base,
  name: 'recovers-infinity',
  actions: [tick],
  properties: [
    recovers({
      name: 'comes-back',
      doc: 'the counter gets to 3 on its own',
      by: () => true,
      goal: (s) => s.n >= 3,
      within: Infinity,
    }),
  ],
});
