/**
 * The DWFM over one tick, and the few things that happen between ticks, as edits of a state.
 *
 * Written against immer's Draft type so that the checked model's actions call them inside immer,
 * and the count simulator calls them on a plain object: one implementation of the rules for a
 * hunt over three droplets and a simulation of a million.
 *
 * Why "time passes" does so much in one step: renewals, expiries, requests and the host's work are
 * what the DWFM and the droplets do by themselves every tick. Left to the scheduler, a run could
 * simply never let the host work and fake a collapse; the collapse must come from the rules. The
 * scheduler chooses what the world does to the DWFM: when DynamoDB fails and for how long, launches,
 * and (throttled-restart) when operators act.
 */
import type { Draft } from 'immer';
import {
  admissionAllowance,
  attemptCost,
  attemptOutcome,
  backoffCeiling,
  jitterSplit,
  nextAttempt,
  type Rules,
} from './rules.ts';
import {
  NO_REPORT,
  type DwfmState,
  type Fleet,
  type LeaseCohort,
  type TickReport,
  type WaitingCohort,
  type WorkCohort,
} from './state.ts';

type D = Draft<DwfmState>;
type Report = { -readonly [K in keyof TickReport]: number };

/**
 * The run's first step: the DWFM host takes over a healthy fleet. Droplets' state checks are spread
 * evenly over the check period, so during an outage "leases … slowly started to time out".
 */
export function takeOverFleet(d: D, fleet: Fleet, r: Rules): void {
  const { checkEvery: P, leaseTicks: L } = r.settings;
  if (L <= P)
    throw new Error(`leaseTicks (${L}) must be longer than checkEvery (${P}), or leases lapse between state checks`);
  d.fleet = { ...fleet };
  const leases: LeaseCohort[] = [];
  for (let p = 0; p < P; p++) {
    const count = Math.floor(fleet.droplets / P) + (p < fleet.droplets % P ? 1 : 0);
    // This phase's next check is p + 1 ticks away; its last one renewed the lease P ticks before that.
    if (count > 0) leases.push({ checkAt: d.tick + 1 + p, expiresAt: d.tick + 1 + p - P + L, count });
  }
  d.leases = leases;
}

/** "dynamodb.us-east-1.amazonaws.com" resolves to nothing for the next `ticks` ticks. */
export function dynamoGoesDown(d: D, ticks: number): void {
  d.dynamo.up = false;
  d.dynamo.downUntil = d.tick + ticks;
  d.dynamo.outages += 1;
}

/** One tick of the DWFM and its droplets. */
export function timePasses(d: D, r: Rules): void {
  const fleet = d.fleet;
  if (!fleet) throw new Error('time passes before the fleet is drawn');
  const t = (d.tick += 1);
  const rep: Report = { ...NO_REPORT };
  const { checkEvery: P, leaseTicks: L } = r.settings;

  if (!d.dynamo.up && t > d.dynamo.downUntil) {
    d.dynamo.up = true;
    d.dynamo.backAt = t;
  }

  // "each DWFM host has to check in and complete a state check with each droplet that it manages
  // every few minutes" — and "these DWFM state checks began to fail as the process depends on DynamoDB".
  const waiting: WaitingCohort[] = [...d.waiting];
  const leases: LeaseCohort[] = [];
  for (const c of d.leases) {
    let { checkAt, expiresAt } = c;
    if (checkAt === t) {
      if (d.dynamo.up) expiresAt = t + L;
      checkAt = t + P;
    }
    // "leases between DWFM and droplets within the EC2 fleet slowly started to time out"
    if (expiresAt <= t) {
      rep.expired += c.count;
      waiting.push({ attempt: 0, deadline: null, asksAt: t, count: c.count });
    } else leases.push({ checkAt, expiresAt, count: c.count });
  }
  d.leases = leases;

  // A droplet whose request was not completed in time gives up on it and asks again — after a
  // backoff in backoff-jitter. Its stale item stays in the DWFM's queue: nothing cancels it.
  const asking: WaitingCohort[] = [];
  for (const w of waiting) {
    if (w.deadline === null || w.deadline >= t) {
      asking.push(w);
      continue;
    }
    const attempt = nextAttempt(w.attempt, fleet.timeout, r);
    const ceiling = backoffCeiling(attempt, fleet.timeout, r);
    if (ceiling === 0) {
      asking.push({ attempt, deadline: null, asksAt: t, count: w.count });
      continue;
    }
    jitterSplit(w.count, d.jitter, ceiling).forEach((count, delay) => {
      if (count > 0) asking.push({ attempt, deadline: null, asksAt: t + delay, count });
    });
    d.jitter += w.count;
  }

  // Droplets due to ask request a lease; admission control may refuse some, who ask again next tick.
  // "Additional work was queued to reattempt establishing the droplet lease."
  const due = asking
    .filter((w) => w.asksAt !== null && w.asksAt <= t)
    .sort((a, b) => a.attempt - b.attempt || (a.asksAt ?? 0) - (b.asksAt ?? 0));
  const rest = asking.filter((w) => !(w.asksAt !== null && w.asksAt <= t));
  let allowance = admissionAllowance(d as DwfmState, fleet, r);
  const queue: WorkCohort[] = [...d.queue];
  for (const w of due) {
    const n = Math.min(w.count, allowance);
    allowance -= n;
    if (n > 0) {
      rest.push({ attempt: w.attempt, deadline: t + fleet.timeout, asksAt: null, count: n });
      const last = queue[queue.length - 1];
      if (last && last.deadline === t + fleet.timeout)
        queue[queue.length - 1] = { deadline: last.deadline, count: last.count + n };
      else queue.push({ deadline: t + fleet.timeout, count: n });
      rep.admitted += n;
    }
    if (w.count > n) {
      rest.push({ attempt: w.attempt, deadline: null, asksAt: t + 1, count: w.count - n });
      rep.refused += w.count - n;
    }
  }
  d.waiting = rest;
  d.queue = queue;
  normalize(d);

  hostWorks(d, fleet, r, rep);

  const stillWaiting = d.waiting.reduce((n, w) => n + w.count, 0);
  d.stalledFor = d.dynamo.up && stillWaiting > 0 && rep.established === 0 ? d.stalledFor + 1 : 0;
  d.last = rep;
  d.total.established += rep.established;
  d.total.wasted += rep.wasted;
  normalize(d);
}

/**
 * The DWFM host spends this tick's capacity on queued lease work, oldest first (newest first in
 * lifo). Attempts that cost the same are done in batches — exactly what doing them one by one
 * would give, so that a simulation of 10^6 droplets takes milliseconds.
 */
function hostWorks(d: D, fleet: Fleet, r: Rules, rep: Report): void {
  // "the process depends on DynamoDB and was unable to complete": while DynamoDB is down, lease
  // work waits on it and nothing completes, so requests pile up in the queue for the whole outage.
  if (!d.dynamo.up) return;
  const t = d.tick;
  let units = fleet.capacity;
  let total = d.queue.reduce((n, w) => n + w.count, 0);
  while (units > 0) {
    const a = d.attempt;
    if (a) {
      const use = Math.min(units, a.cost - a.spent);
      units -= use;
      rep.spent += use;
      if (a.spent + use < a.cost) {
        a.spent += use;
        break;
      }
      d.attempt = null;
      complete(d, a.deadline, 1, r, rep);
      continue;
    }
    const at = r.switches.order === 'fifo' ? 0 : d.queue.length - 1;
    const next = d.queue[at];
    if (!next) break;
    if (r.switches.dropExpired && next.deadline < t) {
      rep.dropped += next.count;
      total -= next.count;
      d.queue.splice(at, 1);
      continue;
    }
    const cost = attemptCost(total - 1, r.settings.knee);
    const sameCost = ((total - 1) % r.settings.knee) + 1;
    const batch = Math.min(next.count, sameCost, Math.floor(units / cost));
    const taken = Math.max(batch, 1);
    if (next.count === taken) d.queue.splice(at, 1);
    else next.count -= taken;
    total -= taken;
    if (batch === 0) {
      // Not enough capacity left this tick to finish one: start it, and carry on next tick.
      d.attempt = { deadline: next.deadline, cost, spent: 0 };
      continue;
    }
    units -= batch * cost;
    rep.spent += batch * cost;
    complete(d, next.deadline, batch, r, rep);
  }
}

/**
 * `n` attempts for requests with this deadline complete now. Whose requests they were: a tick's
 * requests were queued fewest-timeouts first, so FIFO completes those first and LIFO last.
 */
function complete(d: D, deadline: number, n: number, r: Rules, rep: Report): void {
  const t = d.tick;
  if (attemptOutcome(d.dynamo.up, deadline, t) !== 'established') {
    rep.wasted += n;
    return;
  }
  const owners = d.waiting
    .filter((x) => x.deadline === deadline && x.count > 0)
    .sort((a, b) => (r.switches.order === 'fifo' ? a.attempt - b.attempt : b.attempt - a.attempt));
  let left = n;
  for (const w of owners) {
    const k = Math.min(left, w.count);
    w.count -= k;
    left -= k;
  }
  if (left > 0)
    throw new Error(
      `rules: ${n} attempt(s) for requests due at tick ${deadline} completed, but only ${n - left} droplet(s) wait on such a request`,
    );
  d.leases.push({ checkAt: t + r.settings.checkEvery, expiresAt: t + r.settings.leaseTicks, count: n });
  rep.established += n;
}

/**
 * throttled-restart: "engineers throttled incoming work and began selective restarts of DWFM hosts
 * […] Restarting the DWFM hosts cleared out the DWFM queues, reduced processing times, and allowed
 * droplet leases to be established." A restarted host has no memory of pending handshakes: its
 * droplets ask afresh on the next tick, through the throttle.
 */
export function restartHost(d: D): void {
  d.queue = [];
  d.attempt = null;
  d.waiting = d.waiting.map((w) =>
    w.deadline === null ? w : { attempt: w.attempt, deadline: null, asksAt: d.tick + 1, count: w.count },
  );
  d.throttled = true;
  d.stalledFor = 0;
  d.total.restarts += 1;
  normalize(d);
}

export function relaxThrottle(d: D): void {
  d.throttled = false;
}

/**
 * Equal situations are equal states: cohorts merged, sorted, none empty. The queue keeps its order;
 * it stays canonical by construction (items of one tick are pushed as one cohort, emptied cohorts
 * are removed where they empty), so it is not rebuilt every tick — at scale it holds thousands.
 */
function normalize(d: D): void {
  d.leases = mergeSorted(
    d.leases,
    (c) => [c.checkAt, c.expiresAt],
    (c, count) => ({ ...c, count }),
  );
  d.waiting = mergeSorted(
    d.waiting,
    (w) => [w.deadline ?? Infinity, w.asksAt ?? Infinity, w.attempt],
    (w, count) => ({ ...w, count }),
  );
}

function mergeSorted<T extends { readonly count: number }>(
  xs: readonly T[],
  key: (x: T) => number[],
  withCount: (x: T, count: number) => T,
): T[] {
  const byKey = new Map<string, { k: number[]; x: T; count: number }>();
  for (const x of xs) {
    if (x.count === 0) continue;
    const k = key(x);
    const id = k.join(',');
    const e = byKey.get(id);
    if (e) e.count += x.count;
    else byKey.set(id, { k, x, count: x.count });
  }
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0) ? -1 : 1;
    return 0;
  };
  return [...byKey.values()].sort((a, b) => cmp(a.k, b.k)).map((e) => withCount(e.x, e.count));
}
