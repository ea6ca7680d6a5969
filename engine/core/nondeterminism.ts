/**
 * A run that failed once and not when played again (or the other way round) means that something
 * outside the state changed in between: a step, a guard or a property read a clock, randomness or
 * an outside variable. Which one is found by playing the same steps a few more times, recorded,
 * and comparing the plays step by step: the first step whose guard or changes differ names its
 * action; identical steps with different verdicts name the property. When every play agrees (the
 * model changed for good since the run that failed), the actions that run took are named.
 * Used wherever a sequence of steps is played again and must do what it did: the hunt's shrink,
 * its recording and its last replay, and the explorer's recording of a shortest path.
 */
import { RacehuntError } from './errors.ts';
import type { Choice, Instance } from './instance.ts';
import type { AnyProperty } from './model.ts';
import { Run } from './run.ts';

/** How many more plays are compared: enough for a step that alternates, or changes now and then. */
const PLAYS = 4;

interface Played {
  /** Per step of the sequence: "disabled", or the changes it made. */
  readonly steps: readonly string[];
  readonly verdict: string | null;
}

function playOnce(inst: Instance, steps: readonly Choice[], property: AnyProperty): Played {
  const run = new Run(inst, { target: property, record: true });
  const out: string[] = [];
  for (const c of steps) {
    if (run.found) break;
    if (!run.enabled(c)) {
      out.push('disabled');
      continue;
    }
    run.step(c);
    out.push(JSON.stringify(run.recorded[run.recorded.length - 1]?.changes ?? null));
  }
  const finding = run.found ?? run.finish();
  return { steps: out, verdict: finding ? `${finding.property.name}: ${finding.message}` : null };
}

/**
 * The error for a run that did not do again what it did before (`what`: "the shrunk
 * counterexample did not fail when re-run"), naming the culprit it can find.
 */
export function nondeterminism(
  inst: Instance,
  steps: readonly Choice[],
  property: AnyProperty,
  what: string,
): RacehuntError {
  const named = culpritOfNondeterminism(inst, steps, property, what);
  if (named) return named;
  const taken = [...new Set(steps.map((c) => c.action.name))];
  return new RacehuntError(
    'model-error',
    `model "${inst.model.name}" (${inst.variant}) is nondeterministic: ${what}; played again, the same steps always give the same result now, so something that action${taken.length === 1 ? '' : 's'} ${taken.join(', ')} or property ${property.name} read${taken.length === 1 ? 's' : ''} changed since (a clock, randomness or an outside variable)`,
  );
}

/** The action, guard or property whose answer differs between plays of the same steps; null when every play agrees. */
export function culpritOfNondeterminism(
  inst: Instance,
  steps: readonly Choice[],
  property: AnyProperty,
  what: string,
): RacehuntError | null {
  let plays: Played[];
  try {
    plays = Array.from({ length: PLAYS }, () => playOnce(inst, steps, property));
  } catch (e) {
    if (e instanceof RacehuntError) return e; // a play that throws names its own culprit
    throw e;
  }
  for (let i = 1; i < plays.length; i++) {
    const [a, b] = [plays[i - 1] as Played, plays[i] as Played];
    const k = a.steps.findIndex((s, j) => s !== b.steps[j]);
    if (k >= 0 && k < b.steps.length) {
      const c = steps[k] as Choice;
      const guard = a.steps[k] === 'disabled' || b.steps[k] === 'disabled';
      return new RacehuntError(
        'model-error',
        guard
          ? `${inst.culprit(c)}: its guard is nondeterministic: ${what}, and played again, step ${k + 1} was allowed one time and not the next (a guard must not read clocks, randomness or outside variables)`
          : `${inst.culprit(c)} is nondeterministic: ${what}, and played again, step ${k + 1} changed other fields from one play to the next (a step must not read clocks, randomness or outside variables)`,
      );
    }
    if (a.verdict !== b.verdict) {
      return new RacehuntError(
        'model-error',
        `model "${inst.model.name}" (${inst.variant}): property ${property.name} is nondeterministic: ${what}, and played again, the same steps were judged "${a.verdict ?? 'holds'}" one time and "${b.verdict ?? 'holds'}" the next (a property must not read clocks, randomness or outside variables)`,
      );
    }
  }
  return null;
}
