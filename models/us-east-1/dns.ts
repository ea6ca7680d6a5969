/**
 * DynamoDB's DNS automation inside the Region: the DNS model's own steps (models/dns), lifted as
 * they are, plus the one fault AWS names: "Right before this event started, one DNS Enactor
 * experienced unusually high delays needing to retry its update on several of the DNS endpoints."
 *
 * The automation's run takes place within the night's first minute — it "typically completes
 * rapidly" — and the first minute does not pass until it is done. It stops for good once an
 * endpoint's active plan is gone: "the system was left in an inconsistent state that prevented
 * subsequent plan updates from being applied by any DNS Enactors"; from then on only operators act
 * on DNS. (Letting its futile retries run on through the night would only multiply the states the
 * explorer must visit.)
 */
import { range } from '../../engine/index.ts';
import { enactorName, hasPlan, type DnsState } from '../dns/state.ts';
import { dnsPart, kit, type RegionCtx } from './kit.ts';
import type { RegionState } from './state.ts';

/** Some endpoint's active plan was deleted: the automation cannot update it any more. */
export const dnsStuck = (dns: DnsState): boolean => dns.route53.some((ep) => !hasPlan(dns, ep.plan));

const automationMayAct = (s: RegionState) => s.minute === 0 && !dnsStuck(s.dns);

/** The DNS Planner's and Enactors' steps; a delayed enactor takes none until it catches up. */
export const dnsAutomation = dnsPart.actions(
  [
    'plannerPublishesPlan',
    'enactorPicksLatestPlan',
    'enactorLocksEndpoint',
    'enactorAppliesPlanToEndpoint',
    'enactorCleansUpOldPlans',
  ],
  {
    when: (s, arg) => automationMayAct(s) && (s.dnsDelay.enactor === null || arg !== s.dnsDelay.enactor),
  },
);

const enactorIds = ({ params }: RegionCtx) => range(1, params.dnsEnactors);

/** "one DNS Enactor experienced unusually high delays needing to retry its update on several of the DNS endpoints" */
export const enactorIsDelayed = kit.action({
  name: 'enactorIsDelayed',
  doc: 'Fault: an enactor in the middle of applying a plan is delayed; it takes no step until it catches up (once a night).',
  args: enactorIds,
  actor: enactorName,
  when: (s, e) => automationMayAct(s) && !s.dnsDelay.happened && s.dns.enactors[e - 1]?.phase === 'applying',
  step: (d, e) => {
    d.dnsDelay = { enactor: e, happened: true };
  },
  describe: (s, e) =>
    `enactor ${e} is unusually delayed, retrying its update of plan ${s.dns.enactors[e - 1]?.plan} (fault)`,
  target: 'Route53',
});

/**
 * "As it was slowly working through the endpoints, several other things were also happening. First,
 * the DNS Planner continued to run and produced many newer generations of plans. Second, one of the
 * other DNS Enactors then began applying one of the newer plans and rapidly progressed through all
 * of the endpoints." The delay lasts at least until another enactor has been through every endpoint.
 */
export const enactorCatchesUp = kit.action({
  name: 'enactorCatchesUp',
  doc: 'Once another enactor has applied its plan to every endpoint, the delayed enactor carries on with its walk.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e) =>
    automationMayAct(s) &&
    s.dnsDelay.enactor === e &&
    s.dns.enactors.some((x, i) => i + 1 !== e && x.phase === 'cleaning'),
  step: (d) => {
    d.dnsDelay = { enactor: null, happened: true };
  },
  describe: (s, e) => `enactor ${e} is no longer delayed and carries on with plan ${s.dns.enactors[e - 1]?.plan}`,
  target: 'Route53',
});

/** The automation's run is over for the first minute: none of its steps can be taken. */
export function dnsRunDone(s: RegionState, ctx: RegionCtx): boolean {
  const steps = [...dnsAutomation, enactorIsDelayed, enactorCatchesUp];
  return !steps.some((a) => (a.domain(ctx)?.values ?? [undefined]).some((arg) => a.enabled(s, arg, ctx)));
}
