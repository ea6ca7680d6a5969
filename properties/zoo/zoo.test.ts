/**
 * The zoo's ground truth, pinned in each manifest and checked here against the exhaustive
 * explorer at the default parameters: the reachable states of every variant, the length of the
 * shortest counterexample or witness of every outcome that is found, and a proof of every "holds".
 * A change in any of them is a change in what a model can do; if it was intended, print the new
 * numbers with `node --import tsx bench/zoo-truth.ts <model>` and update the manifest. The READMEs
 * quote these numbers; they are checked against the manifests too.
 *
 * The same exploration checks each model's `ends`: a state where no step is enabled and that is not
 * a declared end is a deadlock (what the engine's coming deadlock check will report). It must be
 * exactly what the model's own `no-deadlock` property says (found at the same depth, or nowhere),
 * and a model without that property may only get stuck where the manifest expects its `recovers`
 * property to fail.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog, type AnyModel, type Property } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { zoo } from '../../models/zoo/index.ts';
import { systemModels, threadModels } from './groups.ts';
import { groundTruthTable, zooCells } from './tables.ts';

const zooReadme = readFileSync('models/zoo/README.md', 'utf8');

const STUCK = 'stuck-outside-an-end';

/** The model with one more witness: a state where no step is enabled and that `ends` does not declare an end. */
function withStuckWitness(model: AnyModel, variant: string): AnyModel {
  const inst = configure(model, variant);
  const stuck: Property<unknown, Record<string, number>, unknown> = {
    kind: 'sometimes',
    name: STUCK,
    doc: 'no step is enabled, and the state is not a declared end',
    reached: (s, ctx) => inst.choices(s).length === 0 && !(model.ends?.(s, ctx) ?? false),
    applies: () => true,
  };
  return { ...model, properties: [...model.properties, stuck] };
}

it('every zoo model is in the catalog, and its manifest is hunted by threads.test.ts or systems.test.ts', () => {
  expect([...threadModels, ...systemModels].sort()).toEqual(Object.keys(zoo).sort());
  for (const name of Object.keys(zoo)) expect(catalog[name], name).toBe(zoo[name]);
});

describe.each(Object.keys(zoo))('%s', (name) => {
  const m = fromCatalog(catalog, name);
  const manifest = m.manifest!;

  it('pins reachable states for every variant, and shortest or proved for every outcome', () => {
    expect(Object.keys(manifest.reachable).sort()).toEqual(Object.keys(m.model.variants).sort());
    for (const o of manifest.outcomes) {
      if (o.expect === 'holds') expect(o.proved, `${o.variant} / ${o.property}`).toBe(true);
      else expect(o.shortest, `${o.variant} / ${o.property}`).toBeTypeOf('number');
    }
    // Every model has a bug and a fix: a counterexample somewhere, and a variant where all it lists holds.
    expect(manifest.outcomes.some((o) => o.expect === 'counterexample')).toBe(true);
    expect(
      Object.keys(m.model.variants).some(
        (v) =>
          manifest.outcomes.some((o) => o.variant === v && o.expect === 'holds') &&
          !manifest.outcomes.some((o) => o.variant === v && o.expect === 'counterexample'),
      ),
    ).toBe(true);
  });

  it.each(Object.keys(m.model.variants))('%s: the explorer agrees with the manifest and the ends', (variant) => {
    // No zoo model has a progress monitor, so the states explored with properties are the model's own.
    expect(m.model.properties.some((p) => p.kind === 'progress' && p.form === 'monitor')).toBe(false);
    const r = explore(configure(withStuckWitness(m.model, variant), variant), {
      exhaust: true,
      symmetry: false,
      modelRef: name,
    });
    expect(r.complete).toBe(true);
    expect(r.modelStates).toBe(manifest.reachable[variant]);
    for (const o of manifest.outcomes.filter((x) => x.variant === variant)) {
      const p = r.properties.find((x) => x.name === o.property)!;
      const where = `${variant} / ${o.property}`;
      expect(p.outcome, where).toBe(o.expect);
      if (o.expect !== 'holds') expect(p.steps, where).toBe(o.shortest);
    }
    const stuck = r.properties.find((x) => x.name === STUCK)!;
    const deadlock = r.properties.find((x) => x.name === 'no-deadlock');
    if (deadlock) {
      expect(stuck.outcome, `${variant}: stuck states vs no-deadlock`).toBe(
        deadlock.outcome === 'counterexample' ? 'reached' : 'unreached',
      );
      expect(stuck.steps, `${variant}: the first stuck state vs no-deadlock's counterexample`).toBe(deadlock.steps);
    } else if (stuck.outcome === 'reached') {
      const recovers = manifest.outcomes.filter(
        (o) =>
          o.variant === variant &&
          o.expect === 'counterexample' &&
          m.model.properties.some((p) => p.name === o.property && p.kind === 'progress'),
      );
      expect(
        recovers.map((o) => o.property),
        `${variant} gets stuck outside its ends (after ${stuck.steps} steps) but expects no progress property to fail`,
      ).not.toEqual([]);
    }
  });

  it('its README quotes the ground truth as the manifest pins it', () => {
    const table = groundTruthTable(m);
    expect(
      readFileSync(`models/zoo/${name}/README.md`, 'utf8'),
      `models/zoo/${name}/README.md should contain:\n${table}`,
    ).toContain(table);
    const row = zooReadme.split('\n').find((l) => l.startsWith(`| [${name}](${name}/README.md) |`));
    const cells = zooCells(m);
    expect(row, `models/zoo/README.md has no row for ${name}`).toBeDefined();
    expect(row, `models/zoo/README.md's row for ${name} should show ${cells.shortest}`).toContain(cells.shortest);
    expect(row, `models/zoo/README.md's row for ${name} should show ${cells.reachable}`).toContain(cells.reachable);
  });
});
