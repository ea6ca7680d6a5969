/**
 * A schedule as data: at each step, which task's operation completes (its lane, and which of its
 * enabled operations, 0 being the oldest). Written as a path string, lanes separated by dots and
 * repeats folded: "0.2.0x6.1x4" is lane 0, lane 2, lane 0 six times, lane 1 four times; "3:1" is
 * lane 3's second-oldest operation. Replaying a path re-runs exactly the steps it lists.
 */
import { RacehuntError } from '../core/errors.ts';
import { MAX_PATH_CHARS } from '../core/limits.ts';

/**
 * One step of a schedule: whose turn it is (a lane) and which of its enabled operations goes. A
 * model's Choice (core/instance.ts) names an action and its argument, known before the run; code's
 * operations exist only once issued, so a turn names them by position.
 */
export interface Turn {
  readonly lane: number;
  readonly k: number;
}

const token = (c: Turn) => (c.k === 0 ? `${c.lane}` : `${c.lane}:${c.k}`);

export function encodePath(choices: readonly Turn[]): string {
  const out: string[] = [];
  for (let i = 0; i < choices.length;) {
    let j = i;
    while (j < choices.length && token(choices[j]!) === token(choices[i]!)) j++;
    out.push(j - i === 1 ? token(choices[i]!) : `${token(choices[i]!)}x${j - i}`);
    i = j;
  }
  return out.join('.');
}

/** The most steps a path names when no step budget is given. */
export const MAX_PATH_STEPS = 1_000_000;

/**
 * The steps a path names, at most `maxSteps` of them (a schedule racehunt prints never has more
 * than the run's step budget): a repeat count of 0x10¹⁵ is refused before anything is unrolled.
 */
export function decodePath(path: string, maxSteps = MAX_PATH_STEPS): Turn[] {
  if (path.length > MAX_PATH_CHARS)
    throw new RacehuntError(
      'usage',
      `--path: ${path.length.toLocaleString('en-US')} characters, more than a schedule's path has (at most ${MAX_PATH_CHARS.toLocaleString('en-US')})`,
    );
  if (path.trim() === '') return [];
  const out: Turn[] = [];
  for (const t of path.trim().split('.')) {
    const m = /^(\d{1,9})(?::(\d{1,9}))?(?:x(\d+))?$/.exec(t);
    if (!m)
      throw new RacehuntError(
        'usage',
        `--path: "${t.length > 40 ? `${t.slice(0, 40)}…` : t}" is not a step of a schedule (lane, lane:k, or lane x count, joined by dots)`,
      );
    const c = { lane: Number(m[1]), k: Number(m[2] ?? 0) };
    const repeats = Number(m[3] ?? 1);
    if (out.length + repeats > maxSteps)
      throw new RacehuntError(
        'usage',
        `--path names more than ${maxSteps.toLocaleString('en-US')} steps (at "${t.length > 40 ? `${t.slice(0, 40)}…` : t}"), more than a schedule of at most --max-steps ${maxSteps} takes`,
      );
    for (let n = repeats; n > 0; n--) out.push(c);
  }
  return out;
}
