/**
 * The DNS Enactors: "For resiliency, the DNS Enactor operates redundantly and fully independently
 * in three different Availability Zones (AZs). Each of these independent instances of the DNS
 * Enactor looks for new plans and attempts to update Route53 by replacing the current plan with a
 * new plan using a Route53 transaction."
 *
 * An enactor's life: pick up the latest plan (after a one-time check), walk the endpoints taking
 * each one's lock and committing a transaction, then clean up old plans (cleanup.ts).
 */
import type { Draft } from 'immer';
import { range } from '../../engine/index.ts';
import { kit, type DnsCtx } from './kit.ts';
import { enactorName, endpointName, hasPlan, recordsOf, type DnsState, type Enactor, type Endpoint } from './state.ts';

const enactorIds = ({ params }: DnsCtx) => range(1, params.enactors);
const enactorOf = (s: DnsState, e: number): Enactor => s.enactors[e - 1] as Enactor;
/** The endpoint an enactor is working on. */
const currentEndpoint = (s: DnsState, e: number): Endpoint | undefined => s.route53[enactorOf(s, e).next];

/**
 * The "previously applied plan" of the one-time check: the oldest plan Route53 still serves. While
 * every endpoint has the newest plan there is nothing to do; while any lags, there is.
 */
export const appliedPlan = (s: DnsState): number => Math.min(...s.route53.map((ep) => ep.plan));

/**
 * "The normal way things work a DNS Enactor picks up the latest plan and begins working through the
 * service endpoints to apply this plan. […] Before it begins to apply a new plan, the DNS Enactor
 * makes a one-time check that its plan is newer than the previously applied plan."
 * One time: nothing later re-checks it, which is the latent defect.
 */
export const enactorPicksLatestPlan = kit.action({
  name: 'enactorPicksLatestPlan',
  doc: 'Stack link: an idle enactor picks up the latest plan, after a one-time check that it is newer than the applied one.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e, { switches }) =>
    switches.link === 'stack' && enactorOf(s, e).phase === 'idle' && s.latest > appliedPlan(s),
  step: (d, e, { switches }) => startApplying(d, e, d.latest, switches),
  describe: (s, e, _after, { switches }) =>
    `enactor ${e} picks up plan ${s.latest} (one-time check: newer than plan ${appliedPlan(s)} in Route53)${switches.markInUse === 'on-pick' ? ` and marks it in use` : ''}`,
  target: 'plan store',
});

/**
 * The queue link: "Each of these independent instances of the DNS Enactor looks for new plans", and
 * takes the oldest one no enactor has taken yet. While the queue is drained rapidly ("This process
 * typically completes rapidly") that is the latest plan, as the summary says; once one enactor is
 * delayed, the other works through the newer plans one by one ("began applying one of the newer
 * plans"). The same one-time check: a plan that is not newer than the applied one is dropped.
 */
export const enactorTakesNextPlan = kit.action({
  name: 'enactorTakesNextPlan',
  doc: 'Queue link: an idle enactor takes the oldest queued plan; after a one-time check that it is newer than the applied one, it applies it, else drops it.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e, { switches }) => switches.link === 'queue' && enactorOf(s, e).phase === 'idle' && s.queue.length > 0,
  step: (d, e, { switches }) => {
    const plan = d.queue.shift()!;
    if (plan > appliedPlan(d as DnsState)) startApplying(d, e, plan, switches);
  },
  describe: (s, e, _after, { switches }) => {
    const plan = s.queue[0] as number;
    const applied = appliedPlan(s);
    return plan > applied
      ? `enactor ${e} takes plan ${plan} from the queue (one-time check: newer than plan ${applied} in Route53)${switches.markInUse === 'on-pick' ? ` and marks it in use` : ''}`
      : `enactor ${e} takes plan ${plan} from the queue and drops it (one-time check: not newer than plan ${applied} in Route53)`;
  },
  target: 'plan store',
});

/** An idle enactor starts its walk with a plan, from the regional endpoint. */
function startApplying(d: Draft<DnsState>, e: number, plan: number, switches: DnsCtx['switches']): void {
  const me = d.enactors[e - 1]!;
  me.phase = 'applying';
  me.plan = plan;
  me.next = 0;
  // toctou-fix, marked on pick: the mark is written in the same step as the pick.
  if (switches.markInUse === 'on-pick') mark(d, e);
}

/**
 * 001's partial fix, marked "when actively being applied": the enactor marks its plan as in use
 * right before its first Route53 transaction, as a step of its own.
 */
export const enactorMarksPlanInUse = kit.action({
  name: 'enactorMarksPlanInUse',
  doc: 'toctou-fix: before its first transaction, an enactor marks the plan it is applying as in use.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e, { switches }) => {
    const me = enactorOf(s, e);
    return switches.markInUse === 'on-first-transaction' && me.phase === 'applying' && me.next === 0 && !me.marked;
  },
  step: (d, e) => mark(d, e),
  describe: (s, e) => `enactor ${e} marks plan ${enactorOf(s, e).plan} as in use (its first transaction starts)`,
  target: 'plan store',
});

/**
 * "it is possible to encounter delays as it attempts a transaction and is blocked by another DNS
 * Enactor updating the same endpoint. In these cases, the DNS Enactor will retry each endpoint":
 * the update lock is a record with an owner; while another enactor holds it, this step is not
 * enabled, and the enactor simply tries again later. That is how one enactor falls far behind.
 */
export const enactorLocksEndpoint = kit.action({
  name: 'enactorLocksEndpoint',
  doc: 'An enactor takes the update lock of the next endpoint on its list, if no other enactor holds it.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e, { switches }) => {
    const me = enactorOf(s, e);
    if (me.phase !== 'applying' || currentEndpoint(s, e)?.lock !== null) return false;
    return switches.markInUse !== 'on-first-transaction' || me.marked;
  },
  step: (d, e) => {
    d.route53[d.enactors[e - 1]!.next]!.lock = e;
  },
  describe: (s, e) => `enactor ${e} locks ${endpointName(enactorOf(s, e).next)} to apply plan ${enactorOf(s, e).plan}`,
  target: 'Route53',
});

type Outcome = 'applied' | 'refused' | 'fails';

/**
 * The Route53 transaction "replacing the current plan with a new plan". It removes the current
 * plan's records, so it needs them: once the active plan is deleted it cannot be built, which is
 * why "the system was left in an inconsistent state that prevented subsequent plan updates from
 * being applied by any DNS Enactors". The fix makes it conditional: never to an older generation.
 */
function outcomeOf(s: DnsState, e: number, { switches }: DnsCtx): Outcome {
  const ep = currentEndpoint(s, e) as Endpoint;
  const plan = enactorOf(s, e).plan as number;
  if (switches.conditionalCommit && ep.plan >= plan) return 'refused';
  if (!hasPlan(s, ep.plan)) return 'fails';
  return 'applied';
}

/**
 * "At the same time that this clean-up process was invoked, the first Enactor (which had been
 * unusually delayed) applied its much older plan to the regional DDB endpoint, overwriting the
 * newer plan. The check that was made at the start of the plan application process […] was stale
 * by this time". The commit releases the lock; a failed one leaves the enactor on the same
 * endpoint to retry, a refused one moves on (the endpoint already has something newer).
 */
export const enactorAppliesPlanToEndpoint = kit.action({
  name: 'enactorAppliesPlanToEndpoint',
  doc: "Holding the lock, an enactor commits the Route53 transaction that replaces the endpoint's plan with its own, and releases the lock.",
  args: enactorIds,
  actor: enactorName,
  when: (s, e) => enactorOf(s, e).phase === 'applying' && currentEndpoint(s, e)?.lock === e,
  step: (d, e, ctx) => {
    const outcome = outcomeOf(d as DnsState, e, ctx);
    const me = d.enactors[e - 1]!;
    const ep = d.route53[me.next]!;
    const plan = me.plan as number;
    ep.lock = null;
    if (outcome === 'fails') return; // retried: the enactor stays on this endpoint
    if (outcome === 'applied') {
      ep.replaced = ep.plan;
      ep.plan = plan;
      ep.records = recordsOf(plan);
    }
    me.next += 1;
    if (me.next === d.route53.length) {
      me.phase = 'cleaning';
      if (me.marked) unmark(d, e); // no longer "actively being applied"
    }
  },
  describe: (s, e, _after, ctx) => {
    const ep = currentEndpoint(s, e) as Endpoint;
    const plan = enactorOf(s, e).plan;
    const name = endpointName(enactorOf(s, e).next);
    switch (outcomeOf(s, e, ctx)) {
      case 'applied':
        // The enactor read its plan when it picked it up; clean-up may have deleted it since.
        return `enactor ${e} applies plan ${plan} to ${name} (it had plan ${ep.plan})${hasPlan(s, plan ?? 0) ? '' : `, though plan ${plan} itself was deleted`}`;
      case 'refused':
        return `enactor ${e}'s conditional update of ${name} to plan ${plan} is refused (it has plan ${ep.plan}); moves on`;
      case 'fails':
        return `enactor ${e}'s transaction on ${name} fails: its active plan ${ep.plan} was deleted, so there is no current plan to replace; it will retry`;
    }
  },
  target: 'Route53',
});

/** The in-use mark: clean-up reads every enactor's mark (see plansInUse in cleanup.ts). */
function mark(d: Draft<DnsState>, e: number): void {
  d.enactors[e - 1]!.marked = true;
}

function unmark(d: Draft<DnsState>, e: number): void {
  d.enactors[e - 1]!.marked = false;
}
