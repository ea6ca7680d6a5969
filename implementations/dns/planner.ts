/**
 * The DNS Planner: "monitors the health and capacity of the load balancers and periodically creates
 * a new DNS plan for each of the service's endpoints consisting of a set of load balancers and
 * weights. We produce a single regional DNS plan". It never waits for the Enactors: "the DNS Planner
 * continued to run and produced many newer generations of plans".
 */
import type { Clock, Plan, PlanStore } from './interfaces.ts';

export interface PlannerDeps {
  readonly plans: PlanStore;
  readonly clock: Clock;
}

export class DnsPlanner {
  constructor(
    private readonly deps: PlannerDeps,
    /** How many generations to publish before stopping (a service would run until shut down). */
    private readonly generations: number,
    private readonly everyMs: number,
  ) {}

  async run(): Promise<void> {
    const { plans, clock } = this.deps;
    const start = await plans.latestGeneration();
    for (let n = 1; n <= this.generations; n++) {
      if (n > 1) await clock.sleep(this.everyMs);
      await plans.putPlan(planFor(start + n));
    }
  }
}

const LOAD_BALANCERS = ['nlb-1', 'nlb-2', 'nlb-3'];

/**
 * Stand-in for the health and capacity monitoring this service does not simulate: two of three load
 * balancers, weights rotating with the generation, so that nearby plans differ. It is the rotation
 * the model uses (models/dns/state.ts recordsOf), so that mapped states compare field for field.
 */
export function planFor(generation: number): Plan {
  const a = LOAD_BALANCERS[generation % 3] as string;
  const b = LOAD_BALANCERS[(generation + 1) % 3] as string;
  const weight = 10 * (1 + (generation % 9));
  return { generation, records: [`${a}:${weight}`, `${b}:${100 - weight}`].sort() };
}
