/**
 * In-memory fakes of the plan store and Route53, over one shared backend, as a test double of the
 * real services. Each call does its whole work at once (one atomic step), which is what the real
 * calls promise: a DynamoDB conditional write, a Route53 change batch.
 *
 * Two behaviours come from AWS's summary rather than from the APIs: deleting a plan removes the
 * records of every endpoint it is active on ("As this plan was deleted, all IP addresses for the
 * regional endpoint were immediately removed"), and `deletePlans(…, { onlyUnused })` can see what
 * Route53 serves. The second is what the fix, as the model states it, asks of the services: one
 * atomic decision over plans, claims and Route53 (README: what the model asks of the services).
 */
import {
  InvalidChangeBatch,
  type ChangeBatch,
  type EndpointState,
  type Plan,
  type PlanStore,
  type Route53,
} from './interfaces.ts';

interface EndpointRecord {
  records: string[];
  generation: number;
  /** Route53's change history, reduced to what the last batch replaced. */
  previous: number | null;
  lock: string | null;
}

/** The state behind both fakes; tests read it directly (implementations/dns/mapping.ts). */
export class DnsBackend {
  readonly plans = new Map<number, Plan>();
  latest: number;
  /** enactor name → the generation it claimed. */
  readonly claims = new Map<string, number>();
  readonly endpoints = new Map<string, EndpointRecord>();

  constructor(endpointNames: readonly string[], initial: Plan) {
    this.plans.set(initial.generation, initial);
    this.latest = initial.generation;
    for (const name of endpointNames)
      this.endpoints.set(name, {
        records: [...initial.records],
        generation: initial.generation,
        previous: null,
        lock: null,
      });
  }

  endpoint(name: string): EndpointRecord {
    const e = this.endpoints.get(name);
    if (!e) throw new InvalidChangeBatch(`No hosted zone record found for ${name}`);
    return e;
  }

  inUse(generation: number): boolean {
    return (
      [...this.endpoints.values()].some((e) => e.generation === generation) ||
      [...this.claims.values()].includes(generation)
    );
  }
}

const copyPlan = (p: Plan): Plan => ({ generation: p.generation, records: [...p.records] });

export class FakePlanStore implements PlanStore {
  constructor(private readonly backend: DnsBackend) {}

  async latestGeneration(): Promise<number> {
    return this.backend.latest;
  }

  async putPlan(plan: Plan): Promise<void> {
    this.backend.plans.set(plan.generation, copyPlan(plan));
    this.backend.latest = Math.max(this.backend.latest, plan.generation);
  }

  async claimLatestNewerThan(applied: number, enactor: string): Promise<Plan | null> {
    const plan = this.backend.plans.get(this.backend.latest);
    if (!plan || plan.generation <= applied) return null;
    this.backend.claims.set(enactor, plan.generation);
    return copyPlan(plan);
  }

  async getPlan(generation: number): Promise<Plan | null> {
    const plan = this.backend.plans.get(generation);
    return plan ? copyPlan(plan) : null;
  }

  async listGenerations(): Promise<number[]> {
    return [...this.backend.plans.keys()].sort((a, b) => a - b);
  }

  async deletePlans(
    generations: readonly number[],
    options: { readonly releaseClaimOf: string; readonly onlyUnused: boolean },
  ): Promise<number[]> {
    const b = this.backend;
    b.claims.delete(options.releaseClaimOf);
    const doomed = generations.filter((g) => b.plans.has(g) && !(options.onlyUnused && b.inUse(g)));
    for (const g of doomed) b.plans.delete(g);
    for (const e of b.endpoints.values()) if (doomed.includes(e.generation)) e.records = [];
    return doomed;
  }
}

const state = (name: string, e: EndpointRecord): EndpointState => ({
  name,
  generation: e.generation,
  records: [...e.records],
  lockedBy: e.lock,
});
const sameRecords = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((r, i) => r === [...b].sort()[i]);

export class FakeRoute53 implements Route53 {
  constructor(private readonly backend: DnsBackend) {}

  async listEndpoints(): Promise<EndpointState[]> {
    return [...this.backend.endpoints.entries()].map(([name, e]) => state(name, e));
  }

  async getEndpoint(name: string): Promise<EndpointState> {
    return state(name, this.backend.endpoint(name));
  }

  async acquireLock(name: string, owner: string): Promise<void> {
    const e = this.backend.endpoint(name);
    if (e.lock !== null)
      throw new InvalidChangeBatch(
        `Tried to create resource record set _lock.${name} but it already exists (owner ${e.lock})`,
      );
    e.lock = owner;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    const e = this.backend.endpoint(name);
    if (e.lock !== owner)
      throw new InvalidChangeBatch(
        `Tried to delete resource record set _lock.${name} of ${owner} but it was not found`,
      );
    e.lock = null;
  }

  async changeResourceRecordSets(name: string, batch: ChangeBatch): Promise<void> {
    const e = this.backend.endpoint(name);
    if (batch.releaseLockOf !== null && e.lock !== batch.releaseLockOf)
      throw new InvalidChangeBatch(
        `Tried to delete resource record set _lock.${name} of ${batch.releaseLockOf} but it was not found`,
      );
    if (!sameRecords(e.records, batch.delete))
      throw new InvalidChangeBatch(
        `Tried to delete resource record set ${name} but the values provided do not match the current values`,
      );
    e.previous = e.generation;
    e.generation = batch.generation;
    e.records = [...batch.create];
    if (batch.releaseLockOf !== null) e.lock = null;
  }
}
