/**
 * Deep tier (`npm run test:deep`): every expected outcome of DNS's stack link hunted with its
 * manifest budget, each counterexample pinned byte for byte to its committed trace. The fast tier
 * (dns.test.ts) asserts the same outcomes exhaustively at small parameters and replays the traces.
 * A few minutes on a 2-core machine.
 */
import { fromCatalog } from '../../engine/index.ts';
import { describeManifest } from '../../engine/vitest.ts';
import { catalog } from '../../models/index.ts';
import { onLink } from './links.ts';

describeManifest(onLink(fromCatalog(catalog, 'dns'), 'stack'));
