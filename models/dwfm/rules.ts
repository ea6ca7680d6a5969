/**
 * The DWFM's rules as small pure functions of numbers: what an attempt costs, how much work the
 * host can take on, how long a droplet backs off, when operators step in. tick.ts applies them to
 * a state; the checked model (actions.ts) and the count simulator (simulate.ts) both go through
 * tick.ts, so a rule changed here changes both.
 */
import { backlogCost, servableQueue, type TickRules } from '../../engine/index.ts';
import type { DwfmSettings, DwfmState, Fleet } from './state.ts';
import { waitingDroplets } from './state.ts';
import type { DwfmSwitches } from './variants.ts';

/** Everything a tick needs besides the state. */
export type Rules = TickRules<DwfmSettings, DwfmSwitches>;

/**
 * What one lease-establishment attempt costs, in work units, when it starts with `queued` items
 * still waiting. "Restarting the DWFM hosts cleared out the DWFM queues, reduced processing times":
 * processing time fell when the queue was emptied, so the cost of an attempt grows with the
 * backlog: the engine's backlogCost, linear past a knee (003's question, "was the unit of work
 * O(queue depth)?", answered yes beyond `knee` items).
 */
export const attemptCost = backlogCost;

/**
 * The largest queue the host can serve before its last item times out: what it completes in the
 * timeout + 1 ticks a request stays open (the engine's servableQueue). It sizes both admission
 * controls below.
 */
export function servableWithin(capacity: number, timeout: number, knee: number): number {
  return servableQueue(capacity * (timeout + 1), knee);
}

/**
 * How much new lease work the host admits this tick (Infinity: no admission control).
 * - queue-size-limit: "rate limit incoming work based on the size of the waiting queue" — admit
 *   only up to what the host can serve before the work times out.
 * - throttled (throttled-restart, after operators step in): "engineers throttled incoming work" —
 *   at most what the host finishes in one tick.
 */
export function admissionAllowance(s: DwfmState, fleet: Fleet, r: Rules): number {
  let allow = Number.POSITIVE_INFINITY;
  const inHost = s.queue.reduce((n, w) => n + w.count, 0) + (s.attempt ? 1 : 0);
  if (r.switches.queueLimit)
    allow = Math.min(allow, Math.max(0, servableWithin(fleet.capacity, fleet.timeout, r.settings.knee) - inHost));
  if (s.throttled) allow = Math.min(allow, servableWithin(fleet.capacity, 0, r.settings.knee));
  return allow;
}

/**
 * How long a droplet whose request timed out waits before asking again. As it ran: not at all
 * ("Additional work was queued to reattempt establishing the droplet lease"). backoff-jitter: full
 * jitter over an exponential ceiling that starts at one request period (timeout + 1 ticks) and is
 * capped at maxBackoff.
 */
export function backoffCeiling(attempt: number, timeout: number, r: Rules): number {
  if (!r.switches.backoff) return 0;
  return Math.min(r.settings.maxBackoff, (timeout + 1) * 2 ** Math.max(0, attempt - 1));
}

/**
 * The attempt count a droplet carries after another request timed out. Only backoff reads it, and
 * only until the ceiling reaches maxBackoff, so it is counted that far and no further: elsewhere it
 * would split cohorts of droplets in the same situation for nothing.
 */
export function nextAttempt(attempt: number, timeout: number, r: Rules): number {
  if (!r.switches.backoff) return 0;
  return backoffCeiling(attempt, timeout, r) >= r.settings.maxBackoff ? attempt : attempt + 1;
}

/**
 * Full jitter without randomness: `count` droplets giving up together take consecutive slots of a
 * round-robin counter starting at `firstSlot`, and slot k waits k mod (ceiling + 1) ticks. Returns
 * how many droplets wait each delay 0..ceiling — the same split for a hunt's three droplets and a
 * simulation's hundred thousand.
 */
export function jitterSplit(count: number, firstSlot: number, ceiling: number): number[] {
  const slots = ceiling + 1;
  const out = new Array<number>(slots).fill(0);
  const whole = Math.floor(count / slots);
  for (let g = 0; g < slots; g++) out[g] = whole;
  for (let k = 0; k < count % slots; k++) {
    const g = (firstSlot + whole * slots + k) % slots;
    out[g] = (out[g] ?? 0) + 1;
  }
  return out;
}

/** How an attempt that completes at `tick` ends. */
export function attemptOutcome(
  dynamoUp: boolean,
  deadline: number,
  tick: number,
): 'established' | 'stale' | 'dynamo-down' {
  // "these DWFM state checks began to fail as the process depends on DynamoDB"
  if (!dynamoUp) return 'dynamo-down';
  // "efforts to establish new droplet leases took long enough that the work could not be completed before they timed out"
  if (deadline < tick) return 'stale';
  return 'established';
}

/** Operators' runbook (throttled-restart): lease work has stalled for `react` ticks. */
export function restartDue(s: DwfmState, r: Rules): boolean {
  return r.switches.runbook && s.fleet !== null && s.stalledFor >= r.settings.react;
}

/** "our engineers began relaxing request throttles": once every droplet holds a lease again. */
export function relaxDue(s: DwfmState): boolean {
  return s.throttled && waitingDroplets(s) === 0;
}

/**
 * Customers make at most this many launch requests between two ticks. Launches are observations
 * (they add no DWFM work), so all the bound has to do is let a customer ask both before and after
 * an operator's step in the same tick, and let time pass: without it a run could launch forever
 * at one tick.
 */
export const LAUNCHES_PER_TICK = 2;

export function launchAllowed(s: DwfmState): boolean {
  return s.fleet !== null && (s.last.launches ?? 0) < LAUNCHES_PER_TICK;
}

/**
 * The most steps that can pass between two ticks (the clock's Zeno bound): DynamoDB going down
 * (it comes back only with a tick), LAUNCHES_PER_TICK launches, and one more step — the host
 * taking over its fleet at tick 0, or later one operators' step: a restart needs a stall, which
 * only a tick adds to, and relaxing the throttle needs every droplet to hold a lease, which a stall
 * rules out, so the two never fall between the same two ticks.
 */
export const STEPS_BETWEEN_TICKS = 1 + LAUNCHES_PER_TICK + 1;

/**
 * An EC2 launch: "new instance launches failed with either a 'request limit exceeded' or
 * 'insufficient capacity' error". "Any droplet without an active lease is not considered a
 * candidate for new EC2 launches."
 */
export function launchOutcome(s: DwfmState): 'ok' | 'insufficientCapacity' | 'requestLimitExceeded' {
  if (s.throttled) return 'requestLimitExceeded';
  return s.leases.some((c) => c.count > 0) ? 'ok' : 'insufficientCapacity';
}
