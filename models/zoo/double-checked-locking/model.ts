/**
 * Double-checked locking of a lazily created singleton, as "The 'Double-Checked Locking is
 * Broken' Declaration" (Bacon, Bloch, Bogda, Click, Haahr, Lea, May, Maessen, Manson, Mitchell,
 * Nilsen, Pugh, Sirer) and Meyers & Alexandrescu ("C++ and the Perils of Double-Checked Locking",
 * 2004) describe it:
 *
 *   if (instance == null) {                    // first check, no lock
 *     lock();
 *     if (instance == null) {                  // second check
 *       tmp = new Singleton();  tmp.value = 42; // construct
 *       instance = tmp;                        // publish
 *     }
 *     unlock();
 *   }
 *   use(instance.value);
 *
 * "The most obvious reason it doesn't work it that the writes that initialize the Helper object
 * and the write to the helper field can be done or perceived out of order." Here each thread's
 * writes sit in its store buffer and reach memory one at a time, in any order (a store-reordering
 * memory model: the JMM, ARM, POWER allow it); a thread reads its own buffer first. A thread that
 * finds the instance at the first check uses it without the lock, and can read the value before
 * the constructor's write has reached memory. Unlocking waits for the thread's buffer to drain.
 *
 * The fix (Java 5 and later): declare `instance` volatile. Its write is a release: it reaches
 * memory only after every earlier write of the thread.
 */
import { modelKit, oneOf, range, record } from '../../../engine/index.ts';

export type Location = 'value' | 'instance';

export type DclState = {
  /** Shared memory: is the instance published, and does memory hold its constructed value. */
  readonly memory: { readonly instance: boolean; readonly value: boolean };
  readonly mutex: number | null;
  readonly threads: readonly DclThread[];
};

export type DclThread = {
  readonly pc: 'first-check' | 'lock' | 'second-check' | 'construct' | 'publish' | 'unlock' | 'use' | 'done';
  /** Writes not yet in memory, oldest first. */
  readonly buffer: readonly Location[];
  /** What use() read: the constructed value or not (null before use). */
  readonly saw: 'constructed' | 'uninitialised' | null;
  /** It found the instance at the first check and never took the lock. */
  readonly skippedLock: boolean;
};

export type DclParams = { readonly threads: number };

export type DclSwitches = { readonly volatileInstance: boolean };

const { action, always, sometimes, model } = modelKit<DclState, DclParams, DclSwitches>();

const threadIds = ({ params }: { params: DclParams }) => range(1, params.threads);
const threadName = (t: number) => `thread ${t}`;
const th = (s: DclState, t: number) => s.threads[t - 1]!;
/** A read: the thread's own latest buffered write of the location, else memory. */
const reads = (s: DclState, t: number, loc: Location) => th(s, t).buffer.includes(loc) || s.memory[loc];

/** A single step at one pc (the lock and unlock have their own guards). */
const at = (pc: DclThread['pc']) => (s: DclState, t: number) => th(s, t).pc === pc;

const threadChecksInstance = action({
  name: 'threadChecksInstance',
  doc: 'The first check, without the lock: an instance found is used at once.',
  args: threadIds,
  actor: threadName,
  when: at('first-check'),
  step: (d, t) => {
    const me = d.threads[t - 1]!;
    if (reads(d as DclState, t, 'instance')) {
      me.pc = 'use';
      me.skippedLock = true;
    } else me.pc = 'lock';
  },
  describe: (s, t) => `thread ${t} checks instance: ${reads(s, t, 'instance') ? 'set, so it skips the lock' : 'null'}`,
  target: 'memory',
});

const threadLocks = action({
  name: 'threadLocks',
  doc: 'lock()',
  args: threadIds,
  actor: threadName,
  when: (s, t) => th(s, t).pc === 'lock' && s.mutex === null,
  step: (d, t) => {
    d.mutex = t;
    d.threads[t - 1]!.pc = 'second-check';
  },
  describe: (_s, t) => `thread ${t} takes the lock`,
  target: 'lock',
});

const threadChecksAgain = action({
  name: 'threadChecksAgain',
  doc: 'The second check, under the lock.',
  args: threadIds,
  actor: threadName,
  when: at('second-check'),
  step: (d, t) => {
    d.threads[t - 1]!.pc = reads(d as DclState, t, 'instance') ? 'unlock' : 'construct';
  },
  describe: (s, t) => `thread ${t} checks instance again under the lock: ${reads(s, t, 'instance') ? 'set' : 'null'}`,
  target: 'memory',
});

const threadConstructs = action({
  name: 'threadConstructs',
  doc: 'new Singleton(): the constructor writes the value (into the store buffer).',
  args: threadIds,
  actor: threadName,
  when: at('construct'),
  step: (d, t) => {
    const me = d.threads[t - 1]!;
    me.buffer.push('value');
    me.pc = 'publish';
  },
  describe: (_s, t) => `thread ${t} constructs the instance (writes its value)`,
});

const threadPublishes = action({
  name: 'threadPublishes',
  doc: 'instance = tmp (into the store buffer).',
  args: threadIds,
  actor: threadName,
  when: at('publish'),
  step: (d, t) => {
    const me = d.threads[t - 1]!;
    me.buffer.push('instance');
    me.pc = 'unlock';
  },
  describe: (_s, t) => `thread ${t} writes instance`,
});

const memoryTakesWrite = action({
  name: 'memoryTakesWrite',
  doc: "One buffered write reaches memory: any of them, except that a volatile write waits for the thread's earlier writes.",
  args: ({ params }) => record({ thread: range(1, params.threads), loc: oneOf<Location>(['value', 'instance']) }),
  actor: 'memory',
  when: (s, { thread, loc }, { switches }) => {
    const buffer = th(s, thread).buffer;
    const i = buffer.indexOf(loc);
    return i >= 0 && !(switches.volatileInstance && loc === 'instance' && i > 0);
  },
  step: (d, { thread, loc }) => {
    const me = d.threads[thread - 1]!;
    me.buffer.splice(me.buffer.indexOf(loc), 1);
    d.memory[loc] = true;
  },
  describe: (s, { thread, loc }) =>
    `thread ${thread}'s write of ${loc} reaches memory${th(s, thread).buffer.indexOf(loc) > 0 ? ` before its earlier write of ${th(s, thread).buffer[0]}` : ''}`,
  target: 'memory',
});

const threadUnlocks = action({
  name: 'threadUnlocks',
  doc: 'unlock(): waits until its buffered writes are in memory.',
  args: threadIds,
  actor: threadName,
  when: (s, t) => th(s, t).pc === 'unlock' && th(s, t).buffer.length === 0,
  step: (d, t) => {
    d.mutex = null;
    d.threads[t - 1]!.pc = 'use';
  },
  describe: (_s, t) => `thread ${t} releases the lock`,
  target: 'lock',
});

const threadUsesInstance = action({
  name: 'threadUsesInstance',
  doc: 'use(instance.value): reads the value.',
  args: threadIds,
  actor: threadName,
  when: at('use'),
  step: (d, t) => {
    const me = d.threads[t - 1]!;
    me.saw = reads(d as DclState, t, 'value') ? 'constructed' : 'uninitialised';
    me.pc = 'done';
  },
  describe: (s, t) => `thread ${t} reads instance.value: ${reads(s, t, 'value') ? '42' : 'not constructed yet'}`,
  target: 'memory',
});

const allDone = (s: DclState) =>
  s.threads.every((t) => t.pc === 'done') && s.threads.every((t) => t.buffer.length === 0);

export const doubleCheckedLocking = model({
  name: 'double-checked-locking',
  title: 'Double-checked locking (the "DCL is broken" declaration)',
  doc: 'A thread that finds the singleton published without taking the lock can read it before its construction reaches memory; a volatile instance fixes it.',
  params: {
    threads: { default: 2, min: 1, max: 3, doc: 'threads calling getInstance()' },
  },
  variants: {
    'plain-instance': {
      doc: "instance is a plain field: its write may reach memory before the constructor's (the bug)",
      switches: { volatileInstance: false },
    },
    'volatile-instance': {
      doc: 'instance is volatile: its write reaches memory after every earlier write (the fix)',
      switches: { volatileInstance: true },
    },
  },
  init: ({ params }) => ({
    memory: { instance: false, value: false },
    mutex: null,
    threads: Array.from({ length: params.threads }, () => ({
      pc: 'first-check' as const,
      buffer: [],
      saw: null,
      skippedLock: false,
    })),
  }),
  actions: [
    threadChecksInstance,
    threadLocks,
    threadChecksAgain,
    threadConstructs,
    threadPublishes,
    memoryTakesWrite,
    threadUnlocks,
    threadUsesInstance,
  ],
  properties: [
    always({
      name: 'sees-constructed-instance',
      doc: 'every thread that uses the instance reads its constructed value',
      check: (s) => {
        const t = s.threads.findIndex((x) => x.saw === 'uninitialised');
        return (
          t < 0 ||
          `thread ${t + 1} used the instance before its construction reached memory${s.threads[t]!.skippedLock ? ' (it skipped the lock)' : ''}`
        );
      },
    }),
    sometimes({
      name: 'a-thread-skips-the-lock',
      doc: 'a thread finds the instance at the first check and uses it without locking',
      reached: (s) => s.threads.some((t) => t.skippedLock && t.pc === 'done'),
    }),
    sometimes({
      name: 'everyone-used-it',
      doc: 'every thread used the instance',
      reached: allDone,
    }),
  ],
  ends: allDone,
  actors: ({ params }) => [...Array.from({ length: params.threads }, (_, i) => threadName(i + 1)), 'memory'],
});
