/**
 * Judging hunts against a manifest's expected outcomes, and traces against the committed ones.
 * `npm start`, the vitest helpers and CI all use these, so "as expected" means one thing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { configure, type Instance } from '../core/instance.ts';
import type { Outcome } from '../core/outcome.ts';
import { recordedAt, tracePath, traceJson, type Trace } from '../core/trace.ts';
import { hunt, type HuntOptions, type HuntResult } from '../hunt/hunt.ts';
import type { LoadedModel } from './load.ts';
import type { ExpectedOutcome } from './manifest.ts';
import { DEFAULT_TRACES_ROOT } from './save.ts';

export interface Judged {
  readonly expected: ExpectedOutcome;
  readonly result: HuntResult;
  readonly outcome: Outcome;
  readonly ok: boolean;
  readonly inst: Instance;
}

/** Hunt one manifest entry with its budget, and say whether the outcome is the expected one. */
export function huntExpected(loaded: LoadedModel, expected: ExpectedOutcome, extra: Partial<HuntOptions> = {}): Judged {
  const inst = configure(loaded.model, expected.variant);
  const { prove, ...budget } = expected.budget;
  const result = hunt(inst, {
    ...budget,
    proveBudget: prove,
    target: expected.property,
    modelRef: loaded.ref,
    ...extra,
  });
  const outcome = outcomeOf(result);
  return { expected, result, outcome, ok: outcome === expected.expect, inst };
}

/** A hunt's outcome for the property it targeted (or for all of them). */
export function outcomeOf(r: HuntResult): Outcome {
  if (r.trace) return r.trace.outcome === 'witness' ? 'reached' : 'counterexample';
  if (r.unreached.includes(r.target ?? '')) return 'unreached';
  return r.unreached.length > 0 ? 'vacuous' : 'holds';
}

export type Committed =
  | { readonly status: 'none'; readonly file: string }
  | { readonly status: 'same'; readonly file: string }
  | { readonly status: 'differs'; readonly file: string; readonly committed: string };

/** Compare a fresh trace with the committed file for the same model, variant and property (as saving it there would write it). */
export function compareWithCommitted(trace: Trace, modelName: string, root: string = DEFAULT_TRACES_ROOT): Committed {
  const file = tracePath(root, trace, modelName);
  if (!existsSync(file)) return { status: 'none', file };
  const committed = readFileSync(file, 'utf8');
  return committed === traceJson(recordedAt(trace, file))
    ? { status: 'same', file }
    : { status: 'differs', file, committed };
}
