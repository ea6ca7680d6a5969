/**
 * Network Load Balancer's health checks checked exhaustively at small parameters (2 zones, 6
 * ticks; the defaults' 3 zones reach millions of states): what engineers did and AWS's fix keep
 * the capacity the load needs in every reachable state, and as-2025's shortest loss of capacity.
 * About 8 s.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';

const nlb = fromCatalog(catalog, 'nlb');
const SMALL = { zones: 2, horizon: 6, load: 2 };
const check = (variant: string) =>
  explore(configure(nlb.model, variant, SMALL), { target: ['capacity-covers-load', 'no-node-flaps'], exhaust: true });
const outcome = (r: ReturnType<typeof check>, name: string) => r.properties.find((p) => p.name === name)!;

describe('nlb at 2 zones and 6 ticks: exhaustive', () => {
  it('failover-disabled: capacity and no flapping in every reachable state', () => {
    const r = check('failover-disabled');
    expect(r.complete).toBe(true);
    expect(r.states).toBe(37_065);
    expect(outcome(r, 'capacity-covers-load').outcome).toBe('holds');
    expect(outcome(r, 'no-node-flaps').outcome).toBe('holds');
  });

  it('velocity-control: capacity in every reachable state, but targets still flap (shortest: 7 steps)', () => {
    const r = check('velocity-control');
    expect(r.complete).toBe(true);
    expect(outcome(r, 'capacity-covers-load').outcome).toBe('holds');
    expect(outcome(r, 'no-node-flaps')).toMatchObject({ outcome: 'counterexample', steps: 7 });
  });

  it('as-2025: the shortest loss of capacity takes 8 steps: new instances in both zones, four ticks', () => {
    const r = check('as-2025');
    const p = outcome(r, 'capacity-covers-load');
    expect(p).toMatchObject({ outcome: 'counterexample', steps: 8 });
    expect(p.trace!.steps.filter((s) => s.action === 'timePasses')).toHaveLength(4);
  });
});
