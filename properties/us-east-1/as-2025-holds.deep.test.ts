/**
 * With every documented intervention (models/us-east-1, as-2025), each period of impact ends within
 * its bound: hunted here (PCT, 40 runs, which reach the whole cascade), proved in every reachable
 * state by properties/us-east-1/explore.test.ts. About 12 s.
 */
import { describeManifest } from '../../engine/vitest.ts';
import { outcomesWhere } from './outcomes.ts';

describeManifest(outcomesWhere((o) => o.variant === 'as-2025' && o.expect === 'holds'));
