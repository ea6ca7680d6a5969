// Item 15, the late form: `within` as a function of the parameters, which returns Infinity only
// once the model is bound (so it is refused when the property is first judged, not at import).
import { base, model, recovers, tick } from './kit.ts';

export const recoversInfinityLater = model({
  ...base,
  name: 'recovers-infinity-later',
  actions: [tick],
  properties: [
    recovers({
      name: 'comes-back',
      doc: 'the counter gets to 3 on its own',
      by: () => true,
      goal: (s) => s.n >= 3,
      within: () => Number.POSITIVE_INFINITY,
    }),
  ],
});
