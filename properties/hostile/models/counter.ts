// A well-behaved model with a bug, for the corpus's traces: two clocks tick a shared counter, and
// `small` breaks when it reaches 3 (variant `capped` stops it at 2: the traces no longer reproduce);
// `reaches-two` is a witness, a second trace to save into the same folder.
import { modelKit, range } from '../../../engine/index.ts';

type S = { readonly n: number; readonly ticks: readonly number[] };
const { action, always, model, sometimes } = modelKit<S, { readonly clocks: number }, { readonly cap: number }>();

export const counter = model({
  name: 'counter',
  title: 'two clocks, one counter',
  doc: 'a hostile-corpus model (properties/hostile) that traces are replayed on',
  params: { clocks: { default: 2, min: 1, max: 3, doc: 'clocks ticking' } },
  variants: {
    uncapped: { doc: 'ticks until 3', switches: { cap: 3 } },
    capped: { doc: 'stops at 2', switches: { cap: 2 } },
  },
  init: ({ params }) => ({ n: 0, ticks: params.clocks === 0 ? [] : Array.from({ length: params.clocks }, () => 0) }),
  actions: [
    action<number>({
      name: 'clockTicks',
      actor: (c) => `clock ${c}`,
      args: ({ params }) => range(1, params.clocks),
      when: (s, _c, { switches }) => s.n < switches.cap,
      step: (d, c) => {
        d.n += 1;
        d.ticks[c - 1] = (d.ticks[c - 1] ?? 0) + 1;
      },
      describe: (_b, c, a) => `clock ${c} ticks: n is ${a.n}`,
    }),
  ],
  properties: [
    always({ name: 'small', doc: 'n stays below 3', check: (s) => s.n < 3 || `n is ${s.n}` }),
    sometimes({ name: 'reaches-two', doc: 'n reaches 2', reached: (s) => s.n >= 2 }),
  ],
  ends: (s, { switches }) => s.n >= switches.cap,
});
