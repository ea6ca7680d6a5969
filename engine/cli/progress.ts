/**
 * The progress line on stderr for long hunts: rewritten in place on a terminal, one line every
 * five seconds in CI logs (where carriage returns pile up). Nothing is printed for hunts under a
 * second, because the engine only reports after the first second.
 */
import type { HuntProgress } from '../hunt/hunt.ts';

export function progressLine(label: string): { onProgress: (p: HuntProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  let lastLogged = 0;
  return {
    onProgress(p) {
      const line = `racehunt: ${label}: ${p.phase === 'search' ? 'searching' : 'shrinking'}, ${p.runs} runs, ${p.steps} steps, ${(p.ms / 1000).toFixed(1)}s`;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line}`);
        shown = true;
      } else if (p.ms - lastLogged >= 5000 || lastLogged === 0) {
        lastLogged = p.ms;
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
