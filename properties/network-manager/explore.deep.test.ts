/**
 * Network Manager (models/network-manager) checked exhaustively at its default parameters: the
 * state count of every variant, the shortest counterexamples the hunts must equal, and the proofs
 * of what holds (every run ends at the horizon, so the state space is finite). About 9 s.
 */
import { describe } from 'vitest';
import { fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { itMatchesGroundTruth } from './ground-truth.ts';

const nm = fromCatalog(catalog, 'network-manager');

describe('network-manager: ground truth from the explorer', () => {
  for (const variant of Object.keys(nm.model.variants)) itMatchesGroundTruth(nm, variant);
});
