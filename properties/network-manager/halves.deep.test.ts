/**
 * propagation-delay-recovers, half by half (fixtures/halves.ts): a planted bug for each half is
 * caught by the real claim; the bug planted for the second half ("and stays there") gets past the
 * claim with that half cut off, so it is the second half that catches it. Budgets as the manifest's;
 * deep tier (a minute of hunts on a 2-core machine).
 */
import { describe, expect, it } from 'vitest';
import { configure, fromCatalog, hunt, replay, statesOf, type AnyModel, type Trace } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { propagationDelay, type NmState } from '../../models/network-manager/state.ts';
import { atBound, reductionDoesNothing, restoreReleasesRefused, withRecoversOnce } from './fixtures/halves.ts';

const nm = fromCatalog(catalog, 'network-manager');
const { budget } = nm.manifest!;
const p = nm.model.params;
const PARAMS = { recoveryFactor: p.recoveryFactor!.default, unreachableFactor: p.unreachableFactor!.default };
const NORMAL = p.normalDelay!.default;

const huntIt = (model: AnyModel) =>
  hunt(configure(model, 'reduce-load'), { ...budget, target: 'propagation-delay-recovers', modelRef: model.name });
let relapsed: Trace | undefined;
/** The relapse the real claim catches (hunted once). */
const relapse = (): Trace => (relapsed ??= huntIt(restoreReleasesRefused).trace!);

describe('network-manager: propagation-delay-recovers, half by half', () => {
  it('first half: a reduction that cuts nothing never brings delays back to normal by the bound', () => {
    const trace = huntIt(reductionDoesNothing).trace!;
    expect(trace?.outcome).toBe('counterexample');
    const states = statesOf(trace) as NmState[];
    expect(trace.steps.some((s) => s.action === 'operatorsReduceLoad')).toBe(true);
    // Broken at the bound itself: the first half.
    expect(propagationDelay(atBound(states, PARAMS)!)).toBeGreaterThan(NORMAL);
  });

  it('second half: refused work retried all at once makes delays relapse after they had recovered', () => {
    const trace = relapse();
    expect(trace?.outcome).toBe('counterexample');
    const states = statesOf(trace) as NmState[];
    expect(trace.steps.some((s) => s.action === 'operatorsRestoreLoad')).toBe(true);
    // Normal at the bound (the first half holds), elevated later: the second half.
    expect(propagationDelay(atBound(states, PARAMS)!)).toBeLessThanOrEqual(NORMAL);
    expect(propagationDelay(states.at(-1)!)).toBeGreaterThan(NORMAL);
  });

  it('the claim without its second half does not see that relapse, and still catches the first bug', () => {
    const weakened = withRecoversOnce(restoreReleasesRefused);
    expect(replay(weakened, relapse(), 'the relapse').reproduced).toBe(false);
    expect(huntIt(withRecoversOnce(reductionDoesNothing)).trace?.outcome).toBe('counterexample');
  });
});
