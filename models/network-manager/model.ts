/**
 * EC2's Network Manager after DWFM's recovery, October 2025: the network state changes held back
 * while droplets had no lease arrive at once, and the backlog makes every propagation slower.
 *
 * "When a new EC2 instance is launched, a system called Network Manager propagates the network
 * configuration that allows the instance to communicate with other instances within the same
 * Virtual Private Cloud (VPC), other VPC network appliances, and the Internet. […] Since these
 * network propagation events had been delayed by the issue with DWFM, a significant backlog of
 * network state propagations needed to be processed by Network Manager […] at 6:21 AM, Network
 * Manager started to experience increased latencies in network propagation times as it worked to
 * process the backlog of network state changes."
 *
 * The state is in state.ts, the rules in rules.ts and tick.ts, the scheduled steps in actions.ts,
 * the claims in properties.ts, the variants in variants.ts; README.md tells the story.
 */
import {
  DWFM,
  NETWORK_MANAGER,
  OPERATORS,
  TIME,
  dwfmReleasesDelayedPropagations,
  networkManagerStartsAtNormalLoad,
  operatorsReduceLoad,
  operatorsRestoreLoad,
  timePasses,
} from './actions.ts';
import { kit, time } from './kit.ts';
import {
  backlogCleared,
  delayElevatedWitness,
  instancesReachableWithinBound,
  loadReducedWhenElevated,
  loadReductionLifted,
  propagationDelayRecovers,
  queueServableInATick,
} from './properties.ts';
import { propagationCost } from './rules.ts';
import { emptyState, heldBack, propagationDelay, queued } from './state.ts';
import { variants } from './variants.ts';

export const networkManager = kit.model({
  name: 'network-manager',
  title: "EC2's Network Manager after DWFM's recovery (us-east-1, October 2025)",
  doc: 'The network state changes DWFM held back arrive at once; the backlog makes every propagation slower, and launched instances stay unreachable.',
  params: {
    maxCapacity: {
      default: 4,
      min: 2,
      max: 64,
      doc: 'largest capacity a hunt draws, in work units per tick (the normal load is drawn below it)',
    },
    maxBacklog: { default: 16, min: 1, max: 1024, doc: 'largest delayed backlog a hunt draws, in propagations' },
    knee: {
      default: 4,
      min: 1,
      max: 1_000_000,
      doc: 'a propagation costs one more work unit per this many queued behind it',
    },
    normalDelay: { default: 1, min: 0, max: 64, doc: 'a propagation delay of at most this many ticks is normal' },
    react: {
      default: 2,
      min: 1,
      max: 64,
      doc: 'reduce-load: ticks of elevated delay before operators reduce the load',
    },
    reducedPercent: {
      default: 0,
      min: 0,
      max: 100,
      doc: 'reduce-load: share of normal incoming work let through while the load is reduced',
    },
    recoveryFactor: {
      default: 4,
      min: 1,
      max: 64,
      doc: 'propagation-delay-recovers: back to normal within this many times the fastest possible recovery',
    },
    unreachableFactor: {
      default: 2,
      min: 1,
      max: 64,
      doc: 'instances-reachable-within-bound: no instance waits longer than this many times the fastest drain of the backlog',
    },
    horizon: { default: 60, min: 1, max: 10_000, doc: 'ticks a run lasts' },
  },
  variants,
  init: () => emptyState(),
  actions: [
    networkManagerStartsAtNormalLoad,
    timePasses,
    dwfmReleasesDelayedPropagations,
    operatorsReduceLoad,
    operatorsRestoreLoad,
  ],
  properties: [
    propagationDelayRecovers,
    instancesReachableWithinBound,
    queueServableInATick,
    loadReducedWhenElevated,
    loadReductionLifted,
    delayElevatedWitness,
    backlogCleared,
  ],
  actors: () => [TIME, NETWORK_MANAGER, DWFM, OPERATORS],
  ends: time.ends,
  clock: time.clock,
  columns: [
    { name: 'tick', value: (s) => s.tick },
    { name: 'load', value: (s) => (s.load === null ? '' : s.reduced ? 'reduced' : 'normal') },
    { name: 'queued', value: (s) => queued(s) },
    { name: 'held', value: (s) => heldBack(s) },
    { name: 'cost', value: (s, { params }) => propagationCost(Math.max(0, queued(s) - 1), params.knee) },
    { name: 'landed', value: (s) => s.last.landed },
    { name: 'delay', value: (s) => propagationDelay(s) },
  ],
});
