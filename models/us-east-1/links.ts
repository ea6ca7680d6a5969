/**
 * The three narrow interfaces of the cascade, each read from one system and written into the next
 * system's input. Nothing else passes between them.
 *
 * 1. DNS → DWFM: "DynamoDB reachable". "Starting at 11:48 PM PDT on October 19, these DWFM state
 *    checks began to fail as the process depends on DynamoDB and was unable to complete."
 * 2. DWFM → EC2 and Network Manager: "droplets with leases". "Since any droplet without an active
 *    lease is not considered a candidate for new EC2 launches"; "Since these network propagation
 *    events had been delayed by the issue with DWFM, a significant backlog …"
 * 3. Network Manager → NLB: "instances with propagated network state". "bringing new EC2 instances
 *    into service while the network state for those instances had not yet fully propagated".
 */
import type { Draft } from 'immer';
import type { DnsState } from '../dns/state.ts';
import { activeLeases, type DwfmState } from '../dwfm/state.ts';
import { dynamoGoesDown } from '../dwfm/tick.ts';
import { propagatedThrough, propagationDelay, unreachable, type NmState } from '../network-manager/state.ts';
import type { NlbState } from '../nlb/state.ts';
import { networkStateLands } from '../nlb/tick.ts';

/** 1. DynamoDB is reachable while its regional endpoint resolves to some address. */
export const dynamodbReachable = (dns: DnsState): boolean => (dns.route53[0]?.records.length ?? 0) > 0;

/**
 * DWFM's input is its DynamoDB: down for the coming tick while the endpoint is empty, back on the
 * coming tick once it resolves. DWFM's own tick (models/dwfm/tick.ts) brings it back and records when.
 */
export function dwfmSeesDynamoDb(d: Draft<DwfmState>, reachable: boolean): void {
  if (!reachable) {
    if (d.dynamo.up) dynamoGoesDown(d, 1);
    else d.dynamo.downUntil = d.tick + 1;
  } else if (!d.dynamo.up) d.dynamo.downUntil = d.tick;
}

/** 2. Droplets with leases, as a share of the fleet. */
export function leasedShare(dwfm: DwfmState): number {
  const droplets = dwfm.fleet?.droplets ?? 0;
  return droplets === 0 ? 1 : activeLeases(dwfm) / droplets;
}

/** Every droplet holds a lease: DWFM has recovered, and what it held back can flow. */
export const dwfmRecovered = (dwfm: DwfmState): boolean =>
  dwfm.fleet !== null && activeLeases(dwfm) === dwfm.fleet.droplets;

/**
 * EC2 launches succeed: DynamoDB answers and every droplet holds a lease ("By 5:28 AM, DWFM had
 * established leases with all droplets … and new launches were once again starting to succeed").
 */
export const launchesSucceed = (s: { readonly dns: DnsState; readonly dwfm: DwfmState }): boolean =>
  dynamodbReachable(s.dns) && dwfmRecovered(s.dwfm);

/** Network Manager has caught up: no instance waits longer than normal, and at most a minute's normal work is queued. */
export const networkManagerCaughtUp = (nm: NmState, normalDelay: number, changeRate: number): boolean =>
  propagationDelay(nm) <= normalDelay && unreachable(nm) <= changeRate;

/**
 * 3. A new NLB target launched at minute m has its network state once Network Manager has
 * propagated everything that arrived up to m (its queue is FIFO).
 */
export function nlbTargetsGetNetworkState(
  nlb: Draft<NlbState>,
  launchedAt: readonly (number | null)[],
  nm: NmState,
): void {
  const through = propagatedThrough(nm);
  nlb.targets.forEach((t, id) => {
    const at = launchedAt[id];
    if (t.registered && !t.propagated && at !== null && at !== undefined && at <= through) networkStateLands(nlb, id);
  });
}
