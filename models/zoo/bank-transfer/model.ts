/**
 * Money moved between accounts while an auditor adds them up: the read skew of Kleppmann's DDIA,
 * ch. 7 "Snapshot Isolation and Repeatable Read" (Figure 7-6: Alice has $500 in each of two
 * accounts; a transfer of $100 runs while she looks at both; "to Alice it now appears as though
 * she only has a total balance of $900 in her accounts — it seems that $100 has vanished into thin
 * air"), and the debit/credit transfer of Gray & Reuter (Transaction Processing, 1993, ch. 1) that
 * must be atomic.
 *
 * - Separate writes: the debit and the credit are two writes, each committed on its own. An
 *   auditor between them sees money missing, and a transfer that crashes between them destroys it.
 * - Read committed: the transfer is one transaction (a crash rolls it back), but the auditor's
 *   reads each see the latest committed value; reading one account before a transfer commits and
 *   the other after is read skew ("nonrepeatable read"), which read committed allows.
 * - Snapshot reads: the auditor reads every account from a snapshot taken when its audit starts
 *   (repeatable read / snapshot isolation), and sees a consistent total.
 */
import { modelKit, range } from '../../../engine/index.ts';

export type BankState = {
  /** Committed balances, account 1 first. */
  readonly balances: readonly number[];
  readonly transfers: readonly Transfer[];
  readonly auditor: Auditor;
  readonly crashesLeft: number;
};

export type Transfer = {
  readonly phase: 'debit' | 'credit' | 'commit' | 'done' | 'crashed';
};

export type Auditor = {
  readonly phase: 'idle' | 'reading' | 'done';
  /** The next account to read (1-based). */
  readonly next: number;
  readonly sum: number;
  /** The snapshot it reads from, in the snapshot variant. */
  readonly snapshot: readonly number[] | null;
  readonly auditsLeft: number;
  /** The sum of each finished audit. */
  readonly reported: readonly number[];
  /** A transfer was half done at some point during an audit (for the witness). */
  readonly sawTransferInFlight: boolean;
};

export type BankParams = {
  readonly accounts: number;
  readonly balance: number;
  readonly amount: number;
  readonly audits: number;
  readonly crashes: number;
};

export type BankSwitches = {
  /** The debit and credit commit together (a crash rolls both back). */
  readonly transaction: boolean;
  /** The auditor reads from a snapshot taken at the start of its audit. */
  readonly snapshotReads: boolean;
};

const { action, always, sometimes, model } = modelKit<BankState, BankParams, BankSwitches>();

/** Transfer t moves `amount` from account t to account t+1. */
const transferIds = ({ params }: { params: BankParams }) => range(1, params.accounts - 1);
const transferName = (t: number) => `transfer ${t}`;
const tr = (s: BankState, t: number) => s.transfers[t - 1]!;
const inFlight = (x: Transfer) => x.phase === 'credit' || x.phase === 'commit';
const total = (b: readonly number[]) => b.reduce((x, y) => x + y, 0);

const transferDebitsSource = action({
  name: 'transferDebitsSource',
  doc: 'Debit the source account (committed at once, or buffered in the transaction).',
  args: transferIds,
  actor: transferName,
  when: (s, t) => tr(s, t).phase === 'debit',
  step: (d, t, { params, switches }) => {
    if (!switches.transaction) d.balances[t - 1] = d.balances[t - 1]! - params.amount;
    d.transfers[t - 1]!.phase = 'credit';
  },
  describe: (s, t, _a, { params, switches }) =>
    `transfer ${t} debits account ${t}: ${s.balances[t - 1]} → ${s.balances[t - 1]! - params.amount}${switches.transaction ? ' (uncommitted)' : ''}`,
  target: 'database',
});

const transferCreditsTarget = action({
  name: 'transferCreditsTarget',
  doc: 'Credit the target account (committed at once, or buffered in the transaction).',
  args: transferIds,
  actor: transferName,
  when: (s, t) => tr(s, t).phase === 'credit',
  step: (d, t, { params, switches }) => {
    if (!switches.transaction) d.balances[t] = d.balances[t]! + params.amount;
    d.transfers[t - 1]!.phase = switches.transaction ? 'commit' : 'done';
  },
  describe: (s, t, _a, { params, switches }) =>
    `transfer ${t} credits account ${t + 1}: ${s.balances[t]} → ${s.balances[t]! + params.amount}${switches.transaction ? ' (uncommitted)' : ''}`,
  target: 'database',
});

const transferCommits = action({
  name: 'transferCommits',
  doc: 'The transaction commits both writes at once.',
  args: transferIds,
  actor: transferName,
  when: (s, t) => tr(s, t).phase === 'commit',
  step: (d, t, { params }) => {
    d.balances[t - 1] = d.balances[t - 1]! - params.amount;
    d.balances[t] = d.balances[t]! + params.amount;
    d.transfers[t - 1]!.phase = 'done';
  },
  describe: (s, t, _a, { params }) =>
    `transfer ${t} commits: account ${t} = ${s.balances[t - 1]! - params.amount}, account ${t + 1} = ${s.balances[t]! + params.amount}`,
  target: 'database',
});

const transferCrashes = action({
  name: 'transferCrashes',
  doc: 'The client running a transfer crashes half-way: committed writes stay, a transaction rolls back.',
  args: transferIds,
  actor: 'environment',
  when: (s, t) => s.crashesLeft > 0 && inFlight(tr(s, t)),
  step: (d, t) => {
    d.transfers[t - 1]!.phase = 'crashed';
    d.crashesLeft -= 1;
  },
  describe: (_s, t, _a, { switches }) =>
    `transfer ${t}'s client crashes${switches.transaction ? ': its transaction rolls back' : ` after the debit of account ${t} was committed`}`,
});

const auditorStartsAudit = action({
  name: 'auditorStartsAudit',
  doc: 'The auditor starts adding up the accounts (taking a snapshot, in the snapshot variant).',
  actor: 'auditor',
  when: (s) => s.auditor.phase === 'idle' && s.auditor.auditsLeft > 0,
  step: (d, _a, { switches }) => {
    const a = d.auditor;
    a.phase = 'reading';
    a.next = 1;
    a.sum = 0;
    a.snapshot = switches.snapshotReads ? [...d.balances] : null;
    if (d.transfers.some(inFlight)) a.sawTransferInFlight = true;
  },
  describe: (_s, _a, _after, { switches }) =>
    `auditor starts an audit${switches.snapshotReads ? ' from a snapshot' : ''}`,
  target: 'database',
});

const auditorReadsAccount = action({
  name: 'auditorReadsAccount',
  doc: "The auditor reads the next account (the latest committed value, or its snapshot's) and adds it up.",
  actor: 'auditor',
  when: (s) => s.auditor.phase === 'reading',
  step: (d, _a, { params }) => {
    const a = d.auditor;
    a.sum += (a.snapshot ?? d.balances)[a.next - 1]!;
    if (d.transfers.some(inFlight)) a.sawTransferInFlight = true;
    if (a.next < params.accounts) {
      a.next += 1;
      return;
    }
    a.reported = [...a.reported, a.sum];
    a.auditsLeft -= 1;
    a.phase = a.auditsLeft === 0 ? 'done' : 'idle';
  },
  describe: (s, _a, after, { params }) => {
    const a = s.auditor;
    const v = (a.snapshot ?? s.balances)[a.next - 1]!;
    return `auditor reads account ${a.next}: ${v}${a.next === params.accounts ? `; the audit adds up to ${after.auditor.reported.at(-1)}` : ''}`;
  },
  target: 'database',
});

const allDone = (s: BankState) =>
  s.auditor.phase === 'done' && s.transfers.every((t) => t.phase === 'done' || t.phase === 'crashed');

export const bankTransfer = model({
  name: 'bank-transfer',
  title: 'Transfers and an auditor: read skew (DDIA ch. 7, Figure 7-6)',
  doc: 'An auditor adding up accounts while money moves between them sees money vanish or appear unless it reads from a snapshot; a transfer that is not atomic destroys money when it crashes.',
  params: {
    accounts: { default: 3, min: 2, max: 4, doc: 'accounts (transfer t moves money from account t to t+1)' },
    balance: { default: 500, min: 0, max: 1000, doc: 'starting balance of each account' },
    amount: { default: 100, min: 1, max: 1000, doc: 'the amount each transfer moves' },
    audits: { default: 2, min: 1, max: 3, doc: 'audits the auditor makes, one after the other' },
    crashes: { default: 1, min: 0, max: 2, doc: 'transfer clients that may crash half-way' },
  },
  variants: {
    'separate-writes': {
      doc: 'debit and credit committed one by one (the bug: money destroyed, audits off)',
      switches: { transaction: false, snapshotReads: false },
    },
    'read-committed': {
      doc: 'each transfer is a transaction, but the auditor reads committed values one by one (still read skew)',
      switches: { transaction: true, snapshotReads: false },
    },
    'snapshot-reads': {
      doc: 'transactions, and the auditor reads from a snapshot (the fix)',
      switches: { transaction: true, snapshotReads: true },
    },
  },
  init: ({ params }) => ({
    balances: Array.from({ length: params.accounts }, () => params.balance),
    transfers: Array.from({ length: params.accounts - 1 }, () => ({ phase: 'debit' as const })),
    auditor: {
      phase: 'idle',
      next: 1,
      sum: 0,
      snapshot: null,
      auditsLeft: params.audits,
      reported: [],
      sawTransferInFlight: false,
    },
    crashesLeft: params.crashes,
  }),
  actions: [
    transferDebitsSource,
    transferCreditsTarget,
    transferCommits,
    transferCrashes,
    auditorStartsAudit,
    auditorReadsAccount,
  ],
  properties: [
    always({
      name: 'audits-add-up',
      doc: 'every finished audit adds up to the money in the bank',
      check: (s, { params }) => {
        const expected = params.accounts * params.balance;
        const bad = s.auditor.reported.find((x) => x !== expected);
        return bad === undefined || `an audit added up to ${bad}, but the bank holds ${expected}`;
      },
    }),
    always({
      name: 'money-conserved',
      doc: 'whenever no transfer is half done, the accounts hold the money the bank started with',
      check: (s, { params }) =>
        s.transfers.some(inFlight) ||
        total(s.balances) === params.accounts * params.balance ||
        `the accounts hold ${total(s.balances)} in all, not ${params.accounts * params.balance}`,
    }),
    sometimes({
      name: 'audit-during-transfer',
      doc: 'an audit ran while a transfer was half done',
      reached: (s) => s.auditor.sawTransferInFlight && s.auditor.reported.length > 0,
    }),
    sometimes({
      name: 'all-done',
      doc: 'every transfer finished (or crashed) and every audit is done',
      reached: allDone,
    }),
  ],
  ends: allDone,
  actors: ({ params }) => [
    ...Array.from({ length: params.accounts - 1 }, (_, i) => transferName(i + 1)),
    'auditor',
    'environment',
  ],
});
