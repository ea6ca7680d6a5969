// A guard that answers differently each time it is asked about the same state (it reads an
// outside variable): the explorer would explore a different part of the model on every run.
import { action, base, model } from './kit.ts';

let asked = 0;
export const guardNondeterministic = model({
  ...base,
  name: 'guard-nondeterministic',
  actions: [
    action({ name: 'tick', actor: 'clock', when: (s) => s.n < 3 && ++asked % 2 === 1, step: (d) => void (d.n += 1) }),
  ],
  ends: () => true,
});
