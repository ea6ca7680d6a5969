/**
 * Judging hunts against a manifest's expected outcomes, and traces against the committed ones.
 * `npm start`, the vitest helpers and CI all use these, so "as expected" means one thing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { structuredPatch } from 'diff';
import { configure, type Instance } from '../core/instance.ts';
import { reachedAtStart } from '../core/judge.ts';
import { NO_DEADLOCK } from '../core/builtin.ts';
import type { AnyModel } from '../core/model.ts';
import type { Outcome } from '../core/outcome.ts';
import { recordedAt, tracePath, traceJson, type Trace } from '../core/trace.ts';
import { hunt, type HuntOptions, type HuntResult } from '../hunt/hunt.ts';
import type { LoadedModel } from './load.ts';
import type { ExpectedOutcome, Manifest } from './manifest.ts';
import { DEFAULT_TRACES_ROOT } from './save.ts';

export interface Judged {
  readonly expected: ExpectedOutcome;
  readonly result: HuntResult;
  readonly outcome: Outcome;
  readonly ok: boolean;
  readonly inst: Instance;
}

/**
 * What `hunt --variant V` without `--property` judges: the claims V's manifest does not expect to
 * break. A fix expected to break one claim (dns guard-only breaks no-stale-overwrite) is judged on
 * the others, so that a bug planted in what it keeps is found and nothing else is. The protocol as
 * it ran (the model's first variant), and a variant expected to keep no claim, are hunted on all:
 * their bug is what a hunt of them is for.
 */
export interface Judging {
  /** The model without the claims expected to break (the same model when none is left out). */
  readonly model: AnyModel;
  /** Whether the built-in no-deadlock check is judged. */
  readonly deadlock: boolean;
  /** The claims expected to break here, left out. */
  readonly skipped: readonly string[];
}

export function judging(model: AnyModel, manifest: Manifest | undefined, variant: string): Judging {
  if (variant === Object.keys(model.variants)[0]) return { model, deadlock: true, skipped: [] };
  const mine = manifest?.outcomes.filter((o) => o.variant === variant) ?? [];
  const broken = mine.filter((o) => o.expect === 'counterexample').map((o) => o.property);
  const kept = mine.filter((o) => o.expect === 'holds');
  if (broken.length === 0 || kept.length === 0) return { model, deadlock: true, skipped: [] };
  return withoutClaims(model, broken);
}

/** The model without these claims (a built-in among them: that check off). */
export function withoutClaims(model: AnyModel, skipped: readonly string[]): Judging {
  return {
    model: { ...model, properties: model.properties.filter((p) => !skipped.includes(p.name)) },
    deadlock: !skipped.includes(NO_DEADLOCK),
    skipped,
  };
}

/** Hunt one manifest entry with its budget, and say whether the outcome is the expected one. */
export function huntExpected(loaded: LoadedModel, expected: ExpectedOutcome, extra: Partial<HuntOptions> = {}): Judged {
  const inst = configure(loaded.model, expected.variant, expected.params ?? {});
  const { prove, work, ...budget } = expected.budget;
  const result = hunt(inst, {
    ...budget,
    budget: work,
    proveBudget: prove,
    target: expected.property,
    modelRef: loaded.ref,
    ...extra,
  });
  const outcome = outcomeOf(result, reachedAtStart(inst));
  return { expected, result, outcome, ok: outcome === expected.expect && keepsItsBound(expected, result), inst };
}

/** A "holds" whose manifest names a bound is proved, or proved to at least that depth. */
export function keepsItsBound(expected: ExpectedOutcome, r: HuntResult): boolean {
  return expected.bound === undefined || r.proof !== null || (r.bounded?.depth ?? -1) >= expected.bound;
}

/**
 * A hunt's outcome for the property it targeted (or for all of them). A witness that holds in the
 * initial state (`atStart`, core/judge.ts reachedAtStart) witnesses nothing: reaching it is vacuous,
 * and so is a green result that counts on it.
 */
export function outcomeOf(r: HuntResult, atStart: readonly string[] = []): Outcome {
  if (r.trace?.outcome === 'witness') return atStart.includes(r.trace.property.name) ? 'vacuous' : 'reached';
  if (r.trace) return 'counterexample';
  if (r.unreached.includes(r.target ?? '')) return 'unreached';
  return r.unreached.length > 0 || atStart.length > 0 ? 'vacuous' : 'holds';
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
  // The $schema line says where the file is, not what the search found: a trace committed without
  // it (the code's schedule traces, saved before their save was the hunt's) is the same trace.
  const { $schema: _where, ...found } = recordedAt(trace, file);
  return committed === traceJson({ $schema: _where, ...found }) || committed === traceJson(found)
    ? { status: 'same', file }
    : { status: 'differs', file, committed };
}
