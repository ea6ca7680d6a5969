/**
 * What a search covered, in the words every command uses, for a hunt's runs of a model and a
 * schedule search's runs of code alike: how often each action ran, how often each `sometimes`
 * property was reached, and the warning a green run that proves little gets.
 */
import type { RunCounts } from '../hunt/coverage.ts';

/** "  actions: a ×3, b ×1" and "  sometimes: p in 4 runs" (when the search owes any). */
export function countLines(c: RunCounts): string[] {
  const out = [
    `  actions: ${Object.entries(c.actions)
      .map(([a, n]) => `${a} ×${n}`)
      .join(', ')}`,
  ];
  const reached = Object.entries(c.reached)
    .map(([p, n]) => `${p} in ${n} runs`)
    .join(', ');
  if (reached) out.push(`  sometimes: ${reached}`);
  return out;
}

/** The warning of a green result some `sometimes` property of which was never reached; `then`: what to do. */
export function vacuousLine(unreached: readonly string[], then: string): string {
  return `  ⚠ vacuous: never reached ${unreached.join(', ')}, so this green result proves little${then}`;
}
