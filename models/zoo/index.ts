/**
 * The zoo: small buggy models from the concurrency-bug literature, each written from its published
 * description, with a buggy and a fixed variant. Nobody tuned racehunt's hunts for them, which is
 * what they are for: a corpus to measure a default hunt against (models/zoo/README.md).
 */
import type { Catalog } from '../../engine/index.ts';
import * as abaStack from './aba-stack/index.ts';
import * as bankTransfer from './bank-transfer/index.ts';
import * as boundedBuffer from './bounded-buffer/index.ts';
import * as diningPhilosophers from './dining-philosophers/index.ts';
import * as doubleCheckedLocking from './double-checked-locking/index.ts';
import * as lostUpdateKv from './lost-update-kv/index.ts';
import * as overdraft from './overdraft/index.ts';
import * as peterson from './peterson/index.ts';
import * as planPipeline from './plan-pipeline/index.ts';
import * as retryStorm from './retry-storm/index.ts';
import * as sleepWakeup from './sleep-wakeup/index.ts';
import * as splitBrain from './split-brain/index.ts';
import * as staleCache from './stale-cache/index.ts';
import * as twoPhaseCommit from './two-phase-commit/index.ts';

export const zoo: Catalog = {
  'aba-stack': abaStack,
  'bank-transfer': bankTransfer,
  'bounded-buffer': boundedBuffer,
  'dining-philosophers': diningPhilosophers,
  'double-checked-locking': doubleCheckedLocking,
  'lost-update-kv': lostUpdateKv,
  overdraft,
  peterson,
  'plan-pipeline': planPipeline,
  'retry-storm': retryStorm,
  'sleep-wakeup': sleepWakeup,
  'split-brain': splitBrain,
  'stale-cache': staleCache,
  'two-phase-commit': twoPhaseCommit,
};
