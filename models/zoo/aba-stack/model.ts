/**
 * Treiber's lock-free stack (R. K. Treiber, "Systems Programming: Coping with Parallelism", IBM
 * RJ 5118, 1986) over a pool of recycled nodes, and the ABA problem as Herlihy and Shavit tell it
 * (The Art of Multiprocessor Programming, §10.6 "Memory Reclamation and the ABA Problem"; the
 * stack is §11.2). `pop` reads the head A and A's successor B, then swings the head from A to B
 * with a compare-and-set. If, meanwhile, another thread pops A, pops B and pushes A back, the head
 * is A again: the CAS succeeds, and the head now points at B, which that other thread owns.
 *
 * The fix the book gives is a stamped reference (Java's AtomicStampedReference): the head carries
 * a counter that every successful CAS bumps, and the CAS compares both.
 *
 *   pop():      loop { h = head; if h == null return empty; n = h.next; if CAS(head, h, n) return h }
 *   push(x):    loop { h = head; x.next = h; if CAS(head, h, x) return }
 *
 * Each shared read and write is a step of its own. Threads use nodes the way a free list does: a
 * popped node is the thread's to use, and a thread may push back any node it holds.
 */
import { modelKit, range, record } from '../../../engine/index.ts';

export type StackState = {
  /** Node ids 1..nodes; 0 is null. */
  readonly head: number;
  /** The stamp of the head (bumped by every successful CAS when the variant stamps it). */
  readonly stamp: number;
  /** next[x-1]: the successor of node x (0 = null). */
  readonly next: readonly number[];
  readonly threads: readonly StackThread[];
};

export type StackThread = {
  /** The operation in progress and the line it is at. */
  readonly op: 'none' | 'pop' | 'push';
  readonly at: 'read-head' | 'read-next' | 'link' | 'cas';
  /** The head (and its stamp) read at the top of the loop; for pop, its successor; for push, the node pushed. */
  readonly h: number;
  readonly hStamp: number;
  readonly n: number;
  readonly x: number;
  /** The nodes this thread popped and has not pushed back, ascending. */
  readonly holds: readonly number[];
  readonly opsLeft: number;
};

export type StackParams = { readonly threads: number; readonly nodes: number; readonly ops: number };

export type StackSwitches = { readonly stamped: boolean };

const { action, always, sometimes, model } = modelKit<StackState, StackParams, StackSwitches>();

const threadIds = ({ params }: { params: StackParams }) => range(1, params.threads);
const threadName = (t: number) => `thread ${t}`;
const node = (x: number) => (x === 0 ? 'null' : String.fromCharCode(64 + x)); // 1 → A
const me = (s: StackState, t: number) => s.threads[t - 1]!;

/** The list from the head, as the stack's users would see it (cut at a cycle). */
export function stackList(s: StackState): number[] {
  const out: number[] = [];
  for (let x = s.head; x !== 0 && !out.includes(x); x = s.next[x - 1] ?? 0) out.push(x);
  return out;
}

const threadBeginsPop = action({
  name: 'threadBeginsPop',
  doc: 'pop(): h = head (an empty stack returns at once).',
  args: threadIds,
  actor: threadName,
  when: (s, t) => me(s, t).op === 'none' && me(s, t).opsLeft > 0,
  step: (d, t) => {
    const th = d.threads[t - 1]!;
    if (d.head === 0) {
      th.opsLeft -= 1;
      return;
    }
    th.op = 'pop';
    th.at = 'read-next';
    th.h = d.head;
    th.hStamp = d.stamp;
  },
  describe: (s, t) =>
    s.head === 0 ? `thread ${t} pops an empty stack` : `thread ${t} starts a pop and reads head = ${node(s.head)}`,
  target: 'stack',
});

const threadBeginsPush = action({
  name: 'threadBeginsPush',
  doc: 'push(x) of a node the thread holds: h = head.',
  args: ({ params }) => record({ thread: range(1, params.threads), x: range(1, params.nodes) }),
  actor: ({ thread }) => threadName(thread),
  when: (s, { thread, x }) =>
    me(s, thread).op === 'none' && me(s, thread).opsLeft > 0 && me(s, thread).holds.includes(x),
  step: (d, { thread, x }) => {
    const th = d.threads[thread - 1]!;
    th.op = 'push';
    th.at = 'link';
    th.x = x;
    th.h = d.head;
    th.hStamp = d.stamp;
  },
  describe: (s, { thread, x }) => `thread ${thread} starts to push ${node(x)} and reads head = ${node(s.head)}`,
  target: 'stack',
});

const threadRereadsHead = action({
  name: 'threadRereadsHead',
  doc: 'After a failed CAS: back to the top of the loop, h = head.',
  args: threadIds,
  actor: threadName,
  when: (s, t) => me(s, t).op !== 'none' && me(s, t).at === 'read-head',
  step: (d, t) => {
    const th = d.threads[t - 1]!;
    if (th.op === 'pop' && d.head === 0) {
      th.op = 'none';
      th.opsLeft -= 1;
      return;
    }
    th.h = d.head;
    th.hStamp = d.stamp;
    th.at = th.op === 'pop' ? 'read-next' : 'link';
  },
  describe: (s, t) =>
    me(s, t).op === 'pop' && s.head === 0
      ? `thread ${t} reads head = null: its pop returns empty`
      : `thread ${t} reads head = ${node(s.head)} again`,
  target: 'stack',
});

const threadReadsNext = action({
  name: 'threadReadsNext',
  doc: 'pop: n = h.next.',
  args: threadIds,
  actor: threadName,
  when: (s, t) => me(s, t).op === 'pop' && me(s, t).at === 'read-next',
  step: (d, t) => {
    const th = d.threads[t - 1]!;
    th.n = d.next[th.h - 1] ?? 0;
    th.at = 'cas';
  },
  describe: (s, t) => `thread ${t} reads ${node(me(s, t).h)}.next = ${node(s.next[me(s, t).h - 1] ?? 0)}`,
  target: 'stack',
});

const threadLinksNode = action({
  name: 'threadLinksNode',
  doc: 'push: x.next = h.',
  args: threadIds,
  actor: threadName,
  when: (s, t) => me(s, t).op === 'push' && me(s, t).at === 'link',
  step: (d, t) => {
    const th = d.threads[t - 1]!;
    d.next[th.x - 1] = th.h;
    th.at = 'cas';
  },
  describe: (s, t) => `thread ${t} sets ${node(me(s, t).x)}.next = ${node(me(s, t).h)}`,
});

const threadCasesHead = action({
  name: 'threadCasesHead',
  doc: 'CAS(head, h, n) for pop, CAS(head, h, x) for push; with a stamp, the stamps must match too.',
  args: threadIds,
  actor: threadName,
  when: (s, t) => me(s, t).op !== 'none' && me(s, t).at === 'cas',
  step: (d, t, { switches }) => {
    const th = d.threads[t - 1]!;
    const ok = d.head === th.h && (!switches.stamped || d.stamp === th.hStamp);
    if (!ok) {
      th.at = 'read-head';
      return;
    }
    d.head = th.op === 'pop' ? th.n : th.x;
    if (switches.stamped) d.stamp += 1;
    if (th.op === 'pop') th.holds = [...th.holds, th.h].sort((a, b) => a - b);
    else th.holds = th.holds.filter((y) => y !== th.x);
    th.op = 'none';
    th.opsLeft -= 1;
  },
  describe: (s, t, after, { switches }) => {
    const th = me(s, t);
    const stamp = switches.stamped ? ` (stamp ${th.hStamp}, head's is ${s.stamp})` : '';
    const to = th.op === 'pop' ? th.n : th.x;
    return after.head === s.head && after.stamp === s.stamp
      ? `thread ${t}'s CAS of head ${node(th.h)} → ${node(to)} fails: head is ${node(s.head)}${stamp}`
      : `thread ${t}'s CAS of head ${node(th.h)} → ${node(to)} succeeds${stamp}${th.op === 'pop' ? `: it pops ${node(th.h)}` : ''}`;
  },
  target: 'stack',
});

const allDone = (s: StackState) => s.threads.every((t) => t.opsLeft === 0);

export const abaStack = model({
  name: 'aba-stack',
  title: "ABA on Treiber's lock-free stack (Herlihy & Shavit §10.6)",
  doc: "A pop's CAS on the head succeeds because the head is the same node again, though the stack under it changed.",
  params: {
    threads: { default: 2, min: 1, max: 3, doc: 'threads using the stack' },
    nodes: { default: 3, min: 1, max: 4, doc: 'nodes, all on the stack at first (A on top)' },
    ops: { default: 3, min: 1, max: 4, doc: 'pops and pushes each thread makes' },
  },
  variants: {
    'plain-cas': { doc: 'CAS on the head pointer alone (the bug)', switches: { stamped: false } },
    'stamped-head': {
      doc: 'CAS on the head pointer and a stamp bumped by every change (the fix)',
      switches: { stamped: true },
    },
  },
  init: ({ params }) => ({
    head: params.nodes > 0 ? 1 : 0,
    stamp: 0,
    next: Array.from({ length: params.nodes }, (_, i) => (i + 2 <= params.nodes ? i + 2 : 0)),
    threads: Array.from({ length: params.threads }, () => ({
      op: 'none' as const,
      at: 'read-head' as const,
      h: 0,
      hStamp: 0,
      n: 0,
      x: 0,
      holds: [],
      opsLeft: params.ops,
    })),
  }),
  actions: [threadBeginsPop, threadBeginsPush, threadRereadsHead, threadReadsNext, threadLinksNode, threadCasesHead],
  properties: [
    always({
      name: 'stack-intact',
      doc: 'every node is on the stack (a list without cycles) or held by one thread, never both, never lost',
      check: (s, { params }) => {
        const list = stackList(s);
        const last = list.at(-1);
        if (last !== undefined && s.next[last - 1] !== 0 && list.includes(s.next[last - 1]!))
          return `the stack has a cycle: ${list.map(node).join(' → ')} → ${node(s.next[last - 1]!)}`;
        for (let x = 1; x <= params.nodes; x++) {
          const owners = s.threads.map((t, i) => (t.holds.includes(x) ? i + 1 : 0)).filter((i) => i > 0);
          const where = [...(list.includes(x) ? ['the stack'] : []), ...owners.map((o) => `thread ${o}`)];
          if (where.length === 0)
            return `node ${node(x)} is lost: on the stack (${list.map(node).join(' → ') || 'empty'}) and held by no thread`;
          if (where.length > 1)
            return `node ${node(x)} is in two places: ${where.join(' and ')} (stack: ${list.map(node).join(' → ')})`;
        }
        return true;
      },
    }),
    sometimes({
      name: 'a-cas-fails',
      doc: 'a CAS fails and its thread goes round the loop again',
      reached: (s) => s.threads.some((t) => t.op !== 'none' && t.at === 'read-head'),
    }),
    sometimes({
      name: 'head-node-recycled',
      doc: 'a thread pops the head, another thread pops it too and pushes it back, and the head is that node again',
      reached: (s) =>
        s.threads.some((t) => t.op === 'pop' && t.at === 'cas' && t.h === s.head && s.next[t.h - 1] !== t.n),
    }),
    sometimes({
      name: 'all-ops-done',
      doc: 'every thread made all its pops and pushes',
      reached: allDone,
    }),
  ],
  ends: allDone,
  actors: ({ params }) => Array.from({ length: params.threads }, (_, i) => threadName(i + 1)),
});
