/**
 * The hunt's last phase, after fast-check's shrinker: polish the counterexample.
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
 * A candidate is played as any sequence is (core/play.ts): a step whose guard does not allow it is
 * skipped, and the steps actually taken become the new trace. Only `property` is checked. The pass
 * is deterministic and costs O(n³) steps for an n-step trace at worst (n² pairs, each replayed).
 */
import type { Choice, Instance } from '../core/instance.ts';
import type { AnyProperty } from '../core/model.ts';
import { play } from '../core/play.ts';
import { explore } from '../explore/explore.ts';

/** The steps a candidate sequence takes, if it still decides the property (breaks it, or reaches it). */
function stillFails(inst: Instance, property: AnyProperty, steps: readonly Choice[]): Choice[] | null {
  const { finding, taken } = play(inst, steps, { target: property, disabled: 'skip' });
  return finding?.property === property ? [...taken] : null;
}

/**
 * Remove what can be removed from a failing sequence of steps. Returns the sequence unchanged if
 * it does not fail (the caller's business), else a failing sequence no single step or pair of
 * steps of which can be removed.
 */
export function minimize(
  inst: Instance,
  property: AnyProperty,
  steps: readonly Choice[],
  onCandidate: () => void = () => {},
  interrupted: () => boolean = () => false,
): Choice[] {
  // Once interrupted, no candidate is tried: the loops run out at once, with the best so far.
  const fails = (candidate: readonly Choice[]) => {
    if (interrupted()) return null;
    onCandidate();
    return stillFails(inst, property, candidate);
  };
  let best = fails(steps);
  if (best === null) return [...steps];
  for (let changed = true; changed;) {
    changed = false;
    // Single steps, latest first: late steps are the likeliest leftovers.
    for (let i = best.length - 1; i >= 0 && !changed; i--) {
      const shorter = fails([...best.slice(0, i), ...best.slice(i + 1)]);
      if (shorter) [best, changed] = [shorter, true];
    }
    if (changed) continue;
    for (let j = best.length - 1; j >= 1 && !changed; j--) {
      for (let i = j - 1; i >= 0 && !changed; i--) {
        const shorter = fails([...best.slice(0, i), ...best.slice(i + 1, j), ...best.slice(j + 1)]);
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
export function shortest(
  inst: Instance,
  property: AnyProperty,
  steps: readonly Choice[],
  maxStates = SHORTEST_BUDGET,
  onCandidate: () => void = () => {},
  interrupted: () => boolean = () => false,
): Choice[] {
  const minimal = minimize(inst, property, steps, onCandidate, interrupted);
  if (minimal.length <= 1 || maxStates <= 0 || interrupted() || stillFails(inst, property, minimal) === null)
    return minimal;
  const r = explore(inst, { target: property.name, maxDepth: minimal.length - 1, maxStates, interrupted });
  const path = r.properties[0]?.path;
  if (!path || path.length >= minimal.length) return minimal;
  const choices = inst.allChoices();
  return path.map((k) => choices[k] as Choice);
}
