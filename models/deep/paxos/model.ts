/**
 * Single-decree Paxos (L. Lamport, "Paxos made simple", ACM SIGACT News 32(4), 2001), as Lamport's
 * TLA+ specification Paxos.tla in tlaplus/Examples writes it: messages are a set that only grows
 * (any message may be delivered, late, or again), and each phase is one action.
 *
 * - Phase 1a: a proposer starts ballot b.
 * - Phase 1b: an acceptor promises ballot b (if it promised no higher one) and reports the last
 *   value it accepted, with its ballot.
 * - Phase 2a: once a majority promised ballot b, the proposer asks them to accept a value: the value
 *   of the highest ballot reported, or its own when none was.
 * - Phase 2b: an acceptor accepts ballot b's value unless it promised a higher ballot.
 * A value is chosen when a majority accepted it in one ballot. Safety: at most one value is chosen.
 *
 * Two variants break one rule each: `own-value` (phase 2a proposes any value, ignoring the reports)
 * and `no-promise-check` (phase 2b accepts a ballot lower than one it promised).
 */
import { modelKit, range, record } from '../../../engine/index.ts';

export type PaxosState = {
  readonly promised: readonly number[];
  /** The ballot and value each acceptor last accepted (0: none). */
  readonly acceptedBallot: readonly number[];
  readonly acceptedValue: readonly number[];
  /** Sent messages, as sorted keys: "1a b", "1b b a mb mv", "2a b v", "2b b a v". */
  readonly msgs: readonly string[];
};
export type PaxosParams = { readonly acceptors: number; readonly ballots: number; readonly values: number };
export type PaxosSwitches = { readonly respectReports: boolean; readonly checkPromise: boolean };

const { action, always, sometimes, model } = modelKit<PaxosState, PaxosParams, PaxosSwitches>();
type Ctx = { params: PaxosParams };
const ballots = ({ params }: Ctx) => range(1, params.ballots);
const acceptorBallots = ({ params }: Ctx) =>
  record({ acceptor: range(0, params.acceptors - 1), ballot: range(1, params.ballots) });
const ballotValues = ({ params }: Ctx) => record({ ballot: range(1, params.ballots), value: range(1, params.values) });

const send = (d: { msgs: string[] }, m: string) => {
  if (!d.msgs.includes(m)) {
    d.msgs.push(m);
    d.msgs.sort();
  }
};
const has = (s: PaxosState, m: string) => s.msgs.includes(m);
const parsed = (s: PaxosState, kind: string) =>
  s.msgs.filter((m) => m.startsWith(`${kind} `)).map((m) => m.split(' ').slice(1).map(Number));
const majority = (p: PaxosParams) => Math.floor(p.acceptors / 2) + 1;

/** The promises of ballot b: one per acceptor, with what it last accepted. */
const promisesOf = (s: PaxosState, b: number) => parsed(s, '1b').filter(([bal]) => bal === b);

/** The value phase 2a may propose in ballot b, when a majority promised it: the reports' highest, or any. */
function proposable(s: PaxosState, b: number, p: PaxosParams): number | 'any' | null {
  const promises = promisesOf(s, b);
  if (promises.length < majority(p)) return null;
  const reported = promises.filter(([, , mb]) => (mb ?? 0) > 0);
  if (reported.length === 0) return 'any';
  const top = reported.reduce((best, x) => ((x[2] ?? 0) > (best[2] ?? 0) ? x : best));
  return top[3] ?? null;
}

/** Values chosen: a majority of acceptors accepted it in one ballot. */
function chosen(s: PaxosState, p: PaxosParams): number[] {
  const votes = parsed(s, '2b');
  const out = new Set<number>();
  for (const [b, , v] of votes) {
    if (votes.filter(([b2, , v2]) => b2 === b && v2 === v).length >= majority(p)) out.add(v ?? 0);
  }
  return [...out].sort();
}

const proposerStartsBallot = action({
  name: 'proposerStartsBallot',
  doc: 'Phase 1a: ask the acceptors to promise ballot b.',
  args: ballots,
  actor: (b) => `proposer ${b}`,
  when: (s, b) => !has(s, `1a ${b}`),
  step: (d, b) => send(d, `1a ${b}`),
  describe: (_s, b) => `proposer ${b} starts ballot ${b}`,
});

const acceptorPromises = action({
  name: 'acceptorPromises',
  doc: 'Phase 1b: promise ballot b (higher than any promised), reporting the last value accepted.',
  args: acceptorBallots,
  actor: ({ acceptor }) => `acceptor ${acceptor}`,
  target: ({ ballot }) => `proposer ${ballot}`,
  when: (s, { acceptor, ballot }) => has(s, `1a ${ballot}`) && ballot > s.promised[acceptor]!,
  step: (d, { acceptor: a, ballot: b }) => {
    d.promised[a] = b;
    send(d, `1b ${b} ${a} ${d.acceptedBallot[a]} ${d.acceptedValue[a]}`);
  },
  describe: (s, { acceptor: a, ballot: b }) =>
    `acceptor ${a} promises ballot ${b}${s.acceptedBallot[a] ? ` (it accepted value ${s.acceptedValue[a]} in ballot ${s.acceptedBallot[a]})` : ''}`,
});

const proposerProposes = action({
  name: 'proposerProposes',
  doc: 'Phase 2a: with a majority of promises, propose the highest reported value (or any, if none).',
  args: ballotValues,
  actor: ({ ballot }) => `proposer ${ballot}`,
  when: (s, { ballot: b, value: v }, { params, switches }) => {
    if (parsed(s, '2a').some(([bal]) => bal === b)) return false;
    const may = proposable(s, b, params);
    if (may === null) return false;
    return !switches.respectReports || may === 'any' || may === v;
  },
  step: (d, { ballot: b, value: v }) => send(d, `2a ${b} ${v}`),
  describe: (_s, { ballot: b, value: v }) => `proposer ${b} proposes value ${v} in ballot ${b}`,
});

const acceptorAccepts = action({
  name: 'acceptorAccepts',
  doc: 'Phase 2b: accept ballot b’s value unless a higher ballot was promised.',
  args: acceptorBallots,
  actor: ({ acceptor }) => `acceptor ${acceptor}`,
  when: (s, { acceptor: a, ballot: b }, { switches }) =>
    parsed(s, '2a').some(([bal]) => bal === b) &&
    (!switches.checkPromise || b >= s.promised[a]!) &&
    s.acceptedBallot[a] !== b,
  step: (d, { acceptor: a, ballot: b }) => {
    const v = parsed(d as PaxosState, '2a').find(([bal]) => bal === b)?.[1] ?? 0;
    d.promised[a] = Math.max(d.promised[a]!, b);
    d.acceptedBallot[a] = b;
    d.acceptedValue[a] = v;
    send(d, `2b ${b} ${a} ${v}`);
  },
  describe: (s, { acceptor: a, ballot: b }) =>
    `acceptor ${a} accepts value ${parsed(s, '2a').find(([bal]) => bal === b)?.[1]} in ballot ${b}${s.promised[a]! > b ? ` (though it promised ballot ${s.promised[a]})` : ''}`,
});

export const paxos = model({
  name: 'paxos',
  title: 'Single-decree Paxos (Lamport 2001)',
  doc: 'Proposers and acceptors agree on one value in numbered ballots; at most one value may be chosen.',
  params: {
    acceptors: { default: 3, min: 3, max: 5, doc: 'acceptors (a majority is a quorum)' },
    ballots: { default: 4, min: 2, max: 5, doc: 'ballots, one proposer each' },
    values: { default: 2, min: 2, max: 3, doc: 'values that may be proposed' },
  },
  variants: {
    'own-value': {
      doc: 'phase 2a proposes any value, ignoring what the promises reported',
      switches: { respectReports: false, checkPromise: true },
    },
    'no-promise-check': {
      doc: 'phase 2b accepts a ballot lower than one the acceptor promised',
      switches: { respectReports: true, checkPromise: false },
    },
    paxos: { doc: 'Paxos as Lamport wrote it (the fix)', switches: { respectReports: true, checkPromise: true } },
  },
  init: ({ params }) => ({
    promised: Array.from({ length: params.acceptors }, () => 0),
    acceptedBallot: Array.from({ length: params.acceptors }, () => 0),
    acceptedValue: Array.from({ length: params.acceptors }, () => 0),
    msgs: [],
  }),
  actions: [proposerStartsBallot, acceptorPromises, proposerProposes, acceptorAccepts],
  properties: [
    always({
      name: 'one-value-chosen',
      doc: 'at most one value is chosen',
      check: (s, { params }) => {
        const c = chosen(s, params);
        return c.length <= 1 || `values ${c.join(' and ')} were both chosen`;
      },
    }),
    sometimes({
      name: 'value-chosen',
      doc: 'a value is chosen',
      reached: (s, { params }) => chosen(s, params).length > 0,
    }),
  ],
  ends: () => true,
  actors: ({ params }) => [
    ...Array.from({ length: params.ballots }, (_, b) => `proposer ${b + 1}`),
    ...Array.from({ length: params.acceptors }, (_, a) => `acceptor ${a}`),
  ],
});
