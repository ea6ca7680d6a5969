/**
 * The Region as one state: each system's own state under its key, exactly as its own model keeps
 * it (models/dns, models/dwfm, models/network-manager, models/nlb), plus what belongs to none of
 * them — the shared clock, EC2's request throttle and the work droplets without a lease hold back,
 * which operators have acted, and the three periods of impact as customers saw them.
 */
import type { DnsState } from '../dns/state.ts';
import type { DwfmState } from '../dwfm/state.ts';
import type { NmState } from '../network-manager/state.ts';
import type { NlbState } from '../nlb/state.ts';

/**
 * A period of impact: the first minute ever impacted, the first minute of the current (or last)
 * episode, and the last minute impacted (null: never). An episode ends after `settle` quiet minutes.
 */
export type Period = { readonly start: number | null; readonly episode: number | null; readonly last: number | null };

/** One documented intervention: since when its cause has held (null: it does not hold now), and when operators acted. */
export type Intervention = { readonly since: number | null; readonly done: number | null };

export const INTERVENTIONS = ['repair', 'restart', 'reduce', 'disable', 'relax', 'reenable'] as const;
export type InterventionName = (typeof INTERVENTIONS)[number];

export type RegionState = {
  /** Minutes since the night began (11:48 PM PDT in the scenario). */
  readonly minute: number;
  readonly dns: DnsState;
  /** The fault before the race: which enactor is unusually delayed now (null: none), and whether one has been tonight. */
  readonly dnsDelay: { readonly enactor: number | null; readonly happened: boolean };
  readonly dwfm: DwfmState;
  readonly nm: NmState;
  readonly nlb: NlbState;
  readonly ec2: {
    /** The last minute the regional endpoint resolved to nothing (cached empty answers linger after it). */
    readonly lastUnreachable: number | null;
    /** Network state changes on droplets without a lease, held back until DWFM has them all leased again. */
    readonly held: number;
    /** EC2's request throttle: the share of requests let through (100: no throttle). */
    readonly throttle: number;
    /** The minute operators began relaxing the throttle (null: not relaxing). */
    readonly relaxingSince: number | null;
    /** Launches have failed since they last succeeded: once they succeed again, new instances land behind the NLB. */
    readonly launchesFailed: boolean;
    /** The minute each new NLB target was launched, by target id (null: not launched in this run). */
    readonly launchedAt: readonly (number | null)[];
  };
  readonly ops: { readonly [K in InterventionName]: Intervention };
  readonly periods: { readonly dynamodb: Period; readonly ec2: Period; readonly nlb: Period };
};

export const NO_PERIOD: Period = { start: null, episode: null, last: null };
export const NO_INTERVENTION: Intervention = { since: null, done: null };

/** A period has ended once `settle` minutes have passed without impact. */
export const ended = (p: Period, minute: number, settle: number): boolean =>
  p.last !== null && minute - 1 - p.last >= settle;
export const ongoing = (p: Period, minute: number, settle: number): boolean =>
  p.start !== null && !ended(p, minute, settle);
