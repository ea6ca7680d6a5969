/** What a green search covered, in a few lines (the CLI and the vitest helpers print the same). */
import type { ScheduleResult } from './search.ts';

export function coverageText(r: ScheduleResult): string {
  const c = r.coverage;
  const what = r.target ?? 'every invariant, conformance to the model, rejections, deadlocks and settling';
  const ends = Object.entries(c.ends)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const lines = [`✓ no counterexample to ${what} in ${r.ms} ms: ${c.runs} schedules (${ends}), ${c.steps} steps, ${c.states} distinct states, ${c.preemptions} preemptions; seed ${r.seed}, ${r.strategy}`];
  lines.push(`  operations: ${Object.entries(c.operations).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const steps = Object.entries(c.modelSteps);
  if (steps.length > 0) lines.push(`  model steps matched: ${steps.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const reached = Object.entries(c.reached);
  if (reached.length > 0) lines.push(`  sometimes: ${reached.map(([k, n]) => `${k} in ${n} schedules`).join(', ')}`);
  if (r.unreached.length > 0) lines.push(`  ⚠ never reached: ${r.unreached.join(', ')} — this green run proves little; raise --runs or --max-steps, or try another --strategy`);
  return lines.join('\n');
}
