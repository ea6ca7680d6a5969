/**
 * Raft's replicated log across leader changes (D. Ongaro and J. Ousterhout, "In search of an
 * understandable consensus algorithm", USENIX ATC 2014, §5.3–5.4 and Figure 8). Servers time out and
 * stand for election in a new term; a voter grants one vote per term, and only to a candidate whose
 * log is at least as up to date as its own (§5.4.1); a leader appends client entries tagged with its
 * term and copies its log to followers (an AppendEntries exchange taken as one step, which leaves
 * the follower's log equal to the leader's); an entry is committed once a majority stores it.
 *
 * §5.4.2 and Figure 8: a leader may commit only an entry of its own term by counting replicas; an
 * older entry stored on a majority can still be overwritten by a later leader. The bug,
 * `counts-old-terms`, commits any entry a majority stores, and a committed entry is lost.
 */
import { modelKit, range, record } from '../../../engine/index.ts';

type Role = 'follower' | 'candidate' | 'leader';
type Server = {
  readonly term: number;
  readonly role: Role;
  readonly votedFor: number | null;
  readonly votes: readonly number[];
  /** The term of each entry, index 0 first. */
  readonly log: readonly number[];
  readonly commit: number;
  /** A leader's knowledge of how much of its log each server stores. */
  readonly match: readonly number[];
};
export type RaftState = {
  readonly servers: readonly Server[];
  /** History: the term of each entry the first time any server committed it. */
  readonly committed: readonly number[];
};
export type RaftParams = { readonly servers: number; readonly terms: number; readonly entries: number };
export type RaftSwitches = { readonly onlyOwnTerm: boolean };

const { action, always, sometimes, model } = modelKit<RaftState, RaftParams, RaftSwitches>();
type Ctx = { params: RaftParams };
const server = (i: number) => `server ${i}`;
const servers = ({ params }: Ctx) => range(0, params.servers - 1);
const pairs = ({ params }: Ctx) => record({ from: range(0, params.servers - 1), to: range(0, params.servers - 1) });
const majority = (n: number) => Math.floor(n / 2) + 1;
const lastTerm = (s: Server) => s.log[s.log.length - 1] ?? 0;
/** §5.4.1: a's log is at least as up to date as b's. */
const upToDate = (a: Server, b: Server) =>
  lastTerm(a) > lastTerm(b) || (lastTerm(a) === lastTerm(b) && a.log.length >= b.log.length);
type DraftServer = { -readonly [K in keyof Server]: Server[K] extends readonly (infer E)[] ? E[] : Server[K] };

/** Step down to follower in a newer term. */
function adopt(s: DraftServer, term: number): void {
  if (term > s.term) {
    s.term = term;
    s.role = 'follower';
    s.votedFor = null;
    s.votes = [];
  }
}

const serverStandsForElection = action({
  name: 'serverStandsForElection',
  doc: 'An election timeout (a leader too, as after a crash and restart): a new term, a vote for itself.',
  args: servers,
  actor: server,
  when: (s, i, { params }) => s.servers[i]!.term < params.terms,
  step: (d, i) => {
    const me = d.servers[i]!;
    me.term += 1;
    me.role = 'candidate';
    me.votedFor = i;
    me.votes = [i];
  },
  describe: (s, i) => `server ${i} times out and stands for election in term ${s.servers[i]!.term + 1}`,
});

const serverGrantsVote = action({
  name: 'serverGrantsVote',
  doc: 'RequestVote: a voter in no newer term grants its vote, once per term, to an up-to-date candidate.',
  args: pairs,
  actor: ({ to }) => server(to),
  target: ({ from }) => server(from),
  when: (s, { from: c, to: v }) => {
    const cand = s.servers[c]!;
    const voter = s.servers[v]!;
    if (c === v || cand.role !== 'candidate' || voter.term > cand.term || cand.votes.includes(v)) return false;
    const free = voter.term < cand.term || voter.votedFor === null || voter.votedFor === c;
    return free && upToDate(cand, voter);
  },
  step: (d, { from: c, to: v }) => {
    const voter = d.servers[v]!;
    adopt(voter, d.servers[c]!.term);
    voter.votedFor = c;
    d.servers[c]!.votes.push(v);
  },
  describe: (s, { from: c, to: v }) => `server ${v} votes for server ${c} in term ${s.servers[c]!.term}`,
});

const candidateBecomesLeader = action({
  name: 'candidateBecomesLeader',
  doc: 'A candidate with a majority of votes leads its term.',
  args: servers,
  actor: server,
  when: (s, i) => s.servers[i]!.role === 'candidate' && s.servers[i]!.votes.length >= majority(s.servers.length),
  step: (d, i) => {
    const me = d.servers[i]!;
    me.role = 'leader';
    me.match = d.servers.map((_, j) => (j === i ? me.log.length : 0));
  },
  describe: (s, i) => `server ${i} becomes leader of term ${s.servers[i]!.term}`,
});

const leaderAppendsEntry = action({
  name: 'leaderAppendsEntry',
  doc: 'A client request: the leader appends an entry of its term.',
  args: servers,
  actor: server,
  when: (s, i, { params }) => s.servers[i]!.role === 'leader' && s.servers[i]!.log.length < params.entries,
  step: (d, i) => {
    const me = d.servers[i]!;
    me.log.push(me.term);
    me.match[i] = me.log.length;
  },
  describe: (s, i) =>
    `server ${i} appends an entry of term ${s.servers[i]!.term} at index ${s.servers[i]!.log.length + 1}`,
});

const leaderReplicatesLog = action({
  name: 'leaderReplicatesLog',
  doc: 'AppendEntries until the follower matches: its log becomes the leader’s, and it learns the commit index.',
  args: pairs,
  actor: ({ from }) => server(from),
  target: ({ to }) => server(to),
  when: (s, { from: l, to: f }) => {
    const leader = s.servers[l]!;
    const follower = s.servers[f]!;
    return (
      l !== f &&
      leader.role === 'leader' &&
      follower.term <= leader.term &&
      (follower.log.join() !== leader.log.join() || follower.commit < leader.commit || follower.term < leader.term)
    );
  },
  step: (d, { from: l, to: f }) => {
    const leader = d.servers[l]!;
    const follower = d.servers[f]!;
    adopt(follower, leader.term);
    follower.role = 'follower';
    follower.log = [...leader.log];
    follower.commit = Math.max(follower.commit, Math.min(leader.commit, follower.log.length));
    leader.match[f] = leader.log.length;
  },
  describe: (s, { from: l, to: f }) =>
    `server ${l} copies its log [${s.servers[l]!.log.join(', ')}] to server ${f} (it had [${s.servers[f]!.log.join(', ')}])`,
});

const leaderCommits = action({
  name: 'leaderCommits',
  doc: 'Commit the highest index a majority stores (§5.4.2: only if that entry is of the leader’s term).',
  args: servers,
  actor: server,
  when: (s, i, { switches }) => committable(s.servers[i]!, switches.onlyOwnTerm) > s.servers[i]!.commit,
  step: (d, i, { switches }) => {
    const me = d.servers[i]!;
    me.commit = committable(me as Server, switches.onlyOwnTerm);
    for (let k = d.committed.length; k < me.commit; k++) d.committed.push(me.log[k]!);
  },
  describe: (s, i, _a, { switches }) =>
    `server ${i} commits up to index ${committable(s.servers[i]!, switches.onlyOwnTerm)} (term ${s.servers[i]!.log[committable(s.servers[i]!, switches.onlyOwnTerm) - 1]})`,
});

/** The highest index a majority stores (of the leader's own term, under §5.4.2), or the commit index. */
function committable(me: Server, onlyOwnTerm: boolean): number {
  if (me.role !== 'leader') return me.commit;
  for (let n = me.log.length; n > me.commit; n--) {
    const stored = me.match.filter((m) => m >= n).length;
    if (stored >= majority(me.match.length) && (!onlyOwnTerm || me.log[n - 1] === me.term)) return n;
  }
  return me.commit;
}

export const raftLog = model({
  name: 'raft-log',
  title: "Raft's log across leader changes (Ongaro & Ousterhout 2014, Figure 8)",
  doc: 'Servers elect leaders term by term and replicate a log; a committed entry must never be lost.',
  params: {
    servers: { default: 3, min: 3, max: 5, doc: 'servers (a majority is a quorum)' },
    terms: { default: 5, min: 2, max: 6, doc: 'the highest term an election may reach' },
    entries: { default: 1, min: 1, max: 3, doc: 'the longest log' },
  },
  variants: {
    'counts-old-terms': {
      doc: 'a leader commits any entry a majority stores, of whatever term',
      switches: { onlyOwnTerm: false },
    },
    raft: {
      doc: 'only entries of the leader’s term are committed by counting (the fix)',
      switches: { onlyOwnTerm: true },
    },
  },
  init: ({ params }) => ({
    servers: Array.from({ length: params.servers }, () => ({
      term: 1,
      role: 'follower' as const,
      votedFor: null,
      votes: [],
      log: [],
      commit: 0,
      match: Array.from({ length: params.servers }, () => 0),
    })),
    committed: [],
  }),
  actions: [
    serverStandsForElection,
    serverGrantsVote,
    candidateBecomesLeader,
    leaderAppendsEntry,
    leaderReplicatesLog,
    leaderCommits,
  ],
  properties: [
    always({
      name: 'committed-entries-stay',
      doc: 'every server’s committed entries are the entries first committed at those indices (state machine safety)',
      check: (s) => {
        for (const [i, sv] of s.servers.entries())
          for (let k = 0; k < sv.commit; k++)
            if (sv.log[k] !== s.committed[k])
              return `server ${i} committed an entry of term ${sv.log[k]} at index ${k + 1}, where an entry of term ${s.committed[k]} was committed before`;
        return true;
      },
    }),
    sometimes({ name: 'entry-committed', doc: 'an entry is committed', reached: (s) => s.committed.length > 0 }),
  ],
  ends: () => true,
  actors: ({ params }) => Array.from({ length: params.servers }, (_, i) => server(i)),
});
