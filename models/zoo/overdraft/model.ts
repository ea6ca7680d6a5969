/**
 * Write skew under snapshot isolation: two joint accounts whose owners may overdraw either one as
 * long as the two together stay in credit. This is the example of Berenson, Bernstein, Gray,
 * Melton, O'Neil & O'Neil ("A Critique of ANSI SQL Isolation Levels", SIGMOD 1995: anomaly A5B,
 * write skew, and its history H5, where two transactions each read x and y under the constraint
 * x + y > 0 and each withdraws from a different one), and of Kleppmann's DDIA, ch. 7 "Write Skew
 * and Phantoms".
 *
 * Each client runs a few transactions, one after the other: read both balances from its snapshot, check that the total
 * covers the withdrawal, debit its own account, commit. Snapshot isolation aborts a commit only
 * when another transaction committed a write to the same row since its snapshot (first committer
 * wins), and the two debits are on different rows, so both commit and the total goes negative.
 * Locking the row you write (SELECT … FOR UPDATE on your own account) changes nothing: the rows
 * differ. What fixes it is serializability; here as serializable snapshot isolation reduced to its
 * core (Cahill, Röhm & Fekete, SIGMOD 2008): a commit also aborts if a row it read was changed by
 * a transaction that committed since its snapshot. An aborted client retries from the start.
 */
import { modelKit, range } from '../../../engine/index.ts';

export type OverdraftState = {
  /** Committed balances of the two accounts. */
  readonly balances: readonly [number, number];
  /** Commit count per account (row versions), so a commit can tell what changed since a snapshot. */
  readonly versions: readonly [number, number];
  /** Which client holds the row lock of each account (0: none). */
  readonly locks: readonly [number, number];
  readonly clients: readonly Client[];
};

export type Client = {
  readonly phase: 'begin' | 'check' | 'commit' | 'done';
  /** The snapshot it reads from: balances and row versions at its start. */
  readonly snapshot: readonly [number, number] | null;
  readonly snapshotVersions: readonly [number, number] | null;
  /** Its debit, written but not committed. */
  readonly written: number | null;
  /** Withdrawals made and declined so far. */
  readonly withdrew: number;
  readonly declined: number;
  readonly aborts: number;
};

export type OverdraftParams = { readonly balance: number; readonly withdrawal: number; readonly withdrawals: number };

export type OverdraftSwitches = {
  /** On a commit, check the rows read too, not only the row written. */
  readonly validateReads: boolean;
  /** Take the row lock of one's own account before the check (SELECT … FOR UPDATE). */
  readonly lockOwnRow: boolean;
};

const { action, always, sometimes, model } = modelKit<OverdraftState, OverdraftParams, OverdraftSwitches>();

/** Client 1 withdraws from account 1, client 2 from account 2. */
const clientIds = () => range(1, 2);
const clientName = (c: number) => `client ${c}`;
const cl = (s: OverdraftState, c: number) => s.clients[c - 1]!;
const own = (c: number) => (c - 1) as 0 | 1;
const total = (b: readonly number[]) => b.reduce((x, y) => x + y, 0);

const clientBeginsTransaction = action({
  name: 'clientBeginsTransaction',
  doc: 'BEGIN; SELECT both balances: the transaction reads from a snapshot of this moment.',
  args: clientIds,
  actor: clientName,
  when: (s, c) => cl(s, c).phase === 'begin',
  step: (d, c) => {
    const me = d.clients[c - 1]!;
    me.snapshot = [d.balances[0], d.balances[1]];
    me.snapshotVersions = [d.versions[0], d.versions[1]];
    me.phase = 'check';
  },
  describe: (s, c) =>
    `client ${c} begins and reads balances ${s.balances[0]} and ${s.balances[1]} (total ${total(s.balances)})`,
  target: 'database',
});

const clientChecksAndDebits = action({
  name: 'clientChecksAndDebits',
  doc: 'If the snapshot total covers the withdrawal, debit its own account (uncommitted); else decline.',
  args: clientIds,
  actor: clientName,
  when: (s, c, { switches }) =>
    cl(s, c).phase === 'check' && (!switches.lockOwnRow || s.locks[own(c)] === 0 || s.locks[own(c)] === c),
  step: (d, c, { params, switches }) => {
    const me = d.clients[c - 1]!;
    const snap = me.snapshot!;
    if (switches.lockOwnRow) d.locks[own(c)] = c;
    if (total(snap) < params.withdrawal) {
      me.declined += 1;
      me.phase = me.withdrew + me.declined === params.withdrawals ? 'done' : 'begin';
      me.snapshot = null;
      me.snapshotVersions = null;
      if (switches.lockOwnRow) d.locks[own(c)] = 0;
      return;
    }
    me.written = snap[own(c)] - params.withdrawal;
    me.phase = 'commit';
  },
  describe: (s, c, _a, { params, switches }) => {
    const snap = cl(s, c).snapshot!;
    const lock = switches.lockOwnRow ? `locks account ${c}, ` : '';
    return total(snap) < params.withdrawal
      ? `client ${c} ${lock}sees total ${total(snap)} < ${params.withdrawal} and declines`
      : `client ${c} ${lock}sees total ${total(snap)} ≥ ${params.withdrawal} and debits account ${c}: ${snap[own(c)]} → ${snap[own(c)] - params.withdrawal}`;
  },
  target: 'database',
});

/** Why a commit must abort (a row changed since the snapshot), or null. */
const conflict = (s: OverdraftState, c: number, sw: OverdraftSwitches): string | null => {
  const me = cl(s, c);
  const v = me.snapshotVersions!;
  if (s.versions[own(c)] !== v[own(c)]) return `account ${c}, which it writes, was changed since its snapshot`;
  const o = own(c) === 0 ? 1 : 0;
  if (sw.validateReads && s.versions[o] !== v[o])
    return `account ${o + 1}, which it read, was changed since its snapshot`;
  return null;
};

const clientCommits = action({
  name: 'clientCommits',
  doc: 'COMMIT: first committer wins on the row written; with read validation, on the rows read too. An aborted client starts over.',
  args: clientIds,
  actor: clientName,
  when: (s, c) => cl(s, c).phase === 'commit',
  step: (d, c, { params, switches }) => {
    const me = d.clients[c - 1]!;
    const why = conflict(d as OverdraftState, c, switches);
    if (why === null) {
      d.balances[own(c)] = me.written!;
      d.versions[own(c)] += 1;
      me.withdrew += 1;
      me.phase = me.withdrew + me.declined === params.withdrawals ? 'done' : 'begin';
    } else {
      me.aborts += 1;
      me.phase = 'begin';
    }
    me.written = null;
    me.snapshot = null;
    me.snapshotVersions = null;
    if (switches.lockOwnRow) d.locks[own(c)] = 0;
  },
  describe: (s, c, _a, { switches }) => {
    const why = conflict(s, c, switches);
    return why === null
      ? `client ${c} commits: account ${c} = ${cl(s, c).written}`
      : `client ${c}'s commit aborts (${why}); it starts over`;
  },
  target: 'database',
});

const allDone = (s: OverdraftState) => s.clients.every((c) => c.phase === 'done');

export const overdraft = model({
  name: 'overdraft',
  title: 'Write skew on two accounts (Berenson et al. 1995, H5; DDIA ch. 7)',
  doc: 'Withdrawals from two accounts, each checked against a snapshot of both and committed: the total goes negative.',
  params: {
    balance: { default: 50, min: 0, max: 100, doc: 'starting balance of each account' },
    withdrawal: { default: 40, min: 1, max: 200, doc: 'the amount of every withdrawal' },
    withdrawals: { default: 2, min: 1, max: 3, doc: 'withdrawals each client tries, from its own account' },
  },
  variants: {
    'snapshot-isolation': {
      doc: 'snapshot isolation: first committer wins on rows written (the bug)',
      switches: { validateReads: false, lockOwnRow: false },
    },
    'lock-own-row': {
      doc: 'also SELECT … FOR UPDATE on the account it debits (still the bug: the rows differ)',
      switches: { validateReads: false, lockOwnRow: true },
    },
    serializable: {
      doc: 'a commit also aborts when a row it read has changed since its snapshot (the fix)',
      switches: { validateReads: true, lockOwnRow: false },
    },
  },
  init: ({ params }) => ({
    balances: [params.balance, params.balance],
    versions: [0, 0],
    locks: [0, 0],
    clients: [1, 2].map(() => ({
      phase: 'begin' as const,
      snapshot: null,
      snapshotVersions: null,
      written: null,
      withdrew: 0,
      declined: 0,
      aborts: 0,
    })),
  }),
  actions: [clientBeginsTransaction, clientChecksAndDebits, clientCommits],
  properties: [
    always({
      name: 'joint-balance-covered',
      doc: 'the two accounts together never go below zero',
      check: (s) =>
        total(s.balances) >= 0 ||
        `the accounts hold ${s.balances[0]} and ${s.balances[1]}: ${total(s.balances)} in total`,
    }),
    sometimes({
      name: 'a-commit-aborts',
      doc: 'a commit aborted on a conflict and its client started over',
      reached: (s) => s.clients.some((c) => c.aborts > 0),
    }),
    sometimes({
      name: 'a-withdrawal-declined',
      doc: 'a withdrawal was declined for want of funds',
      reached: (s) => s.clients.some((c) => c.declined > 0),
    }),
    sometimes({
      name: 'all-done',
      doc: 'both clients made all their attempts',
      reached: allDone,
    }),
  ],
  ends: allDone,
  actors: () => [clientName(1), clientName(2)],
});
