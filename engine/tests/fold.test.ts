/** Folding repeated cycles: what folds, what never does, and how each rendering says so. */
import { describe, expect, it } from 'vitest';
import { cycleSummary, foldRepeats, stepsIn, type Cycle } from '../render/fold.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { mermaid } from '../render/mermaid.ts';
import { renderTerminal } from '../render/terminal.ts';
import { loadTrace, type TraceStep } from '../core/trace.ts';

/** A step of actor `who` whose change flips a lock, so that repeating it returns to the same state. */
function step(index: number, who: string, what: string, from: unknown = null, to: unknown = who): TraceStep {
  return {
    index,
    actor: who,
    action: what.split(' ')[0]!,
    args: null,
    description: `${who} ${what}`,
    target: 'store',
    changes: [{ op: 'replace', path: ['lock'], from, to }],
  };
}
/** lock, unlock by `who`, `times` times, numbered from `start`. */
function loop(start: number, who: string, times: number): TraceStep[] {
  return Array.from({ length: times * 2 }, (_, k) =>
    k % 2 === 0 ? step(start + k, who, 'locks') : step(start + k, who, 'unlocks', who, null),
  );
}
const cycles = (steps: readonly TraceStep[], opts = {}) =>
  foldRepeats(steps, opts).filter((p): p is Cycle => p.kind === 'cycle');

describe('foldRepeats', () => {
  it('folds an exact cycle after its first round and keeps the steps around it', () => {
    const steps = [step(1, 'a', 'starts', 0, 1), ...loop(2, 'b', 5), step(12, 'a', 'stops', 1, 2)];
    const pieces = foldRepeats(steps);
    expect(pieces.map((p) => p.kind)).toEqual(['step', 'cycle', 'step']);
    const c = pieces[1] as Cycle;
    expect(c).toMatchObject({ exact: true, times: 5, folded: { from: 4, to: 11 } });
    expect(c.round.map((s) => s.index)).toEqual([2, 3]);
    expect(stepsIn(pieces)).toBe(steps.length);
    expect(cycleSummary(c)).toBe('steps 4–11 repeat steps 2–3 exactly, 4 more times (same calls, same changes)');
  });
  it('never folds the last step, even when it completes a round', () => {
    const steps = loop(1, 'b', 4);
    const [c] = cycles(steps);
    expect(c!.folded.to).toBeLessThan(steps.length);
    const pieces = foldRepeats(steps);
    const last = pieces[pieces.length - 1]!;
    expect(last.kind === 'step' && last.step.index).toBe(steps.length);
  });
  it('does not fold a repeat that changes other values (same words, another state)', () => {
    const steps = [1, 2, 3, 4, 5, 6].map((i) => step(i, 'a', 'counts', i - 1, i)).concat([step(7, 'a', 'stops')]);
    expect(cycles(steps, { similar: false })).toEqual([]);
  });
  it('folds steps whose descriptions differ only in numbers as similar, and only when asked', () => {
    const steps = [1, 2, 3, 4, 5]
      .map((i) => ({ ...step(i, 'planner', `publishes plan ${i + 1}`, i, i + 1) }))
      .concat([step(6, 'a', 'stops')]);
    const [c] = cycles(steps);
    expect(c).toMatchObject({ exact: false, times: 5, folded: { from: 2, to: 5 } });
    expect(cycleSummary(c!)).toBe('steps 2–5 repeat step 1 with other numbers, 4 more times');
    expect(cycles(steps, { similar: false })).toEqual([]);
  });
  it('leaves short repeats alone: a summary line would save nothing', () => {
    expect(cycles([...loop(1, 'b', 2), step(5, 'a', 'stops')])).toEqual([]);
  });
});

describe('folded renderings of the DNS recovery (72 steps, the same 6-step lock/fail round at the end)', () => {
  const trace = loadTrace('engine/tests/fixtures/dns-recovery.trace.json');
  const [cycle] = cycles(trace.recovery!, { similar: false });
  it('find the exact round and keep the last step visible', () => {
    expect(cycle).toMatchObject({ exact: true, times: 6, folded: { from: 41, to: 70 } });
    expect(cycle!.round.map((s) => s.index)).toEqual([35, 36, 37, 38, 39, 40]);
  });
  it('the diagram draws the round once in a loop block', () => {
    const m = mermaid(trace).join('\n');
    expect(m).toContain('loop 6 times: ↻35–↻40, then ↻41–↻70 repeat them exactly');
    expect(m).not.toMatch(/↻(4[1-9]|5\d|6\d|70)\. /);
    expect(m).toMatch(/↻72\. /);
  });
  it('the step list says exactly which steps it folded, and lists all the others', () => {
    const md = renderMarkdown(trace);
    expect(md).toContain(
      '*↻ Steps 41–70 repeat steps 35–40 exactly, 5 more times (same calls, same changes), and are not listed again.*',
    );
    const listed = [...md.slice(md.indexOf('## Then, left alone')).matchAll(/^(\d+)\. \*\*/gm)].map((m) =>
      Number(m[1]),
    );
    expect(listed).toEqual([...Array.from({ length: 40 }, (_, i) => i + 1), 71, 72]);
  });
  it('the terminal prints the round once and the count', () => {
    const out = renderTerminal(trace, { color: false, width: 200 });
    expect(out).toContain('↻ steps ↻41–↻70 repeat steps ↻35–↻40 exactly, 5 more times (same calls, same changes)');
    expect(out).not.toMatch(/^\s+↻(4[1-9]|5\d|6\d|70)\s/m);
    expect(out).toMatch(/^\s+↻72\s/m);
  });
});
