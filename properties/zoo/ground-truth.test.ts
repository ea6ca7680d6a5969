/**
 * The zoo's ground truth, pinned in each manifest and checked here against the exhaustive
 * explorer at the default parameters: the reachable states of every variant, the length of the
 * shortest counterexample or witness of every outcome that is found, and a proof of every "holds".
 * A change in any of them is a change in what a model can do; if it was intended, print the new
 * numbers with `node --import tsx bench/zoo-truth.ts <model>` and update the manifest.
 */
import { describe, expect, it } from 'vitest';
import { configure, explore, fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { zoo } from '../../models/zoo/index.ts';

describe.each(Object.keys(zoo))('%s: ground truth', (name) => {
  const m = fromCatalog(catalog, name);
  const manifest = m.manifest!;

  it('pins reachable states for every variant, and shortest or proved for every outcome', () => {
    expect(Object.keys(manifest.reachable).sort()).toEqual(Object.keys(m.model.variants).sort());
    for (const o of manifest.outcomes) {
      if (o.expect === 'holds') expect(o.proved, `${o.variant} / ${o.property}`).toBe(true);
      else expect(o.shortest, `${o.variant} / ${o.property}`).toBeTypeOf('number');
    }
  });

  it.each(Object.keys(m.model.variants))('%s: as the explorer finds it', (variant) => {
    // No zoo model has a progress monitor, so the explored states are the model's own.
    expect(m.model.properties.some((p) => p.kind === 'progress' && p.form === 'monitor')).toBe(false);
    const r = explore(configure(m.model, variant), { exhaust: true, symmetry: false, modelRef: name });
    expect(r.complete).toBe(true);
    expect(r.states).toBe(manifest.reachable[variant]);
    for (const o of manifest.outcomes.filter((x) => x.variant === variant)) {
      const p = r.properties.find((x) => x.name === o.property)!;
      const where = `${variant} / ${o.property}`;
      if (o.expect === 'holds') expect(p.outcome, where).toBe('holds');
      else {
        expect(p.outcome, where).toBe(o.expect);
        expect(p.steps, where).toBe(o.shortest);
      }
    }
  });
});
