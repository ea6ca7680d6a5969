/**
 * The DNS automation under racehunt's scheduler: the harness side (the implementation files import
 * nothing from racehunt). Each run builds fresh fakes, wraps them, starts the planner and the
 * enactors as tasks, and maps the fakes' state to the model's (mapping.ts). Each variant names the
 * model variant it must conform to; the last two are deliberately broken.
 *
 *   npx racehunt schedule implementations/dns/system.ts --variant as-2025 --invariant endpoint-never-empty
 */
import { defineSystem } from '../../engine/async/index.ts';
import { model as dns } from '../../models/dns/index.ts';
import { endpointName, lastGeneration } from '../../models/dns/state.ts';
import { startDnsAutomation } from './automation.ts';
import { describeDnsCall } from './describe.ts';
import { DnsBackend, FakePlanStore, FakeRoute53 } from './fakes.ts';
import { toDnsState } from './mapping.ts';
import { AS_2025, FIXED, type DnsAutomationOptions } from './options.ts';
import { planFor } from './planner.ts';

export const dnsImplementation = defineSystem<DnsAutomationOptions>({
  name: 'dns-implementation',
  title: "DynamoDB's DNS Planner and Enactors, as asynchronous TypeScript over a plan store and Route53",
  model: dns,
  variants: {
    'as-2025': { doc: 'as it ran in October 2025: blind commits, clean-up by age', model: 'as-2025', options: AS_2025 },
    fixed: {
      doc: 'conditional commit under the lock, and clean-up that deletes only unused plans, atomically',
      model: 'fixed',
      options: FIXED,
    },
    'cas-only': {
      doc: 'half the fix: conditional commit, clean-up still by age',
      model: 'cas-only',
      options: { ...FIXED, cleanup: 'age' },
    },
    'guard-only': {
      doc: 'the other half: unused-only clean-up, blind commits',
      model: 'guard-only',
      options: { ...AS_2025, cleanup: 'unused-atomically' },
    },
    'skips-lock': {
      doc: "defect: fixed, but enactor 1 writes without taking the endpoint's lock",
      model: 'fixed',
      options: { ...FIXED, enactorsSkippingTheLock: [1] },
    },
    'unchecked-write': {
      doc: 'defect: fixed, but the commit no longer checks that its plan is newer',
      model: 'fixed',
      options: { ...FIXED, conditionalCommit: false },
    },
  },
  setup({ wrap, clock, spawn }, { options, params }) {
    const endpoints = Array.from({ length: params.endpoints! }, (_, i) => endpointName(i));
    const backend = new DnsBackend(endpoints, planFor(1));
    const plans = wrap('plans', new FakePlanStore(backend), { participant: 'plan store' });
    const route53 = wrap('route53', new FakeRoute53(backend), { participant: 'Route53' });
    // The model's planner publishes window + 3 generations counting plan 1: the least the race needs.
    const config = {
      enactors: params.enactors!,
      endpoints,
      window: params.window!,
      generations:
        lastGeneration({ enactors: params.enactors!, endpoints: params.endpoints!, window: params.window! }) - 1,
    };
    const { enactors } = startDnsAutomation({ plans, route53, clock }, config, options, spawn);
    return { observe: () => toDnsState(backend, endpoints, enactors) };
  },
  describe: describeDnsCall,
});
