/**
 * The verdict of a hunt that found nothing, in one line, as the command line, `npm start`'s table,
 * the JSON's readers and the vitest messages say it. It always says how far the hunt is sure: a
 * proof of every reachable state (✓), a bound (no counterexample of at most d steps exists, over N
 * states), or sampled runs past that bound (○). A reader never has to guess which (issue #18: a
 * sampled "none found" once wore the proof's tick).
 */
import { SCOPE_MARK } from '../core/outcome.ts';
import type { Bound, HuntResult } from '../hunt/hunt.ts';

const n = (x: number) => x.toLocaleString('en-US');

/** "no counterexample of at most 14 steps exists, over 50,000 states" (up to symmetry, when counted so). */
export function boundWords(b: Bound): string {
  return `no counterexample of at most ${b.depth} step${b.depth === 1 ? '' : 's'} exists, over ${n(b.states)} states${b.symmetry ? ' (up to symmetry)' : ''}`;
}

/** TLC's estimate that a fingerprint collision hid a state, when it is worth saying. */
export function collisionWords(odds: number): string | null {
  return odds >= 1e-9 ? `fingerprint collision odds ${odds.toExponential(1)}` : null;
}

/**
 * The verdict line of a hunt that found nothing (and was not interrupted): what it covered and how
 * far it is sure. `what` names the property ("every property", or the target); `witness`: the
 * target is a `sometimes` property, so "found nothing" means it was not reached.
 */
export function heldLine(r: HuntResult, what: string, witness: boolean): string {
  const cut = r.interrupted ? ' (stopped early)' : '';
  if (r.proof) {
    const all = `${n(r.proof.states)} reachable states${r.proof.symmetry ? ' (up to symmetry)' : ''}`;
    return witness
      ? `✗ ${what} is unreachable: not reached in any of the ${all}`
      : `${SCOPE_MARK.proof} ${what} holds in all ${all}: proved by exhaustive check, ${r.ms} ms`;
  }
  const b = r.bounded;
  const runs = `${n(r.runs)} sampled run${r.runs === 1 ? '' : 's'}`;
  if (witness)
    return b
      ? `✗ ${what} not reached: not within ${b.depth} steps (breadth-first, ${n(b.states)} states), nor in ${runs}${cut}`
      : `✗ ${what} not reached in ${runs}${cut}`;
  const mark = SCOPE_MARK[r.scope ?? 'sampled'];
  if (b && r.scope === 'bounded')
    return `${mark} ${boundWords(b)} for ${what}${cut} — a bounded proof: nothing is proven beyond ${b.depth} steps`;
  if (b)
    return `${mark} no counterexample to ${what}: ${boundWords(b)}, and ${runs} found none${cut}, seed ${r.seed} — not a proof beyond ${b.depth} steps`;
  return `${mark} no counterexample to ${what} found in ${runs}${cut}, seed ${r.seed} — sampled, not a proof (no depth is proven: nothing was explored breadth-first)`;
}

/**
 * The same in a few words, for a table row: "proved", "no counterexample of at most 14 steps exists,
 * over 150,000 states; then sampled", "sampled".
 */
export function scopeWords(r: HuntResult): string {
  if (r.proof) return 'proved';
  if (r.bounded && r.scope === 'bounded') return `a bounded proof: ${boundWords(r.bounded)}`;
  if (r.bounded) return `${boundWords(r.bounded)}; then sampled`;
  return 'sampled, no depth proven';
}
