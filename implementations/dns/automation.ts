/**
 * The service's entry point: one DNS Planner and one DNS Enactor per Availability Zone, started by
 * whoever runs them (a process supervisor in production, racehunt's scheduler in tests). They share
 * no memory; the enactors stop once the planner has stopped and they find nothing newer to apply.
 */
import { DnsEnactor } from './enactor.ts';
import type { Clock, PlanStore, Route53 } from './interfaces.ts';
import { DEFAULT_TIMING, type DnsAutomationOptions } from './options.ts';
import { DnsPlanner } from './planner.ts';

export interface AutomationConfig {
  readonly enactors: number;
  readonly endpoints: readonly string[];
  /** Clean-up deletes plans more than this many generations older than the one just applied. */
  readonly window: number;
  /** Generations the planner publishes before it stops. */
  readonly generations: number;
}

/** How a worker is started: `(name, run) => void run()` in a process; the scheduler's spawn in tests. */
export type Start = (name: string, run: () => Promise<void>) => void;

export function startDnsAutomation(
  deps: { plans: PlanStore; route53: Route53; clock: Clock },
  config: AutomationConfig,
  options: DnsAutomationOptions,
  start: Start,
): { enactors: readonly DnsEnactor[] } {
  const planner = new DnsPlanner(deps, config.generations, options.planEveryMs ?? DEFAULT_TIMING.planEveryMs);
  const enactors = Array.from(
    { length: config.enactors },
    (_, i) => new DnsEnactor(i + 1, { ...deps, endpoints: config.endpoints }, { ...options, window: config.window }),
  );
  let plannerStopped = false;
  start('DNS Planner', async () => {
    await planner.run();
    plannerStopped = true;
  });
  for (const e of enactors) start(e.name, () => e.run(() => plannerStopped));
  return { enactors };
}
