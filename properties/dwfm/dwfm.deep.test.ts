/**
 * Deep tier (`npm run test:deep`): every expected outcome of DWFM hunted with its manifest budget,
 * each counterexample pinned byte for byte to its committed trace. outcomes.deep.test.ts
 * asserts the same outcomes exhaustively on small fleets and replays the traces.
 */
import { fromCatalog } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';

describeManifest(fromCatalog(catalog, 'dwfm'));
