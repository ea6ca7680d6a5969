/**
 * The deep zoo: protocols from the literature at configurations the size of a real deployment, each
 * with a bug whose shortest counterexample lies behind more than 100,000 breadth-first states, and
 * its fix (models/deep/README.md). Not in racehunt's catalog: their hunts spend the default budget
 * (about ten seconds each), which `npm start` and `npm test` should not; the deep tier and
 * `npm run bench:strategies` hunt them.
 */
import type { Catalog } from '../../engine/index.ts';
import * as bakery from './bakery/index.ts';
import * as filterLock from './filter-lock/index.ts';
import * as paxos from './paxos/index.ts';
import * as raftLog from './raft-log/index.ts';
import * as snapshot from './snapshot/index.ts';
import * as szymanski from './szymanski/index.ts';
import * as tokenRing from './token-ring/index.ts';
import * as twoPhaseLocking from './two-phase-locking/index.ts';

export const deep: Catalog = {
  bakery,
  'filter-lock': filterLock,
  paxos,
  'raft-log': raftLog,
  snapshot,
  szymanski,
  'token-ring': tokenRing,
  'two-phase-locking': twoPhaseLocking,
};
