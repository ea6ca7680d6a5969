/**
 * The filter lock: Peterson's mutual exclusion for N threads (G. L. Peterson, "Myths about the
 * mutual exclusion problem", IPL 12(3), 1981; Herlihy and Shavit, "The Art of Multiprocessor
 * Programming", §2.4). There are N − 1 levels, each a filter that lets at most N − L threads past
 * level L. At each level a thread announces it is there, makes itself the level's victim, and waits
 * while it is still the victim and some other thread is at its level or higher:
 *
 *   for L in 1..N−1:  level[i] := L;  victim[L] := i;  while (∃k ≠ i: level[k] ≥ L) ∧ victim[L] = i: wait
 *
 * The wait reads one other thread's level per step, starting over when it finds one at its level
 * or higher while it is still the victim. The bug, `victim-first`, writes victim[L] before level[i],
 * as in the two-thread zoo model (models/zoo/peterson): a thread that became the victim and then got
 * overtaken can be let through by a thread that does not yet see it at that level.
 */
import { modelKit, range } from '../../../engine/index.ts';

type Pc = 'idle' | 'announce' | 'victim' | 'wait' | 'critical';
type Thread = {
  readonly pc: Pc;
  /** The level being entered. */
  readonly at: number;
  /** The thread whose level the wait reads next. */
  readonly scan: number;
};
export type FilterState = {
  readonly level: readonly number[];
  readonly victim: readonly number[];
  readonly threads: readonly Thread[];
};
export type FilterParams = { readonly threads: number };
export type FilterSwitches = { readonly levelFirst: boolean };

const { action, always, sometimes, model } = modelKit<FilterState, FilterParams, FilterSwitches>();
const thread = (i: number) => `thread ${i}`;
const threads = ({ params }: { params: FilterParams }) => range(0, params.threads - 1);

const threadStartsLock = action({
  name: 'threadStartsLock',
  doc: 'lock(): enter level 1.',
  args: threads,
  actor: thread,
  when: (s, i) => s.threads[i]!.pc === 'idle',
  step: (d, i, { switches }) => {
    d.threads[i] = { pc: switches.levelFirst ? 'announce' : 'victim', at: 1, scan: 0 };
  },
});

const threadWritesLevel = action({
  name: 'threadWritesLevel',
  doc: 'level[i] := L.',
  args: threads,
  actor: thread,
  when: (s, i) => s.threads[i]!.pc === 'announce',
  step: (d, i, { switches }) => {
    const t = d.threads[i]!;
    d.level[i] = t.at;
    t.pc = switches.levelFirst ? 'victim' : 'wait';
    t.scan = 0;
  },
  describe: (s, i) => `thread ${i} sets level[${i}] = ${s.threads[i]!.at}`,
});

const threadBecomesVictim = action({
  name: 'threadBecomesVictim',
  doc: 'victim[L] := i.',
  args: threads,
  actor: thread,
  when: (s, i) => s.threads[i]!.pc === 'victim',
  step: (d, i, { switches }) => {
    const t = d.threads[i]!;
    d.victim[t.at] = i;
    t.pc = switches.levelFirst ? 'wait' : 'announce';
    t.scan = 0;
  },
  describe: (s, i) => `thread ${i} sets victim[${s.threads[i]!.at}] = ${i} (was ${s.victim[s.threads[i]!.at]})`,
});

const threadReadsLevel = action({
  name: 'threadReadsLevel',
  doc: 'One read of the wait: level[scan]; past the last thread, or no longer the victim, go up a level.',
  args: threads,
  actor: thread,
  when: (s, i) => s.threads[i]!.pc === 'wait',
  step: (d, i, { params, switches }) => {
    const t = d.threads[i]!;
    const stillVictim = d.victim[t.at] === i;
    const k = t.scan;
    const blocked = stillVictim && k !== i && d.level[k]! >= t.at;
    const passed = !stillVictim || (!blocked && k === params.threads - 1);
    if (blocked) t.scan = 0;
    else if (!passed) t.scan = k + 1;
    else if (t.at === params.threads - 1) t.pc = 'critical';
    else {
      t.at += 1;
      t.pc = switches.levelFirst ? 'announce' : 'victim';
      t.scan = 0;
    }
  },
  describe: (s, i) => {
    const t = s.threads[i]!;
    return s.victim[t.at] !== i
      ? `thread ${i} is no longer level ${t.at}'s victim, and goes up`
      : `thread ${i} reads level[${t.scan}] = ${s.level[t.scan]} (at level ${t.at})`;
  },
});

const threadUnlocks = action({
  name: 'threadUnlocks',
  doc: 'unlock(): level[i] := 0.',
  args: threads,
  actor: thread,
  when: (s, i) => s.threads[i]!.pc === 'critical',
  step: (d, i) => {
    d.level[i] = 0;
    d.threads[i] = { pc: 'idle', at: 0, scan: 0 };
  },
});

export const filterLock = model({
  name: 'filter-lock',
  title: "The filter lock, Peterson's lock for N threads (Peterson 1981; Herlihy & Shavit §2.4)",
  doc: 'N threads pass N − 1 levels, each a victim-based filter, to enter a critical section.',
  params: { threads: { default: 4, min: 2, max: 5, doc: 'threads' } },
  variants: {
    'victim-first': { doc: 'victim[L] := i before level[i] := L', switches: { levelFirst: false } },
    filter: { doc: 'level[i] := L, then victim[L] := i (the fix)', switches: { levelFirst: true } },
  },
  init: ({ params }) => ({
    level: Array.from({ length: params.threads }, () => 0),
    victim: Array.from({ length: params.threads }, () => 0),
    threads: Array.from({ length: params.threads }, () => ({ pc: 'idle' as const, at: 0, scan: 0 })),
  }),
  actions: [threadStartsLock, threadWritesLevel, threadBecomesVictim, threadReadsLevel, threadUnlocks],
  properties: [
    always({
      name: 'mutual-exclusion',
      doc: 'at most one thread is in the critical section',
      check: (s) => {
        const inside = s.threads.flatMap((t, i) => (t.pc === 'critical' ? [i] : []));
        return inside.length <= 1 || `threads ${inside.join(' and ')} are both in the critical section`;
      },
    }),
    sometimes({
      name: 'all-contend',
      doc: 'every thread is past level 1 at once',
      reached: (s) => s.level.every((l) => l >= 1),
    }),
  ],
  actors: ({ params }) => Array.from({ length: params.threads }, (_, i) => thread(i)),
});
