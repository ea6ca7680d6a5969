/**
 * The claims. The progress claims need history (how long since the last lease was established,
 * since the last tick, which launch just failed), which a state does not hold, so they are
 * monitors: a small memory updated after every step and judged after every step, as P's spec
 * monitors are. Windows are counted in ticks of the model's clock, not in steps, so launches
 * between ticks change nothing; that the clock itself runs is the engine's built-in check (the
 * clock is declared in kit.ts). The first claims are about leases, the DWFM's own state; the later
 * ones about what a customer sees: launches, and the throttle.
 */
import { kit, launchBound, progressBounds } from './kit.ts';
import { servableQueue } from '../../engine/index.ts';
import { activeLeases, backlog, staleQueued, waitingDroplets, type DwfmState } from './state.ts';

/**
 * "At 2:25 AM PDT, with the recovery of the DynamoDB APIs, DWFM began to re-establish leases […]
 * At this point, DWFM had entered a state of congestive collapse and was unable to make forward
 * progress in recovering droplet leases."
 * Once DynamoDB is back (and stays up), some lease is established in every window of `window`
 * ticks until all are active, and all are active within the recovery bound.
 */
export const leasesMakeProgress = kit.progress({
  name: 'leases-make-progress',
  doc: 'once DynamoDB is back, a lease is established in every window of W ticks, and every lease is back within the recovery bound',
  start: (s) => ({ backAt: null as number | null, since: s.tick, established: s.total.established }),
  observe: (m, s) => {
    if (!s.fleet || !s.dynamo.up || s.dynamo.backAt === null)
      return { backAt: null, since: s.tick, established: s.total.established };
    if (m.backAt !== s.dynamo.backAt)
      return { backAt: s.dynamo.backAt, since: s.dynamo.backAt, established: s.total.established };
    if (s.total.established > m.established)
      return { backAt: m.backAt, since: s.tick, established: s.total.established };
    return m;
  },
  verdict: (m, s, { params }) => {
    if (m.backAt === null || !s.fleet || waitingDroplets(s) === 0) return true;
    const { window, recoveryBound } = progressBounds(s.fleet, params);
    const where = `${activeLeases(s)}/${s.fleet.droplets} leases active, ${backlog(s)} in the queue (${staleQueued(s)} stale), ${s.total.wasted} attempts wasted so far`;
    if (s.tick - m.since >= window)
      return `no lease established in the ${s.tick - m.since} ticks since tick ${m.since} (window ${window}; DynamoDB back since tick ${m.backAt}): ${where}`;
    if (s.tick - m.backAt > recoveryBound)
      return `${waitingDroplets(s)} droplet(s) still without a lease ${s.tick - m.backAt} ticks after DynamoDB came back (bound ${recoveryBound}): ${where}`;
    return true;
  },
});

/**
 * The metastability signature: busy, yet no useful work. While DynamoDB is up and droplets wait
 * for leases, a host that spends work in every tick of a window establishes some lease in it.
 * Unlike leases-make-progress it needs no "since DynamoDB came back" premise and no recovery
 * bound, and an idle host (every droplet backing off, or refused by admission control) does not
 * break it: it blames the work, not the wait.
 */
export const goodputNotZero = kit.progress({
  name: 'goodput-not-zero',
  doc: 'while DynamoDB is up and droplets wait, a host busy for W ticks in a row establishes some lease in them',
  start: (s) => ({ since: null as number | null, seen: s.tick, spent: 0, wasted: 0 }),
  observe: (m, s) => {
    const busyInVain =
      s.fleet !== null && s.dynamo.up && waitingDroplets(s) > 0 && s.last.spent > 0 && s.last.established === 0;
    if (!busyInVain) return { since: null, seen: s.tick, spent: 0, wasted: 0 };
    // A step between ticks (a launch) shows the same tick again: count each tick once.
    if (s.tick === m.seen) return m;
    return { since: m.since ?? s.tick, seen: s.tick, spent: m.spent + s.last.spent, wasted: m.wasted + s.last.wasted };
  },
  verdict: (m, s, { params }) => {
    if (m.since === null || !s.fleet) return true;
    const { window } = progressBounds(s.fleet, params);
    const ticks = s.tick - m.since + 1;
    if (ticks < window) return true;
    return `the host spent ${m.spent} work units in the ${ticks} ticks since tick ${m.since} (window ${window}) with DynamoDB up and ${waitingDroplets(s)} droplet(s) waiting, and established no lease: ${m.wasted} attempts wasted, ${backlog(s)} in its queue (${staleQueued(s)} stale)`;
  },
});

/**
 * AWS's fix, in its words: "rate limit incoming work based on the size of the waiting queue" — the
 * host's queue never holds more lease work than it can serve before a request times out, so no
 * admitted request goes stale in the queue. Stated from first principles (a request admitted now
 * is served within timeout + 1 ticks of the host's capacity, at the engine's cost curve), not by
 * the admission rule it judges (rules.servableWithin), so a wrong rule cannot agree with itself.
 */
export const queueServableInTime = kit.always({
  name: 'queue-servable-in-time',
  doc: 'the DWFM host never holds more lease work than it can serve before a request times out',
  check: (s, { params }) => {
    if (!s.fleet) return true;
    const limit = servableQueue(s.fleet.capacity * (s.fleet.timeout + 1), params.knee);
    return (
      backlog(s) <= limit ||
      `${backlog(s)} lease requests in the host at tick ${s.tick} (${staleQueued(s)} stale), more than the ${limit} it serves before a request times out`
    );
  },
});

/**
 * The operators' runbook, in AWS's words: "engineers throttled incoming work and began selective
 * restarts of DWFM hosts" — a restart comes with the throttle, and the throttle admits no more
 * lease work in a tick than the host finishes in one.
 */
export const restartThrottles = kit.progress({
  name: 'restart-throttles',
  doc: 'operators never restart the host without throttling incoming work, and a throttle admits no more than a tick of work',
  start: (s) => ({
    restarts: s.total.restarts,
    restarted: false,
    tick: s.tick,
    throttled: s.throttled,
    throttledTick: false,
  }),
  // The last tick's admission ran under the throttle of the state before that tick.
  observe: (m, s) => ({
    restarts: s.total.restarts,
    restarted: s.total.restarts > m.restarts,
    tick: s.tick,
    throttled: s.throttled,
    throttledTick: s.tick > m.tick ? m.throttled : m.throttledTick,
  }),
  verdict: (m, s, { params }) => {
    if (m.restarted && !s.throttled)
      return `operators restarted the host at tick ${s.tick} without throttling incoming work`;
    if (!m.throttledTick || !s.fleet) return true;
    // A tick of work, from first principles (not the throttle rule it judges).
    const tick = servableQueue(s.fleet.capacity, params.knee);
    return (
      s.last.admitted <= tick ||
      `the throttle admitted ${s.last.admitted} lease requests at tick ${s.tick}, more than the ${tick} the host finishes in a tick`
    );
  },
});

/**
 * drop-expired's promise, in its words: "the host discards queued work whose droplet has already
 * given up, instead of doing it". No tick's work ends in vain but the one attempt the host carried
 * over from the tick before (fresh when it started it, stale by the time it finished): at most one
 * a tick, and none in a tick that began with no attempt in progress.
 */
export const staleWorkDiscarded = kit.progress({
  name: 'stale-work-discarded',
  doc: 'a host that drops expired work completes none of it: only an attempt carried over from the tick before may end in vain',
  start: (s) => ({ tick: s.tick, carried: s.attempt !== null, allowed: 0, wasted: 0 }),
  // The tick's report (s.last) is judged against whether an attempt was in progress when it began.
  observe: (m, s) =>
    s.tick > m.tick
      ? { tick: s.tick, carried: s.attempt !== null, allowed: m.carried ? 1 : 0, wasted: s.last.wasted }
      : { ...m, carried: s.attempt !== null },
  verdict: (m, s, { switches }) =>
    !switches.dropExpired ||
    m.wasted <= m.allowed ||
    `the host completed ${m.wasted} attempt(s) in vain at tick ${s.tick}, though it drops work whose droplet gave up${m.allowed ? ' (one was carried over)' : ''}`,
});

export const allLeasesExpired = kit.sometimes({
  name: 'all-leases-expired',
  doc: 'every droplet has lost its lease ("leases … slowly started to time out")',
  reached: (s) => s.fleet !== null && activeLeases(s) === 0,
});

export const backlogDrained = kit.sometimes({
  name: 'backlog-drained',
  doc: 'after an outage, every droplet holds a lease again and the DWFM host has nothing queued',
  reached: (s) =>
    s.fleet !== null && s.dynamo.outages > 0 && s.dynamo.up && waitingDroplets(s) === 0 && backlog(s) === 0,
});

/**
 * "new EC2 instance launches failed and, while instance launches began to succeed from 10:37 AM"
 * (and "new instance launches failed with either a 'request limit exceeded' or 'insufficient
 * capacity' error"): what a customer sees. Once DynamoDB has been back (and up) long enough for
 * every lease to be back (the fastest recovery the host could make) and for operators to lift a
 * throttle (`react` ticks), every launch succeeds (kit.launchBound). It is judged on the launches
 * customers actually make, whichever error they get: no lease anywhere, or a throttle left on.
 */
export const launchesSucceedAfterRecovery = kit.progress({
  name: 'launches-succeed-after-recovery',
  doc: 'once DynamoDB has been back long enough for every lease to be back and operators to lift a throttle, every EC2 launch succeeds',
  start: (s) => ({ ...failures(s), failedNow: null as LaunchFailure | null }),
  observe: (m, s) => {
    const now = failures(s);
    const failedNow: LaunchFailure | null =
      now.insufficientCapacity > m.insufficientCapacity
        ? 'insufficientCapacity'
        : now.requestLimitExceeded > m.requestLimitExceeded
          ? 'requestLimitExceeded'
          : null;
    return { ...now, failedNow };
  },
  verdict: (m, s, { params }) => {
    const backAt = s.dynamo.backAt;
    if (m.failedNow === null || !s.fleet || !s.dynamo.up || backAt === null) return true;
    const bound = launchBound(s.fleet, params);
    if (s.tick - backAt <= bound) return true;
    const when = `at tick ${s.tick}, ${s.tick - backAt} ticks after DynamoDB came back (bound ${bound})`;
    if (m.failedNow === 'requestLimitExceeded') {
      return `a launch failed with "request limit exceeded" ${when}: operators still throttle incoming work, though ${activeLeases(s)}/${s.fleet.droplets} droplets hold a lease (${s.launches.requestLimitExceeded} launches refused so far)`;
    }
    return `a launch failed with "insufficient capacity" ${when}: no droplet holds a lease, ${backlog(s)} in the queue (${staleQueued(s)} stale)`;
  },
});

/**
 * "our engineers began relaxing request throttles as they worked towards full recovery" — and
 * before that, "new launches were once again starting to succeed, although many requests were
 * still seeing 'request limit exceeded' errors due to the request throttling". A throttle is a
 * mitigation, not a new normal: once every droplet holds a lease again (the lease backlog is
 * drained), operators lift it within `react` ticks.
 */
export const throttleRelaxedAfterRecovery = kit.progress({
  name: 'throttle-relaxed-after-recovery',
  doc: 'once every droplet holds a lease again, operators lift the request throttle within react ticks',
  start: () => ({ since: null as number | null }),
  observe: (m, s) => ({
    since: s.fleet !== null && s.throttled && waitingDroplets(s) === 0 ? (m.since ?? s.tick) : null,
  }),
  verdict: (m, s, { params }) => {
    if (m.since === null || s.tick - m.since <= params.react) return true;
    return `operators still throttle incoming work at tick ${s.tick}, ${s.tick - m.since} ticks after every droplet got its lease back (tick ${m.since}; bound ${params.react}): ${s.launches.requestLimitExceeded} launches refused with "request limit exceeded" so far`;
  },
});

/**
 * "launches began to succeed": every variant's recovery as a customer sees it. After customers'
 * launches failed (insufficient capacity, or request limit exceeded), every droplet got its lease
 * back with no throttle left, and then a launch succeeded. A run's witness: no single state tells
 * a launch that succeeded after the recovery from one that succeeded before the outage.
 */
export const launchesSucceedAgain = kit.sometimes({
  name: 'launches-succeed-again',
  doc: 'launches failed, then every droplet got its lease back with no throttle left, and then a launch succeeded',
  memory: {
    start: () => ({ okAtRecovery: null as number | null }),
    observe: (m, s) =>
      m.okAtRecovery === null && launchesFailed(s) && recovered(s) ? { okAtRecovery: s.launches.ok } : m,
  },
  reached: (s, _ctx, m) => m.okAtRecovery !== null && s.launches.ok > m.okAtRecovery,
});

/**
 * The operators' mitigation, all of it: "engineers throttled incoming work and began selective
 * restarts of DWFM hosts", which "allowed droplet leases to be established"; customers meanwhile
 * saw "'request limit exceeded' errors due to the request throttling", until "our engineers began
 * relaxing request throttles"; "At 1:50 PM, all EC2 APIs and new EC2 instance launches were
 * operating normally." Throttle and restart, every lease back under the throttle, the throttle
 * relaxed, then a launch succeeds — and a customer saw the throttle on the way. Only variants with
 * an operators' runbook can reach it.
 */
export const throttleCycleCompleted = kit.sometimes({
  name: 'throttle-cycle-completed',
  doc: 'operators throttled and restarted the host, every lease came back, they relaxed the throttle, and then a launch succeeded (after one was refused)',
  applies: ({ switches }) => switches.runbook,
  memory: {
    start: () => ({ phase: 'throttling' as 'throttling' | 'leases-back' | 'relaxed', okAtRelax: 0 }),
    observe: (m, s) => {
      if (m.phase === 'throttling' && s.total.restarts > 0 && s.throttled && waitingDroplets(s) === 0)
        return { phase: 'leases-back' as const, okAtRelax: 0 };
      if (m.phase === 'leases-back' && !s.throttled) return { phase: 'relaxed' as const, okAtRelax: s.launches.ok };
      return m;
    },
  },
  reached: (s, _ctx, m) => m.phase === 'relaxed' && s.launches.requestLimitExceeded > 0 && s.launches.ok > m.okAtRelax,
});

/**
 * What launches-succeed-after-recovery needs to mean anything: a customer launched after its bound
 * (DynamoDB back and up for longer than kit.launchBound). Without it a green hunt of that claim
 * could simply never have launched late.
 */
export const lateLaunchJudged = kit.sometimes({
  name: 'late-launch-judged',
  doc: 'a customer launched more than the launch bound after DynamoDB came back, so launches-succeed-after-recovery had a launch to judge',
  reached: (s, { params }) =>
    (s.last.launches ?? 0) > 0 &&
    s.fleet !== null &&
    s.dynamo.up &&
    s.dynamo.backAt !== null &&
    s.tick - s.dynamo.backAt > launchBound(s.fleet, params),
});

type LaunchFailure = 'insufficientCapacity' | 'requestLimitExceeded';
const failures = (s: DwfmState) => ({
  insufficientCapacity: s.launches.insufficientCapacity,
  requestLimitExceeded: s.launches.requestLimitExceeded,
});
const launchesFailed = (s: DwfmState): boolean => s.launches.insufficientCapacity + s.launches.requestLimitExceeded > 0;
/** After an outage, DynamoDB is up, every droplet holds a lease and no throttle is left. */
const recovered = (s: DwfmState): boolean =>
  s.fleet !== null && s.dynamo.outages > 0 && s.dynamo.up && waitingDroplets(s) === 0 && !s.throttled;
