/**
 * The one progress line on stderr, for hunts, checks and `all`: rewritten in place on a terminal
 * (cut to its width, so it never wraps and never leaves debris) and cleared before anything else
 * is written there. Off a terminal, stderr is kept for the one line of an error, so progress is
 * printed only when asked (`--progress` or RACEHUNT_PROGRESS=1, as a CI log wants it): one line
 * every five seconds. The engine reports at most once a second, so nothing is printed for work
 * under a second.
 */
import { safeText } from '../render/safe-text.ts';

export interface ProgressLine {
  show(text: string, ms: number): void;
  done(): void;
}

export function progressLine(label: string, asked = false, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const tty = stream.isTTY === true;
  const logged = asked || process.env.RACEHUNT_PROGRESS === '1';
  let shown = false;
  let lastLogged = -Infinity;
  return {
    show(text, ms) {
      const line = `racehunt: ${safeText(label)}: ${text}, ${(ms / 1000).toFixed(1)}s`;
      if (tty) {
        const width = Math.max(20, (stream.columns ?? 80) - 1);
        stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
        shown = true;
      } else if (logged && ms - lastLogged >= 5000) {
        lastLogged = ms;
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

const n = (x: number) => x.toLocaleString('en-US');

/** What a hunt was given in runs, when its budget is in runs (a budget of work says its own share: HuntProgress.done). */
export interface HuntBudget {
  readonly runs?: number | undefined;
}

interface HuntSnapshot {
  phase: 'prove' | 'search' | 'shrink' | 'shortest';
  runs: number;
  steps: number;
  candidates: number;
  /** The share of the budget of work spent (hunt/hunt.ts HuntProgress); null for a budget in runs. */
  done: number | null;
  ms: number;
}

/**
 * A hunt's progress in words: its phase, what it has done, and the share of its budget done with
 * the time left at this pace: the budget of work (breadth-first states and sampled steps) as the
 * hunt reports it, else the runs of a budget in runs, timed from the search's own start.
 * Shrinking has no budget to measure against: it says what it tried.
 */
export function huntProgress(budget: HuntBudget = {}): (p: HuntSnapshot) => string {
  let searching = -1;
  let last = 0;
  return (p) => {
    // The search began about when the phase before it last reported (reports come about once a second).
    if (p.phase === 'search' && searching < 0) searching = last;
    last = p.ms;
    const work = p.done === null ? '' : share(p.done, 1, p.ms, 'of the budget');
    if (p.phase === 'prove') return `proving: ${n(p.candidates)} states explored breadth-first${work}`;
    if (p.phase === 'search')
      return `searching, ${n(p.runs)} runs${work || share(p.runs, budget.runs, p.ms - searching)}, ${n(p.steps)} steps`;
    return `${p.phase === 'shrink' ? 'shrinking' : 'looking for a shorter counterexample'} after ${n(p.runs)} runs, ${n(p.candidates)} candidates tried`;
  };
}

/** " (37% of 10,000, about 12 s left)": the share of a budget done, and the time left at this pace. */
export function share(done: number, of: number | undefined, ms: number, what = `of ${n(of ?? 0)}`): string {
  if (of === undefined || of <= 0) return '';
  const f = Math.min(1, done / of);
  const left = f > 0 ? (ms * (1 - f)) / f : Number.NaN;
  return ` (${Math.floor(f * 100)}% ${what}${Number.isFinite(left) && f < 1 ? `, about ${duration(left)} left` : ''})`;
}

/** 12 s, 3 min 20 s, 1 h 5 min. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** A check's progress in words, and the share of --max-states it has stored. */
export function checkProgress(
  p: { states: number; depth: number; frontier: number; ms: number },
  maxStates?: number,
): string {
  const rate = n(Math.round(p.states / Math.max(p.ms / 1000, 0.001)));
  return `${n(p.states)} states${maxStates ? ` (${Math.floor(Math.min(1, p.states / maxStates) * 100)}% of --max-states)` : ''}, depth ${p.depth}, frontier ${n(p.frontier)}, ${rate} states/s`;
}
