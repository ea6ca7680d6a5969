/**
 * What one Network Load Balancer and its health-check subsystem are made of: per Availability
 * Zone, the NLB node whose address is in the load balancer's DNS name, the backend targets behind
 * it, and the zone's health checkers with their queue of checks. Targets are few (a handful per
 * zone) and each has a history (its flaps), so they are kept one by one; arrays are indexed by id.
 */

export type CheckResult = 'pass' | 'fail';

export type Target = {
  /** The Availability Zone it runs in (0-based). */
  readonly az: number;
  /** Launched before the event: its network state propagated long ago. */
  readonly existing: boolean;
  /** Registered with the load balancer (a new target's slot is empty until EC2 brings an instance into service). */
  readonly registered: boolean;
  /** Its network state has propagated (Network Manager's work has landed). */
  readonly propagated: boolean;
  /** In service: health checks have not removed it from DNS. */
  readonly inService: boolean;
  /** Its last completed health check, and the tick it completed (null: never checked). */
  readonly last: CheckResult | null;
  readonly checkedAt: number | null;
  /** How many times its check result differed from the one before (fail → pass or pass → fail). */
  readonly alternations: number;
  /** Ticks at which it went out of or back into service, within the flap window (oldest first). */
  readonly flaps: readonly number[];
};

export type Zone = {
  /** The zone's NLB node address is in the load balancer's DNS name. */
  readonly inDns: boolean;
  /** Health checks waiting for a checker, target ids in order. */
  readonly pending: readonly number[];
  /** Work units owed for DNS updates that health-check results caused (removals and returns). */
  readonly dnsWork: number;
};

/** What the last tick did. */
export type TickReport = {
  readonly checks: number;
  /** Targets removed from or returned to service. */
  readonly changes: number;
  /** Zones removed from or returned to DNS. */
  readonly failovers: number;
};

export type NlbState = {
  readonly tick: number;
  readonly targets: readonly Target[];
  readonly zones: readonly Zone[];
  /** Automatic health-check failover: health checks take targets and zones out of DNS. */
  readonly failover: boolean;
  readonly last: TickReport;
  /** Zones failover would have removed but did not: velocity control held them, or fail-open kept them. */
  readonly spared: number;
};

/** The rules' knobs (model parameters for a hunt, the composed Region's settings). */
export type NlbSettings = {
  /** Work units a zone's health checkers complete per tick; a check costs one. */
  readonly checkerCapacity: number;
  /** Work units of a failing check: it waits for its timeout, where a passing one answers at once (cost 1). */
  readonly failCost: number;
  /** Work units of a DNS update caused by a health-check result (a target removed or returned). */
  readonly changeCost: number;
  /** A check result older than this many ticks is stale: the target's health is unknown. */
  readonly staleAfter: number;
  /** velocity-control: at most this many zones may be out of DNS through failover at once. */
  readonly maxZonesRemoved: number;
  /** Flaps are counted over this many ticks. */
  readonly flapWindow: number;
};

export const NO_REPORT: TickReport = { checks: 0, changes: 0, failovers: 0 };

/** Zone z's targets: `existing` in service (network state long propagated), then `slots` empty slots for new instances. */
export function initialState(zones: number, existing: number, slots: number, failover: boolean): NlbState {
  const targets: Target[] = [];
  for (let az = 0; az < zones; az++) {
    for (let i = 0; i < existing; i++)
      targets.push({
        az,
        existing: true,
        registered: true,
        propagated: true,
        inService: true,
        last: 'pass',
        checkedAt: 0,
        alternations: 0,
        flaps: [],
      });
    for (let i = 0; i < slots; i++)
      targets.push({
        az,
        existing: false,
        registered: false,
        propagated: false,
        inService: false,
        last: null,
        checkedAt: null,
        alternations: 0,
        flaps: [],
      });
  }
  return {
    tick: 0,
    targets,
    zones: Array.from({ length: zones }, () => ({ inDns: true, pending: [], dnsWork: 0 })),
    failover,
    last: NO_REPORT,
    spared: 0,
  };
}

export const zoneName = (az: number): string => `us-east-1${'abcdef'[az] ?? String(az)}`;

/** Serving: in service, in a zone whose node is in DNS. */
export const serving = (s: NlbState, t: Target): boolean =>
  t.registered && t.inService && (s.zones[t.az]?.inDns ?? false);

/**
 * Healthy capacity: targets that are serving and can carry traffic (their network state has
 * propagated). A target in service without its network state cannot: connections to it fail.
 */
export const healthyCapacity = (s: NlbState): number => s.targets.filter((t) => serving(s, t) && t.propagated).length;

/** The most flaps any target has in the window. */
export const mostFlaps = (s: NlbState): number => Math.max(0, ...s.targets.map((t) => t.flaps.length));

export const zonesOut = (s: NlbState): number => s.zones.filter((z) => !z.inDns).length;

/** "us-east-1a: 2/4 serving" for descriptions. */
export const zoneSummary = (s: NlbState): string =>
  s.zones
    .map(
      (z, az) =>
        `${zoneName(az)} ${z.inDns ? `${s.targets.filter((t) => t.az === az && serving(s, t)).length}/${s.targets.filter((t) => t.az === az && t.registered).length}` : 'out of DNS'}`,
    )
    .join(', ');
