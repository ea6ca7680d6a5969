/** Every zoo model's expected outcomes (models/zoo/<name>/manifest.json), hunted at its manifest's budget. */
import { describeManifest } from '../../engine/testing.ts';
import { fromCatalog } from '../../engine/index.ts';
import { catalog } from '../../models/index.ts';
import { zoo } from '../../models/zoo/index.ts';

for (const name of Object.keys(zoo)) describeManifest(fromCatalog(catalog, name));
