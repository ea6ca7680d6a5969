/**
 * Playing a recorded schedule back. `exactly` follows it step for step and notices when the code
 * no longer offers the operation it names (the code is nondeterministic, or changed); `skipping`
 * passes over choices that name nothing enabled, as shrinking needs: a candidate schedule with a
 * step removed still runs, and the steps it actually takes become the new schedule.
 */
import type { Turn } from './path.ts';
import type { Chooser, Pending } from './strategies.ts';

function indexOf(enabled: readonly Pending[], c: Turn): number {
  let seen = 0;
  for (let i = 0; i < enabled.length; i++) {
    if (enabled[i]!.lane !== c.lane) continue;
    if (seen === c.k) return i;
    seen++;
  }
  return -1;
}

export function exactly(choices: readonly Turn[]): Chooser & { readonly diverged: number | null } {
  let diverged: number | null = null;
  return {
    get diverged() {
      return diverged;
    },
    choose(enabled, step) {
      const c = choices[step];
      if (c === undefined) return -1;
      const i = indexOf(enabled, c);
      if (i < 0) diverged = step + 1;
      return i;
    },
  };
}

export function skipping(choices: readonly Turn[]): Chooser {
  let cursor = 0;
  return {
    choose(enabled) {
      while (cursor < choices.length) {
        const i = indexOf(enabled, choices[cursor++]!);
        if (i >= 0) return i;
      }
      return -1;
    },
  };
}
