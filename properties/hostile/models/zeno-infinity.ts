// A clock whose Zeno bound is Infinity: the time-passes check would never end.
import { base, model, tick } from './kit.ts';

export const zenoInfinity = model({
  ...base,
  name: 'zeno-infinity',
  actions: [tick],
  clock: { now: (s) => s.n, zeno: Infinity },
});
