/**
 * Two-phase commit with a coordinator that can crash and restart (J. Gray, "Notes on Data Base
 * Operating Systems", 1978; Bernstein, Hadzilacos & Goodman, "Concurrency Control and Recovery in
 * Database Systems", 1987, ch. 7; presumed abort from Mohan, Lindsay & Obermarck, "Transaction
 * Management in the R* Distributed Database Management System", TODS 1986). The coordinator asks every participant to
 * prepare; each votes yes (and is then in doubt: it may neither commit nor abort on its own) or
 * no; the coordinator decides commit if all voted yes, else abort, and tells everyone.
 *
 * The rule the protocol rests on: the coordinator force-writes its decision to its log before it
 * sends it to anyone. A coordinator that keeps the decision in memory only forgets it when it
 * crashes. On restart it finds no decision in its log and, under presumed abort (the rule that
 * "no information" means abort), tells the participants still in doubt to abort, although some
 * may already have committed. A coordinator that instead refuses to guess leaves them in doubt
 * for ever: the blocking that 2PC is known for.
 *
 * Participants do not crash, and messages are not lost (the coordinator resends after a
 * restart); votes reach the coordinator in the step that casts them.
 */
import { modelKit, oneOf, range, record } from '../../../engine/index.ts';

export type Decision = 'commit' | 'abort';

export type TwoPcState = {
  readonly coordinator: Coordinator;
  readonly participants: readonly Participant[];
  /** Decisions sent and not yet delivered, one per (participant, decision), ascending. */
  readonly inFlight: readonly Message[];
};

export type Coordinator = {
  /** idle (not started), collecting votes, decided (telling), down, or unsure (restarted without a record, refusing to guess). */
  readonly phase: 'idle' | 'collecting' | 'decided' | 'down' | 'unsure';
  /** Volatile: lost in a crash. */
  readonly votes: readonly ('yes' | 'no' | null)[];
  readonly decision: Decision | null;
  /** Participants it has sent the decision to since it decided or restarted. */
  readonly told: readonly boolean[];
  /** The forced log: survives crashes. */
  readonly logged: Decision | null;
  readonly crashesLeft: number;
};

export type Participant = {
  /** working (no prepare yet), asked to prepare, prepared (voted yes: in doubt), committed, aborted. */
  readonly phase: 'working' | 'asked' | 'prepared' | 'committed' | 'aborted';
};

export type Message = { readonly to: number; readonly decision: Decision };

export type TwoPcParams = { readonly participants: number; readonly crashes: number };

export type TwoPcSwitches = {
  /** When the decision reaches the log: before the first message (forced), or never. */
  readonly logDecision: boolean;
  /** On restart without a logged decision: presume abort, or refuse to guess. */
  readonly presumeAbort: boolean;
};

const { action, always, sometimes, recovers, model } = modelKit<TwoPcState, TwoPcParams, TwoPcSwitches>();

const participantIds = ({ params }: { params: TwoPcParams }) => range(1, params.participants);
const participantName = (p: number) => `participant ${p}`;
const part = (s: TwoPcState, p: number) => s.participants[p - 1]!;
const decided = (x: Participant) => x.phase === 'committed' || x.phase === 'aborted';

const coordinatorSendsPrepare = action({
  name: 'coordinatorSendsPrepare',
  doc: 'Phase 1: the coordinator asks every participant to prepare.',
  actor: 'coordinator',
  when: (s) => s.coordinator.phase === 'idle',
  step: (d) => {
    d.coordinator.phase = 'collecting';
    for (const p of d.participants) p.phase = 'asked';
  },
  describe: () => 'coordinator sends PREPARE to every participant',
  target: 'participants',
});

const participantVotes = action({
  name: 'participantVotes',
  doc: 'A participant asked to prepare votes yes (and is then in doubt) or no (and aborts on its own).',
  args: ({ params }) => record({ p: range(1, params.participants), vote: oneOf(['yes', 'no'] as const) }),
  actor: ({ p }) => participantName(p),
  when: (s, { p }) => part(s, p).phase === 'asked',
  step: (d, { p, vote }) => {
    d.participants[p - 1]!.phase = vote === 'yes' ? 'prepared' : 'aborted';
    if (d.coordinator.phase === 'collecting') d.coordinator.votes[p - 1] = vote;
  },
  describe: (s, { p, vote }) =>
    `participant ${p} votes ${vote.toUpperCase()}${vote === 'yes' ? ' and is in doubt' : ' and aborts'}${s.coordinator.phase === 'collecting' ? '' : ' (the coordinator is not collecting: the vote is lost)'}`,
  target: 'coordinator',
});

const coordinatorDecides = action({
  name: 'coordinatorDecides',
  doc: 'Commit when every vote is yes; abort on a no, or on a timeout while votes are missing.',
  args: () => oneOf<Decision>(['commit', 'abort']),
  actor: 'coordinator',
  when: (s, decision) =>
    s.coordinator.phase === 'collecting' &&
    (decision === 'commit'
      ? s.coordinator.votes.every((v) => v === 'yes')
      : s.coordinator.votes.some((v) => v !== 'yes')),
  step: (d, decision, { switches }) => {
    const c = d.coordinator;
    c.phase = 'decided';
    c.decision = decision;
    c.told = c.told.map(() => false);
    if (switches.logDecision) c.logged = decision; // forced to disk before any message goes out
  },
  describe: (s, decision, _a, { switches }) =>
    `coordinator decides ${decision.toUpperCase()}${decision === 'abort' ? ` (votes: ${s.coordinator.votes.map((v) => v ?? '?').join(', ')})` : ''}${switches.logDecision ? ' and forces it to its log' : ' (in memory only)'}`,
});

const coordinatorSendsDecision = action({
  name: 'coordinatorSendsDecision',
  doc: 'Phase 2: the coordinator sends its decision to a participant it has not told yet.',
  args: participantIds,
  actor: 'coordinator',
  when: (s, p) => s.coordinator.phase === 'decided' && !s.coordinator.told[p - 1],
  step: (d, p) => {
    const decision = d.coordinator.decision!;
    d.coordinator.told[p - 1] = true;
    if (!d.inFlight.some((m) => m.to === p && m.decision === decision)) {
      d.inFlight.push({ to: p, decision });
      d.inFlight.sort((a, b) => a.to - b.to || a.decision.localeCompare(b.decision));
    }
  },
  describe: (s, p) => `coordinator sends ${s.coordinator.decision!.toUpperCase()} to participant ${p}`,
  target: (p) => participantName(p),
});

const participantLearnsDecision = action({
  name: 'participantLearnsDecision',
  doc: 'A decision reaches a participant; one that has already decided keeps its outcome.',
  args: ({ params }) => record({ p: range(1, params.participants), decision: oneOf<Decision>(['commit', 'abort']) }),
  actor: ({ p }) => participantName(p),
  when: (s, { p, decision }) => s.inFlight.some((m) => m.to === p && m.decision === decision),
  step: (d, { p, decision }) => {
    d.inFlight = d.inFlight.filter((m) => !(m.to === p && m.decision === decision));
    const me = d.participants[p - 1]!;
    if (!decided(me)) me.phase = decision === 'commit' ? 'committed' : 'aborted';
  },
  describe: (s, { p, decision }) =>
    decided(part(s, p))
      ? `participant ${p} receives ${decision.toUpperCase()} but has already ${part(s, p).phase}`
      : `participant ${p} receives ${decision.toUpperCase()} and ${decision === 'commit' ? 'commits' : 'aborts'}`,
  target: 'coordinator',
});

const coordinatorCrashes = action({
  name: 'coordinatorCrashes',
  doc: 'The coordinator crashes: votes, decision and what it has sent are lost; its log survives.',
  actor: 'environment',
  when: (s) => s.coordinator.crashesLeft > 0 && s.coordinator.phase !== 'down' && s.coordinator.phase !== 'idle',
  step: (d) => {
    const c = d.coordinator;
    c.phase = 'down';
    c.votes = c.votes.map(() => null);
    c.decision = null;
    c.told = c.told.map(() => false);
    c.crashesLeft -= 1;
  },
  describe: (s) =>
    `the coordinator crashes${s.coordinator.decision ? ` (its ${s.coordinator.decision.toUpperCase()} decision ${s.coordinator.logged ? 'is in its log' : 'was in memory only'})` : ''}`,
  target: 'coordinator',
});

const coordinatorRecovers = action({
  name: 'coordinatorRecovers',
  doc: 'On restart the coordinator reads its log: a decision there is resent; none means abort (presumed abort), or, without the presumption, it does not know.',
  actor: 'coordinator',
  when: (s) => s.coordinator.phase === 'down',
  step: (d, _a, { switches }) => {
    const c = d.coordinator;
    const decision = c.logged ?? (switches.presumeAbort ? 'abort' : null);
    c.phase = decision ? 'decided' : 'unsure';
    c.decision = decision;
  },
  describe: (s, _a, _after, { switches }) =>
    s.coordinator.logged
      ? `coordinator restarts and finds ${s.coordinator.logged.toUpperCase()} in its log`
      : switches.presumeAbort
        ? 'coordinator restarts, finds no decision in its log and presumes ABORT'
        : 'coordinator restarts, finds no decision in its log and cannot tell the participants anything',
});

const everyoneDecided = (s: TwoPcState) => s.participants.every(decided) && s.inFlight.length === 0;

export const twoPhaseCommit = model({
  name: 'two-phase-commit',
  title: 'Two-phase commit with a coordinator that forgets (Gray 1978; Bernstein et al. §7)',
  doc: 'A coordinator that does not force its decision to its log forgets it in a crash: presuming abort on restart splits the outcome, refusing to guess blocks the participants.',
  params: {
    participants: { default: 2, min: 1, max: 3, doc: 'participants (resource managers)' },
    crashes: { default: 1, min: 0, max: 2, doc: 'coordinator crashes at most' },
  },
  variants: {
    'decision-in-memory': {
      doc: 'the decision is kept in memory only; on restart the coordinator presumes abort (the bug: atomicity broken)',
      switches: { logDecision: false, presumeAbort: true },
    },
    'refuses-to-guess': {
      doc: 'the decision is kept in memory only; on restart the coordinator does not guess (safe, but the participants in doubt block)',
      switches: { logDecision: false, presumeAbort: false },
    },
    'forced-log': {
      doc: 'the decision is forced to the log before the first message (the fix)',
      switches: { logDecision: true, presumeAbort: true },
    },
  },
  init: ({ params }) => ({
    coordinator: {
      phase: 'idle',
      votes: Array.from({ length: params.participants }, () => null),
      decision: null,
      told: Array.from({ length: params.participants }, () => false),
      logged: null,
      crashesLeft: params.crashes,
    },
    participants: Array.from({ length: params.participants }, () => ({ phase: 'working' as const })),
    inFlight: [],
  }),
  actions: [
    coordinatorSendsPrepare,
    participantVotes,
    coordinatorDecides,
    coordinatorSendsDecision,
    participantLearnsDecision,
    coordinatorCrashes,
    coordinatorRecovers,
  ],
  properties: [
    always({
      name: 'all-or-nothing',
      doc: 'no participant commits while another aborts',
      check: (s) => {
        const committed = s.participants.findIndex((p) => p.phase === 'committed');
        const aborted = s.participants.findIndex((p) => p.phase === 'aborted');
        return (
          committed < 0 ||
          aborted < 0 ||
          `participant ${committed + 1} committed and participant ${aborted + 1} aborted`
        );
      },
    }),
    recovers({
      name: 'nobody-blocks',
      doc: 'with no more crashes, every participant learns the outcome',
      by: (a) => a !== 'coordinatorCrashes',
      goal: (s) =>
        everyoneDecided(s) ||
        `${
          s.participants
            .map((p, i) => (p.phase === 'prepared' ? `participant ${i + 1} is in doubt` : null))
            .filter((x) => x)
            .join(', ') || 'a participant has not decided'
        }`,
      within: ({ params }) => 4 * params.participants + 4,
    }),
    sometimes({
      name: 'everyone-commits',
      doc: 'every participant committed',
      reached: (s) => s.participants.every((p) => p.phase === 'committed'),
    }),
    sometimes({
      name: 'commit-survives-a-restart',
      doc: 'the coordinator crashed and restarted, and a participant committed',
      reached: (s) =>
        s.coordinator.crashesLeft === 0 &&
        s.coordinator.phase !== 'down' &&
        s.participants.some((p) => p.phase === 'committed'),
    }),
  ],
  ends: everyoneDecided,
  actors: ({ params }) => [
    'coordinator',
    ...Array.from({ length: params.participants }, (_, i) => participantName(i + 1)),
    'environment',
  ],
});
