/**
 * EC2's DropletWorkflow Manager (DWFM) after the DynamoDB outage of October 2025: droplets lose
 * their leases while DynamoDB is down, and once it is back the DWFM host drowns in lease work that
 * times out before it is done — a metastable failure that outlives its trigger.
 *
 * "DWFM began the process of reestablishing leases with droplets across the EC2 fleet; however,
 * due to the large number of droplets, efforts to establish new droplet leases took long enough
 * that the work could not be completed before they timed out. Additional work was queued to
 * reattempt establishing the droplet lease. At this point, DWFM had entered a state of congestive
 * collapse and was unable to make forward progress in recovering droplet leases."
 *
 * The state is in state.ts, the rules in rules.ts and tick.ts, the scheduled steps in actions.ts,
 * the claims in properties.ts, the remedies in variants.ts; README.md tells the story.
 */
import {
  CUSTOMER,
  DYNAMODB,
  HOST,
  OPERATORS,
  TIME,
  customerLaunchesInstance,
  dwfmTakesOverFleet,
  dynamoDbGoesDown,
  operatorsRelaxThrottle,
  operatorsThrottleAndRestartHost,
  timePasses,
} from './actions.ts';
import { kit, time } from './kit.ts';
import {
  allLeasesExpired,
  backlogDrained,
  goodputNotZero,
  launchesSucceedAfterRecovery,
  lateLaunchJudged,
  launchesSucceedAgain,
  leasesMakeProgress,
  throttleCycleCompleted,
  queueServableInTime,
  restartThrottles,
  staleWorkDiscarded,
  throttleRelaxedAfterRecovery,
} from './properties.ts';
import { attemptCost } from './rules.ts';
import { activeLeases, backlog, emptyState, queued, staleQueued } from './state.ts';
import { variants } from './variants.ts';

export const dwfm = kit.model({
  name: 'dwfm',
  title: "EC2's DropletWorkflow Manager after the DynamoDB outage (us-east-1, October 2025)",
  doc: 'Leases time out while DynamoDB is down; once it is back, lease work times out in the queue faster than the host completes it, and the host stays busy establishing nothing.',
  params: {
    maxDroplets: { default: 8, min: 1, max: 64, doc: 'largest fleet a hunt draws (droplets managed by one DWFM host)' },
    maxCapacity: { default: 3, min: 1, max: 16, doc: 'largest host capacity a hunt draws, in work units per tick' },
    maxTimeout: { default: 3, min: 1, max: 16, doc: 'longest request timeout a hunt draws, in ticks' },
    maxOutage: { default: 8, min: 1, max: 64, doc: 'longest DynamoDB outage a hunt draws, in ticks' },
    outages: { default: 1, min: 0, max: 4, doc: 'DynamoDB outages a run may have' },
    checkEvery: { default: 2, min: 1, max: 16, doc: 'a droplet is state-checked every this many ticks' },
    leaseTicks: {
      default: 3,
      min: 2,
      max: 64,
      doc: 'a lease lasts this many ticks after the check that renewed it (must exceed checkEvery)',
    },
    knee: { default: 8, min: 1, max: 1_000_000, doc: 'an attempt costs one more work unit per this many queued items' },
    maxBackoff: { default: 16, min: 1, max: 1024, doc: 'backoff-jitter: longest backoff, in ticks' },
    react: { default: 2, min: 1, max: 64, doc: 'throttled-restart: ticks of stalled lease work before operators act' },
    window: {
      default: 8,
      min: 1,
      max: 256,
      doc: 'progress claims: a lease must be established in every window of this many ticks',
    },
    recoveryFactor: {
      default: 4,
      min: 1,
      max: 64,
      doc: 'leases-make-progress: every lease back within this many times the fastest possible recovery',
    },
  },
  variants,
  init: () => emptyState(),
  actions: [
    dwfmTakesOverFleet,
    timePasses,
    dynamoDbGoesDown,
    customerLaunchesInstance,
    operatorsThrottleAndRestartHost,
    operatorsRelaxThrottle,
  ],
  properties: [
    leasesMakeProgress,
    goodputNotZero,
    launchesSucceedAfterRecovery,
    throttleRelaxedAfterRecovery,
    queueServableInTime,
    restartThrottles,
    staleWorkDiscarded,
    allLeasesExpired,
    backlogDrained,
    launchesSucceedAgain,
    throttleCycleCompleted,
    lateLaunchJudged,
  ],
  // A tick is the model's time; between two ticks only a few steps fit (kit.time).
  clock: time.clock,
  actors: () => [TIME, HOST, DYNAMODB, CUSTOMER, OPERATORS],
  // A timed model reads best as a per-tick table: what the queue held, what the host got done.
  columns: [
    { name: 'tick', value: (s) => s.tick },
    { name: 'DynamoDB', value: (s) => (s.fleet === null ? '' : s.dynamo.up ? 'up' : 'down') },
    { name: 'leases', value: (s) => (s.fleet === null ? '' : `${activeLeases(s)}/${s.fleet.droplets}`) },
    { name: 'queue', value: (s) => backlog(s) },
    { name: 'stale', value: (s) => staleQueued(s) },
    { name: 'cost', value: (s, { params }) => attemptCost(queued(s), params.knee) },
    { name: 'established', value: (s) => s.last.established },
    { name: 'wasted', value: (s) => s.last.wasted },
  ],
});
