/**
 * Leader election by votes, as Raft does it (Ongaro & Ousterhout, "In Search of an Understandable
 * Consensus Algorithm", USENIX ATC 2014, §5.2; Figure 2), and two ways to lose its election
 * safety: "at most one leader can be elected in a given term" (Figure 3).
 *
 * A node that times out becomes a candidate of the next term and votes for itself; a node grants
 * its vote to at most one candidate per term ("on a first-come-first-served basis") and moves to a
 * newer term when it sees one; a candidate with votes from a majority becomes leader. Two bugs:
 *
 * - quorum of reachable nodes: the candidate counts a majority of the nodes it can currently
 *   reach, not of the cluster (as a cluster does whose minimum quorum is set too low, DDIA ch. 8
 *   "The leader and the lock", ch. 9 on split brain). Behind a partition, the minority side elects
 *   a leader of its own in the same term as the majority side: split brain.
 * - volatile vote: votedFor lives in memory only. Raft keeps currentTerm and votedFor on stable
 *   storage ("updated on stable storage before responding to RPCs", Figure 2); a node that
 *   restarts and forgets its vote can vote twice in one term, and two candidates each get a
 *   majority.
 *
 * The fix: a majority of the whole cluster, and votedFor persisted. Vote requests and replies are
 * one step (the voter must be reachable from the candidate); leaders step down when they grant a
 * vote in a newer term; terms are bounded.
 */
import { modelKit, range, record } from '../../../engine/index.ts';

export type ElectionState = {
  readonly nodes: readonly ElectionNode[];
  /** The node cut off from the others by a partition, or 0 when the network is whole. */
  readonly isolated: number;
  readonly restartsLeft: number;
};

export type ElectionNode = {
  readonly term: number;
  readonly role: 'follower' | 'candidate' | 'leader';
  /** Whom it voted for in its current term (0: nobody). */
  readonly votedFor: number;
  /** As a candidate: the nodes that voted for it this term, ascending. */
  readonly votes: readonly number[];
};

export type ElectionParams = { readonly nodes: number; readonly terms: number; readonly restarts: number };

export type ElectionSwitches = {
  /** A majority of the cluster, or of the nodes the candidate can reach. */
  readonly quorum: 'cluster' | 'reachable';
  /** votedFor survives a restart. */
  readonly persistVote: boolean;
};

const { action, always, sometimes, model } = modelKit<ElectionState, ElectionParams, ElectionSwitches>();

const nodeIds = ({ params }: { params: ElectionParams }) => range(1, params.nodes);
const nodeName = (n: number) => `node ${n}`;
const nd = (s: ElectionState, n: number) => s.nodes[n - 1]!;
const reachable = (s: ElectionState, a: number, b: number) => a === b || (s.isolated !== a && s.isolated !== b);
const reachableCount = (s: ElectionState, n: number) => s.nodes.filter((_, i) => reachable(s, n, i + 1)).length;
const quorumFor = (
  s: ElectionState,
  n: number,
  { params, switches }: { params: ElectionParams; switches: ElectionSwitches },
) => Math.floor((switches.quorum === 'cluster' ? params.nodes : reachableCount(s, n)) / 2) + 1;

const nodeStartsElection = action({
  name: 'nodeStartsElection',
  doc: 'An election timeout: a follower or candidate becomes a candidate of the next term and votes for itself.',
  args: nodeIds,
  actor: nodeName,
  when: (s, n, { params }) => nd(s, n).role !== 'leader' && nd(s, n).term < params.terms,
  step: (d, n) => {
    const me = d.nodes[n - 1]!;
    me.term += 1;
    me.role = 'candidate';
    me.votedFor = n;
    me.votes = [n];
  },
  describe: (s, n) => `node ${n} times out and stands for term ${nd(s, n).term + 1}`,
});

const nodeGrantsVote = action({
  name: 'nodeGrantsVote',
  doc: 'RequestVote: a reachable node in the same or an older term votes for the candidate, if it has not voted for another in that term.',
  args: ({ params }) => record({ voter: range(1, params.nodes), candidate: range(1, params.nodes) }),
  actor: ({ voter }) => nodeName(voter),
  when: (s, { voter, candidate }) => {
    if (voter === candidate || !reachable(s, voter, candidate)) return false;
    const c = nd(s, candidate);
    const v = nd(s, voter);
    if (c.role !== 'candidate' || c.votes.includes(voter) || c.term < v.term) return false;
    return c.term > v.term || v.votedFor === 0 || v.votedFor === candidate;
  },
  step: (d, { voter, candidate }) => {
    const c = d.nodes[candidate - 1]!;
    const v = d.nodes[voter - 1]!;
    if (c.term > v.term) {
      v.term = c.term;
      v.role = 'follower';
      v.votes = [];
    }
    v.votedFor = candidate;
    c.votes = [...c.votes, voter].sort((a, b) => a - b);
  },
  describe: (s, { voter, candidate }) => {
    const v = nd(s, voter);
    const c = nd(s, candidate);
    return `node ${voter} votes for node ${candidate} in term ${c.term}${c.term > v.term ? ` (moving up from term ${v.term}${v.role === 'leader' ? ', stepping down as leader' : ''})` : ''}`;
  },
  target: ({ candidate }) => nodeName(candidate),
});

const nodeBecomesLeader = action({
  name: 'nodeBecomesLeader',
  doc: 'A candidate with a quorum of votes becomes leader of its term.',
  args: nodeIds,
  actor: nodeName,
  when: (s, n, ctx) => nd(s, n).role === 'candidate' && nd(s, n).votes.length >= quorumFor(s, n, ctx),
  step: (d, n) => {
    d.nodes[n - 1]!.role = 'leader';
  },
  describe: (s, n, _a, ctx) =>
    `node ${n} becomes leader of term ${nd(s, n).term} with votes from ${nd(s, n).votes.map(nodeName).join(', ')} (quorum ${quorumFor(s, n, ctx)}${ctx.switches.quorum === 'reachable' ? ` of the ${reachableCount(s, n)} it can reach` : ''})`,
});

const networkIsolatesNode = action({
  name: 'networkIsolatesNode',
  doc: 'A partition cuts one node off from the others.',
  args: nodeIds,
  actor: 'network',
  when: (s) => s.isolated === 0,
  step: (d, n) => {
    d.isolated = n;
  },
  describe: (_s, n) => `the network partitions node ${n} from the others`,
});

const networkHeals = action({
  name: 'networkHeals',
  doc: 'The partition heals.',
  actor: 'network',
  when: (s) => s.isolated !== 0,
  step: (d) => {
    d.isolated = 0;
  },
  describe: (s) => `the partition around node ${s.isolated} heals`,
});

const nodeRestarts = action({
  name: 'nodeRestarts',
  doc: 'A node crashes and restarts as a follower; its term is on disk, and its vote too if the variant persists it.',
  args: nodeIds,
  actor: 'environment',
  when: (s) => s.restartsLeft > 0,
  step: (d, n, { switches }) => {
    const me = d.nodes[n - 1]!;
    me.role = 'follower';
    me.votes = [];
    if (!switches.persistVote) me.votedFor = 0;
    d.restartsLeft -= 1;
  },
  describe: (s, n, _a, { switches }) =>
    `node ${n} restarts${!switches.persistVote && nd(s, n).votedFor !== 0 ? ` and forgets it voted for node ${nd(s, n).votedFor} in term ${nd(s, n).term}` : ''}`,
});

export const splitBrain = model({
  name: 'split-brain',
  title: 'Split brain in leader election (Raft §5.2)',
  doc: 'Two leaders in one term: a candidate that counts a majority of the nodes it can reach, or a voter that forgets its vote across a restart.',
  params: {
    nodes: { default: 3, min: 2, max: 5, doc: 'nodes in the cluster' },
    terms: { default: 2, min: 1, max: 3, doc: 'the last term an election may start' },
    restarts: { default: 1, min: 0, max: 2, doc: 'node restarts at most' },
  },
  variants: {
    'quorum-of-reachable': {
      doc: 'a candidate needs a majority of the nodes it can reach (the bug: the minority side of a partition elects its own leader)',
      switches: { quorum: 'reachable', persistVote: true },
    },
    'volatile-vote': {
      doc: 'a majority of the cluster, but votedFor is lost in a restart (the bug: a node votes twice in a term)',
      switches: { quorum: 'cluster', persistVote: false },
    },
    raft: {
      doc: 'a majority of the cluster and votedFor on stable storage (the fix)',
      switches: { quorum: 'cluster', persistVote: true },
    },
  },
  init: ({ params }) => ({
    nodes: Array.from({ length: params.nodes }, () => ({ term: 0, role: 'follower' as const, votedFor: 0, votes: [] })),
    isolated: 0,
    restartsLeft: params.restarts,
  }),
  actions: [nodeStartsElection, nodeGrantsVote, nodeBecomesLeader, networkIsolatesNode, networkHeals, nodeRestarts],
  properties: [
    always({
      name: 'one-leader-per-term',
      doc: 'at most one leader is elected in a given term (election safety)',
      check: (s) => {
        for (let a = 0; a < s.nodes.length; a++) {
          for (let b = a + 1; b < s.nodes.length; b++) {
            const x = s.nodes[a]!;
            const y = s.nodes[b]!;
            if (x.role === 'leader' && y.role === 'leader' && x.term === y.term)
              return `node ${a + 1} and node ${b + 1} are both leader of term ${x.term}`;
          }
        }
        return true;
      },
    }),
    sometimes({
      name: 'leader-elected',
      doc: 'some node became leader',
      reached: (s) => s.nodes.some((n) => n.role === 'leader'),
    }),
    sometimes({
      name: 'leaders-of-two-terms',
      doc: 'an old leader cut off by a partition and a newer one of the next term coexist (allowed: they differ by term)',
      reached: (s) => new Set(s.nodes.filter((n) => n.role === 'leader').map((n) => n.term)).size >= 2,
    }),
  ],
  actors: ({ params }) => [
    ...Array.from({ length: params.nodes }, (_, i) => nodeName(i + 1)),
    'network',
    'environment',
  ],
});
