/**
 * The composed Region checked exhaustively at its default parameters (every run ends at the
 * horizon; about 10,000 reachable states per variant): with every documented intervention each
 * period of impact ends within its bound in every reachable state; leaving one out breaks exactly
 * the periods it ends, and no other; the manifest's state counts and shortest traces are the
 * explorer's. About 12 s.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore } from '../../engine/index.ts';
import { region } from './outcomes.ts';

const PERIODS = ['dynamodb-impact-ends', 'ec2-impact-ends', 'nlb-impact-ends'];

/** Which period claims each variant breaks: the one its missing mitigation ends (and, without DNS, the EC2 period DynamoDB feeds). */
const BREAKS: Readonly<Record<string, readonly string[]>> = {
  'as-2025': [],
  'without-dns-repair': ['dynamodb-impact-ends', 'ec2-impact-ends'],
  'without-dwfm-restart': ['ec2-impact-ends'],
  'without-nm-load-reduction': ['ec2-impact-ends'],
  'without-failover-disable': ['nlb-impact-ends'],
};

const results = new Map<string, ReturnType<typeof explore>>();
const exhaustive = (variant: string) => {
  if (!results.has(variant))
    results.set(variant, explore(configure(region.model, variant), { exhaust: true, symmetry: false }));
  return results.get(variant)!;
};

describe('us-east-1: exhaustive at the default parameters', () => {
  it.each(Object.keys(BREAKS))(
    "%s: the periods that do not end, exactly, and the manifest's ground truth",
    (variant) => {
      const r = exhaustive(variant);
      expect(r.complete).toBe(true);
      expect(r.modelStates).toBe(region.manifest!.reachable[variant]);
      const broken = r.properties
        .filter((p) => PERIODS.includes(p.name) && p.outcome === 'counterexample')
        .map((p) => p.name);
      expect(broken).toEqual(BREAKS[variant]);
      expect(r.properties.find((p) => p.name === 'clocks-in-step')?.outcome).toBe('holds');
      for (const o of region.manifest!.outcomes.filter((x) => x.variant === variant)) {
        const p = r.properties.find((x) => x.name === o.property)!;
        expect(p.outcome, o.property).toBe(o.expect);
        if (o.shortest !== undefined) expect(p.steps, `${o.property}: shortest`).toBe(o.shortest);
      }
    },
  );

  it('the whole cascade is reachable only where every mitigation that ends a period in time is present, or its period ends late', () => {
    const reached = (variant: string) =>
      exhaustive(variant).properties.find((p) => p.name === 'three-periods-in-order')!.outcome;
    expect(reached('as-2025')).toBe('reached');
    // Without the DNS repair, the DWFM restart or the load reduction, some period never ends.
    for (const v of ['without-dns-repair', 'without-dwfm-restart', 'without-nm-load-reduction'])
      expect(reached(v), v).toBe('unreached');
    // Without disabling failover NLB's period does end — when Network Manager has drained — only too late.
    expect(reached('without-failover-disable')).toBe('reached');
  });
});
