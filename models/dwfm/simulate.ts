/**
 * The count simulator: the checked model's rules (tick.ts) run on one fixed schedule, at any
 * scale. A healthy fleet, one DynamoDB outage, then time passes until every lease is back or the
 * horizon is reached; operators follow their runbook in throttled-restart exactly as the model's
 * urgent operator actions do. No immer, no fast-check: a plain object edited in place, so that
 * 10^6 droplets cost what 10 do (the state is counts).
 */
import type { Draft } from 'immer';
import { relaxDue, restartDue, type Rules } from './rules.ts';
import {
  activeLeases,
  emptyState,
  queued,
  staleQueued,
  waitingDroplets,
  type DwfmSettings,
  type DwfmState,
  type Fleet,
} from './state.ts';
import { dynamoGoesDown, relaxThrottle, restartHost, takeOverFleet, timePasses } from './tick.ts';
import type { DwfmSwitches } from './variants.ts';

export type Scenario = {
  readonly fleet: Fleet;
  readonly settings: DwfmSettings;
  readonly switches: DwfmSwitches;
  /** Ticks of normal operation before DynamoDB goes down. */
  readonly outageAt: number;
  /** Ticks DynamoDB stays down. */
  readonly outage: number;
  /** Give up this many ticks after DynamoDB is back. */
  readonly horizon: number;
};

export type TickRow = {
  readonly tick: number;
  readonly up: boolean;
  readonly active: number;
  readonly queued: number;
  readonly stale: number;
  readonly established: number;
  readonly wasted: number;
  /** throttled-restart: operators throttle incoming work. */
  readonly throttled: boolean;
};

export type SimResult = {
  /** The tick DynamoDB came back. */
  readonly backAt: number;
  /** Ticks from DynamoDB's return until every droplet held a lease again; null: not within the horizon. */
  readonly recoveryTicks: number | null;
  /** The longest run of ticks after DynamoDB's return in which droplets waited and no lease was established (as leases-make-progress counts). */
  readonly longestStall: number;
  /** The longest run of ticks, from DynamoDB's return, in which the host was busy and droplets waited, yet no lease was established (as goodput-not-zero counts). */
  readonly longestBusyStall: number;
  readonly peakQueue: number;
  readonly leasesExpired: boolean;
  readonly wasted: number;
  readonly restarts: number;
  readonly final: DwfmState;
  readonly rows: readonly TickRow[];
};

export function simulate(sc: Scenario, opts: { readonly rows?: boolean } = {}): SimResult {
  const r: Rules = { settings: sc.settings, switches: sc.switches };
  const s = structuredClone(emptyState()) as Draft<DwfmState>;
  const rows: TickRow[] = [];
  const row = () => {
    if (opts.rows)
      rows.push({
        tick: s.tick,
        up: s.dynamo.up,
        active: activeLeases(s),
        queued: queued(s),
        stale: staleQueued(s),
        established: s.last.established,
        wasted: s.last.wasted,
        throttled: s.throttled,
      });
  };
  takeOverFleet(s, sc.fleet, r);
  row();
  const operatorsAndTime = () => {
    if (restartDue(s, r)) restartHost(s);
    if (relaxDue(s)) relaxThrottle(s);
    timePasses(s, r);
    row();
  };
  for (let i = 0; i < sc.outageAt; i++) operatorsAndTime();
  dynamoGoesDown(s, sc.outage);
  let peakQueue = 0;
  let leasesExpired = false;
  while (!s.dynamo.up) {
    operatorsAndTime();
    peakQueue = Math.max(peakQueue, queued(s));
    leasesExpired ||= activeLeases(s) === 0;
  }
  const backAt = s.tick;
  let recoveryTicks: number | null = null;
  let stall = 0;
  let longestStall = 0;
  let busy = 0;
  let longestBusyStall = 0;
  // The tick DynamoDB came back already ran; judge it and every tick after.
  for (;;) {
    peakQueue = Math.max(peakQueue, queued(s));
    // Counted as leases-make-progress counts: ticks after DynamoDB's return (or after the last lease established).
    stall = s.tick > backAt && waitingDroplets(s) > 0 && s.last.established === 0 ? stall + 1 : 0;
    longestStall = Math.max(longestStall, stall);
    busy = waitingDroplets(s) > 0 && s.last.spent > 0 && s.last.established === 0 ? busy + 1 : 0;
    longestBusyStall = Math.max(longestBusyStall, busy);
    if (waitingDroplets(s) === 0) {
      recoveryTicks = s.tick - backAt;
      break;
    }
    if (s.tick - backAt >= sc.horizon) break;
    operatorsAndTime();
  }
  return {
    backAt,
    recoveryTicks,
    longestStall,
    longestBusyStall,
    peakQueue,
    leasesExpired,
    wasted: s.total.wasted,
    restarts: s.total.restarts,
    final: s,
    rows,
  };
}
