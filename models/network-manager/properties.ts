/**
 * The claims. Both bounds are multiples of the fastest Network Manager could possibly do with the
 * drawn load and backlog (kit.claimBounds), so that they are fair to every drawn scenario. The
 * recovery claim needs history (when the backlog arrived, whether the delay was already back to
 * normal), so it is a monitor; the reachability claim is a plain invariant on each state.
 */
import { servableQueue } from '../../engine/index.ts';
import { claimBounds, kit } from './kit.ts';
import { propagationDelay, queued, unreachable, heldBack } from './state.ts';

/**
 * "By 10:36 AM, network configuration propagation times had returned to normal levels" — after
 * engineers reduced the load. Once the delayed backlog has arrived and the normal load goes on,
 * propagation delays are back to normal within the recovery bound, and stay normal from then on.
 */
export const propagationDelayRecovers = kit.progress({
  name: 'propagation-delay-recovers',
  doc: 'once the delayed backlog has arrived, propagation delays are back to normal within the recovery bound, and stay there',
  start: () => ({ worst: 0 }),
  observe: (m, s) => ({ worst: Math.max(m.worst, propagationDelay(s)) }),
  verdict: (m, s, { params }) => {
    if (s.load === null || s.backlog.at === null) return true;
    const { recovery } = claimBounds(s.load, s.backlog.size, params);
    const since = s.tick - s.backlog.at;
    const delay = propagationDelay(s);
    if (since < recovery || delay <= params.normalDelay) return true;
    return `propagation delay is ${delay} ticks (normal: ≤ ${params.normalDelay}) ${since} ticks after the backlog of ${s.backlog.size} arrived (bound ${recovery}): ${queued(s)} queued, ${heldBack(s)} held upstream, worst delay so far ${m.worst}`;
  },
});

/**
 * "While new EC2 instances could be launched successfully, they would not have the necessary
 * network connectivity due to the delays in network state propagation." No launched instance
 * waits for its network configuration longer than the bound.
 */
export const instancesReachableWithinBound = kit.always({
  name: 'instances-reachable-within-bound',
  doc: 'no launched instance waits for its network configuration longer than the bound',
  check: (s, { params }) => {
    if (s.load === null) return true;
    const { unreachable: bound } = claimBounds(s.load, s.backlog.size, params);
    const delay = propagationDelay(s);
    if (delay <= bound) return true;
    return `an instance launched at tick ${s.tick - delay} still has no network configuration at tick ${s.tick} (${delay} ticks; bound ${bound} for a backlog of ${s.backlog.size}): ${unreachable(s)} instances unreachable`;
  },
});

/**
 * The fix's promise, in its words: "rate limit incoming work based on the size of the waiting
 * queue" — Network Manager's queue never holds more than it completes in one tick (the engine's
 * servableQueue at its capacity), so no propagation waits behind a backlog that makes it slower.
 */
export const queueServableInATick = kit.always({
  name: 'queue-servable-in-a-tick',
  doc: "Network Manager's queue never holds more propagations than it completes in one tick, even at its fullest",
  check: (s, { params }) => {
    if (s.load === null) return true;
    const limit = servableQueue(s.load.capacity, params.knee);
    // At its fullest, when the tick's work began: what is queued now and what the tick landed.
    const peak = queued(s) + s.last.landed;
    return (
      peak <= limit ||
      `${peak} propagations queued when the work of tick ${s.tick} began, more than the ${limit} Network Manager completes in a tick (capacity ${s.load.capacity}, knee ${params.knee})`
    );
  },
});

/**
 * The runbook's first half, in the variant's words: "once propagation delays stay elevated, cut
 * incoming work" — operators reduce the load once delays have been elevated for `react` ticks,
 * before the next tick: delays are never elevated longer than that with the load unreduced.
 */
export const loadReducedWhenElevated = kit.always({
  name: 'load-reduced-when-elevated',
  doc: 'where operators reduce the load, they do so once delays have been elevated for react ticks, before the next tick',
  check: (s, { params, switches }) =>
    !switches.reduceLoad ||
    s.reduced ||
    s.elevatedFor <= params.react ||
    `propagation delays elevated for ${s.elevatedFor} ticks at tick ${s.tick} and the load is not reduced (operators react after ${params.react})`,
});

/**
 * Reducing the load is a mitigation, not a new normal: "By 10:36 AM, network configuration
 * propagation times had returned to normal levels, and new EC2 instance launches were once again
 * operating normally." Once delays are back to normal, operators let the normal load back in before
 * the next tick (their runbook is urgent).
 */
export const loadReductionLifted = kit.progress({
  name: 'load-reduction-lifted',
  doc: 'once propagation delays are normal again, the load reduction is lifted before the next tick',
  start: () => ({ since: null as number | null }),
  observe: (m, s, { params }) => ({
    since: s.reduced && propagationDelay(s) <= params.normalDelay ? (m.since ?? s.tick) : null,
  }),
  verdict: (m, s) => {
    if (m.since === null || s.tick <= m.since) return true;
    return `the load is still reduced at tick ${s.tick}, though propagation delays have been normal since tick ${m.since}: ${s.total.refused} propagations refused upstream so far`;
  },
});

export const delayElevatedWitness = kit.sometimes({
  name: 'delay-elevated',
  doc: 'propagation delays above normal ("increased latencies in network propagation times")',
  reached: (s, { params }) => propagationDelay(s) > params.normalDelay,
});

export const backlogCleared = kit.sometimes({
  name: 'backlog-cleared',
  doc: 'after the delayed backlog arrived, every instance has its network configuration',
  reached: (s) => s.backlog.at !== null && s.tick > s.backlog.at && unreachable(s) === 0,
});
