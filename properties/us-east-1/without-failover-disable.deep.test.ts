/**
 * Leaving out one documented mitigation (models/us-east-1, without-failover-disable): the NLB period of impact does not
 * end within its bound — hunted (PCT, seed 20251019) and shrunk to the explorer's shortest — and
 * the same trace on as-2025 stops where operators act. About 15–20 s on a 2-core machine.
 */
import { describeWithout } from './without-mitigation.ts';

describeWithout('without-failover-disable', 'nlb-impact-ends', 'operatorsDisableNlbFailover');
