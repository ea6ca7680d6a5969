/**
 * NLB beyond its defaults (models/nlb/manifest.json, configurations): two zones under stressed
 * health checkers — slow checkers, costly DNS updates, results stale at once — where velocity
 * control must still hold zones out by a cap (not a rate) and keep the capacity the load needs.
 * Hunted with the manifest's budgets, as racehunt all judges them. Deep tier.
 */
import { fromCatalog, withOutcomes } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';

describeManifest(withOutcomes(fromCatalog(catalog, 'nlb'), (o) => o.configuration !== undefined));
