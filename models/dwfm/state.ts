/**
 * What EC2's DropletWorkflow Manager (DWFM) and its droplets are made of, as counts.
 *
 * Droplets are interchangeable: no rule below ever asks *which* droplet, only how many are in a
 * given situation (holding a lease that expires at tick t, waiting on a request with deadline d,
 * …). So the state holds cohorts — a situation and how many droplets are in it — and the same
 * state, and the same tick function, serve a hunt over a handful of droplets and a simulation of
 * a million (simulate.ts).
 */

/** What a hunt draws at the start of a run (draws.ts), so that fast-check shrinks it like any step. */
export type Fleet = {
  /** Droplets managed by the DWFM host. */
  readonly droplets: number;
  /** Work units the DWFM host completes per tick. */
  readonly capacity: number;
  /** Ticks a droplet waits for its lease request to complete before it gives up and asks again. */
  readonly timeout: number;
};

/** Droplets holding an active lease: renewed by a state check at `checkAt`, active while tick < expiresAt. */
export type LeaseCohort = { readonly checkAt: number; readonly expiresAt: number; readonly count: number };

/**
 * Droplets without a lease: either waiting on an outstanding request (`deadline` set: the last tick
 * at which the DWFM can still complete it) or due to ask for one at `asksAt`. `attempt` counts the
 * requests that timed out, which is what backoff grows with.
 */
export type WaitingCohort = {
  readonly attempt: number;
  readonly deadline: number | null;
  readonly asksAt: number | null;
  readonly count: number;
};

/**
 * Queued lease-establishment work: one item per request, oldest first; a tick's requests are one
 * cohort. Items whose deadline has passed are stale. Within a cohort, items are in the order their
 * droplets asked (fewest timed-out requests first), which is all `complete` needs to know whose
 * request an item was.
 */
export type WorkCohort = { readonly deadline: number; readonly count: number };

/** The attempt the DWFM host is working on: its cost is fixed when it starts, `spent` carries over ticks. */
export type Attempt = { readonly deadline: number; readonly cost: number; readonly spent: number };

/** What the last tick did: the per-tick table's columns. */
export type TickReport = {
  /** Attempts that established a lease. */
  readonly established: number;
  /** Attempts completed in vain: the droplet had given up (stale), or DynamoDB was down. */
  readonly wasted: number;
  /** Stale items discarded unstarted (drop-expired only). */
  readonly dropped: number;
  /** Work units spent. */
  readonly spent: number;
  /** Requests admitted to the queue, and refused by admission control. */
  readonly admitted: number;
  readonly refused: number;
  /** Leases that timed out this tick. */
  readonly expired: number;
  /**
   * Launch requests customers made since this tick (rules.launchAllowed bounds them). Absent until
   * the first: launches are observations of the tick, not part of what it did.
   */
  readonly launches?: number;
};

export type DwfmState = {
  readonly tick: number;
  /** Null until the run's first step draws it. */
  readonly fleet: Fleet | null;
  readonly dynamo: {
    readonly up: boolean;
    /** While down: the last tick of the outage. */
    readonly downUntil: number;
    /** The tick DynamoDB last came back, or null if it never went down. */
    readonly backAt: number | null;
    readonly outages: number;
  };
  readonly leases: readonly LeaseCohort[];
  readonly waiting: readonly WaitingCohort[];
  /** Index 0 is the oldest item (the front of a FIFO queue, the bottom of a LIFO stack). */
  readonly queue: readonly WorkCohort[];
  readonly attempt: Attempt | null;
  /** throttled-restart: operators throttle incoming work. */
  readonly throttled: boolean;
  /** Consecutive ticks with DynamoDB up, droplets waiting and no lease established: what operators watch. */
  readonly stalledFor: number;
  /** Next jitter slot: droplets that give up are spread over backoff delays round-robin. */
  readonly jitter: number;
  readonly last: TickReport;
  readonly total: { readonly established: number; readonly wasted: number; readonly restarts: number };
  readonly launches: {
    readonly ok: number;
    readonly insufficientCapacity: number;
    readonly requestLimitExceeded: number;
  };
};

/** The rules' knobs that are not drawn: model parameters for a hunt, scale settings for a simulation. */
export type DwfmSettings = {
  /** A droplet's state check comes round every this many ticks ("every few minutes"). */
  readonly checkEvery: number;
  /** A lease lasts this many ticks after the state check that last renewed it. */
  readonly leaseTicks: number;
  /** Backlog per extra work unit of an attempt: an attempt costs 1 + floor(queued / knee) units. */
  readonly knee: number;
  /** backoff-jitter: the longest backoff, in ticks. */
  readonly maxBackoff: number;
  /** throttled-restart: ticks of stall before operators throttle and restart the DWFM host. */
  readonly react: number;
};

export const NO_REPORT: TickReport = {
  established: 0,
  wasted: 0,
  dropped: 0,
  spent: 0,
  admitted: 0,
  refused: 0,
  expired: 0,
};

export function emptyState(): DwfmState {
  return {
    tick: 0,
    fleet: null,
    dynamo: { up: true, downUntil: 0, backAt: null, outages: 0 },
    leases: [],
    waiting: [],
    queue: [],
    attempt: null,
    throttled: false,
    stalledFor: 0,
    jitter: 0,
    last: NO_REPORT,
    total: { established: 0, wasted: 0, restarts: 0 },
    launches: { ok: 0, insufficientCapacity: 0, requestLimitExceeded: 0 },
  };
}

const sum = (xs: readonly { readonly count: number }[]): number => xs.reduce((n, x) => n + x.count, 0);

export const activeLeases = (s: DwfmState): number => sum(s.leases);
export const waitingDroplets = (s: DwfmState): number => sum(s.waiting);
/** Items in the queue, not counting the attempt in progress. */
export const queued = (s: DwfmState): number => sum(s.queue);
/** Queued items that can no longer complete in time: their deadline is this tick or past, and this tick's work is done. */
export const staleQueued = (s: DwfmState): number => sum(s.queue.filter((w) => w.deadline <= s.tick));
export const backlog = (s: DwfmState): number => queued(s) + (s.attempt ? 1 : 0);
