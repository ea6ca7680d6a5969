/**
 * EC2's Network Manager (models/network-manager): every expected outcome in its manifest; the
 * as-2025 collapse read as a degraded steady state that outlives its trigger; the count simulator
 * held to the checked model on every drawn scenario; the metastability map's regimes; the README
 * held to the manifest. Budgets are fixed (manifest.json: seed 20251019, 300 runs of up to 80
 * steps, the default mix strategy). About 8 s on a 2-core machine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  configure,
  fromCatalog,
  loadTrace,
  statesOf,
  withOutcomes,
  type AnyModel,
  type Trace,
} from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { claimBounds } from '../../models/network-manager/kit.ts';
import { metastability } from '../../models/network-manager/map.ts';
import { simulate } from '../../models/network-manager/simulate.ts';
import { propagationDelay, queued, type NmSettings, type NmState } from '../../models/network-manager/state.ts';
import { variants } from '../../models/network-manager/variants.ts';

const nm = fromCatalog(catalog, 'network-manager');
const p = nm.model.params;
const SETTINGS: NmSettings = {
  knee: p.knee!.default,
  normalDelay: p.normalDelay!.default,
  react: p.react!.default,
  reducedPercent: p.reducedPercent!.default,
};
const FACTORS = { recoveryFactor: p.recoveryFactor!.default, unreachableFactor: p.unreachableFactor!.default };
const HORIZON = p.horizon!.default;

// At the defaults; the manifest's stressed configurations are settled in explore.deep.test.ts.
describeManifest(withOutcomes(nm, (o) => o.configuration === undefined));

describe('network-manager / as-2025: the shrunk collapse outlives its trigger', () => {
  // The committed trace, which describeManifest above holds byte for byte to a fresh hunt.
  const collapse = (): Trace => loadTrace('shrunk-traces/network-manager/as-2025/propagation-delay-recovers.json');

  it('is the smallest scenario fast-check shrinks to: capacity 4, normal load 2, a backlog of 5', () => {
    const t = collapse();
    expect(t.steps[0]).toMatchObject({ action: 'networkManagerStartsAtNormalLoad', args: { capacity: 4, rate: 2 } });
    expect(t.steps[1]).toMatchObject({ action: 'dwfmReleasesDelayedPropagations', args: 5 });
    expect(t.steps.slice(2).every((s) => s.action === 'timePasses')).toBe(true);
  });

  it('every tick after the backlog, the queue stays past the knee and Network Manager lands only what arrives', () => {
    const states = statesOf(collapse()) as NmState[];
    const ticks = states.slice(3);
    expect(ticks.length).toBeGreaterThan(10);
    for (const s of ticks) {
      expect(queued(s)).toBeGreaterThanOrEqual(SETTINGS.knee);
      expect(s.last).toMatchObject({ arrived: 2, landed: 2, spent: 4 });
    }
    // From the second tick on, the oldest waiting instance has waited longer than normal, for good.
    for (const s of ticks.slice(1)) expect(propagationDelay(s)).toBeGreaterThan(SETTINGS.normalDelay);
  });
});

/** Every scenario the hunts draw: capacity 2–4, normal load below it, backlog 1–16, delivered at tick 0. */
const scenarios = Object.keys(variants).flatMap((variant) =>
  [2, 3, 4].flatMap((capacity) =>
    Array.from({ length: capacity - 1 }, (_, i) => i + 1).flatMap((rate) =>
      Array.from({ length: p.maxBacklog!.default }, (_, b) => ({ variant, load: { capacity, rate }, backlog: b + 1 })),
    ),
  ),
);

/** The checked model driven on the simulator's schedule: the load, the backlog, then time (operators first whenever due). */
function checkedRows(model: AnyModel, variant: string, load: { capacity: number; rate: number }, backlog: number) {
  const inst = configure(model, variant);
  const pick = (name: string, arg?: unknown) =>
    inst
      .allChoices()
      .find((c) => c.action.name === name && (arg === undefined || JSON.stringify(c.arg) === JSON.stringify(arg)))!;
  let s = inst.next(inst.initial(), pick('networkManagerStartsAtNormalLoad', load));
  s = inst.next(s, pick('dwfmReleasesDelayedPropagations', backlog));
  const rows: { tick: number; queued: number; delay: number }[] = [];
  const operators = ['operatorsReduceLoad', 'operatorsRestoreLoad']
    .map((n) => inst.allChoices().filter((c) => c.action.name === n))
    .flat();
  while ((s as NmState).tick < HORIZON) {
    const due = operators.find((c) => inst.enabled(s, c));
    s = inst.next(s, due ?? pick('timePasses'));
    if (!due)
      rows.push({ tick: (s as NmState).tick, queued: queued(s as NmState), delay: propagationDelay(s as NmState) });
  }
  return rows;
}

describe('network-manager: the count simulator is the checked model', () => {
  it(`gives the same queue and delay every tick on every drawn scenario (${scenarios.length})`, () => {
    for (const { variant, load, backlog } of scenarios) {
      const sim = simulate(
        {
          load,
          settings: SETTINGS,
          switches: variants[variant]!.switches,
          backlogAt: 0,
          backlog,
          horizon: HORIZON - 1,
        },
        { rows: true },
      );
      const simRows = sim.rows.slice(1).map((r) => ({ tick: r.tick, queued: r.queued, delay: r.delay }));
      const rows = checkedRows(nm.model, variant, load, backlog);
      const n = Math.min(rows.length, simRows.length);
      expect(rows.slice(0, n), `${variant} ${JSON.stringify(load)} backlog ${backlog}`).toEqual(simRows.slice(0, n));
    }
  });

  it('agrees with the explorer: as-2025 fails to recover somewhere, the fix never keeps an instance waiting past its bound', () => {
    const run = (variant: string, load: { capacity: number; rate: number }, backlog: number) =>
      simulate({
        load,
        settings: SETTINGS,
        switches: variants[variant]!.switches,
        backlogAt: 0,
        backlog,
        horizon: 200,
      });
    const collapses = scenarios.filter(
      (x) => x.variant === 'as-2025' && run(x.variant, x.load, x.backlog).recoveryTicks === null,
    );
    expect(collapses.length).toBeGreaterThan(0);
    for (const x of scenarios.filter((y) => y.variant === 'queue-size-limit')) {
      const r = run(x.variant, x.load, x.backlog);
      expect(r.worstDelay, JSON.stringify(x)).toBeLessThanOrEqual(claimBounds(x.load, x.backlog, FACTORS).unreachable);
    }
  });
});

describe("network-manager: the metastability map at a Region's scale", () => {
  const scale = metastability.scales.region!;
  const settings = Object.fromEntries(Object.entries(scale.settings).map(([k, s]) => [k, s.default]));
  const grid = (variant: string) =>
    scale.y.values.map((rate) =>
      scale.x.values.map((backlog) => metastability.cell(variant, backlog, rate, settings, 'region')),
    );
  const verdicts = (variant: string) =>
    new Set(
      grid(variant)
        .flat()
        .map((c) => c.verdict),
    );

  it('as-2025 has all three regimes, and the boundary runs diagonally: a larger backlog collapses at a lower rate', () => {
    expect(verdicts('as-2025')).toEqual(new Set(['recovers', 'slow', 'collapses']));
    const g = grid('as-2025');
    const firstCollapse = g.map((row) => row.findIndex((c) => c.verdict === 'collapses'));
    // Rows run from the lowest rate up: the first collapsing backlog never moves right as the rate grows.
    for (let i = 1; i < firstCollapse.length; i++)
      expect(firstCollapse[i]!).toBeLessThanOrEqual(firstCollapse[i - 1]! < 0 ? Infinity : firstCollapse[i - 1]!);
  });

  it('the fix recovers in every cell; reducing the load recovers too, more slowly', () => {
    expect(verdicts('queue-size-limit')).toEqual(new Set(['recovers']));
    expect(verdicts('reduce-load').has('collapses')).toBe(false);
    const fix = grid('queue-size-limit').flat();
    const reduce = grid('reduce-load').flat();
    expect(reduce.some((c, i) => (c.time ?? Infinity) > (fix[i]!.time ?? Infinity))).toBe(true);
  });
});

describe('network-manager: the README agrees with the model', () => {
  const readme = readFileSync(new URL('../../models/network-manager/README.md', import.meta.url), 'utf8');

  it('lists every parameter with its default', () => {
    for (const [name, spec] of Object.entries(nm.model.params))
      expect(readme).toMatch(new RegExp(`\\| \`${name}\` \\| ${spec.default} \\|`));
  });

  it("gives every variant's expected outcomes as the manifest does", () => {
    for (const v of Object.keys(nm.model.variants)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${v}\` |`));
      expect(row, v).toBeDefined();
      const cells = row!.split('|').map((c) => c.trim());
      for (const [i, property] of [
        [3, 'propagation-delay-recovers'],
        [4, 'instances-reachable-within-bound'],
      ] as const) {
        const expected = nm.manifest!.outcomes.find((o) => o.variant === v && o.property === property)!.expect;
        expect(cells[i], `${v} / ${property}`).toMatch(expected === 'holds' ? /^✓ holds/ : /^✗ counterexample/);
      }
    }
  });
});
