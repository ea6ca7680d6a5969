// A clock whose now() is not a finite number.
import { base, model, tick } from './kit.ts';

export const clockNan = model({
  ...base,
  name: 'clock-nan',
  actions: [tick],
  clock: { now: () => Number.NaN, zeno: 3 },
});
