/**
 * A DNS Enactor: "For resiliency, the DNS Enactor operates redundantly and fully independently in
 * three different Availability Zones (AZs). Each of these independent instances of the DNS Enactor
 * looks for new plans and attempts to update Route53 by replacing the current plan with a new plan
 * using a Route53 transaction". Its life: pick up the latest plan after a one-time check, walk the
 * endpoints (lock, replace, retry when blocked or failed), clean up old plans, look again.
 */
import { cleanUpOldPlans } from './cleanup.ts';
import { isInvalidChangeBatch, type Clock, type Plan, type PlanStore, type Route53 } from './interfaces.ts';
import { DEFAULT_TIMING, type DnsAutomationOptions } from './options.ts';

export interface EnactorDeps {
  readonly plans: PlanStore;
  readonly route53: Route53;
  readonly clock: Clock;
  /** The endpoints one plan serves, the public regional endpoint first. */
  readonly endpoints: readonly string[];
}

/** What the enactor is doing, as it would report it on a health page. */
export interface EnactorStatus {
  readonly phase: 'idle' | 'applying' | 'cleaning';
  readonly plan: number | null;
  /** Index of the endpoint it is working on. */
  readonly next: number;
}

export class DnsEnactor {
  private current: EnactorStatus = { phase: 'idle', plan: null, next: 0 };
  readonly name: string;

  constructor(
    readonly id: number,
    private readonly deps: EnactorDeps,
    private readonly options: DnsAutomationOptions & { readonly window: number },
  ) {
    this.name = `enactor ${id}`;
  }

  get status(): EnactorStatus {
    return this.current;
  }

  /** Work until `stop()` says so, checked only when there is nothing to do. */
  async run(stop: () => boolean): Promise<void> {
    for (;;) {
      const plan = await this.pickUpLatestPlan();
      if (plan) {
        await this.applyToEveryEndpoint(plan);
        await cleanUpOldPlans(this.deps.plans, plan.generation, this.name, this.options.window, this.options);
        this.current = { phase: 'idle', plan: null, next: 0 };
        continue;
      }
      if (stop()) return;
      await this.deps.clock.sleep(this.options.pollMs ?? DEFAULT_TIMING.pollMs);
    }
  }

  /**
   * "a DNS Enactor picks up the latest plan […] Before it begins to apply a new plan, the DNS Enactor
   * makes a one-time check that its plan is newer than the previously applied plan." The previously
   * applied plan is the oldest one Route53 serves (as in the model); the check is the condition of
   * the claim, and nothing later repeats it unless `conditionalCommit` is on.
   */
  private async pickUpLatestPlan(): Promise<Plan | null> {
    const endpoints = await this.deps.route53.listEndpoints();
    const applied = Math.min(...endpoints.map((e) => e.generation));
    const plan = await this.deps.plans.claimLatestNewerThan(applied, this.name);
    if (plan) this.current = { phase: 'applying', plan: plan.generation, next: 0 };
    return plan;
  }

  /** "the DNS Enactor will retry each endpoint until the plan is successfully applied to all endpoints" */
  private async applyToEveryEndpoint(plan: Plan): Promise<void> {
    for (const endpoint of this.deps.endpoints) {
      while (!(await this.tryEndpoint(endpoint, plan)))
        await this.deps.clock.sleep(this.options.retryMs ?? DEFAULT_TIMING.retryMs);
    }
  }

  /** One attempt at one endpoint: true when the enactor is done with it (applied, or refused as not newer). */
  private async tryEndpoint(endpoint: string, plan: Plan): Promise<boolean> {
    const { route53, plans } = this.deps;
    const locking = !(this.options.enactorsSkippingTheLock ?? []).includes(this.id);
    if (locking && !(await this.lock(endpoint))) return false;
    const unlock = async () => {
      if (locking) await route53.releaseLock(endpoint, this.name);
    };
    const state = await route53.getEndpoint(endpoint);
    if (this.options.conditionalCommit && state.generation >= plan.generation) {
      // The fix: never move an endpoint back, whatever the one-time check said.
      await unlock();
      this.movedOn();
      return true;
    }
    // "replacing the current plan with a new plan": the transaction deletes the current plan's
    // records, so it needs that plan. "because the active plan was deleted, the system was left in
    // an inconsistent state that prevented subsequent plan updates from being applied".
    const active = await plans.getPlan(state.generation);
    if (!active) {
      await unlock();
      return false;
    }
    try {
      await route53.changeResourceRecordSets(endpoint, {
        delete: active.records,
        create: plan.records,
        generation: plan.generation,
        releaseLockOf: locking ? this.name : null,
      });
    } catch (e) {
      if (!isInvalidChangeBatch(e)) throw e;
      await unlock(); // the records changed under us (clean-up deleted them): retry later
      return false;
    }
    this.movedOn();
    return true;
  }

  /** "it attempts a transaction and is blocked by another DNS Enactor updating the same endpoint" */
  private async lock(endpoint: string): Promise<boolean> {
    try {
      await this.deps.route53.acquireLock(endpoint, this.name);
      return true;
    } catch (e) {
      if (isInvalidChangeBatch(e)) return false;
      throw e;
    }
  }

  private movedOn(): void {
    const next = this.current.next + 1;
    this.current = {
      phase: next === this.deps.endpoints.length ? 'cleaning' : 'applying',
      plan: this.current.plan,
      next,
    };
  }
}
