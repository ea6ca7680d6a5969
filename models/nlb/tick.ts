/**
 * The health-check subsystem over one tick, and the steps between ticks, as edits of a state —
 * called inside immer by the checked model and on plain objects by the composed Region.
 *
 * As in models/dwfm, "time passes" does what the subsystem does by itself every tick (checks,
 * removals and returns, zone failover); the scheduler chooses what the world does: when EC2 brings
 * a new instance into service behind the load balancer, and when its network state lands.
 */
import type { Draft } from 'immer';
import { checkResult, zoneHealthy, zonesInDns, type Rules } from './rules.ts';
import { NO_REPORT, type NlbState, type TickReport } from './state.ts';

type D = Draft<NlbState>;
type Report = { -readonly [K in keyof TickReport]: number };

/**
 * "the health checking subsystem bringing new EC2 instances into service while the network state
 * for those instances had not yet fully propagated": the first empty slot of zone `az` gets a new
 * instance, in service at once, its network state not yet there. Adding it to DNS is DNS work.
 */
export function bringTargetIntoService(d: D, az: number, r: Rules): number {
  const id = d.targets.findIndex((t) => t.az === az && !t.registered);
  if (id < 0) throw new Error(`zone ${az} has no free slot`);
  d.targets[id] = {
    az,
    existing: false,
    registered: true,
    propagated: false,
    inService: true,
    last: null,
    checkedAt: null,
    alternations: 0,
    flaps: [],
  };
  d.zones[az]!.dnsWork += r.settings.changeCost;
  return id;
}

/** Network Manager's work for target `id` has landed: its network state has propagated. */
export function networkStateLands(d: D, id: number): void {
  d.targets[id]!.propagated = true;
}

/** One tick of the health-check subsystem. */
export function timePasses(d: D, r: Rules): void {
  const t = (d.tick += 1);
  const rep: Report = { ...NO_REPORT };
  d.zones.forEach((zone, az) => {
    // Every registered target is checked once a tick; a check still waiting is not queued twice.
    const waiting = new Set(zone.pending);
    d.targets.forEach((target, id) => {
      if (target.az === az && target.registered && !waiting.has(id)) zone.pending.push(id);
    });
    // The zone's checkers owe the DNS updates earlier results caused before they get to new checks:
    // "The alternating health check results increased the load on the health check subsystem".
    let units = r.settings.checkerCapacity;
    const paid = Math.min(units, zone.dnsWork);
    zone.dnsWork -= paid;
    units -= paid;
    while (units > 0 && zone.pending.length > 0) {
      const id = zone.pending.shift()!;
      const target = d.targets[id]!;
      const result = checkResult(target);
      if (target.last !== null && target.last !== result) target.alternations += 1;
      target.last = result;
      target.checkedAt = t;
      // A failing check waits for its timeout; a passing one answers at once.
      units -= result === 'fail' ? r.settings.failCost : 1;
      rep.checks += 1;
      // "This caused NLB nodes and backend targets to be removed from DNS, only to be returned to
      // service when the next health check succeeded."
      if (d.failover && target.inService !== (result === 'pass')) {
        target.inService = result === 'pass';
        target.flaps.push(t);
        zone.dnsWork += r.settings.changeCost;
        rep.changes += 1;
      }
    }
  });

  // "resulting in delays in health checks and triggering automatic AZ DNS failover to occur"
  if (d.failover) {
    const healthy = d.zones.map((_, az) => zoneHealthy(d as NlbState, az, r));
    const next = zonesInDns(d as NlbState, healthy, r);
    d.spared += next.filter((inDns, az) => inDns && !healthy[az] && d.zones[az]!.inDns).length;
    next.forEach((inDns, az) => {
      if (d.zones[az]!.inDns === inDns) return;
      d.zones[az]!.inDns = inDns;
      rep.failovers += 1;
      // The zone's node and every target behind it go out of (or back into) service with it.
      for (const target of d.targets)
        if (target.az === az && target.registered && target.inService) target.flaps.push(t);
    });
  }

  for (const target of d.targets)
    if (target.flaps.length > 0 && (target.flaps[0] ?? t) <= t - r.settings.flapWindow)
      target.flaps = target.flaps.filter((x) => x > t - r.settings.flapWindow);
  d.last = rep;
}

/**
 * "At 9:36 AM, engineers disabled automatic health check failovers for NLB, allowing all available
 * healthy NLB nodes and backend targets to be brought back into service."
 */
export function disableFailover(d: D): void {
  d.failover = false;
  for (const target of d.targets) if (target.registered) target.inService = true;
  for (const zone of d.zones) zone.inDns = true;
}

/** "Shortly after EC2 recovered, we re-enabled automatic DNS health check failover at 2:09 PM." */
export function enableFailover(d: D): void {
  d.failover = true;
}
