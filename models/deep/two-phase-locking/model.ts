/**
 * Two-phase locking (K. P. Eswaran, J. N. Gray, R. A. Lorie and I. L. Traiger, "The notions of
 * consistency and predicate locks in a database system", CACM 19(11), 1976; Bernstein, Hadzilacos
 * and Goodman, "Concurrency Control and Recovery in Database Systems", 1987, §3.2). Transactions
 * read and write items under shared and exclusive locks. The theorem: if every transaction acquires
 * all its locks before it releases any (two phases), every history is conflict-serializable.
 *
 * The bug, `early-release`, lets a transaction release an item's lock as soon as it has done its last
 * operation on that item, before it has locked the items it uses later: a lock acquired after a
 * release. Another transaction can then slip in between, and the precedence graph gets a cycle.
 * A transaction that waits for a lock may give up (abort, undoing its operations and releasing its
 * locks), so that deadlocks resolve as a database's deadlock detector would resolve them.
 */
import { modelKit, range } from '../../../engine/index.ts';

type Op = { readonly kind: 'r' | 'w'; readonly item: number };
/**
 * Transaction t reads item t and writes item t + 1 (mod n): a ring, so that only all n transactions
 * together can make a cycle, as in the textbook's examples of a non-serializable history.
 */
const programOf = (t: number, n: number): readonly Op[] => [
  { kind: 'r', item: t },
  { kind: 'w', item: (t + 1) % n },
];
const itemName = (i: number) => `x${i}`;

type Tx = {
  /** The next operation of the program; program length: ready to commit. */
  readonly next: number;
  /** Items it holds, and how: 's' shared, 'x' exclusive. */
  readonly locks: readonly ('s' | 'x' | null)[];
  readonly status: 'active' | 'committed' | 'aborted';
};
export type TplState = {
  readonly txs: readonly Tx[];
  /** Operations done by transactions not aborted, in order: transaction, kind, item. */
  readonly history: readonly (readonly [number, 'r' | 'w', number])[];
};
export type TplParams = { readonly transactions: number };
export type TplSwitches = { readonly earlyRelease: boolean };

const { action, always, sometimes, model } = modelKit<TplState, TplParams, TplSwitches>();
const tx = (t: number) => `T${t}`;
const transactions = ({ params }: { params: TplParams }) => range(0, params.transactions - 1);
const opOf = (s: TplState, t: number) => programOf(t, s.txs.length)[s.txs[t]!.next];
const mode = (op: Op) => (op.kind === 'r' ? 's' : 'x');

/** Can t get the lock its next operation needs? Others' exclusive locks block it; a write is blocked by any. */
function lockFree(s: TplState, t: number, op: Op): boolean {
  return s.txs.every((o, u) => u === t || o.locks[op.item] === null || (mode(op) === 's' && o.locks[op.item] === 's'));
}
const holds = (s: TplState, t: number, op: Op) => {
  const l = s.txs[t]!.locks[op.item];
  return l === 'x' || l === mode(op);
};

const transactionLocks = action({
  name: 'transactionLocks',
  doc: 'Acquire the lock the next operation needs (shared to read, exclusive to write).',
  args: transactions,
  actor: tx,
  when: (s, t) => {
    const op = opOf(s, t);
    return s.txs[t]!.status === 'active' && op !== undefined && !holds(s, t, op) && lockFree(s, t, op);
  },
  step: (d, t) => {
    const op = programOf(t, d.txs.length)[d.txs[t]!.next]!;
    d.txs[t]!.locks[op.item] = mode(op);
  },
  describe: (s, t) => {
    const op = opOf(s, t)!;
    return `T${t} locks ${itemName(op.item)} (${op.kind === 'r' ? 'shared' : 'exclusive'})`;
  },
});

const transactionOperates = action({
  name: 'transactionOperates',
  doc: 'Do the next operation under its lock; with early release, unlock an item used for the last time.',
  args: transactions,
  actor: tx,
  when: (s, t) => {
    const op = opOf(s, t);
    return s.txs[t]!.status === 'active' && op !== undefined && holds(s, t, op);
  },
  step: (d, t, { switches }) => {
    const me = d.txs[t]!;
    const program = programOf(t, d.txs.length);
    const op = program[me.next]!;
    d.history.push([t, op.kind, op.item]);
    me.next += 1;
    if (switches.earlyRelease && !program.slice(me.next).some((o) => o.item === op.item)) me.locks[op.item] = null;
  },
  describe: (s, t, _after, { switches }) => {
    const op = opOf(s, t)!;
    const last = !programOf(t, s.txs.length)
      .slice(s.txs[t]!.next + 1)
      .some((o) => o.item === op.item);
    return `T${t} ${op.kind === 'r' ? 'reads' : 'writes'} ${itemName(op.item)}${switches.earlyRelease && last ? ` and unlocks it` : ''}`;
  },
});

const transactionCommits = action({
  name: 'transactionCommits',
  doc: 'Commit and release every lock (the shrinking phase).',
  args: transactions,
  actor: tx,
  when: (s, t) => s.txs[t]!.status === 'active' && opOf(s, t) === undefined,
  step: (d, t) => {
    d.txs[t]!.status = 'committed';
    d.txs[t]!.locks = d.txs[t]!.locks.map(() => null);
  },
});

const transactionAborts = action({
  name: 'transactionAborts',
  doc: 'Waiting for a lock, give up: undo its operations and release its locks (deadlock resolution).',
  args: transactions,
  actor: tx,
  when: (s, t) => {
    const op = opOf(s, t);
    return s.txs[t]!.status === 'active' && op !== undefined && !holds(s, t, op) && !lockFree(s, t, op);
  },
  step: (d, t) => {
    d.txs[t]!.status = 'aborted';
    d.txs[t]!.locks = d.txs[t]!.locks.map(() => null);
    d.history = d.history.filter(([u]) => u !== t);
  },
});

/** A cycle in the precedence graph of the history (an edge T → U for conflicting operations, T's first): its transactions. */
function precedenceCycle(s: TplState): number[] | null {
  const h = s.history;
  const edges = new Map<number, Set<number>>();
  for (let i = 0; i < h.length; i++)
    for (let j = i + 1; j < h.length; j++) {
      const [t, k, x] = h[i]!;
      const [u, l, y] = h[j]!;
      if (t !== u && x === y && (k === 'w' || l === 'w')) edges.set(t, (edges.get(t) ?? new Set()).add(u));
    }
  const path: number[] = [];
  const visit = (t: number): number[] | null => {
    const at = path.indexOf(t);
    if (at >= 0) return path.slice(at);
    path.push(t);
    for (const u of edges.get(t) ?? []) {
      const c = visit(u);
      if (c) return c;
    }
    path.pop();
    return null;
  };
  for (const t of edges.keys()) {
    const c = visit(t);
    if (c) return c;
  }
  return null;
}

export const twoPhaseLocking = model({
  name: 'two-phase-locking',
  title: 'Two-phase locking (Eswaran, Gray, Lorie, Traiger 1976)',
  doc: 'Transactions lock items before they use them; releasing a lock before the last one is acquired breaks serializability.',
  params: { transactions: { default: 5, min: 2, max: 7, doc: 'concurrent transactions (and items)' } },
  variants: {
    'early-release': {
      doc: 'a lock is released after the last use of its item, before the transaction’s later locks',
      switches: { earlyRelease: true },
    },
    'strict-2pl': { doc: 'every lock is held until commit (the fix)', switches: { earlyRelease: false } },
  },
  init: ({ params }) => ({
    txs: Array.from({ length: params.transactions }, () => ({
      next: 0,
      locks: Array.from({ length: params.transactions }, () => null),
      status: 'active' as const,
    })),
    history: [],
  }),
  actions: [transactionLocks, transactionOperates, transactionCommits, transactionAborts],
  properties: [
    always({
      name: 'conflict-serializable',
      doc: 'the precedence graph of the history has no cycle',
      check: (s) => {
        const c = precedenceCycle(s);
        return c === null || `the history is not serializable: ${[...c, c[0]!].map(tx).join(' → ')}`;
      },
    }),
    sometimes({
      name: 'all-committed',
      doc: 'every transaction commits',
      reached: (s) => s.txs.every((t) => t.status === 'committed'),
    }),
  ],
  ends: (s) => s.txs.every((t) => t.status !== 'active'),
  actors: ({ params }) => Array.from({ length: params.transactions }, (_, t) => tx(t)),
});
