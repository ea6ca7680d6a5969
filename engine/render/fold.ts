/**
 * Folding a run that goes round in circles. A recovery that never recovers is mostly the same few
 * steps again and again (enactors locking an endpoint and failing to apply a deleted plan), and
 * every rendering would otherwise spend most of its height on them. A cycle is folded only when it
 * repeats exactly: the same actors making the same calls with the same descriptions and the same
 * changes, down to the values before and after each one. Such a repetition starts and ends in the
 * state its first round started in, so the folded steps reach no state the shown ones did not, and
 * a property judged on states cannot change its verdict inside them. The first round stays visible,
 * and so does the last step of the run, wherever it falls.
 */
import type { TraceStep } from '../trace.ts';

/** One step shown as it is, or a cycle shown once with the count of its exact repeats. */
export type Piece =
  | { readonly kind: 'step'; readonly step: TraceStep }
  | {
      readonly kind: 'cycle';
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

function stepKey(s: TraceStep): string {
  return JSON.stringify([s.actor, s.action, s.args, s.description, s.target, s.changes]);
}

/**
 * Left to right, fold at the first place where a cycle repeats: the period that folds the most
 * steps there (the shorter on a tie). The last step is never folded.
 */
export function foldRepeats(steps: readonly TraceStep[]): Piece[] {
  const keys = steps.map(stepKey);
  const n = steps.length;
  const out: Piece[] = [];
  let i = 0;
  while (i < n) {
    let best: { period: number; times: number } | null = null;
    for (let p = 1; p <= MAX_PERIOD && i + 2 * p <= n - 1; p++) {
      let times = 1;
      // a further round counts only if it ends before the last step, which must stay visible
      while (i + (times + 1) * p <= n - 1 && sameRound(keys, i, i + times * p, p)) times++;
      const folded = (times - 1) * p;
      if (times >= 2 && folded >= MIN_FOLDED && (!best || folded > (best.times - 1) * best.period)) best = { period: p, times };
    }
    if (!best) {
      out.push({ kind: 'step', step: steps[i]! });
      i++;
      continue;
    }
    const round = steps.slice(i, i + best.period);
    const end = i + best.times * best.period;
    out.push({ kind: 'cycle', round, times: best.times, folded: { from: steps[i + best.period]!.index, to: steps[end - 1]!.index } });
    i = end;
  }
  return out;
}

function sameRound(keys: readonly string[], a: number, b: number, p: number): boolean {
  for (let k = 0; k < p; k++) if (keys[a + k] !== keys[b + k]) return false;
  return true;
}

/** "steps 42–71 repeat steps 36–41 exactly, 5 more times", with an optional prefix for indices (↻). */
export function cycleSummary(piece: Extract<Piece, { kind: 'cycle' }>, mark = ''): string {
  const first = piece.round[0]!.index;
  const last = piece.round[piece.round.length - 1]!.index;
  const shown = first === last ? `step ${mark}${first}` : `steps ${mark}${first}–${mark}${last}`;
  const more = piece.times - 1;
  return `steps ${mark}${piece.folded.from}–${mark}${piece.folded.to} repeat ${shown} exactly, ${more} more time${more === 1 ? '' : 's'} (same calls, same changes)`;
}

/** How many steps the pieces stand for. */
export function stepsIn(pieces: readonly Piece[]): number {
  return pieces.reduce((n, p) => n + (p.kind === 'step' ? 1 : p.round.length * p.times), 0);
}
