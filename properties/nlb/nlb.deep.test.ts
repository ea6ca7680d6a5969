/**
 * Network Load Balancer's health checks (models/nlb): every expected outcome in its manifest; the
 * shrunk loss of capacity read as AWS's story; fail-open against velocity control on the two
 * situations that tell them apart; the README held to the manifest. Budgets are fixed
 * (manifest.json: seed 20251019, 150 runs of up to 40 steps, the default mix strategy).
 * About 12 s on a 2-core machine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configure, fromCatalog, loadTrace, statesOf, withOutcomes, type Trace } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { healthyCapacity, type NlbState } from '../../models/nlb/state.ts';

const nlb = fromCatalog(catalog, 'nlb');
const LOAD = nlb.model.params.load!.default;

// At the defaults; the manifest's stressed configurations are hunted in configurations.deep.test.ts.
describeManifest(withOutcomes(nlb, (o) => o.configuration === undefined));

describe('nlb / as-2025: healthy backends, and still too little capacity', () => {
  // The committed trace, which describeManifest above holds byte for byte to a fresh hunt.
  const story = (): Trace => loadTrace('shrunk-traces/nlb/as-2025/capacity-covers-load.json');

  it('shrinks to new instances in two zones, then time: failover takes both zones out of DNS', () => {
    const t = story();
    const launches = t.steps.filter((s) => s.action === 'ec2BringsTargetIntoService');
    expect(new Set(launches.map((s) => s.args)).size).toBe(2);
    expect(t.steps.some((s) => s.action === 'networkStateLands')).toBe(false);
    const last = statesOf(t).at(-1) as NlbState;
    expect(last.zones.filter((z) => !z.inDns)).toHaveLength(2);
    // Every target the failover took out is healthy: the existing ones pass every check they get.
    expect(last.targets.filter((x) => x.existing).every((x) => x.last === 'pass' && x.inService)).toBe(true);
    expect(healthyCapacity(last)).toBeLessThan(LOAD);
  });

  it("the checks that failover acted on were delayed, not failed: the zones' existing targets had gone unchecked", () => {
    const states = statesOf(story()) as NlbState[];
    const last = states.at(-1)!;
    for (const [az, z] of last.zones.entries()) {
      if (z.inDns) continue;
      const existing = last.targets.filter((x) => x.az === az && x.existing);
      expect(existing.every((x) => last.tick - (x.checkedAt ?? 0) > nlb.model.params.staleAfter!.default)).toBe(true);
      expect(z.pending.length).toBeGreaterThan(0);
    }
  });
});

/**
 * A fixed schedule: fill the new-target slots of the given zones at tick 0, never let their
 * network state land, and let time pass; the fewest healthy capacity seen and zones ever out at once.
 */
function overload(variant: string, zones: readonly number[], ticks = 12) {
  const inst = configure(nlb.model, variant);
  const pick = (name: string, arg?: unknown) =>
    inst.allChoices().find((c) => c.action.name === name && (arg === undefined || c.arg === arg))!;
  let s = inst.initial();
  for (const az of zones)
    for (let k = 0; k < nlb.model.params.newTargets!.default; k++)
      s = inst.next(s, pick('ec2BringsTargetIntoService', az));
  let fewest = healthyCapacity(s as NlbState);
  let mostOut = 0;
  for (let i = 0; i < ticks; i++) {
    s = inst.next(s, pick('timePasses'));
    fewest = Math.min(fewest, healthyCapacity(s as NlbState));
    mostOut = Math.max(mostOut, (s as NlbState).zones.filter((z) => !z.inDns).length);
  }
  return { fewest, mostOut, spared: (s as NlbState).spared };
}

describe('nlb: fail-open against velocity control', () => {
  it('when every zone looks unhealthy, fail-open keeps them all in DNS, and as-2025 loses everything', () => {
    expect(overload('as-2025', [0, 1, 2]).fewest).toBe(0);
    const open = overload('fail-open', [0, 1, 2]);
    expect(open.mostOut).toBe(0);
    expect(open.spared).toBeGreaterThan(0);
    expect(open.fewest).toBeGreaterThanOrEqual(LOAD);
    expect(overload('velocity-control', [0, 1, 2]).mostOut).toBe(1);
  });

  it('when two of three zones look unhealthy, fail-open does nothing and capacity falls below the load; velocity control holds one zone out at most', () => {
    expect(overload('fail-open', [0, 1])).toMatchObject({ mostOut: 2, spared: 0 });
    expect(overload('fail-open', [0, 1]).fewest).toBeLessThan(LOAD);
    const capped = overload('velocity-control', [0, 1]);
    expect(capped.mostOut).toBe(1);
    expect(capped.spared).toBeGreaterThan(0);
    expect(capped.fewest).toBeGreaterThanOrEqual(LOAD);
  });

  it('with failover disabled nothing leaves service, whatever the zones look like', () => {
    expect(overload('failover-disabled', [0, 1, 2])).toMatchObject({ mostOut: 0, spared: 0, fewest: 6 });
  });
});

describe('nlb: the README agrees with the model', () => {
  const readme = readFileSync(new URL('../../models/nlb/README.md', import.meta.url), 'utf8');

  it('lists every parameter with its default', () => {
    for (const [name, spec] of Object.entries(nlb.model.params))
      expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\| ${spec.default} \\|`));
  });

  it("gives every variant's expected outcomes as the manifest does", () => {
    for (const v of Object.keys(nlb.model.variants)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${v}\` |`));
      expect(row, v).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      for (const [i, property] of [
        [3, 'capacity-covers-load'],
        [4, 'no-node-flaps'],
      ] as const) {
        const expected = nlb.manifest!.outcomes.find((o) => o.variant === v && o.property === property)!.expect;
        expect(cells[i], `${v} / ${property}`).toMatch(expected === 'holds' ? /^✓ holds/ : /^✗ counterexample/);
      }
    }
  });
});
