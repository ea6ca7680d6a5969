/**
 * The claims about the Region as a whole: each of the three periods of impact ends within its
 * bound (every episode of it, from its first minute), and the witness that the whole cascade —
 * healthy, DynamoDB, EC2, NLB, healthy again — is reachable, in AWS's order.
 */
import { propagationDelay } from '../network-manager/state.ts';
import { kit, nmPart, type RegionCtx } from './kit.ts';
import { dwfmRecovered, networkManagerCaughtUp } from './links.ts';
import { ended, ongoing, type Period, type RegionState } from './state.ts';

const periodEnds = (
  name: string,
  key: keyof RegionState['periods'],
  bound: (ctx: RegionCtx) => number,
  what: string,
  quote: string,
) =>
  kit.always({
    name,
    doc: `${what} ends within its bound (${quote})`,
    check: (s, ctx) => {
      // An episode runs from its first impacted minute to its last; gaps shorter than `settle` minutes belong to it.
      const p = s.periods[key];
      if (p.episode === null || p.last === null) return true;
      const lasted = p.last - p.episode + 1;
      const still = ongoing(p, s.minute, ctx.params.settle) ? 'and goes on' : 'before it ended';
      return (
        lasted <= bound(ctx) ||
        `${what} has lasted ${lasted} minutes, minutes ${p.episode}–${p.last}, ${still} (bound ${bound(ctx)})`
      );
    },
  });

/** "Between 11:48 PM PDT on October 19 and 2:40 AM PDT on October 20, customers experienced increased Amazon DynamoDB API error rates" */
export const dynamodbImpactEnds = periodEnds(
  'dynamodb-impact-ends',
  'dynamodb',
  ({ params }) => params.dynamodbBound,
  'DynamoDB impact',
  'the endpoint resolves again and cached empty answers expire',
);

/** "between 2:25 AM and 10:36 AM on October 20, new EC2 instance launches failed and […] some newly launched instances experienced connectivity issues which were resolved by 1:50 PM" */
export const ec2ImpactEnds = periodEnds(
  'ec2-impact-ends',
  'ec2',
  ({ params }) => params.ec2Bound,
  'EC2 impact',
  'every droplet leased, no request throttle, propagation delays normal',
);

/** "Between 5:30 AM and 2:09 PM PDT on October 20 some customers experienced increased connection errors on their NLBs" */
export const nlbImpactEnds = periodEnds(
  'nlb-impact-ends',
  'nlb',
  ({ params }) => params.nlbBound,
  'NLB impact',
  'healthy capacity covers the load again',
);

/**
 * A mitigation lifted in time: once `cause` has held since some minute (the state has recovered
 * from what the mitigation answered), `lifted` holds within `within` minutes.
 */
const liftedWithin = (def: {
  name: string;
  doc: string;
  cause: (s: RegionState, ctx: RegionCtx) => boolean;
  within: (ctx: RegionCtx) => number;
  still: (s: RegionState, ctx: RegionCtx) => string;
}) =>
  kit.progress({
    name: def.name,
    doc: def.doc,
    start: () => ({ since: null as number | null }),
    observe: (m, s, ctx) => ({ since: def.cause(s, ctx) ? (m.since ?? s.minute) : null }),
    verdict: (m, s, ctx) => {
      if (m.since === null || s.minute - m.since <= def.within(ctx)) return true;
      return `${def.still(s, ctx)} at minute ${s.minute}, ${s.minute - m.since} minutes after the Region recovered from what it answered (minute ${m.since}; bound ${def.within(ctx)})`;
    },
  });

/**
 * "at 11:23 AM PDT our engineers began relaxing request throttles as they worked towards full
 * recovery": once every droplet holds a lease and Network Manager has caught up at its normal load,
 * the request throttle is fully open within the operators' reaction time and the minutes over
 * which they open it.
 */
export const throttleLifted = liftedWithin({
  name: 'throttle-lifted',
  doc: 'once leases are back and Network Manager has caught up, the request throttle is fully open within relaxAfter + relaxMinutes minutes',
  cause: (s, { params }) =>
    s.ec2.throttle < 100 &&
    dwfmRecovered(s.dwfm) &&
    !s.nm.reduced &&
    networkManagerCaughtUp(s.nm, params.normalDelay, params.changeRate),
  within: ({ params }) => params.relaxAfter + params.relaxMinutes,
  still: (s) => `EC2's request throttle still lets only ${s.ec2.throttle}% of requests through`,
});

/**
 * "Shortly after EC2 recovered, we re-enabled automatic DNS health check failover at 2:09 PM": once
 * every droplet holds a lease, the throttle is open and propagation is normal, NLB's failover is
 * back on within the operators' reaction time.
 */
export const failoverReenabled = liftedWithin({
  name: 'failover-reenabled',
  doc: "once EC2 has recovered, NLB's health-check failover is back on within reenableAfter minutes",
  cause: (s, { params }) =>
    !s.nlb.failover && s.ec2.throttle === 100 && dwfmRecovered(s.dwfm) && propagationDelay(s.nm) <= params.normalDelay,
  within: ({ params }) => params.reenableAfter,
  still: () => "NLB's automatic health-check failover is still off",
});

/** Network Manager's own claim, lifted: once delays are normal again, the load reduction is lifted before the next minute. */
export const nmLoadReductionLifted = nmPart.property('load-reduction-lifted', 'nm-load-reduction-lifted');

/** The periods' first start and end (end: the minute after the last impacted one), once ended. */
export function span(p: Period, minute: number, settle: number): { start: number; end: number } | null {
  if (p.start === null || p.last === null || !ended(p, minute, settle)) return null;
  return { start: p.start, end: p.last + 1 };
}

/**
 * "there were three distinct periods of impact": from a healthy Region, DynamoDB's, then EC2's,
 * then NLB's, each beginning no earlier than the one before and NLB's after DynamoDB's has ended,
 * and all three over.
 */
export const threePeriodsInOrder = kit.sometimes({
  name: 'three-periods-in-order',
  doc: "DynamoDB, EC2 and NLB impact have each begun and ended, in that order, and DynamoDB's was over before NLB's began",
  reached: (s: RegionState, { params }) => {
    const d = span(s.periods.dynamodb, s.minute, params.settle);
    const e = span(s.periods.ec2, s.minute, params.settle);
    const n = span(s.periods.nlb, s.minute, params.settle);
    return d !== null && e !== null && n !== null && d.start <= e.start && e.start <= n.start && d.end <= n.start;
  },
});
