// Issue #20 item 10: model code that calls process.exit. It would end racehunt with nothing said;
// while a command runs it throws instead, and the one line names who called it.
import { action, always, base, model } from './kit.ts';

const exit = (code?: number) => process.exit(code);

export const stepExits = model({
  ...base,
  name: 'step-exits',
  actions: [
    action({
      name: 'tick',
      actor: 'clock',
      when: (s) => s.n < 3,
      step: (d) => (d.n === 1 ? exit(3) : void (d.n += 1)),
    }),
  ],
});
export const guardExits = model({
  ...base,
  name: 'guard-exits',
  actions: [
    action({ name: 'tick', actor: 'clock', when: (s) => (s.n === 2 ? exit() : s.n < 3), step: (d) => void (d.n += 1) }),
  ],
});
export const propertyExits = model({
  ...base,
  name: 'property-exits',
  properties: [always({ name: 'small', doc: 'n stays small', check: (s) => (s.n === 2 ? exit(0) : true) })],
  actions: [action({ name: 'tick', actor: 'clock', when: (s) => s.n < 3, step: (d) => void (d.n += 1) })],
});
