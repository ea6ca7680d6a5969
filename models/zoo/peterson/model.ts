/**
 * Peterson's mutual exclusion for two threads, and the two halves it is built from, as Herlihy and
 * Shavit present it (The Art of Multiprocessor Programming, §2.3): LockOne (each thread raises a
 * flag and waits while the other's is up) deadlocks when both raise their flags; LockTwo (each
 * thread volunteers as the victim and waits while it is the victim) deadlocks when one thread runs
 * alone; Peterson's lock does both, flag first, and is correct. Writing the two lines in the other
 * order (victim first, then flag) breaks mutual exclusion.
 *
 * A thread's wait (`while (flag[j] && victim == i) {}`) is the guard of its entry into the
 * critical section, so a thread that spins forever is a thread with no enabled step, and a
 * deadlock is a state where no thread can move before both are done.
 */
import { modelKit, oneOf } from '../../../engine/index.ts';

export type PetersonState = {
  readonly flag: readonly [boolean, boolean];
  /** Who waits when both want in (Peterson's `turn`, named as Herlihy & Shavit name it). */
  readonly victim: 0 | 1;
  readonly threads: readonly [ThreadState, ThreadState];
};

export type ThreadState = {
  /** In the entry code (before the wait), critical, or finished every round. */
  readonly at: 'entry' | 'critical' | 'done';
  /** How many lines of the entry code the thread has run this round. */
  readonly line: number;
  /** Rounds left, this one included. */
  readonly rounds: number;
};

export type PetersonParams = { readonly rounds: number };

/** The entry code, line by line: which writes a thread makes before it waits, in order. */
export type EntryLine = 'raise-flag' | 'be-victim';

export type PetersonSwitches = {
  readonly entry: readonly EntryLine[];
};

const { action, always, sometimes, model } = modelKit<PetersonState, PetersonParams, PetersonSwitches>();

type Id = 0 | 1;
const threadIds = () => oneOf<Id>([0, 1]);
const thread = (i: number) => `thread ${i}`;
const other = (i: Id): Id => (i === 0 ? 1 : 0);
const me = (s: PetersonState, i: Id): ThreadState => s.threads[i];

/** The next line of a thread's entry code, or null when it has reached the wait. */
const nextLine = (s: PetersonState, i: Id, entry: readonly EntryLine[]): EntryLine | null =>
  me(s, i).at === 'entry' ? (entry[me(s, i).line] ?? null) : null;

/**
 * The wait: `while (flag[j] && victim == i) {}` for Peterson; LockOne has only the flag test,
 * LockTwo only the victim test (a test of a variable the variant never writes is left out).
 */
const mustWait = (s: PetersonState, i: Id, entry: readonly EntryLine[]): boolean => {
  const flagTest = !entry.includes('raise-flag') || s.flag[other(i)];
  const victimTest = !entry.includes('be-victim') || s.victim === i;
  return flagTest && victimTest;
};

const atWait = (s: PetersonState, i: Id, entry: readonly EntryLine[]) =>
  me(s, i).at === 'entry' && me(s, i).line === entry.length;
const canEnter = (s: PetersonState, i: Id, entry: readonly EntryLine[]) =>
  atWait(s, i, entry) && !mustWait(s, i, entry);

const threadRaisesFlag = action({
  name: 'threadRaisesFlag',
  doc: 'flag[i] = true: "I am interested".',
  args: threadIds,
  actor: thread,
  when: (s, i, { switches }) => nextLine(s, i, switches.entry) === 'raise-flag',
  step: (d, i) => {
    d.flag[i] = true;
    d.threads[i].line += 1;
  },
  describe: (_s, i) => `thread ${i} raises its flag`,
});

const threadBecomesVictim = action({
  name: 'threadBecomesVictim',
  doc: 'victim = i: "you go first".',
  args: threadIds,
  actor: thread,
  when: (s, i, { switches }) => nextLine(s, i, switches.entry) === 'be-victim',
  step: (d, i) => {
    d.victim = i;
    d.threads[i].line += 1;
  },
  describe: (s, i) => `thread ${i} sets victim = ${i} (was ${s.victim})`,
});

const threadEntersCriticalSection = action({
  name: 'threadEntersCriticalSection',
  doc: 'The wait ends: the other thread is not interested, or it is the victim.',
  args: threadIds,
  actor: thread,
  when: (s, i, { switches }) => canEnter(s, i, switches.entry),
  step: (d, i) => {
    d.threads[i].at = 'critical';
  },
  describe: (s, i) =>
    `thread ${i} enters the critical section (flag[${other(i)}] = ${s.flag[other(i)]}, victim = ${s.victim})`,
});

const threadLeavesCriticalSection = action({
  name: 'threadLeavesCriticalSection',
  doc: 'unlock(): flag[i] = false, then the next round (or done).',
  args: threadIds,
  actor: thread,
  when: (s, i) => me(s, i).at === 'critical',
  step: (d, i) => {
    const t = d.threads[i];
    d.flag[i] = false;
    t.rounds -= 1;
    t.line = 0;
    t.at = t.rounds === 0 ? 'done' : 'entry';
  },
  describe: (s, i) =>
    `thread ${i} leaves the critical section and lowers its flag${me(s, i).rounds === 1 ? ' (its last round)' : ''}`,
});

const allDone = (s: PetersonState) => s.threads.every((t) => t.at === 'done');

export const peterson = model({
  name: 'peterson',
  title: "Peterson's lock, LockOne and LockTwo (Herlihy & Shavit §2.3)",
  doc: 'Two threads take turns in a critical section with flags and a victim variable; half the algorithm deadlocks, the lines in the wrong order break mutual exclusion.',
  params: {
    rounds: { default: 2, min: 1, max: 4, doc: 'times each thread enters the critical section' },
  },
  variants: {
    'victim-first': {
      doc: 'victim = i before flag[i] = true: the two writes in the wrong order (the bug)',
      switches: { entry: ['be-victim', 'raise-flag'] },
    },
    'lock-one': {
      doc: 'flags only: both threads raise their flags, then both wait forever',
      switches: { entry: ['raise-flag'] },
    },
    'lock-two': { doc: 'victim only: a thread that runs alone waits forever', switches: { entry: ['be-victim'] } },
    peterson: {
      doc: "Peterson's lock: flag[i] = true, then victim = i (the fix)",
      switches: { entry: ['raise-flag', 'be-victim'] },
    },
  },
  init: ({ params }) => ({
    flag: [false, false],
    victim: 0,
    threads: [
      { at: 'entry', line: 0, rounds: params.rounds },
      { at: 'entry', line: 0, rounds: params.rounds },
    ],
  }),
  actions: [threadRaisesFlag, threadBecomesVictim, threadEntersCriticalSection, threadLeavesCriticalSection],
  properties: [
    always({
      name: 'mutual-exclusion',
      doc: 'never both threads in the critical section',
      check: (s) =>
        !(s.threads[0].at === 'critical' && s.threads[1].at === 'critical') ||
        `both threads are in the critical section (flag = [${s.flag.join(', ')}], victim = ${s.victim})`,
    }),
    sometimes({
      name: 'both-wait',
      doc: 'both threads are at the wait at once (they contend)',
      reached: (s, { switches }) => atWait(s, 0, switches.entry) && atWait(s, 1, switches.entry),
    }),
    sometimes({
      name: 'all-rounds-done',
      doc: 'both threads finished every round',
      reached: allDone,
    }),
  ],
  // A deadlock (the built-in check), in the protocol's words.
  stuck: (s) =>
    `both threads wait forever: ${s.threads.map((t, i) => `thread ${i} ${t.at === 'done' ? 'is done' : 'waits'}`).join(', ')} (flag = [${s.flag.join(', ')}], victim = ${s.victim})`,
  ends: allDone,
  actors: () => [thread(0), thread(1)],
});
