/**
 * The expected outcomes of the zoo's shared-memory models (threads, locks, condition variables,
 * lock-free code), each hunted at its manifest's budget: models/zoo/<name>/manifest.json.
 */
import { fromCatalog } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { threadModels } from './groups.ts';

for (const name of threadModels) describeManifest(fromCatalog(catalog, name));
