/**
 * The mapping from the implementation to the model (models/dns/state.ts DnsState), written once:
 * the plan store's plans and latest generation, Route53's endpoints (generation = the model's
 * `plan`, the change batch's replaced generation = the rollback record `replaced`, the lock record's
 * owner = `lock`), and each enactor's own status (phase, plan, next endpoint). Claims are not mapped:
 * a claim is held exactly while the enactor's status says it holds a plan (pick-up and clean-up
 * write both), which is what the model's "an enactor holds it" reads.
 */
import type { DnsState } from '../../models/dns/state.ts';
import type { DnsEnactor } from './enactor.ts';
import type { DnsBackend } from './fakes.ts';

export function toDnsState(
  backend: DnsBackend,
  endpoints: readonly string[],
  enactors: readonly DnsEnactor[],
): DnsState {
  const plans: Record<number, readonly string[]> = {};
  for (const g of [...backend.plans.keys()].sort((a, b) => a - b)) plans[g] = [...backend.plans.get(g)!.records];
  return {
    latest: backend.latest,
    plans,
    queue: [], // the stack link: enactors pick up the latest plan, there is no queue
    route53: endpoints.map((name) => {
      const e = backend.endpoint(name);
      return {
        name,
        plan: e.generation,
        records: [...e.records],
        replaced: e.previous,
        lock: e.lock === null ? null : enactorNumber(e.lock),
      };
    }),
    enactors: enactors.map((x) => ({
      phase: x.status.phase,
      plan: x.status.plan,
      next: x.status.next,
      marked: false,
      doomed: null,
    })),
  };
}

function enactorNumber(owner: string): number {
  const m = /^enactor (\d+)$/.exec(owner);
  if (!m) throw new Error(`lock owner "${owner}" is not an enactor`);
  return Number(m[1]);
}
