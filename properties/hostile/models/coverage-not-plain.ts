// Issue #11: a coverage abstraction that returns something that is not plain data (a Map).
import { base, model, tick } from './kit.ts';

export const coverageNotPlain = model({
  ...base,
  name: 'coverage-not-plain',
  actions: [tick],
  coverage: (s) => new Map([['n', s.n]]),
});
