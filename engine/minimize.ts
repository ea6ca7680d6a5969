/**
 * Final passes over a shrunk counterexample, for hunt.ts to run after fast-check's shrinker.
 *
 * `minimize`: remove single steps, then pairs of steps, as long as the property still breaks,
 * until no removal works. fast-check removes runs of steps and simplifies arguments, but can stop
 * where removing any one step breaks the run while removing two does not.
 *
 * `shortest`: a shrinker only ever removes steps, so it keeps the story it was given; the shortest
 * counterexample may tell another (measured against the explorer in docs/exhaustive.md: for DNS's
 * `automation-recovers`, hunted traces are up to 1.8× the shortest, and no removal helps). When the
 * runs shorter than the shrunk trace are few enough, a bounded breadth-first search (the
 * exhaustive explorer, cut at a state budget) finds the shortest counterexample there is.
 *
 * A candidate is replayed as hunts replay a shrunk sequence: a step whose guard does not allow it
 * is skipped, and the steps actually taken become the new trace. Only `property` is checked. The
 * pass is deterministic and costs O(n³) steps for an n-step trace at worst (n² pairs, each replayed).
 */
import { explore } from './explore.ts';
import type { Choice, Instance } from './instance.ts';
import type { AnyProperty } from './model.ts';
import { FindingError, Run } from './run.ts';

/** The steps a candidate sequence takes, if it still decides the property (breaks it, or reaches it). */
function stillFails(inst: Instance, property: AnyProperty, steps: readonly Choice[]): Choice[] | null {
  const taken: Choice[] = [];
  try {
    const run = new Run(inst, { target: property });
    for (const c of steps) {
      if (!run.enabled(c)) continue;
      taken.push(c);
      run.step(c);
    }
    run.finish();
  } catch (e) {
    if (e instanceof FindingError) return e.finding.property === property ? taken : null;
    throw e;
  }
  return null;
}

/**
 * Remove what can be removed from a failing sequence of steps. Returns the sequence unchanged if
 * it does not fail (the caller's business), else a failing sequence no single step or pair of
 * steps of which can be removed.
 */
export function minimize(inst: Instance, property: AnyProperty, steps: readonly Choice[]): Choice[] {
  let best = stillFails(inst, property, steps);
  if (best === null) return [...steps];
  for (let changed = true; changed; ) {
    changed = false;
    // Single steps, latest first: late steps are the likeliest leftovers.
    for (let i = best.length - 1; i >= 0 && !changed; i--) {
      const shorter = stillFails(inst, property, [...best.slice(0, i), ...best.slice(i + 1)]);
      if (shorter) [best, changed] = [shorter, true];
    }
    if (changed) continue;
    for (let j = best.length - 1; j >= 1 && !changed; j--) {
      for (let i = j - 1; i >= 0 && !changed; i--) {
        const shorter = stillFails(inst, property, [...best.slice(0, i), ...best.slice(i + 1, j), ...best.slice(j + 1)]);
        if (shorter) [best, changed] = [shorter, true];
      }
    }
  }
  return best;
}

/** How many states the bounded search of `shortest` may visit by default. */
export const SHORTEST_BUDGET = 200_000;

/**
 * `minimize`, then look for a shorter counterexample among all runs shorter than the result, by a
 * breadth-first search that gives up after `maxStates` states. Returns the shortest found: the
 * shortest there is when the search completes, else the minimized steps. Deterministic.
 */
export function shortest(inst: Instance, property: AnyProperty, steps: readonly Choice[], maxStates = SHORTEST_BUDGET): Choice[] {
  const minimal = minimize(inst, property, steps);
  if (minimal.length <= 1 || stillFails(inst, property, minimal) === null) return minimal;
  let choices: readonly Choice[];
  try {
    choices = inst.allChoices();
  } catch {
    return minimal; // sample-only argument domains cannot be enumerated
  }
  const r = explore(inst, { target: property.name, maxDepth: minimal.length - 1, maxStates });
  const trace = r.properties[0]?.trace;
  if (!trace || trace.steps.length >= minimal.length) return minimal;
  const byKey = new Map(choices.map((c) => [`${c.action.name}\u0000${JSON.stringify(c.arg ?? null)}`, c]));
  const found = trace.steps.map((s) => byKey.get(`${s.action}\u0000${JSON.stringify(s.args)}`));
  return found.every((c) => c !== undefined) ? (found as Choice[]) : minimal;
}
