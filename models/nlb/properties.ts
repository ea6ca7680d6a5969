/**
 * The claims: the load balancer keeps the capacity its load needs while its backends are healthy,
 * and no target flaps in and out of service; the witnesses make sure a green hunt met flapping and
 * a zone failover.
 */
import { kit, rulesOf } from './kit.ts';
import { zoneHealthy } from './rules.ts';
import { healthyCapacity, serving, zoneName, zoneSummary, zonesOut } from './state.ts';

/**
 * "For multi-AZ load balancers, this resulted in capacity being taken out of service. In this
 * case, an application experienced increased connection errors if the remaining healthy capacity
 * was insufficient to carry the application load." No target in the model ever truly fails, so
 * the backends are healthy throughout, and the claim is that health checking never leaves less
 * capacity serving than the load needs.
 */
export const capacityCoversLoad = kit.always({
  name: 'capacity-covers-load',
  doc: 'while the backends are healthy, the healthy capacity serving is at least what the load needs',
  check: (s, { params }) => {
    const cap = healthyCapacity(s);
    return (
      cap >= params.load ||
      `healthy capacity ${cap} is below the load's ${params.load} (every backend is healthy): ${zoneSummary(s)}`
    );
  },
});

/** "This resulted in health checks alternating between failing and healthy." */
export const noNodeFlaps = kit.always({
  name: 'no-node-flaps',
  doc: 'no target goes out of or back into service more than flapLimit times in any flapWindow ticks',
  check: (s, { params }) => {
    const i = s.targets.findIndex((t) => t.flaps.length > params.flapLimit);
    if (i < 0) return true;
    const t = s.targets[i]!;
    return `target ${i} (${zoneName(t.az)}) went out of or into service ${t.flaps.length} times in the last ${params.flapWindow} ticks (ticks ${t.flaps.join(', ')}; limit ${params.flapLimit})`;
  },
});

/**
 * The fix's promise, in AWS's words: "a velocity control mechanism to limit the capacity a single
 * NLB can remove when health check failures cause AZ failover" — failover never holds more zones
 * out of DNS at once than its cap (`maxZonesRemoved`): a cap on zones held out, not a rate.
 */
export const zonesOutWithinCap = kit.always({
  name: 'zones-out-within-cap',
  doc: 'failover never holds more than maxZonesRemoved zones out of DNS at once',
  check: (s, { params }) =>
    zonesOut(s) <= params.maxZonesRemoved ||
    `${zonesOut(s)} zones out of DNS at tick ${s.tick} (cap ${params.maxZonesRemoved}): ${zoneSummary(s)}`,
});

/**
 * Fail-open's promise, in Route 53's words: "If none of the records in a group of records are
 * healthy […] Route 53 considers all the records in the group to be healthy" (and NLB's "the load
 * balancer fails open") — failover never takes every zone out of DNS.
 */
export const someZoneInDns = kit.always({
  name: 'some-zone-in-dns',
  doc: "failover never takes every zone out of the load balancer's DNS name",
  check: (s) => s.zones.some((z) => z.inDns) || `every zone is out of DNS at tick ${s.tick}: ${zoneSummary(s)}`,
});

/**
 * What engineers did, in AWS's words: "disabled automatic health check failovers for NLB, allowing
 * all available healthy NLB nodes and backend targets to be brought back into service" — with
 * failover off, every registered target serves (in service, in a zone in DNS).
 */
export const allServeWithoutFailover = kit.always({
  name: 'all-serve-without-failover',
  doc: 'while failover is off, every registered target is in service in a zone in DNS',
  check: (s) => {
    if (s.failover) return true;
    const i = s.targets.findIndex((t) => t.registered && !serving(s, t));
    return (
      i < 0 || `failover is off, yet target ${i} (${zoneName(s.targets[i]!.az)}) does not serve: ${zoneSummary(s)}`
    );
  },
});

/**
 * "This resulted in health checks alternating between failing and healthy." Reached in every
 * variant: with failover disabled the checks still alternate, they just take nothing out of service.
 */
export const flapping = kit.sometimes({
  name: 'flapping',
  doc: "a healthy target's health checks have gone fail → pass → fail (or the reverse): its results alternate",
  reached: (s) => s.targets.some((t) => t.alternations >= 2),
});

/** "resulting in delays in health checks": a zone with no freshly healthy target, which failover acts on where it is enabled. */
export const zoneLooksUnhealthy = kit.sometimes({
  name: 'zone-looks-unhealthy',
  doc: 'a zone has no target with a fresh passing check: automatic AZ DNS failover would remove it',
  reached: (s, ctx) => s.zones.some((_, az) => !zoneHealthy(s, az, rulesOf(ctx))),
});
