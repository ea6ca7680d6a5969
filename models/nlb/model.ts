/**
 * Network Load Balancer's health checks during the October 2025 us-east-1 event: new instances
 * brought into service before their network state propagated fail checks and pass them in turn,
 * the alternation loads the health checkers, checks are delayed, and automatic AZ DNS failover
 * takes healthy capacity out of service.
 *
 * "The alternating health check results increased the load on the health check subsystem,
 * causing it to degrade, resulting in delays in health checks and triggering automatic AZ DNS
 * failover to occur. For multi-AZ load balancers, this resulted in capacity being taken out of
 * service."
 *
 * The state is in state.ts, the rules in rules.ts and tick.ts, the scheduled steps in actions.ts,
 * the claims in properties.ts, the variants in variants.ts; README.md tells the story.
 */
import {
  CHECKERS,
  EC2,
  NETWORK_MANAGER,
  TIME,
  ec2BringsTargetIntoService,
  networkStateLands,
  timePasses,
} from './actions.ts';
import { kit, time } from './kit.ts';
import {
  allServeWithoutFailover,
  capacityCoversLoad,
  flapping,
  noNodeFlaps,
  someZoneInDns,
  zoneLooksUnhealthy,
  zonesOutWithinCap,
} from './properties.ts';
import { healthyCapacity, initialState, mostFlaps, zoneName } from './state.ts';
import { variants } from './variants.ts';

export const nlb = kit.model({
  name: 'nlb',
  title: "Network Load Balancer's health checks and AZ DNS failover (us-east-1, October 2025)",
  doc: 'Health checks of new targets whose network state has not propagated alternate; the alternation loads the checkers, checks are delayed, and AZ failover removes healthy capacity.',
  params: {
    zones: { default: 3, min: 2, max: 4, doc: 'Availability Zones the load balancer spans' },
    existingTargets: {
      default: 2,
      min: 1,
      max: 4,
      doc: 'targets per zone launched before the event (network state long propagated)',
    },
    newTargets: { default: 2, min: 0, max: 4, doc: 'slots per zone for new instances EC2 brings into service' },
    load: { default: 4, min: 1, max: 16, doc: "healthy capacity (in targets) the application's load needs" },
    checkerCapacity: {
      default: 3,
      min: 1,
      max: 64,
      doc: "work units a zone's health checkers complete per tick (a passing check costs 1)",
    },
    failCost: { default: 3, min: 1, max: 16, doc: 'work units of a failing check (it waits for its timeout)' },
    changeCost: {
      default: 2,
      min: 0,
      max: 16,
      doc: 'work units of the DNS update when a check result removes or returns a target',
    },
    staleAfter: {
      default: 1,
      min: 0,
      max: 16,
      doc: 'a check result older than this many ticks is stale (health unknown)',
    },
    maxZonesRemoved: {
      default: 1,
      min: 0,
      max: 4,
      doc: 'velocity-control: zones failover may hold out of DNS at once',
    },
    flapLimit: { default: 2, min: 1, max: 16, doc: 'no-node-flaps: most flaps allowed in a window' },
    flapWindow: { default: 6, min: 1, max: 64, doc: 'no-node-flaps: the window, in ticks' },
    horizon: { default: 12, min: 1, max: 1000, doc: 'ticks a run lasts' },
  },
  variants,
  init: ({ params, switches }) =>
    initialState(params.zones, params.existingTargets, params.newTargets, switches.failover),
  actions: [timePasses, ec2BringsTargetIntoService, networkStateLands],
  properties: [
    capacityCoversLoad,
    noNodeFlaps,
    zonesOutWithinCap,
    someZoneInDns,
    allServeWithoutFailover,
    flapping,
    zoneLooksUnhealthy,
  ],
  actors: () => [TIME, CHECKERS, EC2, NETWORK_MANAGER],
  ends: time.ends,
  clock: time.clock,
  columns: [
    { name: 'tick', value: (s) => s.tick },
    // Per zone, its registered targets: ● serving with its network state, ○ serving without it, · out of service; (…) the zone is out of DNS.
    {
      name: 'zones',
      value: (s) =>
        s.zones
          .map((z, az) => {
            const cell = s.targets
              .filter((t) => t.az === az && t.registered)
              .map((t) => (!t.inService ? '·' : t.propagated ? '●' : '○'))
              .join('');
            return `${zoneName(az).slice(-1)}:${z.inDns ? cell : `(${cell})`}`;
          })
          .join(' '),
    },
    { name: 'capacity', value: (s) => healthyCapacity(s) },
    { name: 'flaps', value: (s) => mostFlaps(s) },
  ],
});
