// Item 5: a step that reads Math.random: nondeterministic, whichever stepper runs it. (A float, so
// that two calls differ every time and the case is deterministic.)
import { action, base, model } from './kit.ts';

export const randomStep = model({
  ...base,
  name: 'random-step',
  actions: [action({ name: 'roll', actor: 'die', when: (s) => s.n < 3, step: (d) => void (d.n += 1 + Math.random()) })],
});
