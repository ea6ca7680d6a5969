/**
 * The producer-consumer problem with sleep and wakeup, as Tanenbaum gives it (Modern Operating
 * Systems, §2.3.4 "Sleep and Wakeup", the program "with a fatal race condition"): the producer
 * sleeps when the buffer is full and wakes the consumer when it puts the first item in; the
 * consumer sleeps when the buffer is empty and wakes the producer when it takes an item out of a
 * full buffer. Each reads `count` and then decides to sleep, and a wakeup sent to a process that
 * is not asleep yet is lost: both can end up asleep forever.
 *
 * Tanenbaum's patch for two processes is a wakeup waiting bit: a wakeup sent to an awake process
 * sets it; a process about to sleep with its bit set clears it and stays awake. With the
 * program's `if`, a saved wakeup can be stale by the time it is used, and the process then goes on
 * past a full (or empty) buffer. The fix the book turns to is semaphores (§2.3.5): `down` tests and
 * sleeps in one indivisible action, and an `up` with nobody asleep is counted, not lost.
 *
 * Both loop forever, as in the book; `count = count ± 1` is one step (the race on `count` itself
 * is not the point here). A count past its bounds is kept at one past them, so the state space
 * stays finite; the property fails there anyway.
 */
import { modelKit, oneOf } from '../../../engine/index.ts';

export type SleepWakeupState = {
  /** Items in the buffer. */
  readonly count: number;
  /** The semaphores `full` and `empty` of the semaphore program (unused in the others). */
  readonly full: number;
  readonly empty: number;
  readonly producer: Process;
  readonly consumer: Process;
};

export type Process = {
  /** Where it is in its loop (below), or asleep. With semaphores, `check` is the `down` and `maybe-wake` the `up`. */
  readonly at: 'check' | 'decide' | 'move-item' | 'maybe-wake' | 'asleep';
  /** The value of `count` it read at `check`, until it decides. */
  readonly read: number | null;
  /** Tanenbaum's wakeup waiting bit (only in the wakeup-waiting-bit variant). */
  readonly wakeupWaiting: boolean;
  /** Was it ever woken from sleep (for the witness only: no step reads it). */
  readonly everWoken: boolean;
};

export type SleepWakeupParams = { readonly slots: number };

export type SleepWakeupSwitches = {
  readonly wakeupWaitingBit: boolean;
  /** The book's semaphore solution instead (§2.3.5): down(empty) / down(full) and up(full) / up(empty). */
  readonly semaphores: boolean;
};

const { action, always, sometimes, model } = modelKit<SleepWakeupState, SleepWakeupParams, SleepWakeupSwitches>();

type Who = 'producer' | 'consumer';
const who = () => oneOf<Who>(['producer', 'consumer']);
const peer = (w: Who): Who => (w === 'producer' ? 'consumer' : 'producer');
/** The producer sleeps on a full buffer, the consumer on an empty one. */
const mustSleep = (w: Who, read: number, slots: number) => (w === 'producer' ? read === slots : read === 0);
/** After moving an item: the producer wakes the consumer at count 1, the consumer the producer at count N-1. */
const wakesPeer = (w: Who, count: number, slots: number) => (w === 'producer' ? count === 1 : count === slots - 1);

const processReadsCount = action({
  name: 'processReadsCount',
  doc: '`if (count == N)` / `if (count == 0)`: the process reads count.',
  args: who,
  actor: (w) => w,
  when: (s, w, { switches }) => !switches.semaphores && s[w].at === 'check',
  step: (d, w) => {
    d[w].read = d.count;
    d[w].at = 'decide';
  },
  describe: (s, w) => `${w} reads count = ${s.count}`,
  target: 'buffer',
});

const processDecidesToSleep = action({
  name: 'processDecidesToSleep',
  doc: 'On the value it read, the process goes to sleep (unless its wakeup waiting bit is set) or goes on.',
  args: who,
  actor: (w) => w,
  when: (s, w, { switches }) => !switches.semaphores && s[w].at === 'decide',
  step: (d, w, { params }) => {
    const me = d[w];
    const sleep = mustSleep(w, me.read!, params.slots);
    me.read = null;
    if (!sleep) me.at = 'move-item';
    else if (me.wakeupWaiting) {
      me.wakeupWaiting = false;
      me.at = 'move-item';
    } else me.at = 'asleep';
  },
  describe: (s, w, after) => {
    const read = s[w].read;
    if (after[w].at === 'asleep') return `${w} goes to sleep (it read count = ${read}; count is now ${s.count})`;
    if (s[w].wakeupWaiting && !after[w].wakeupWaiting)
      return `${w} would sleep (it read count = ${read}) but finds its wakeup waiting bit set and stays awake`;
    return `${w} goes on (it read count = ${read})`;
  },
});

const processMovesItem = action({
  name: 'processMovesItem',
  doc: 'insert_item + count = count + 1, or remove_item + count = count - 1.',
  args: who,
  actor: (w) => w,
  when: (s, w) => s[w].at === 'move-item',
  step: (d, w, { params }) => {
    d.count = Math.max(-1, Math.min(params.slots + 1, d.count + (w === 'producer' ? 1 : -1)));
    d[w].at = 'maybe-wake';
  },
  describe: (s, w, after, { params }) => {
    const what = `${w} ${w === 'producer' ? 'inserts' : 'removes'} an item`;
    if (w === 'producer' && s.count >= params.slots) return `${what} into a full buffer (count ${s.count})`;
    if (w === 'consumer' && s.count <= 0) return `${what} from an empty buffer (count ${s.count})`;
    return `${what} (count ${s.count} → ${after.count})`;
  },
  target: 'buffer',
});

const processWakesPeer = action({
  name: 'processWakesPeer',
  doc: '`if (count == 1) wakeup(consumer)` / `if (count == N - 1) wakeup(producer)`, then back to the top of the loop.',
  args: who,
  actor: (w) => w,
  when: (s, w, { switches }) => !switches.semaphores && s[w].at === 'maybe-wake',
  step: (d, w, { params, switches }) => {
    d[w].at = 'check';
    if (!wakesPeer(w, d.count, params.slots)) return;
    const other = d[peer(w)];
    if (other.at === 'asleep') {
      other.at = 'move-item';
      other.everWoken = true;
    } else if (switches.wakeupWaitingBit) other.wakeupWaiting = true;
  },
  describe: (s, w, _after, { params, switches }) => {
    const p = peer(w);
    if (!wakesPeer(w, s.count, params.slots)) return `${w} sees count = ${s.count}: no wakeup`;
    if (s[p].at === 'asleep') return `${w} wakes the ${p}`;
    return switches.wakeupWaitingBit
      ? `${w} sends a wakeup to the ${p}, which is awake: its wakeup waiting bit is set`
      : `${w} sends a wakeup to the ${p}, which is not asleep: the wakeup is lost`;
  },
  target: (w) => peer(w),
});

/** The semaphore a process downs before it moves an item: the producer a free slot, the consumer an item. */
const semaphoreOf = (w: Who): 'empty' | 'full' => (w === 'producer' ? 'empty' : 'full');

const processDownsSemaphore = action({
  name: 'processDownsSemaphore',
  doc: 'Semaphores: down(empty) / down(full) tests and sleeps in one indivisible action.',
  args: who,
  actor: (w) => w,
  when: (s, w, { switches }) => switches.semaphores && s[w].at === 'check',
  step: (d, w) => {
    const sem = semaphoreOf(w);
    if (d[sem] > 0) {
      d[sem] -= 1;
      d[w].at = 'move-item';
    } else d[w].at = 'asleep';
  },
  describe: (s, w) => {
    const sem = semaphoreOf(w);
    return s[sem] > 0 ? `${w} downs ${sem} (${s[sem]} → ${s[sem] - 1})` : `${w} downs ${sem} = 0 and sleeps on it`;
  },
});

const processUpsSemaphore = action({
  name: 'processUpsSemaphore',
  doc: 'Semaphores: up(full) / up(empty) wakes the other process if it sleeps on it, else counts.',
  args: who,
  actor: (w) => w,
  when: (s, w, { switches }) => switches.semaphores && s[w].at === 'maybe-wake',
  step: (d, w) => {
    const p = peer(w);
    const sem = semaphoreOf(p);
    d[w].at = 'check';
    if (d[p].at === 'asleep') {
      d[p].at = 'move-item';
      d[p].everWoken = true;
    } else d[sem] += 1;
  },
  describe: (s, w) => {
    const p = peer(w);
    const sem = semaphoreOf(p);
    return s[p].at === 'asleep'
      ? `${w} ups ${sem}, which wakes the ${p}`
      : `${w} ups ${sem} (${s[sem]} → ${s[sem] + 1})`;
  },
  target: (w) => peer(w),
});

export const sleepWakeup = model({
  name: 'sleep-wakeup',
  title: 'Producer and consumer with sleep and wakeup (Tanenbaum §2.3.4)',
  doc: 'A wakeup sent before the other process is asleep is lost, and both sleep forever; a wakeup waiting bit fixes it.',
  params: {
    slots: { default: 2, min: 1, max: 4, doc: 'N, the slots in the buffer' },
  },
  variants: {
    'lost-wakeup': {
      doc: "Tanenbaum's program: a wakeup to an awake process is lost (the bug)",
      switches: { wakeupWaitingBit: false, semaphores: false },
    },
    'wakeup-waiting-bit': {
      doc: "Tanenbaum's patch: a wakeup to an awake process sets its wakeup waiting bit (no deadlock, but a stale saved wakeup lets a process past an empty buffer)",
      switches: { wakeupWaitingBit: true, semaphores: false },
    },
    semaphores: {
      doc: 'down and up on semaphores full and empty (the fix, §2.3.5)',
      switches: { wakeupWaitingBit: false, semaphores: true },
    },
  },
  init: ({ params }) => ({
    count: 0,
    full: 0,
    empty: params.slots,
    producer: { at: 'check', read: null, wakeupWaiting: false, everWoken: false },
    consumer: { at: 'check', read: null, wakeupWaiting: false, everWoken: false },
  }),
  actions: [
    processReadsCount,
    processDecidesToSleep,
    processDownsSemaphore,
    processMovesItem,
    processWakesPeer,
    processUpsSemaphore,
  ],
  properties: [
    always({
      name: 'buffer-in-bounds',
      doc: 'count stays between 0 and N',
      check: (s, { params }) => (s.count >= 0 && s.count <= params.slots) || `count is ${s.count}`,
    }),
    sometimes({
      name: 'consumer-woken',
      doc: 'the consumer slept and was woken up',
      reached: (s) => s.consumer.everWoken,
    }),
    sometimes({
      name: 'buffer-full',
      doc: 'the producer filled the buffer',
      reached: (s, { params }) => s.count === params.slots,
    }),
  ],
  // Both loop forever: no state is an end, so a state where neither can move is a deadlock.
  // A deadlock (the built-in check), in the protocol's words.
  stuck: (s) => `both sleep forever with ${s.count} of the slots full`,
  ends: () => false,
  actors: () => ['producer', 'consumer'],
});
