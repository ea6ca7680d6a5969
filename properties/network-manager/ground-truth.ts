/**
 * The explorer's ground truth pinned in a manifest (`shortest`, `proved`, `reachable`), asserted
 * variant by variant: one exhaustive search of the model alone at its default parameters gives
 * the state count and every property's shortest trace or proof (and, for a configuration of the
 * manifest, the same at its parameters). Shared by the timed models whose runs end
 * (network-manager, nlb).
 */
import { expect, it } from 'vitest';
import { configure, explore, type Configuration, type LoadedModel } from '../../engine/index.ts';

export function itMatchesGroundTruth(m: LoadedModel, variant: string, configuration?: Configuration): void {
  const manifest = m.manifest!;
  const outcomes = (configuration?.outcomes ?? manifest.outcomes).filter((o) => o.variant === variant);
  const at = configuration ? ` [${configuration.name}]` : '';
  it(`${variant}${at}: the explorer's state count, shortest traces and proofs are the manifest's`, () => {
    const r = explore(configure(m.model, variant, configuration?.params ?? {}), { exhaust: true, symmetry: false });
    expect(r.complete, 'the search must cover every reachable state').toBe(true);
    if (!configuration && manifest.reachable[variant] !== undefined)
      expect(r.modelStates).toBe(manifest.reachable[variant]);
    for (const o of outcomes) {
      const p = r.properties.find((x) => x.name === o.property)!;
      const found = o.expect === 'holds' ? 'holds' : o.expect;
      expect(p.outcome, `${variant}${at} / ${o.property}`).toBe(found);
      if (o.shortest !== undefined) expect(p.steps, `${variant}${at} / ${o.property}: shortest`).toBe(o.shortest);
      if (o.proved) expect(p.outcome, `${variant}${at} / ${o.property}: proved`).toBe('holds');
    }
  });
}
