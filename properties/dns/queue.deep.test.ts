/**
 * Deep tier (`npm run test:deep`): every expected outcome of DNS's queue link hunted with its
 * manifest budget, each counterexample pinned byte for byte to its committed trace. The fast tier
 * (queue.test.ts) asserts the same outcomes exhaustively at small parameters and replays the traces.
 * A few minutes on a 2-core machine.
 */
import { fromCatalog } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { onLink } from './links.ts';
import { describeShortestRace } from './shortest-race.ts';

describeManifest(onLink(fromCatalog(catalog, 'dns'), 'queue'));

/** The race's depth on both links at the configurations that take the explorer seconds each. */
describeShortestRace([
  { variant: 'as-2025', enactors: 3, endpoints: 2, window: 1 },
  { variant: 'as-2025-queue', enactors: 2, endpoints: 1, window: 3 },
  { variant: 'as-2025-queue', enactors: 2, endpoints: 2, window: 2 },
  { variant: 'as-2025-queue', enactors: 3, endpoints: 2, window: 2 },
]);
