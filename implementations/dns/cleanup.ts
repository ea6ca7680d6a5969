/**
 * Plan clean-up, run by an enactor after its walk: "it then invoked the plan clean-up process, which
 * identifies plans that are significantly older than the one it just applied and deletes them".
 * "Significantly older" is more than `window` generations. With the fix, the delete keeps any plan
 * an endpoint still serves or an enactor still holds, decided in the same transaction as the delete.
 */
import type { PlanStore } from './interfaces.ts';
import type { DnsAutomationOptions } from './options.ts';

export async function cleanUpOldPlans(
  plans: PlanStore,
  applied: number,
  enactor: string,
  window: number,
  options: DnsAutomationOptions,
): Promise<number[]> {
  const generations = await plans.listGenerations();
  const old = generations.filter((g) => applied - g > window);
  // Always one deletePlans call, even with nothing to delete: it also releases this enactor's claim,
  // and the claim must go in the same transaction in which the enactor stops holding its plan.
  return plans.deletePlans(old, { releaseClaimOf: enactor, onlyUnused: options.cleanup === 'unused-atomically' });
}
