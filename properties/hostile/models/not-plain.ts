// Issue #20 item 8: state that JSON cannot carry, made by a step (each export one way): it passed
// the plain-data check, then crashed the printing of the counterexample (and a --save lost the
// finding). Each is refused by name, with the path to the field, before anything is printed.
import { action, base, model } from './kit.ts';

const tag = Symbol('tag');
const stepping = (name: string, step: (d: Record<PropertyKey, unknown> & { n: number }) => void) =>
  model({
    ...base,
    name,
    actions: [
      action({
        name: 'tick',
        actor: 'clock',
        when: (s) => s.n < 3,
        step: (d) => {
          d.n += 1;
          if (d.n === 2) step(d as Record<PropertyKey, unknown> & { n: number });
        },
      }),
    ],
  });

/** A field keyed by a symbol. */
export const symbolKey = stepping('not-plain-symbol', (d) => void (d[tag] = 1));
/** A field defined with a getter. */
export const getter = stepping(
  'not-plain-getter',
  (d) => void Object.defineProperty(d, 'g', { get: () => 1, enumerable: true }),
);
/** A hidden (non-enumerable) field. */
export const hidden = stepping(
  'not-plain-hidden',
  (d) => void Object.defineProperty(d, 'h', { value: 1, enumerable: false }),
);
/** A list with a hole in it. */
export const hole = stepping('not-plain-hole', (d) => {
  const list: number[] = [];
  list[2] = 1;
  d.list = list;
});
/** A list with a named field on it. */
export const namedOnList = stepping('not-plain-named-on-list', (d) => {
  const list: number[] & { extra?: number } = [1];
  list.extra = 2;
  d.list = list;
});
/** A symbol-keyed field in the initial state. */
export const symbolInInit = model({
  ...base,
  name: 'not-plain-symbol-init',
  init: () => ({ n: 0, [tag]: 1 }),
  actions: [action({ name: 'tick', actor: 'clock', when: (s) => s.n < 3, step: (d) => void (d.n += 1) })],
});
