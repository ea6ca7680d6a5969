/**
 * The claims. Both progress claims need history (how long since the last lease was established),
 * which a state does not hold, so they are monitors: a small memory updated after every step and
 * judged after every step, as P's spec monitors are. Windows are counted in ticks of the model's
 * clock, not in steps, so launches between ticks change nothing.
 */
import { kit, progressBounds } from './kit.ts';
import { activeLeases, backlog, staleQueued, waitingDroplets } from './state.ts';

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
    if (!s.fleet || !s.dynamo.up || s.dynamo.backAt === null) return { backAt: null, since: s.tick, established: s.total.established };
    if (m.backAt !== s.dynamo.backAt) return { backAt: s.dynamo.backAt, since: s.dynamo.backAt, established: s.total.established };
    if (s.total.established > m.established) return { backAt: m.backAt, since: s.tick, established: s.total.established };
    return m;
  },
  verdict: (m, s, { params }) => {
    if (m.backAt === null || !s.fleet || waitingDroplets(s) === 0) return true;
    const { window, recoveryBound } = progressBounds(s.fleet, params);
    const where = `${activeLeases(s)}/${s.fleet.droplets} leases active, ${backlog(s)} in the queue (${staleQueued(s)} stale), ${s.total.wasted} attempts wasted so far`;
    if (s.tick - m.since >= window) return `no lease established in the ${s.tick - m.since} ticks since tick ${m.since} (window ${window}; DynamoDB back since tick ${m.backAt}): ${where}`;
    if (s.tick - m.backAt > recoveryBound) return `${waitingDroplets(s)} droplet(s) still without a lease ${s.tick - m.backAt} ticks after DynamoDB came back (bound ${recoveryBound}): ${where}`;
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
    const busyInVain = s.fleet !== null && s.dynamo.up && waitingDroplets(s) > 0 && s.last.spent > 0 && s.last.established === 0;
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

export const allLeasesExpired = kit.sometimes({
  name: 'all-leases-expired',
  doc: 'every droplet has lost its lease ("leases … slowly started to time out")',
  reached: (s) => s.fleet !== null && activeLeases(s) === 0,
});

export const backlogDrained = kit.sometimes({
  name: 'backlog-drained',
  doc: 'after an outage, every droplet holds a lease again and the DWFM host has nothing queued',
  reached: (s) => s.fleet !== null && s.dynamo.outages > 0 && s.dynamo.up && waitingDroplets(s) === 0 && backlog(s) === 0,
});
