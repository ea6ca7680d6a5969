// Item 3: the initial state already breaks the property: a 0-step counterexample, exit 1.
import { base, model, tick } from './kit.ts';

export const initialBroken = model({
  ...base,
  name: 'initial-broken',
  init: () => ({ n: 200 }),
  ends: () => true,
  actions: [tick],
});
