/**
 * One file per mitigation left out: its hunted counterexample (describeManifest), and the same
 * trace replayed on as-2025, where operators act and it no longer reproduces. The variant's other
 * outcomes (the periods it still ends, the trigger, the clocks) are settled by the explorer in
 * explore.deep.test.ts and judged by racehunt all, not hunted again here.
 */
import { describe, expect, it } from 'vitest';
import { loadTrace, replay } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { outcomesWhere, region } from './outcomes.ts';

export function describeWithout(variant: string, property: string, operatorStep: string): void {
  describeManifest(outcomesWhere((o) => o.variant === variant && o.property === property));

  describe(`us-east-1 / ${variant}: the mitigation is what ends the period`, () => {
    const file = `shrunk-traces/us-east-1/${variant}/${property}.json`;
    it(`replayed with the mitigation (as-2025), the trace stops where operators must act: ${operatorStep}`, () => {
      const trace = loadTrace(file);
      expect(trace.steps.some((s) => s.action === operatorStep)).toBe(false);
      const r = replay(region.model, trace, file, 'as-2025');
      expect(r.reproduced, r.summary).toBe(false);
      expect(r.summary).toMatch(/no longer reproduces: step \d+ .* is not allowed in variant as-2025/);
    });
  });
}
