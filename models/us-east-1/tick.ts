/**
 * One minute of the Region: every system takes its own tick, in the order the cascade runs, each
 * reading its input from the one before through links.ts. The rules are the parts' own
 * (models/dwfm/tick.ts, models/network-manager/tick.ts, models/nlb/tick.ts), under the Region's
 * parameters (kit.ts); what is here is only what belongs to no system: EC2's request throttle, the
 * changes droplets without a lease hold back, and what customers saw.
 */
import type { Draft } from 'immer';
import { hasPlan } from '../dns/state.ts';
import { relaxDue } from '../dwfm/rules.ts';
import { relaxThrottle, timePasses as dwfmTick } from '../dwfm/tick.ts';
import { propagationDelay } from '../network-manager/state.ts';
import { backlogArrives, timePasses as nmTick } from '../network-manager/tick.ts';
import { healthyCapacity } from '../nlb/state.ts';
import { bringTargetIntoService, timePasses as nlbTick } from '../nlb/tick.ts';
import { dwfmRules, nlbRules, nmRules, type RegionCtx } from './kit.ts';
import {
  dwfmRecovered,
  dwfmSeesDynamoDb,
  dynamodbReachable,
  launchesSucceed,
  leasedShare,
  networkManagerCaughtUp,
  nlbTargetsGetNetworkState,
} from './links.ts';
import { ongoing, type InterventionName, type Period, type RegionState } from './state.ts';

type D = Draft<RegionState>;

export function minutePasses(d: D, ctx: RegionCtx): void {
  const { params } = ctx;
  const minute = d.minute;

  // 1. DNS → DWFM: DynamoDB is reachable while its regional endpoint resolves.
  const reachable = dynamodbReachable(d.dns);
  dwfmSeesDynamoDb(d.dwfm, reachable);
  // DWFM's own tick; its throttle on lease work lifts once every droplet holds a lease (its own rule).
  if (relaxDue(d.dwfm as RegionState['dwfm'])) relaxThrottle(d.dwfm);
  dwfmTick(d.dwfm, dwfmRules(ctx));

  // 2. DWFM → EC2 and Network Manager. Instance state changes on droplets with a lease go ahead,
  // through EC2's request throttle; those on droplets without one wait: "the droplet needing to
  // establish a new lease with a DWFM before further instance state changes could happen".
  const flowing = Math.floor(params.changeRate * leasedShare(d.dwfm as RegionState['dwfm']));
  d.ec2.held += params.changeRate - flowing;
  d.ec2.throttle = throttleNow(d as RegionState, minute, params);
  d.nm.load!.rate = Math.floor((flowing * d.ec2.throttle) / 100);
  // "At 5:28 AM PDT, shortly after the recovery of DWFM, Network Manager began propagating updated
  // network configurations […] Since these network propagation events had been delayed by the
  // issue with DWFM, a significant backlog of network state propagations needed to be processed"
  if (dwfmRecovered(d.dwfm as RegionState['dwfm']) && d.ec2.held > 0) {
    backlogArrives(d.nm, d.ec2.held, nmRules(ctx));
    d.ec2.held = 0;
  }
  // Launches that failed are retried once they succeed again, and instances land behind the NLB:
  // "the health checking subsystem bringing new EC2 instances into service while the network
  // state for those instances had not yet fully propagated". Their propagations join this minute's.
  if (!launchesSucceed(d as RegionState)) d.ec2.launchesFailed = true;
  else if (d.ec2.launchesFailed) {
    d.ec2.launchesFailed = false;
    for (let az = 0; az < d.nlb.zones.length; az++) {
      while (d.nlb.targets.some((t) => t.az === az && !t.registered))
        d.ec2.launchedAt[bringTargetIntoService(d.nlb, az, nlbRules(ctx))] = d.nm.tick + 1;
    }
  }
  nmTick(d.nm, nmRules(ctx));

  // 3. Network Manager → NLB.
  nlbTargetsGetNetworkState(d.nlb, d.ec2.launchedAt, d.nm as RegionState['nm']);
  nlbTick(d.nlb, nlbRules(ctx));

  d.minute += 1;
  if (!reachable) d.ec2.lastUnreachable = minute;
  observe(d, minute, ctx);
}

/**
 * EC2's request throttle: on since engineers "throttled incoming work" with the DWFM restart; from
 * the minute they "began relaxing request throttles" it opens linearly over `relaxMinutes`.
 */
function throttleNow(s: RegionState, minute: number, params: RegionCtx['params']): number {
  if (s.ec2.relaxingSince === null) return s.ec2.throttle;
  if (params.relaxMinutes === 0) return 100;
  const opened = Math.floor(
    ((100 - params.throttlePercent) * (minute - s.ec2.relaxingSince + 1)) / params.relaxMinutes,
  );
  return Math.min(100, params.throttlePercent + opened);
}

/** What customers saw in the minute that passed. */
export function impacts(
  s: RegionState,
  minute: number,
  ctx: RegionCtx,
): { dynamodb: boolean; ec2: boolean; nlb: boolean } {
  const { params } = ctx;
  return {
    // "Customers were able to resolve the DynamoDB endpoint and establish successful connections as
    // cached DNS records expired between 2:25 AM and 2:40 AM."
    dynamodb:
      !dynamodbReachable(s.dns) ||
      (s.ec2.lastUnreachable !== null && minute - s.ec2.lastUnreachable <= params.cacheTtl),
    // "insufficient capacity" (droplets without a lease), "request limit exceeded" (the throttle),
    // and "they would not have the necessary network connectivity" (propagation delays).
    ec2: !dwfmRecovered(s.dwfm) || s.ec2.throttle < 100 || propagationDelay(s.nm) > params.normalDelay,
    // "an application experienced increased connection errors if the remaining healthy capacity was insufficient"
    nlb: healthyCapacity(s.nlb) < params.load,
  };
}

function observe(d: D, minute: number, ctx: RegionCtx): void {
  const s = d as RegionState;
  const hit = impacts(s, minute, ctx);
  const { settle } = ctx.params;
  const mark = (p: Period, impacted: boolean): Period => {
    if (!impacted) return p;
    const fresh = p.last === null || minute - 1 - p.last >= settle;
    return { start: p.start ?? minute, episode: fresh ? minute : p.episode, last: minute };
  };
  d.periods.dynamodb = mark(s.periods.dynamodb, hit.dynamodb);
  d.periods.ec2 = mark(s.periods.ec2, hit.ec2);
  d.periods.nlb = mark(s.periods.nlb, hit.nlb);
  const now = d as RegionState;
  for (const [name, holds] of Object.entries(causes(now, ctx)) as [InterventionName, boolean][]) {
    const op = now.ops[name];
    d.ops[name] = { since: holds ? (op.since ?? minute) : null, done: op.done };
  }
}

/**
 * What each documented intervention answers, in the state the minute left behind. Operators act on
 * a cause once it has held for their reaction time (operators.ts).
 */
export function causes(s: RegionState, ctx: RegionCtx): Readonly<Record<InterventionName, boolean>> {
  const { params } = ctx;
  const delay = propagationDelay(s.nm);
  return {
    // "the system was left in an inconsistent state […] This situation ultimately required manual operator intervention"
    repair: s.dns.route53.some((ep) => !hasPlan(s.dns, ep.plan)),
    // "DWFM had entered a state of congestive collapse and was unable to make forward progress"
    restart: s.dwfm.stalledFor > 0,
    // "Network Manager started to experience increased latencies in network propagation times"
    reduce: !s.nm.reduced && delay > params.normalDelay,
    // NLB's connection errors
    disable: s.nlb.failover && ongoing(s.periods.nlb, s.minute, params.settle),
    // "As API calls and new EC2 instance launch requests stabilized, at 11:23 AM PDT our engineers began relaxing request throttles"
    relax:
      s.ec2.throttle < 100 &&
      s.ec2.relaxingSince === null &&
      dwfmRecovered(s.dwfm) &&
      !s.nm.reduced &&
      networkManagerCaughtUp(s.nm, params.normalDelay, params.changeRate),
    // "Shortly after EC2 recovered, we re-enabled automatic DNS health check failover at 2:09 PM."
    reenable: !s.nlb.failover && s.ec2.throttle === 100 && dwfmRecovered(s.dwfm) && delay <= params.normalDelay,
  };
}
