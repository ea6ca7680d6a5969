/**
 * Folding a run that goes round in circles. A recovery that never recovers is mostly the same few
 * steps again and again (enactors locking an endpoint and failing to apply a deleted plan), and
 * every rendering would otherwise spend most of its height on them. Two kinds of cycle fold:
 * - exact: the same actors making the same calls with the same descriptions and the same changes,
 *   down to the values before and after each one. Such a repetition starts and ends in the state its
 *   first round started in, so the folded steps reach no state the shown ones did not, and a
 *   property judged on states cannot change its verdict inside them. Nothing is lost.
 * - similar: the same actors making the same calls, the descriptions differing only in their
 *   numbers (an enactor applying plan 4, then plan 5, then plan 6 the same way). The renderings say
 *   so, and the Markdown step list still shows every such step.
 * The first round stays visible, and so does the last step of the run, wherever it falls.
 */
import type { TraceStep } from '../core/trace.ts';

/** One step shown as it is, or a cycle shown once with the count of its exact repeats. */
export type Piece =
  | { readonly kind: 'step'; readonly step: TraceStep }
  | {
      readonly kind: 'cycle';
      /** exact: the folded rounds are the shown one again; similar: they differ in their numbers. */
      readonly exact: boolean;
      /** The first round, shown in full. */
      readonly round: readonly TraceStep[];
      /** How many rounds in all, the shown one included (at least 2). */
      readonly times: number;
      /** Indices of the folded steps: the second round's first step to the last round's last. */
      readonly folded: { readonly from: number; readonly to: number };
    };

/** The longest cycle looked for; longer loops in a shrunk trace are rare and cheap to show. */
const MAX_PERIOD = 16;
/** Fewer folded steps than this are not worth a summary line of their own. */
const MIN_FOLDED = 3;

function exactKey(s: TraceStep): string {
  return JSON.stringify([s.actor, s.action, s.args, s.description, s.target, s.changes]);
}

function similarKey(s: TraceStep): string {
  return JSON.stringify([s.actor, s.action, s.args, s.description.replace(/\d+/g, '#'), s.target]);
}

/**
 * Left to right, fold at the first place where a cycle repeats: the period that folds the most
 * steps there (the shorter on a tie), an exact cycle rather than a similar one that folds no more.
 * The last step is never folded. `similar: false` folds exact cycles only.
 */
export function foldRepeats(steps: readonly TraceStep[], opts: { similar?: boolean } = {}): Piece[] {
  const exact = steps.map(exactKey);
  const similar = opts.similar === false ? null : steps.map(similarKey);
  const n = steps.length;
  const out: Piece[] = [];
  let i = 0;
  while (i < n) {
    const a = longestCycle(exact, i);
    const b = similar ? longestCycle(similar, i) : null;
    const best = a && (!b || a.folded >= b.folded) ? { ...a, exact: true } : b ? { ...b, exact: false } : null;
    if (!best) {
      out.push({ kind: 'step', step: steps[i]! });
      i++;
      continue;
    }
    const end = i + best.times * best.period;
    out.push({
      kind: 'cycle',
      exact: best.exact,
      round: steps.slice(i, i + best.period),
      times: best.times,
      folded: { from: steps[i + best.period]!.index, to: steps[end - 1]!.index },
    });
    i = end;
  }
  return out;
}

/** The cycle starting at i that folds the most steps, ending before the last step; null if none folds MIN_FOLDED. */
function longestCycle(keys: readonly string[], i: number): { period: number; times: number; folded: number } | null {
  const n = keys.length;
  let best: { period: number; times: number; folded: number } | null = null;
  for (let p = 1; p <= MAX_PERIOD && i + 2 * p <= n - 1; p++) {
    let times = 1;
    while (i + (times + 1) * p <= n - 1 && sameRound(keys, i, i + times * p, p)) times++;
    const folded = (times - 1) * p;
    if (folded >= MIN_FOLDED && (!best || folded > best.folded)) best = { period: p, times, folded };
  }
  return best;
}

function sameRound(keys: readonly string[], a: number, b: number, p: number): boolean {
  for (let k = 0; k < p; k++) if (keys[a + k] !== keys[b + k]) return false;
  return true;
}

export type Cycle = Extract<Piece, { kind: 'cycle' }>;

/**
 * "steps 42–71 repeat steps 36–41 exactly, 5 more times (same calls, same changes)", or for a
 * similar cycle "… repeat steps 19–28 with other numbers, 2 more times"; `mark` prefixes indices (↻).
 */
export function cycleSummary(piece: Cycle, mark = ''): string {
  const first = piece.round[0]!.index;
  const last = piece.round[piece.round.length - 1]!.index;
  const shown = first === last ? `step ${mark}${first}` : `steps ${mark}${first}–${mark}${last}`;
  const more = piece.times - 1;
  const times = `${more} more time${more === 1 ? '' : 's'}`;
  const folded =
    piece.folded.from === piece.folded.to
      ? `step ${mark}${piece.folded.from} repeats`
      : `steps ${mark}${piece.folded.from}–${mark}${piece.folded.to} repeat`;
  return piece.exact
    ? `${folded} ${shown} exactly, ${times} (same calls, same changes)`
    : `${folded} ${shown} with other numbers, ${times}`;
}

/** The folded steps of a cycle, the second round's first step onwards. */
export function foldedSteps(piece: Cycle, all: readonly TraceStep[]): TraceStep[] {
  return all.filter((s) => s.index >= piece.folded.from && s.index <= piece.folded.to);
}

/** How many steps the pieces stand for. */
export function stepsIn(pieces: readonly Piece[]): number {
  return pieces.reduce((n, p) => n + (p.kind === 'step' ? 1 : p.round.length * p.times), 0);
}
