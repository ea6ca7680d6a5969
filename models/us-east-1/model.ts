/**
 * The us-east-1 Region on the night of 19–20 October 2025, as four systems composed: DynamoDB's
 * DNS automation (models/dns), EC2's DropletWorkflow Manager (models/dwfm), Network Manager
 * (models/network-manager) and one Network Load Balancer (models/nlb), each depending on the one
 * before through one narrow interface (links.ts), on a shared clock of minutes.
 *
 * "While the event started at 11:48 PM PDT on October 19 and ended at 2:20 PM PDT on October 20,
 * there were three distinct periods of impact to customer applications."
 *
 * The parts and parameters are in kit.ts, the links in links.ts, the shared minute in tick.ts, the
 * operators in operators.ts, the claims in properties.ts; README.md tells the story and
 * scenario.ts replays the night.
 */
import { takeOverFleet } from '../dwfm/tick.ts';
import { activeLeases } from '../dwfm/state.ts';
import { propagationDelay, unreachable } from '../network-manager/state.ts';
import { startAtNormalLoad } from '../network-manager/tick.ts';
import { healthyCapacity, zonesOut } from '../nlb/state.ts';
import type { Draft } from 'immer';
import { dnsPart, dwfmPart, dwfmRules, kit, nlbPart, nmPart, type RegionCtx } from './kit.ts';
import { dnsAutomation, dnsRunDone, enactorCatchesUp, enactorIsDelayed } from './dns.ts';
import { dynamodbReachable } from './links.ts';
import {
  OPERATORS,
  anyDue,
  operatorRestoresEndpoint,
  operatorsDisableNlbFailover,
  operatorsReduceNetworkManagerLoad,
  operatorsReenableNlbFailover,
  operatorsRelaxThrottles,
  operatorsRestoreNetworkManagerLoad,
  operatorsThrottleAndRestartDwfm,
} from './operators.ts';
import {
  dynamodbImpactEnds,
  ec2ImpactEnds,
  failoverReenabled,
  nlbImpactEnds,
  nmLoadReductionLifted,
  threePeriodsInOrder,
  throttleLifted,
} from './properties.ts';
import { NO_INTERVENTION, NO_PERIOD, type RegionState } from './state.ts';
import { minutePasses } from './tick.ts';
import { variants } from './variants.ts';

export const TIME = 'time';
const EC2 = 'EC2';

const param = (def: number, min: number, max: number, doc: string) => ({ default: def, min, max, doc });

/** A healthy Region: every system in its own initial state, DWFM holding every lease, Network Manager at its normal load. */
function healthyRegion(ctx: RegionCtx): RegionState {
  const { params } = ctx;
  const dwfm = structuredClone(dwfmPart.init(ctx)) as Draft<RegionState['dwfm']>;
  takeOverFleet(
    dwfm,
    { droplets: params.droplets, capacity: params.dwfmCapacity, timeout: params.leaseTimeout },
    dwfmRules(ctx),
  );
  const nm = structuredClone(nmPart.init(ctx)) as Draft<RegionState['nm']>;
  startAtNormalLoad(nm, { capacity: params.nmCapacity, rate: params.changeRate });
  const nlb = nlbPart.init(ctx);
  return {
    minute: 0,
    dns: dnsPart.init(ctx),
    dnsDelay: { enactor: null, happened: false },
    dwfm,
    nm,
    nlb,
    ec2: {
      lastUnreachable: null,
      held: 0,
      launchesFailed: false,
      throttle: 100,
      relaxingSince: null,
      launchedAt: nlb.targets.map(() => null),
    },
    ops: {
      repair: NO_INTERVENTION,
      restart: NO_INTERVENTION,
      reduce: NO_INTERVENTION,
      disable: NO_INTERVENTION,
      relax: NO_INTERVENTION,
      reenable: NO_INTERVENTION,
    },
    periods: { dynamodb: NO_PERIOD, ec2: NO_PERIOD, nlb: NO_PERIOD },
  };
}

export const timePasses = kit.action({
  name: 'timePasses',
  doc: 'One minute: DWFM, Network Manager and the NLB each take their tick, each reading its input from the one before.',
  actor: TIME,
  // The first minute passes once the DNS automation's run is over; every minute waits for operators who are due.
  when: (s, _a, ctx) => s.minute < ctx.params.horizon && !anyDue(s, ctx) && (s.minute > 0 || dnsRunDone(s, ctx)),
  step: (d, _a, ctx) => minutePasses(d, ctx),
  describe: (_before, _a, after) => describeMinute(after),
});

function describeMinute(s: RegionState): string {
  const parts = [
    dynamodbReachable(s.dns) ? 'DynamoDB up' : 'DynamoDB unreachable',
    `${activeLeases(s.dwfm)}/${s.dwfm.fleet?.droplets ?? 0} leases`,
    `${unreachable(s.nm)} instances without network state (delay ${propagationDelay(s.nm)})`,
    `NLB capacity ${healthyCapacity(s.nlb)}${zonesOut(s.nlb) > 0 ? ` (${zonesOut(s.nlb)} zone${zonesOut(s.nlb) === 1 ? '' : 's'} out of DNS)` : ''}`,
  ];
  if (s.ec2.held > 0) parts.push(`${s.ec2.held} changes held`);
  if (s.ec2.throttle < 100) parts.push(`throttle ${s.ec2.throttle}%`);
  return `minute ${s.minute}: ${parts.join(', ')}`;
}

export const region = kit.model({
  name: 'us-east-1',
  title: 'The us-east-1 Region, 19–20 October 2025: DNS, DWFM, Network Manager and NLB composed',
  doc: "DynamoDB's DNS race empties its endpoint; DWFM's leases lapse and its queue collapses; the changes it held back swamp Network Manager; NLB health checks flap on instances without network state.",
  params: {
    dnsEnactors: param(2, 1, 5, 'DNS Enactors'),
    dnsEndpoints: param(1, 1, 6, 'endpoints the DNS plan serves (the regional one first)'),
    dnsWindow: param(1, 1, 40, 'DNS clean-up deletes plans more than this many generations older'),
    cacheTtl: param(1, 0, 1440, 'minutes resolvers keep the empty answer after the record is repaired'),
    droplets: param(4, 1, 100_000_000, 'droplets in the fleet'),
    dwfmCapacity: param(1, 1, 1_000_000_000, 'lease work units DWFM completes per minute'),
    leaseTimeout: param(1, 1, 1440, 'minutes a droplet waits on a lease request before asking again'),
    checkEvery: param(2, 1, 16, "minutes between a droplet's state checks"),
    leaseTicks: param(3, 2, 64, 'minutes a lease outlives its last successful state check'),
    dwfmKnee: param(8, 1, 1_000_000, 'queued items per extra work unit of a DWFM attempt'),
    changeRate: param(2, 1, 1_000_000_000, 'instance state changes a minute that need network propagation'),
    throttlePercent: param(50, 0, 100, "share of requests EC2's request throttle lets through"),
    relaxMinutes: param(2, 0, 1440, 'minutes over which operators open the request throttle'),
    nmCapacity: param(3, 2, 1_000_000_000, 'work units Network Manager completes per minute'),
    nmKnee: param(2, 1, 1_000_000, 'queued propagations per extra work unit of one'),
    normalDelay: param(1, 0, 64, 'a propagation delay of at most this many minutes is normal'),
    reducedPercent: param(0, 0, 100, 'share of work let through to Network Manager while operators reduce its load'),
    accelerationPercent: param(
      0,
      0,
      10_000,
      "extra Network Manager capacity, in percent, once operators act on it ('took action to accelerate recovery')",
    ),
    zones: param(3, 2, 4, "the NLB's Availability Zones"),
    existingTargets: param(2, 1, 4, 'targets per zone launched before the event'),
    newTargets: param(2, 0, 4, 'slots per zone for new instances'),
    load: param(4, 1, 16, "healthy capacity (targets) the NLB's load needs"),
    checkerCapacity: param(3, 1, 64, "work units a zone's health checkers complete per minute"),
    failCost: param(3, 1, 16, 'work units of a failing health check'),
    changeCost: param(2, 0, 16, 'work units of the DNS update a check result causes'),
    staleAfter: param(1, 0, 16, 'a check result older than this many minutes is stale'),
    repairAfter: param(3, 0, 1440, 'minutes the DNS record stays broken before operators repair it'),
    restartAfter: param(2, 0, 1440, 'minutes of DWFM stall before operators throttle and restart it'),
    reduceAfter: param(
      2,
      0,
      1440,
      'minutes of elevated propagation delay before operators reduce the load on Network Manager',
    ),
    disableAfter: param(2, 0, 1440, 'minutes of NLB connection errors before operators disable health-check failover'),
    relaxAfter: param(1, 0, 1440, 'minutes of normal propagation before operators begin relaxing the request throttle'),
    reenableAfter: param(1, 0, 1440, 'minutes of EC2 recovery before operators re-enable health-check failover'),
    dynamodbBound: param(8, 1, 100_000, 'dynamodb-impact-ends: minutes a DynamoDB outage may last'),
    ec2Bound: param(40, 1, 100_000, 'ec2-impact-ends: minutes EC2 impact may last'),
    nlbBound: param(8, 1, 100_000, 'nlb-impact-ends: minutes NLB connection errors may last'),
    settle: param(6, 1, 1440, 'a period of impact is over after this many quiet minutes'),
    horizon: param(60, 1, 1000, 'minutes a run lasts'),
  },
  variants,
  init: healthyRegion,
  actions: [
    ...dnsAutomation,
    enactorIsDelayed,
    enactorCatchesUp,
    timePasses,
    operatorRestoresEndpoint,
    operatorsThrottleAndRestartDwfm,
    operatorsReduceNetworkManagerLoad,
    operatorsRestoreNetworkManagerLoad,
    operatorsDisableNlbFailover,
    operatorsRelaxThrottles,
    operatorsReenableNlbFailover,
  ],
  properties: [
    dnsPart.property('endpoint-never-empty'),
    dynamodbImpactEnds,
    ec2ImpactEnds,
    nlbImpactEnds,
    throttleLifted,
    failoverReenabled,
    nmLoadReductionLifted,
    threePeriodsInOrder,
    kit.clocksInStep([dwfmPart, nmPart, nlbPart], (s) => s.minute),
  ],
  actors: ({ params }) => [
    'DNS Planner',
    ...Array.from({ length: params.dnsEnactors }, (_, i) => `enactor ${i + 1}`),
    TIME,
    EC2,
    OPERATORS,
    'operator',
  ],
  ends: (s, { params }) => s.minute >= params.horizon,
  // Between two minutes: the DNS automation's steps (bounded by its planner's generations) and the operators'.
  clock: {
    now: (s) => s.minute,
    zeno: ({ params }) => 4 * (params.dnsWindow + 3) * params.dnsEnactors * (params.dnsEndpoints + 2) + 16,
  },
  columns: [
    { name: 'minute', value: (s) => s.minute },
    { name: 'DynamoDB', value: (s) => (dynamodbReachable(s.dns) ? 'up' : 'down') },
    { name: 'leases', value: (s) => `${activeLeases(s.dwfm)}/${s.dwfm.fleet?.droplets ?? 0}` },
    { name: 'held', value: (s) => s.ec2.held },
    { name: 'unpropagated', value: (s) => unreachable(s.nm) },
    { name: 'delay', value: (s) => propagationDelay(s.nm) },
    { name: 'NLB', value: (s) => `${healthyCapacity(s.nlb)}${zonesOut(s.nlb) > 0 ? ` (-${zonesOut(s.nlb)}az)` : ''}` },
  ],
});
