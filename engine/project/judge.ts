/**
 * Judging hunts against a manifest's expected outcomes, and traces against the committed ones.
 * `npm start`, the vitest helpers and CI all use these, so "as expected" means one thing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { structuredPatch } from 'diff';
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
  const inst = configure(loaded.model, expected.variant, expected.params ?? {});
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

/**
 * The change from a committed trace to a fresh one, for a reader: where the two part, in words,
 * then the changed lines of the JSON (as `git diff` shows them, cut after `maxLines`).
 */
export function traceDiff(committed: string, fresh: string, maxLines = 40): string {
  const hunks = structuredPatch('committed', 'found now', committed, fresh, '', '', { context: 2 }).hunks;
  const lines = hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]);
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines) shown.push(`… ${lines.length - maxLines} more lines`);
  return shown.join('\n');
}

/** Where two traces part, in words. */
export function firstDifference(was: Trace, now: Trace): string {
  const n = Math.min(was.steps.length, now.steps.length);
  for (let i = 0; i < n; i++) {
    const a = was.steps[i];
    const b = now.steps[i];
    if (JSON.stringify(a) !== JSON.stringify(b))
      return `step ${i + 1} was "${a?.actor}: ${a?.description}", now "${b?.actor}: ${b?.description}"`;
  }
  if (was.steps.length !== now.steps.length) return `it had ${was.steps.length} steps, now ${now.steps.length}`;
  return was.message !== now.message
    ? `its message was "${was.message}", now "${now.message}"`
    : 'they differ in their header (provenance, parameters or initial state)';
}

/** Compare a fresh trace with the committed file for the same model, variant and property (as saving it there would write it). */
export function compareWithCommitted(trace: Trace, modelName: string, root: string = DEFAULT_TRACES_ROOT): Committed {
  const file = tracePath(root, trace, modelName);
  if (!existsSync(file)) return { status: 'none', file };
  const committed = readFileSync(file, 'utf8');
  return committed === traceJson(recordedAt(trace, file))
    ? { status: 'same', file }
    : { status: 'differs', file, committed };
}
