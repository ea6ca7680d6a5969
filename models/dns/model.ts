/**
 * DynamoDB's DNS management automation in us-east-1, October 2025: a DNS Planner publishing
 * generations of one regional plan, three DNS Enactors applying them to Route53 endpoint by
 * endpoint without coordination, and the plan clean-up that deleted the plan a delayed enactor had
 * just made active, leaving dynamodb.us-east-1.amazonaws.com with no IP addresses.
 *
 * "The root cause of this issue was a latent race condition in the DynamoDB DNS management system
 * that resulted in an incorrect empty DNS record for the service's regional endpoint
 * (dynamodb.us-east-1.amazonaws.com) that the automation failed to repair."
 *
 * The actors are in planner.ts, enactor.ts, cleanup.ts and operator.ts, the claims in
 * properties.ts, the fixes in variants.ts; README.md tells the story and what is simplified.
 */
import { enactorChecksPlansInUse, enactorCleansUpOldPlans, enactorDeletesCheckedPlans } from './cleanup.ts';
import {
  enactorAppliesPlanToEndpoint,
  enactorLocksEndpoint,
  enactorMarksPlanInUse,
  enactorPicksLatestPlan,
  enactorTakesNextPlan,
} from './enactor.ts';
import { kit } from './kit.ts';
import { operatorRestoresEndpoint } from './operator.ts';
import { plannerPublishesPlan } from './planner.ts';
import {
  automationRecovers,
  cleanupDeletesAPlan,
  commitsAdvance,
  enactorBlocked,
  enactorOvertaken,
  endpointNeverEmpty,
  noStaleOverwrite,
  operatorRestoresService,
  plansInUseKept,
} from './properties.ts';
import {
  ENDPOINT_NAMES,
  OPERATOR,
  PLANNER,
  enactorName,
  endpointName,
  lastGeneration,
  recordsOf,
  type DnsState,
} from './state.ts';
import { canonical } from './symmetry.ts';
import { variants } from './variants.ts';

export const dns = kit.model({
  name: 'dns',
  title: "DynamoDB's DNS Planner and Enactors (us-east-1, October 2025)",
  doc: "A delayed enactor applies a stale plan to the regional endpoint just as another enactor's clean-up deletes that plan: the endpoint resolves to nothing, and no enactor can update it again.",
  params: {
    enactors: { default: 3, min: 1, max: 5, doc: 'DNS Enactors, one per Availability Zone' },
    endpoints: {
      default: 4,
      min: 1,
      max: ENDPOINT_NAMES.length,
      doc: 'endpoints served by the one regional plan, the public regional endpoint first',
    },
    window: {
      default: 5,
      min: 1,
      max: 40,
      doc: 'clean-up deletes plans more than this many generations older than the one just applied (the planner publishes window + 3)',
    },
  },
  variants,
  // A healthy start: plan 1 is in the store and every endpoint serves it.
  init: ({ params }): DnsState => ({
    latest: 1,
    plans: { 1: recordsOf(1) },
    queue: [],
    route53: Array.from({ length: params.endpoints }, (_, i) => ({
      name: endpointName(i),
      plan: 1,
      records: recordsOf(1),
      replaced: null,
      lock: null,
    })),
    enactors: Array.from({ length: params.enactors }, () => ({
      phase: 'idle' as const,
      plan: null,
      next: 0,
      marked: false,
      doomed: null,
    })),
  }),
  actions: [
    plannerPublishesPlan,
    enactorPicksLatestPlan,
    enactorTakesNextPlan,
    enactorMarksPlanInUse,
    enactorLocksEndpoint,
    enactorAppliesPlanToEndpoint,
    enactorCleansUpOldPlans,
    enactorChecksPlansInUse,
    enactorDeletesCheckedPlans,
    operatorRestoresEndpoint,
  ],
  properties: [
    endpointNeverEmpty,
    noStaleOverwrite,
    commitsAdvance,
    plansInUseKept,
    automationRecovers,
    enactorOvertaken,
    enactorBlocked,
    cleanupDeletesAPlan,
    operatorRestoresService,
  ],
  actors: ({ params }) => [PLANNER, ...Array.from({ length: params.enactors }, (_, i) => enactorName(i + 1)), OPERATOR],
  canonical: (s) => canonical(s),
  // Done: the planner has published its last plan, and every enactor is idle with nothing left to
  // take (the model bounds the planner, so that its state space is finite).
  ends: (s, { params }) =>
    s.latest === lastGeneration(params) && s.queue.length === 0 && s.enactors.every((e) => e.phase === 'idle'),
});
