// An action of weight 0: it could never be picked.
import { action, base, model } from './kit.ts';

export const weightZero = model({
  ...base,
  name: 'weight-zero',
  actions: [action({ name: 'tick', actor: 'clock', weight: 0, step: (d) => void (d.n += 1) })],
});
