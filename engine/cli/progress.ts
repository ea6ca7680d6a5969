/**
 * The one progress line on stderr, for hunts, checks and `all`: rewritten in place on a terminal
 * (cut to its width, so it never wraps and never leaves debris) and cleared before anything else
 * is written there. Off a terminal, stderr is kept for the one line of an error, so progress is
 * printed only when asked (`--progress` or RACEHUNT_PROGRESS=1, as a CI log wants it): one line
 * every five seconds. The engine reports at most once a second, so nothing is printed for work
 * under a second.
 */
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
      const line = `racehunt: ${label}: ${text}, ${(ms / 1000).toFixed(1)}s`;
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

/** A hunt's progress in words: its phase and what it has done. */
export function huntProgress(p: {
  phase: 'prove' | 'search' | 'shrink' | 'shortest';
  runs: number;
  steps: number;
  candidates: number;
}): string {
  if (p.phase === 'prove') return `proving: ${n(p.candidates)} states explored breadth-first`;
  if (p.phase === 'search') return `searching, ${n(p.runs)} runs, ${n(p.steps)} steps`;
  return `${p.phase === 'shrink' ? 'shrinking' : 'looking for a shorter counterexample'} after ${n(p.runs)} runs, ${n(p.candidates)} candidates tried`;
}

/** A check's progress in words. */
export function checkProgress(p: { states: number; depth: number; frontier: number; ms: number }): string {
  const rate = n(Math.round(p.states / Math.max(p.ms / 1000, 0.001)));
  return `${n(p.states)} states, depth ${p.depth}, frontier ${n(p.frontier)}, ${rate} states/s`;
}
