/**
 * The variants: one protocol, a few switches. Each switch is read by one or two steps, so the
 * difference between the outage and its fixes is a handful of visible lines.
 */
import type { Variant } from '../../engine/index.ts';

export type DnsSwitches = {
  /**
   * How an idle enactor gets its next plan from the planner (README: "Two readings of the link"):
   * - 'stack': it picks up the latest plan in the store, skipping any it never saw (000's stack);
   * - 'queue': it takes the oldest plan not yet taken from a queue the planner appends to, so each
   *   plan is applied by exactly one enactor, in order (the public SPIN and TLA+ models).
   */
  readonly link: 'stack' | 'queue';
  /** The Route53 transaction succeeds only if the endpoint has an older plan (compare-and-set). */
  readonly conditionalCommit: boolean;
  /**
   * How clean-up decides what to delete:
   * - 'age': every plan more than `window` generations older than the one just applied (2025);
   * - 'mark-then-delete': skip plans marked in use, then delete, as two separate steps (001's partial fix);
   * - 'unused-atomically': delete, in one step, old plans no endpoint serves and no enactor holds.
   */
  readonly cleanup: 'age' | 'mark-then-delete' | 'unused-atomically';
  /** When an enactor marks its plan as in use (mark-then-delete only). */
  readonly markInUse: 'never' | 'on-pick' | 'on-first-transaction';
};

export const variants: Record<string, Variant<DnsSwitches>> = {
  'as-2025': {
    doc: 'as it ran in October 2025: a one-time newer-than check, blind commits, clean-up by age',
    switches: { link: 'stack', conditionalCommit: false, cleanup: 'age', markInUse: 'never' },
  },
  'toctou-fix': {
    doc: "001's partial fix: mark a plan in use when its first transaction starts; clean-up checks the mark, then deletes",
    switches: {
      link: 'stack',
      conditionalCommit: false,
      cleanup: 'mark-then-delete',
      markInUse: 'on-first-transaction',
    },
  },
  'mark-on-pick': {
    doc: 'the partial fix with the mark written when the plan is picked; the mark is lifted when the walk ends',
    switches: { link: 'stack', conditionalCommit: false, cleanup: 'mark-then-delete', markInUse: 'on-pick' },
  },
  fixed: {
    doc: 'conditional commit, and clean-up deletes atomically only plans no endpoint serves and no enactor holds',
    switches: { link: 'stack', conditionalCommit: true, cleanup: 'unused-atomically', markInUse: 'never' },
  },
  'cas-only': {
    doc: 'half the fix: conditional commit, clean-up still by age',
    switches: { link: 'stack', conditionalCommit: true, cleanup: 'age', markInUse: 'never' },
  },
  'guard-only': {
    doc: 'the other half: atomic in-use-aware clean-up, blind commits',
    switches: { link: 'stack', conditionalCommit: false, cleanup: 'unused-atomically', markInUse: 'never' },
  },
  'as-2025-queue': {
    doc: 'as-2025 on the queue link: every plan is taken from a queue by one enactor, oldest first',
    switches: { link: 'queue', conditionalCommit: false, cleanup: 'age', markInUse: 'never' },
  },
  'fixed-queue': {
    doc: 'the fix on the queue link: conditional commit and atomic, in-use-aware clean-up',
    switches: { link: 'queue', conditionalCommit: true, cleanup: 'unused-atomically', markInUse: 'never' },
  },
};
