// Issue #20 item 7: model code that is async. A promise is no answer (a guard's promise is truthy,
// a step's draft is edited too late), and its rejection would come back as a second error line.
// Each export is refused by name, in one line.
import { action, always, base, model } from './kit.ts';

const tickWith = (when: unknown, step: unknown) =>
  action({ name: 'tick', actor: 'clock', when: when as never, step: step as never });
const inc = (d: { n: number }) => void (d.n += 1);
const small = (s: { n: number }) => s.n < 3;

/** A step that is an async function. */
export const asyncStep = model({
  ...base,
  name: 'async-step',
  actions: [tickWith(small, async (d: { n: number }) => inc(d))],
});
/** A step that returns a promise that rejects. */
export const rejectingStep = model({
  ...base,
  name: 'rejecting-step',
  actions: [tickWith(small, () => Promise.reject(new Error('rejected in a step')))],
});
/** A guard that is async (its promise would always read as true). */
export const asyncGuard = model({ ...base, name: 'async-guard', actions: [tickWith(async () => true, inc)] });
/** A property whose check is async and rejects. */
export const rejectingProperty = model({
  ...base,
  name: 'rejecting-property',
  properties: [
    always({ name: 'small', doc: 'n stays small', check: (() => Promise.reject(new Error('no'))) as never }),
  ],
  actions: [tickWith(small, inc)],
});
/** An init that is async. */
export const asyncInit = model({
  ...base,
  name: 'async-init',
  init: (async () => ({ n: 0 })) as never,
  actions: [tickWith(small, inc)],
});
