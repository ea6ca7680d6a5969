/**
 * The hunt's second phase: the steps the failing run executed are handed to fast-check as an
 * example of a plain sequence of choices (arbitraries.ts), and fast-check shrinks it, with only the
 * property that broke checked: shrinking cannot wander to another bug, and is never cut short by
 * the clock. A candidate is played as any sequence is (core/play.ts): a step its guard does not
 * allow is skipped.
 */
import fc from 'fast-check';
import type { Choice, Instance } from '../core/instance.ts';
import type { AnyProperty } from '../core/model.ts';
import { nondeterminism, play } from '../core/play.ts';
import { FindingError, sequenceArbitrary } from './arbitraries.ts';
import { unexpected } from './search.ts';

export interface Shrunk {
  readonly steps: readonly Choice[];
  /** How many shrinks fast-check made. */
  readonly shrinks: number;
}

/**
 * Shrink a failing run. When `interrupted()` turns true, every candidate left passes untried, so
 * fast-check ends its shrink at once with the smallest failing run so far (the caller asks again).
 */
export function shrink(
  inst: Instance,
  property: AnyProperty,
  failing: readonly Choice[],
  seed: number,
  maxSteps: number,
  onCandidate: () => void,
  interrupted: () => boolean = () => false,
): Shrunk {
  const choices = inst.allChoices();
  const index = new Map(choices.map((c, i) => [c, i]));
  const example = failing.map((c) => {
    const i = index.get(c);
    if (i === undefined) throw new Error(`shrink: step ${c.action.name} is not one of the instance's choices`);
    return i;
  });
  let failed = false;
  const result = fc.check(
    fc.property(sequenceArbitrary(inst, Math.max(maxSteps, example.length)), (seq) => {
      if (failed && interrupted()) return;
      const { finding } = play(
        inst,
        seq.map((i) => choices[i] as Choice),
        { target: property, disabled: 'skip' },
      );
      onCandidate();
      if (finding) {
        failed = true;
        throw new FindingError(finding);
      }
    }),
    { seed, examples: [[example]], numRuns: 1 },
  );
  if (!result.failed || !result.counterexamplePath?.startsWith('0'))
    throw nondeterminism(inst, failing, property, `a failing run of the search passed when replayed (seed ${seed})`);
  if (!(result.errorInstance instanceof FindingError)) throw unexpected(inst, result.errorInstance, seed);
  const seq = result.counterexample?.[0] ?? example;
  return { steps: seq.map((i) => choices[i] as Choice), shrinks: result.numShrinks };
}
