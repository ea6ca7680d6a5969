// Issue #11: a coverage abstraction (what the coverage-guided hunt counts as one situation) that throws.
import { base, model, tick } from './kit.ts';

export const coverageThrows = model({
  ...base,
  name: 'coverage-throws',
  actions: [tick],
  coverage: (s) => {
    if (s.n >= 1) throw new Error('no situation for n >= 1');
    return s.n;
  },
});
