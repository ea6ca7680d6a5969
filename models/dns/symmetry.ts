/**
 * Symmetry reduction for the exhaustive explorer: the three enactors differ only by name, so a
 * state is represented by the one whose enactors are sorted, with every reference to an enactor
 * (lock owners) renamed to match. Traces always run on real states; this is only
 * used to fingerprint them.
 */
import type { DnsState } from './state.ts';

export function canonical(s: DnsState): DnsState {
  const ids = s.enactors.map((_, i) => i + 1);
  // An enactor's role: its own state and the locks it holds (computed once each, not per comparison).
  const roles = ids.map((e) => JSON.stringify([s.enactors[e - 1], s.route53.map((ep) => ep.lock === e)]));
  const role = (e: number) => roles[e - 1] as string;
  const order = [...ids].sort((a, b) => (role(a) < role(b) ? -1 : role(a) > role(b) ? 1 : 0));
  const renamed = new Map(order.map((old, i) => [old, i + 1]));
  const rename = (e: number) => renamed.get(e) ?? e;
  return {
    latest: s.latest,
    plans: s.plans,
    queue: s.queue,
    route53: s.route53.map((ep) => ({ ...ep, lock: ep.lock === null ? null : rename(ep.lock) })),
    enactors: order.map((old) => s.enactors[old - 1]!),
  };
}
