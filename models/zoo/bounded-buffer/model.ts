/**
 * The bounded buffer with condition variables, as Arpaci-Dusseau and Arpaci-Dusseau build it up
 * (Operating Systems: Three Easy Pieces, ch. 30 "Condition Variables", §30.2 "The
 * Producer/Consumer (Bounded Buffer) Problem"). One producer, two consumers, a mutex and
 * Mesa-semantics condition variables (a woken thread must take the mutex again, and the world may
 * have changed by then):
 *
 *   producer: lock; while (count == MAX) wait(cond); put; signal(cond); unlock      (p1..p6)
 *   consumer: lock; while (count == 0)   wait(cond); get; signal(cond); unlock      (c1..c6)
 *
 * - "Single CV And If Statement", the first broken solution, tests with `if`: a consumer woken by
 *   the producer does not test again, and if the other consumer took the item first, it gets from
 *   an empty buffer.
 * - "Single CV And While" tests with `while` but has one condition variable: a consumer's signal
 *   can wake the other consumer instead of the producer, and then all three sleep (the book's
 *   thread trace of this broken solution).
 * - The correct solution ("Two CVs And While") has two: producers wait on `empty` and signal `fill`,
 *   consumers wait on `fill` and signal `empty`. Waking every waiter (a broadcast on the single
 *   condition, §30.3's covering condition) is correct too, if wasteful.
 *
 * `signal` wakes one waiter, any of them (the argument `wakes`), or nobody when none waits.
 */
import { modelKit, range, record } from '../../../engine/index.ts';

export type BufferState = {
  /** Items in the buffer; -1 records a get from an empty buffer (the property fails there). */
  readonly count: number;
  /** The thread holding the mutex, or null. */
  readonly mutex: number | null;
  readonly threads: readonly BufferThread[];
};

export type Pc = 'lock' | 'test' | 'waiting' | 'woken' | 'work' | 'signal' | 'unlock' | 'done';

export type BufferThread = {
  readonly role: 'producer' | 'consumer';
  readonly pc: Pc;
  /** The condition variable it waits on, while waiting. */
  readonly on: Cond | null;
  readonly loopsLeft: number;
};

export type Cond = 'cond' | 'empty' | 'fill';

export type BufferParams = { readonly consumers: number; readonly loops: number; readonly slots: number };

export type BufferSwitches = {
  /** `while` (test again after waking) or `if` (do not). */
  readonly retest: boolean;
  /** One condition variable for everyone, or `empty` for producers and `fill` for consumers. */
  readonly conditions: 'one' | 'two';
  /** Signal wakes one waiter, or broadcast wakes all. */
  readonly broadcast: boolean;
};

const { action, always, sometimes, model } = modelKit<BufferState, BufferParams, BufferSwitches>();

type Ctx = { params: BufferParams; switches: BufferSwitches };
/** Thread 0 is the producer, 1..consumers the consumers. */
const threadIds = ({ params }: { params: BufferParams }) => range(0, params.consumers);
const nameOf = (t: number) => (t === 0 ? 'producer' : `consumer ${t}`);
const th = (s: BufferState, t: number) => s.threads[t]!;
/** The condition a thread waits on, and the one it signals after its put or get. */
const waitsOn = (role: BufferThread['role'], sw: BufferSwitches): Cond =>
  sw.conditions === 'one' ? 'cond' : role === 'producer' ? 'empty' : 'fill';
const signals = (role: BufferThread['role'], sw: BufferSwitches): Cond =>
  sw.conditions === 'one' ? 'cond' : role === 'producer' ? 'fill' : 'empty';
const waiters = (s: BufferState, c: Cond) =>
  s.threads.map((x, i) => (x.pc === 'waiting' && x.on === c ? i : -1)).filter((i) => i >= 0);
/** The `while`/`if` test: must this thread wait? */
const mustWait = (s: BufferState, t: number, { params }: Ctx) =>
  th(s, t).role === 'producer' ? s.count === params.slots : s.count === 0;

const canLock = (s: BufferState, t: number) => (th(s, t).pc === 'lock' || th(s, t).pc === 'woken') && s.mutex === null;
const threadLocksMutex = action({
  name: 'threadLocksMutex',
  doc: 'p1 / c1: take the mutex.',
  args: threadIds,
  actor: nameOf,
  when: (s, t) => th(s, t).pc === 'lock' && canLock(s, t),
  step: (d, t) => {
    d.mutex = t;
    d.threads[t]!.pc = 'test';
  },
  describe: (_s, t) => `${nameOf(t)} takes the mutex`,
  target: 'mutex',
});

const threadTestsCount = action({
  name: 'threadTestsCount',
  doc: 'p2-p3 / c2-c3: test count; wait on the condition (releasing the mutex) or go on.',
  args: threadIds,
  actor: nameOf,
  when: (s, t) => th(s, t).pc === 'test',
  step: (d, t, ctx) => {
    const me = d.threads[t]!;
    if (mustWait(d as BufferState, t, ctx)) {
      me.pc = 'waiting';
      me.on = waitsOn(me.role, ctx.switches);
      d.mutex = null;
    } else me.pc = 'work';
  },
  describe: (s, t, after) =>
    after.threads[t]!.pc === 'waiting'
      ? `${nameOf(t)} sees count = ${s.count} and waits on ${after.threads[t]!.on}`
      : `${nameOf(t)} sees count = ${s.count} and goes on`,
});

const threadRetakesMutex = action({
  name: 'threadRetakesMutex',
  doc: 'A woken thread returns from wait once it has the mutex again: to the test (while) or straight on (if).',
  args: threadIds,
  actor: nameOf,
  when: (s, t) => th(s, t).pc === 'woken' && canLock(s, t),
  step: (d, t, { switches }) => {
    d.mutex = t;
    d.threads[t]!.pc = switches.retest ? 'test' : 'work';
  },
  describe: (s, t, _a, { switches }) =>
    `${nameOf(t)} returns from wait with the mutex${switches.retest ? '' : ` and does not test count (${s.count}) again`}`,
  target: 'mutex',
});

const threadPutsOrGets = action({
  name: 'threadPutsOrGets',
  doc: 'p4 / c4: put an item, or get one.',
  args: threadIds,
  actor: nameOf,
  when: (s, t) => th(s, t).pc === 'work',
  step: (d, t, { params }) => {
    const me = d.threads[t]!;
    d.count = me.role === 'producer' ? Math.min(params.slots + 1, d.count + 1) : Math.max(-1, d.count - 1);
    me.pc = 'signal';
  },
  describe: (s, t) =>
    th(s, t).role === 'producer'
      ? `${nameOf(t)} puts an item (count ${s.count} → ${s.count + 1})`
      : s.count === 0
        ? `${nameOf(t)} gets from an EMPTY buffer`
        : `${nameOf(t)} gets an item (count ${s.count} → ${s.count - 1})`,
  target: 'buffer',
});

const threadSignals = action({
  name: 'threadSignals',
  doc: 'p5 / c5: signal the condition: wake one waiter (any), all of them (broadcast), or nobody if none waits.',
  args: ({ params }) => record({ thread: range(0, params.consumers), wakes: range(-1, params.consumers) }),
  actor: ({ thread }) => nameOf(thread),
  when: (s, { thread, wakes }, { switches }) => {
    if (th(s, thread).pc !== 'signal') return false;
    const ws = waiters(s, signals(th(s, thread).role, switches));
    if (wakes === -1) return ws.length === 0 || switches.broadcast;
    return !switches.broadcast && ws.includes(wakes);
  },
  step: (d, { thread, wakes }, { switches }) => {
    const me = d.threads[thread]!;
    const cond = signals(me.role, switches);
    const woken = wakes === -1 ? waiters(d as BufferState, cond) : [wakes];
    for (const w of woken) {
      d.threads[w]!.pc = 'woken';
      d.threads[w]!.on = null;
    }
    me.pc = 'unlock';
  },
  describe: (s, { thread, wakes }, _a, { switches }) => {
    const cond = signals(th(s, thread).role, switches);
    if (wakes !== -1) return `${nameOf(thread)} signals ${cond}, which wakes ${nameOf(wakes)}`;
    const ws = waiters(s, cond);
    return ws.length === 0
      ? `${nameOf(thread)} signals ${cond}: nobody waits`
      : `${nameOf(thread)} broadcasts on ${cond}, which wakes ${ws.map(nameOf).join(' and ')}`;
  },
  target: ({ wakes }) => (wakes === -1 ? undefined : nameOf(wakes)),
});

const threadUnlocksMutex = action({
  name: 'threadUnlocksMutex',
  doc: 'p6 / c6: release the mutex; loop or finish.',
  args: threadIds,
  actor: nameOf,
  when: (s, t) => th(s, t).pc === 'unlock',
  step: (d, t) => {
    const me = d.threads[t]!;
    d.mutex = null;
    me.loopsLeft -= 1;
    me.pc = me.loopsLeft === 0 ? 'done' : 'lock';
  },
  describe: (s, t) => `${nameOf(t)} releases the mutex${th(s, t).loopsLeft === 1 ? ' (done)' : ''}`,
  target: 'mutex',
});

const allDone = (s: BufferState) => s.threads.every((t) => t.pc === 'done');

export const boundedBuffer = model({
  name: 'bounded-buffer',
  title: 'Bounded buffer with condition variables (OSTEP §30.2)',
  doc: 'One producer and two consumers on a bounded buffer: with one condition variable a consumer can wake the other consumer and all three sleep; with `if` a consumer gets from an empty buffer.',
  params: {
    consumers: { default: 2, min: 1, max: 3, doc: 'consumer threads (one producer makes enough for all)' },
    loops: { default: 2, min: 1, max: 3, doc: 'items each consumer gets' },
    slots: { default: 1, min: 1, max: 3, doc: 'MAX, the slots in the buffer' },
  },
  variants: {
    'one-condition': {
      doc: 'while, but one condition variable for producers and consumers (the bug: all three sleep)',
      switches: { retest: true, conditions: 'one', broadcast: false },
    },
    'if-test': {
      doc: 'one condition variable and if instead of while (the other bug: a get from an empty buffer)',
      switches: { retest: false, conditions: 'one', broadcast: false },
    },
    'two-conditions': {
      doc: 'while, producers wait on empty and consumers on fill (the fix)',
      switches: { retest: true, conditions: 'two', broadcast: false },
    },
    broadcast: {
      doc: 'while and one condition variable, but signal wakes every waiter (also correct)',
      switches: { retest: true, conditions: 'one', broadcast: true },
    },
  },
  init: ({ params }) => ({
    count: 0,
    mutex: null,
    threads: [
      { role: 'producer' as const, pc: 'lock' as const, on: null, loopsLeft: params.consumers * params.loops },
      ...Array.from({ length: params.consumers }, () => ({
        role: 'consumer' as const,
        pc: 'lock' as const,
        on: null,
        loopsLeft: params.loops,
      })),
    ],
  }),
  actions: [
    threadLocksMutex,
    threadTestsCount,
    threadRetakesMutex,
    threadPutsOrGets,
    threadSignals,
    threadUnlocksMutex,
  ],
  properties: [
    always({
      name: 'gets-only-items',
      doc: 'a consumer never gets from an empty buffer, and the producer never puts into a full one',
      check: (s, { params }) =>
        (s.count >= 0 && s.count <= params.slots) ||
        (s.count < 0 ? 'a consumer got from an empty buffer' : 'the producer put into a full buffer'),
    }),
    sometimes({
      name: 'a-consumer-waits',
      doc: 'a consumer waits on a condition variable',
      reached: (s) => s.threads.some((t) => t.role === 'consumer' && t.pc === 'waiting'),
    }),
    sometimes({
      name: 'every-item-consumed',
      doc: 'every thread finished its loops',
      reached: allDone,
    }),
  ],
  // A deadlock (the built-in check), in the protocol's words.
  stuck: (s) =>
    `nobody can move: ${s.threads.map((t, i) => `${nameOf(i)} ${t.pc === 'waiting' ? `waits on ${t.on}` : t.pc}`).join(', ')} (count = ${s.count})`,
  ends: allDone,
  actors: ({ params }) => Array.from({ length: params.consumers + 1 }, (_, t) => nameOf(t)),
});
