/**
 * The health-check subsystem's rules that the tick (tick.ts) applies: what a check returns, when a
 * zone counts as healthy, and which zones failover may take out of DNS. Pure functions, shared by
 * the checked model and the composed Region (models/us-east-1).
 */
import type { TickRules } from '../../engine/index.ts';
import type { CheckResult, NlbSettings, NlbState, Target } from './state.ts';
import type { NlbSwitches } from './variants.ts';

export type Rules = TickRules<NlbSettings, NlbSwitches>;

/**
 * "This was caused by the health checking subsystem bringing new EC2 instances into service while
 * the network state for those instances had not yet fully propagated. This meant that in some
 * cases health checks would fail even though the underlying NLB node and backend targets were
 * healthy. This resulted in health checks alternating between failing and healthy."
 * A target whose network state has propagated passes; one whose state has not alternates, failing
 * first (it came into service before its state did).
 */
export function checkResult(t: Target): CheckResult {
  if (t.propagated) return 'pass';
  return t.last === 'fail' ? 'pass' : 'fail';
}

/** A result this recent is fresh; older, the target's health is unknown ("delays in health checks"). */
export const fresh = (t: Target, tick: number, r: Rules): boolean =>
  t.checkedAt !== null && tick - t.checkedAt <= r.settings.staleAfter;

/**
 * A zone is healthy while some target in it has a fresh passing check. NLB's documentation: "If
 * one or more target groups does not have a healthy target in an enabled Availability Zone, we
 * remove the IP address for the corresponding subnet from DNS". A check delayed past `staleAfter`
 * does not count: "causing it to degrade, resulting in delays in health checks and triggering
 * automatic AZ DNS failover to occur".
 */
export function zoneHealthy(s: NlbState, az: number, r: Rules): boolean {
  return s.targets.some((t) => t.az === az && t.registered && t.last === 'pass' && fresh(t, s.tick, r));
}

/**
 * Which zones are in DNS after this tick's health, given which are in now.
 * - as-2025: every unhealthy zone is removed, every healthy one returns.
 * - velocity-control: "limit the capacity a single NLB can remove when health check failures cause
 *   AZ failover" — returns first, then removals only while fewer than `maxZonesRemoved` are out.
 * - fail-open: "If no record is healthy, all records are healthy" (Route 53) and NLB's "If all
 *   targets fail health checks at the same time in all enabled Availability Zones, the load
 *   balancer fails open" — when every zone is unhealthy, every zone stays in.
 */
export function zonesInDns(s: NlbState, healthy: readonly boolean[], r: Rules): boolean[] {
  if (r.switches.failOpen && healthy.every((h) => !h)) return healthy.map(() => true);
  const next = s.zones.map((z, az) => z.inDns || (healthy[az] ?? false));
  let out = next.filter((x) => !x).length;
  s.zones.forEach((z, az) => {
    if (!z.inDns || healthy[az]) return;
    if (r.switches.velocityControl && out >= r.settings.maxZonesRemoved) return;
    next[az] = false;
    out += 1;
  });
  return next;
}
