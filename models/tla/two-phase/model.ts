/**
 * Two-phase commit, ported from tlaplus/Examples (specifications/transaction_commit/TwoPhase.tla, by
 * Leslie Lamport): resource managers (RMs) spontaneously prepare or abort; the transaction manager
 * (TM) collects "Prepared" messages and commits when every RM has prepared, or aborts at any time;
 * RMs obey the TM's decision. Messages are a set that only grows, as in the spec: an action enabled
 * by a message is enabled by its presence in `msgs`.
 *
 * `tmPrepared` and `msgs` are sets: the model declares them in `sets`, so two orders of one set are
 * one state, and a message sent twice is one message (TLC counts 288 distinct states for three RMs,
 * and so does racehunt). Each action is one of the spec's, with the same name in camelCase.
 */
import { model, range } from '../../../engine/index.ts';

type RmState = 'working' | 'prepared' | 'committed' | 'aborted';
type Message = { readonly type: 'Prepared'; readonly rm: number } | { readonly type: 'Commit' | 'Abort' };

export type TwoPhaseState = {
  readonly rmState: readonly RmState[];
  readonly tmState: 'init' | 'committed' | 'aborted';
  /** The RMs from which the TM has received "Prepared". */
  readonly tmPrepared: readonly number[];
  /** Every message ever sent. */
  readonly msgs: readonly Message[];
};

const has = (s: TwoPhaseState, m: Message) => s.msgs.some((x) => JSON.stringify(x) === JSON.stringify(m));
const rms = ({ params }: { params: { rms: number } }) => range(0, params.rms - 1);
const TM = 'TM';

export const twoPhase = model({
  name: 'two-phase',
  title: 'Two-phase commit (TwoPhase.tla)',
  doc: 'The TM commits when every RM has prepared, or aborts; RMs obey it.',
  params: { rms: { default: 3, min: 1, max: 6, doc: 'resource managers (TwoPhase.cfg: RM = {r1, r2, r3})' } },
  init: ({ params }): TwoPhaseState => ({
    rmState: Array.from({ length: params.rms }, () => 'working' as const),
    tmState: 'init',
    tmPrepared: [],
    msgs: [],
  }),
  sets: ['tmPrepared', 'msgs'],
  actions: {
    tmRcvPrepared: {
      args: rms,
      actor: TM,
      when: (s, rm) => s.tmState === 'init' && has(s, { type: 'Prepared', rm }),
      step: (d, rm) => void d.tmPrepared.push(rm),
    },
    tmCommit: {
      actor: TM,
      when: (s) => s.tmState === 'init' && s.tmPrepared.length === s.rmState.length,
      step: (d) => {
        d.tmState = 'committed';
        d.msgs.push({ type: 'Commit' });
      },
    },
    tmAbort: {
      actor: TM,
      when: (s) => s.tmState === 'init',
      step: (d) => {
        d.tmState = 'aborted';
        d.msgs.push({ type: 'Abort' });
      },
    },
    rmPrepare: {
      args: rms,
      when: (s, rm) => s.rmState[rm] === 'working',
      step: (d, rm) => {
        d.rmState[rm] = 'prepared';
        d.msgs.push({ type: 'Prepared', rm });
      },
    },
    rmChooseToAbort: {
      args: rms,
      when: (s, rm) => s.rmState[rm] === 'working',
      step: (d, rm) => void (d.rmState[rm] = 'aborted'),
    },
    rmRcvCommitMsg: {
      args: rms,
      when: (s) => has(s, { type: 'Commit' }),
      step: (d, rm) => void (d.rmState[rm] = 'committed'),
    },
    rmRcvAbortMsg: {
      args: rms,
      when: (s) => has(s, { type: 'Abort' }),
      step: (d, rm) => void (d.rmState[rm] = 'aborted'),
    },
  },
  always: {
    // TC!TCConsistent, which TwoPhase implements (THEOREM TPSpec => TC!TCSpec).
    'tc-consistent': (s) =>
      !(s.rmState.includes('aborted') && s.rmState.includes('committed')) ||
      `rmState is ${s.rmState.join(', ')}: one RM committed and another aborted`,
  },
});
