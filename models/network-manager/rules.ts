/**
 * Network Manager's rules that the tick (tick.ts) applies: what a propagation costs, how much work
 * is admitted, and when operators act. Pure functions of a state and the rules' knobs, shared by
 * the checked model, the count simulator and the composed Region (models/us-east-1).
 */
import { backlogCost, servableQueue, type TickRules } from '../../engine/index.ts';
import type { NmSettings, NmState } from './state.ts';
import { propagationDelay } from './state.ts';
import type { NmSwitches } from './variants.ts';

export type Rules = TickRules<NmSettings, NmSwitches>;

/**
 * What one propagation costs, in work units, when `others` propagations wait behind it (the
 * engine's backlogCost: 1 + floor(others / knee)). "Network Manager started to experience
 * increased latencies in network propagation times as it worked to process the backlog of network
 * state changes": the backlog makes each change slower, not only later (the same assumption as
 * DWFM's attempts, models/dwfm/README.md, and 003's question whether a unit of work was O(queue
 * depth)). It is what makes the backlog metastable.
 */
export const propagationCost = backlogCost;

/**
 * How many propagations join Network Manager's queue this tick (Infinity: no admission control).
 * queue-size-limit: "rate limit incoming work based on the size of the waiting queue", up to what
 * Network Manager completes in a tick; the rest waits upstream, in order.
 */
export function admissionAllowance(s: NmState, capacity: number, r: Rules): number {
  if (!r.switches.queueLimit) return Number.POSITIVE_INFINITY;
  const inQueue = s.queue.reduce((n, c) => n + c.count, 0);
  return Math.max(0, servableQueue(capacity, r.settings.knee) - inQueue);
}

/**
 * Incoming work this tick. At normal load `rate` propagations arrive; while operators reduce the
 * load ("Engineers worked to reduce the load on Network Manager"), only `reducedPercent` of them
 * do, and the rest are refused upstream (the customer sees "request limit exceeded").
 */
export function incoming(s: NmState, rate: number, r: Rules): number {
  return s.reduced ? Math.floor((rate * r.settings.reducedPercent) / 100) : rate;
}

/** A propagation delay above normal: "increased latencies in network propagation times". */
export const delayElevated = (s: NmState, r: Rules): boolean => propagationDelay(s) > r.settings.normalDelay;

/** reduce-load: propagation delays have stayed elevated for `react` ticks; operators reduce the load. */
export function reduceDue(s: NmState, r: Rules): boolean {
  return r.switches.reduceLoad && s.load !== null && !s.reduced && s.elevatedFor >= r.settings.react;
}

/** "By 10:36 AM, network configuration propagation times had returned to normal levels": lift the reduction. */
export function restoreDue(s: NmState, r: Rules): boolean {
  return s.reduced && !delayElevated(s, r);
}
