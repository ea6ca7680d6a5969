/**
 * What EC2's Network Manager is made of, as counts.
 *
 * "Network Manager, which is responsible for the management and propagation of network state to
 * all EC2 instances and network appliances." Every launch, termination or other change of an
 * instance's network state is one propagation: a work item in Network Manager's queue. No rule
 * asks *which* instance a propagation is for, only how many arrived at tick t and wait, so the
 * state holds cohorts (a tick and a count), and the same tick function serves a hunt over a
 * handful of propagations and a simulation of a million (simulate.ts), as models/dwfm does.
 */

/** What a hunt draws at the start of a run (draws.ts), so that fast-check shrinks it like any step. */
export type Load = {
  /** Work units Network Manager completes per tick. */
  readonly capacity: number;
  /** Propagations that arrive every tick at normal load (launches, terminations, other changes). */
  readonly rate: number;
};

/**
 * Propagations that arrived at tick `since` and have not landed: their instances are launched but
 * cannot communicate yet ("While new EC2 instances could be launched successfully, they would not
 * have the necessary network connectivity due to the delays in network state propagation").
 */
export type Cohort = { readonly since: number; readonly count: number };

/** What the last tick did: the per-tick table's columns. */
export type TickReport = {
  /** Propagations that arrived (normal load, or the delayed backlog delivered this tick). */
  readonly arrived: number;
  /** Propagations admitted to Network Manager's queue (all of them, unless admission control holds some back). */
  readonly admitted: number;
  /** Propagations that landed: their instances can communicate. */
  readonly landed: number;
  /** Work units spent. */
  readonly spent: number;
};

export type NmState = {
  readonly tick: number;
  /** Null until the run's first step draws it. */
  readonly load: Load | null;
  /**
   * queue-size-limit only: propagations held back upstream by admission control, oldest first.
   * Their instances wait too; they are admitted as the queue makes room.
   */
  readonly held: readonly Cohort[];
  /** Network Manager's queue, oldest first (FIFO). */
  readonly queue: readonly Cohort[];
  /** Work units already spent on the propagation at the head of the queue (it may take several ticks). */
  readonly spent: number;
  /** The backlog of delayed propagations: when it was delivered (null: not yet) and how large it was. */
  readonly backlog: { readonly at: number | null; readonly size: number };
  /** reduce-load, after operators step in: incoming work is cut to `reducedPercent` of normal. */
  readonly reduced: boolean;
  /** Consecutive ticks with the propagation delay above normal: what operators watch. */
  readonly elevatedFor: number;
  readonly last: TickReport;
  readonly total: { readonly landed: number; readonly reductions: number; readonly refused: number };
};

/** The rules' knobs that are not drawn: model parameters for a hunt, scale settings for a simulation. */
export type NmSettings = {
  /** Queue length per extra work unit of a propagation: one costs 1 + floor(queued / knee) units. */
  readonly knee: number;
  /** A propagation delay of at most this many ticks is normal. */
  readonly normalDelay: number;
  /** reduce-load: ticks of elevated delay before operators reduce the load. */
  readonly react: number;
  /** reduce-load: the share of normal incoming work (percent) let through while the load is reduced. */
  readonly reducedPercent: number;
};

export const NO_REPORT: TickReport = { arrived: 0, admitted: 0, landed: 0, spent: 0 };

export function emptyState(): NmState {
  return {
    tick: 0,
    load: null,
    held: [],
    queue: [],
    spent: 0,
    backlog: { at: null, size: 0 },
    reduced: false,
    elevatedFor: 0,
    last: NO_REPORT,
    total: { landed: 0, reductions: 0, refused: 0 },
  };
}

const sum = (xs: readonly Cohort[]): number => xs.reduce((n, x) => n + x.count, 0);

/** Propagations in Network Manager's queue. */
export const queued = (s: NmState): number => sum(s.queue);
/** Propagations held back upstream (queue-size-limit). */
export const heldBack = (s: NmState): number => sum(s.held);
/** Instances launched whose network configuration has not landed. */
export const unreachable = (s: NmState): number => queued(s) + heldBack(s);

/**
 * The propagation delay: how long the oldest instance still waiting for its configuration has
 * waited (0 when none waits). "Network Manager started to experience increased latencies in
 * network propagation times."
 */
export function propagationDelay(s: NmState): number {
  const oldest = Math.min(s.held[0]?.since ?? Infinity, s.queue[0]?.since ?? Infinity);
  return oldest === Infinity ? 0 : s.tick - oldest;
}

/**
 * The latest tick whose propagations have all landed: an instance launched at or before it can
 * communicate. FIFO order makes this one number, which is the narrow interface the NLB model's
 * health checks read in the composed Region (models/us-east-1).
 */
export function propagatedThrough(s: NmState): number {
  const oldest = Math.min(s.held[0]?.since ?? Infinity, s.queue[0]?.since ?? Infinity);
  return oldest === Infinity ? s.tick : oldest - 1;
}
