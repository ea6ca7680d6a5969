/**
 * Network Manager (models/network-manager) checked exhaustively at its default parameters: the
 * state count of every variant, the shortest counterexamples the hunts must equal, and the proofs
 * of what holds (every run ends at the horizon, so the state space is finite); the same at the
 * manifest's stressed configurations (knees below the capacity, where the fixes' assumption breaks),
 * which are hunted here too. Several minutes on a 2-core machine.
 */
import { describe } from 'vitest';
import { fromCatalog, withOutcomes } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { itMatchesGroundTruth } from './ground-truth.ts';

const nm = fromCatalog(catalog, 'network-manager');

describe('network-manager: ground truth from the explorer', () => {
  for (const variant of Object.keys(nm.model.variants)) itMatchesGroundTruth(nm, variant);
});

describe("network-manager: ground truth at the manifest's stressed configurations", () => {
  for (const c of nm.manifest!.configurations)
    for (const variant of new Set(c.outcomes.map((o) => o.variant))) itMatchesGroundTruth(nm, variant, c);
});

// The same configurations hunted with their budgets, as racehunt all judges them.
describeManifest(withOutcomes(nm, (o) => o.configuration !== undefined));
