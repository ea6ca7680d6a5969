/**
 * What a green search covered, in a few lines (the CLI and the vitest helpers print the same); for
 * a search Ctrl-C stopped, the same marked as interrupted, never a ✓.
 */
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
          `⚠ interrupted (Ctrl-C) while shrinking: schedule ${i.unshrunk.run} broke ${i.unshrunk.claim} in ${i.unshrunk.steps} steps (as found, not shrunk); ${r.ms} ms: ${covered}`,
          `  to run it as found: npx racehunt schedule ${ref} --variant ${r.variant} --property ${i.unshrunk.claim} --path "${i.unshrunk.path}"`,
        ]
      : [`⚠ interrupted (Ctrl-C): no counterexample to ${what} found so far, in ${r.ms} ms: ${covered}`];
  lines.push(
    `  operations: ${Object.entries(c.operations)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ')}`,
  );
  const steps = Object.entries(c.modelSteps);
  if (steps.length > 0) lines.push(`  model steps matched: ${steps.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const reached = Object.entries(c.reached);
  if (reached.length > 0) lines.push(`  sometimes: ${reached.map(([k, n]) => `${k} in ${n} schedules`).join(', ')}`);
  if (r.unreached.length > 0 && !i)
    lines.push(
      `  ⚠ never reached: ${r.unreached.join(', ')} — this green run proves little; raise --runs or --max-steps, or try another --strategy`,
    );
  return lines.join('\n');
}
