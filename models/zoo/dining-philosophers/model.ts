/**
 * Dijkstra's dining philosophers ("Hierarchical ordering of sequential processes", Acta
 * Informatica 1, 1971): philosophers around a table, one fork between each pair of neighbours; a
 * philosopher needs both forks to eat. If each picks up the fork on the left first and then waits
 * for the one on the right, all of them can hold a left fork at once and wait forever.
 *
 * Two classic fixes: number the forks and always pick the lower-numbered one first (a resource
 * hierarchy, which makes one philosopher reach right first), or Dijkstra's butler, a semaphore
 * that lets at most N-1 philosophers sit at the table at once.
 */
import { modelKit, range } from '../../../engine/index.ts';

export type DiningState = {
  /** Who holds each fork (fork i lies between philosopher i and philosopher i+1), or null. */
  readonly forks: readonly (number | null)[];
  readonly philosophers: readonly Philosopher[];
};

export type Philosopher = {
  /** thinking (holds nothing), seated (the butler let them sit), one fork, eating, or done. */
  readonly phase: 'thinking' | 'seated' | 'one-fork' | 'eating' | 'done';
  readonly mealsLeft: number;
};

export type DiningParams = { readonly philosophers: number; readonly meals: number };

export type DiningSwitches = {
  /** Which fork a philosopher reaches for first. */
  readonly firstFork: 'left' | 'lower-numbered';
  /** Ask the butler for a seat first (at most N-1 seated). */
  readonly butler: boolean;
};

const { action, sometimes, model } = modelKit<DiningState, DiningParams, DiningSwitches>();

const philosopherIds = ({ params }: { params: DiningParams }) => range(0, params.philosophers - 1);
const philosopher = (p: number) => `philosopher ${p}`;
const leftFork = (p: number) => p;
const rightFork = (p: number, n: number) => (p + 1) % n;
const firstFork = (p: number, n: number, sw: DiningSwitches) =>
  sw.firstFork === 'left' ? leftFork(p) : Math.min(leftFork(p), rightFork(p, n));
const secondFork = (p: number, n: number, sw: DiningSwitches) =>
  sw.firstFork === 'left' ? rightFork(p, n) : Math.max(leftFork(p), rightFork(p, n));
const phaseOf = (s: DiningState, p: number) => s.philosophers[p]!.phase;
const seatedCount = (s: DiningState) =>
  s.philosophers.filter((x) => x.phase !== 'thinking' && x.phase !== 'done').length;
/** Ready to reach for the first fork: thinking, or seated when there is a butler. */
const readyForFirst = (s: DiningState, p: number, sw: DiningSwitches) =>
  phaseOf(s, p) === (sw.butler ? 'seated' : 'thinking');

const canSitDown = (s: DiningState, p: number, n: number, sw: DiningSwitches) =>
  sw.butler && phaseOf(s, p) === 'thinking' && seatedCount(s) < n - 1;
const canTakeFirst = (s: DiningState, p: number, n: number, sw: DiningSwitches) =>
  readyForFirst(s, p, sw) && s.forks[firstFork(p, n, sw)] === null;
const canTakeSecond = (s: DiningState, p: number, n: number, sw: DiningSwitches) =>
  phaseOf(s, p) === 'one-fork' && s.forks[secondFork(p, n, sw)] === null;

const philosopherSitsDown = action({
  name: 'philosopherSitsDown',
  doc: "The butler's variant: a hungry philosopher asks for a seat; at most N-1 may sit.",
  args: philosopherIds,
  actor: philosopher,
  when: (s, p, { params, switches }) => canSitDown(s, p, params.philosophers, switches),
  step: (d, p) => {
    d.philosophers[p]!.phase = 'seated';
  },
  describe: (s, p) => `philosopher ${p} sits down (${seatedCount(s) + 1} seated)`,
});

const philosopherTakesFirstFork = action({
  name: 'philosopherTakesFirstFork',
  doc: 'A hungry philosopher picks up the first fork (the left one, or the lower-numbered one).',
  args: philosopherIds,
  actor: philosopher,
  when: (s, p, { params, switches }) => canTakeFirst(s, p, params.philosophers, switches),
  step: (d, p, { params, switches }) => {
    d.forks[firstFork(p, params.philosophers, switches)] = p;
    d.philosophers[p]!.phase = 'one-fork';
  },
  describe: (_s, p, _a, { params, switches }) =>
    `philosopher ${p} picks up fork ${firstFork(p, params.philosophers, switches)}`,
});

const philosopherTakesSecondFork = action({
  name: 'philosopherTakesSecondFork',
  doc: 'Holding one fork, the philosopher picks up the other when it is free, and eats.',
  args: philosopherIds,
  actor: philosopher,
  when: (s, p, { params, switches }) => canTakeSecond(s, p, params.philosophers, switches),
  step: (d, p, { params, switches }) => {
    d.forks[secondFork(p, params.philosophers, switches)] = p;
    d.philosophers[p]!.phase = 'eating';
  },
  describe: (_s, p, _a, { params, switches }) =>
    `philosopher ${p} picks up fork ${secondFork(p, params.philosophers, switches)} and eats`,
});

const philosopherPutsDownForks = action({
  name: 'philosopherPutsDownForks',
  doc: 'After eating, the philosopher puts both forks down (and leaves the table) and thinks.',
  args: philosopherIds,
  actor: philosopher,
  when: (s, p) => phaseOf(s, p) === 'eating',
  step: (d, p, { params }) => {
    const me = d.philosophers[p]!;
    d.forks[leftFork(p)] = null;
    d.forks[rightFork(p, params.philosophers)] = null;
    me.mealsLeft -= 1;
    me.phase = me.mealsLeft === 0 ? 'done' : 'thinking';
  },
  describe: (s, p) => `philosopher ${p} puts down both forks${s.philosophers[p]!.mealsLeft === 1 ? ' (full)' : ''}`,
});

const allDone = (s: DiningState) => s.philosophers.every((p) => p.phase === 'done');

export const diningPhilosophers = model({
  name: 'dining-philosophers',
  title: "Dijkstra's dining philosophers",
  doc: 'Philosophers who take the left fork first can all hold one fork and wait forever; a fork order or a butler prevents it.',
  params: {
    philosophers: { default: 5, min: 2, max: 6, doc: 'philosophers (and forks) around the table' },
    meals: { default: 1, min: 1, max: 3, doc: 'meals each philosopher eats' },
  },
  variants: {
    'left-first': {
      doc: 'everyone picks up the left fork, then the right one (the bug)',
      switches: { firstFork: 'left', butler: false },
    },
    'ordered-forks': {
      doc: 'everyone picks up the lower-numbered fork first (the fix: a resource hierarchy)',
      switches: { firstFork: 'lower-numbered', butler: false },
    },
    butler: {
      doc: 'left first, but a butler seats at most N-1 philosophers (the other fix)',
      switches: { firstFork: 'left', butler: true },
    },
  },
  init: ({ params }) => ({
    forks: Array.from({ length: params.philosophers }, () => null),
    philosophers: Array.from({ length: params.philosophers }, () => ({
      phase: 'thinking' as const,
      mealsLeft: params.meals,
    })),
  }),
  actions: [philosopherSitsDown, philosopherTakesFirstFork, philosopherTakesSecondFork, philosopherPutsDownForks],
  properties: [
    sometimes({
      name: 'two-eat-at-once',
      doc: 'two philosophers eat at the same time',
      reached: (s) => s.philosophers.filter((p) => p.phase === 'eating').length >= 2,
    }),
    sometimes({
      name: 'everyone-ate',
      doc: 'every philosopher ate every meal',
      reached: allDone,
    }),
  ],
  // A deadlock (the built-in check), in the protocol's words.
  stuck: (s) =>
    `every philosopher waits for a fork: ${s.philosophers.map((p, i) => `${i} ${p.phase === 'one-fork' ? `holds fork ${s.forks.indexOf(i)}` : p.phase}`).join(', ')}`,
  ends: allDone,
  actors: ({ params }) => Array.from({ length: params.philosophers }, (_, p) => philosopher(p)),
});
