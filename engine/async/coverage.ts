/**
 * What a green search covered, in a few lines (the CLI and the vitest helpers print the same); for
 * a search Ctrl-C stopped, the same marked as interrupted, never a ✓.
 */
import { scheduleCommandLine } from '../render/command.ts';
import { countLines, vacuousLine } from '../render/coverage.ts';
import type { ScheduleResult } from './search.ts';

export function coverageText(r: ScheduleResult, ref: string = r.system): string {
  const c = r.coverage;
  const what = r.target ?? 'every invariant, conformance to the model, rejections, deadlocks and settling';
  const ends = Object.entries(c.ends)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const covered = `${c.runs} schedules (${ends}), ${c.steps} steps, ${c.states} distinct states, ${c.preemptions} preemptions; seed ${r.seed}, ${r.strategy}`;
  const i = r.interruption;
  const lines = !i
    ? [`✓ no counterexample to ${what} in ${r.ms} ms: ${covered}`]
    : i.unshrunk
      ? [
          `⚠ interrupted (Ctrl-C) while shrinking: schedule ${i.unshrunk.run} broke ${i.unshrunk.property} in ${i.unshrunk.steps} steps (as found, not shrunk); ${r.ms} ms: ${covered}`,
          `  to run it as found: ${scheduleCommandLine({ model: ref, variant: r.variant, property: i.unshrunk.property, params: {}, path: i.unshrunk.path })}`,
        ]
      : [`⚠ interrupted (Ctrl-C): no counterexample to ${what} found so far, in ${r.ms} ms: ${covered}`];
  lines.push(...countLines(c));
  const steps = Object.entries(c.modelSteps);
  if (steps.length > 0) lines.push(`  model steps matched: ${steps.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  if (r.unreached.length > 0 && !i)
    lines.push(vacuousLine(r.unreached, '; raise --runs or --max-steps, or try another --strategy'));
  return lines.join('\n');
}
