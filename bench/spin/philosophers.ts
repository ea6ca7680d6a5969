/**
 * Dijkstra's dining philosophers with ordered forks (each takes the lower-numbered of its two
 * forks first, so none waits for ever), for the benchmark against SPIN: philosophers.pml is the
 * same protocol in Promela, one SPIN transition per action here. No properties: it counts states.
 */
import { modelKit, range } from '../../engine/index.ts';

export type PhilosophersState = {
  /** 0 thinking, 1 holding the first fork, 2 eating. */
  readonly phase: readonly number[];
  readonly fork: readonly boolean[];
};

type Params = { readonly philosophers: number };

const { action, model } = modelKit<PhilosophersState, Params, Record<string, never>>();

const ids = (ctx: { params: Params }) => range(0, ctx.params.philosophers - 1);
const forks = (p: number, n: number): [number, number] => {
  const [l, r] = [p, (p + 1) % n];
  return l < r ? [l, r] : [r, l];
};

const takesFirstFork = action({
  name: 'takesFirstFork',
  doc: 'A thinking philosopher takes the lower-numbered of its forks, when free.',
  args: ids,
  actor: (p) => `philosopher ${p}`,
  when: (s, p, { params }) => s.phase[p] === 0 && !s.fork[forks(p, params.philosophers)[0]],
  step: (d, p, { params }) => {
    d.fork[forks(p, params.philosophers)[0]] = true;
    d.phase[p] = 1;
  },
});

const takesSecondFork = action({
  name: 'takesSecondFork',
  doc: 'A philosopher holding one fork takes the other, when free, and eats.',
  args: ids,
  actor: (p) => `philosopher ${p}`,
  when: (s, p, { params }) => s.phase[p] === 1 && !s.fork[forks(p, params.philosophers)[1]],
  step: (d, p, { params }) => {
    d.fork[forks(p, params.philosophers)[1]] = true;
    d.phase[p] = 2;
  },
});

const putsForksDown = action({
  name: 'putsForksDown',
  doc: 'An eating philosopher puts both forks down and thinks.',
  args: ids,
  actor: (p) => `philosopher ${p}`,
  when: (s, p) => s.phase[p] === 2,
  step: (d, p, { params }) => {
    const [a, b] = forks(p, params.philosophers);
    d.fork[a] = false;
    d.fork[b] = false;
    d.phase[p] = 0;
  },
});

export const philosophers = model({
  name: 'philosophers',
  title: 'Dining philosophers, ordered forks',
  doc: 'Each philosopher takes the lower-numbered fork first.',
  params: { philosophers: { default: 12, min: 2, max: 20, doc: 'philosophers (and forks)' } },
  variants: { ordered: { doc: 'as above', switches: {} } },
  init: ({ params }) => ({
    phase: Array.from({ length: params.philosophers }, () => 0),
    fork: Array.from({ length: params.philosophers }, () => false),
  }),
  actions: [takesFirstFork, takesSecondFork, putsForksDown],
  properties: [],
});
