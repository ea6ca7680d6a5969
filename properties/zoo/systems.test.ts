/**
 * The expected outcomes of the zoo's distributed-system and database models (messages, crashes,
 * partitions, transactions, caches, queues), each hunted at its manifest's budget:
 * models/zoo/<name>/manifest.json.
 */
import { fromCatalog } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { systemModels } from './groups.ts';

for (const name of systemModels) describeManifest(fromCatalog(catalog, name));
