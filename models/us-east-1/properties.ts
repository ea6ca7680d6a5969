/**
 * The claims about the Region as a whole: each of the three periods of impact ends within its
 * bound (every episode of it, from its first minute), and the witness that the whole cascade —
 * healthy, DynamoDB, EC2, NLB, healthy again — is reachable, in AWS's order.
 */
import { kit, type RegionCtx } from './kit.ts';
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
