/**
 * What must hold, as named claims. The first two are what AWS's summary says went wrong; the third
 * is what the automation was "designed for": to "recover from a wide variety of operational issues".
 * The witnesses make sure a green run did meet the situations the race needs.
 */
import { kit } from './kit.ts';
import { endpointName, generations, hasPlan, type DnsState } from './state.ts';

/** "an incorrect empty DNS record for the service's regional endpoint" */
export const endpointNeverEmpty = kit.always({
  name: 'endpoint-never-empty',
  doc: 'every endpoint resolves to at least one IP address',
  check: (s) => {
    const i = s.route53.findIndex((ep) => ep.records.length === 0);
    if (i < 0) return true;
    return `${endpointName(i)} resolves to no IP addresses: its active plan ${s.route53[i]?.plan} was deleted`;
  },
});

/** "applied its much older plan to the regional DDB endpoint, overwriting the newer plan" */
export const noStaleOverwrite = kit.always({
  name: 'no-stale-overwrite',
  doc: "no endpoint moves to an older plan than it had (read from Route53's rollback record)",
  check: (s) => {
    const i = s.route53.findIndex((ep) => ep.replaced !== null && ep.plan < ep.replaced);
    if (i < 0) return true;
    const ep = s.route53[i]!;
    return `${endpointName(i)} moved back from plan ${ep.replaced} to plan ${ep.plan}`;
  },
});

/**
 * The conditional commit's promise, in the fix's words: the Route53 transaction "succeeds only if
 * the endpoint has an older plan" — so every commit moves an endpoint to a strictly newer plan
 * (read from Route53's rollback record). Stronger than no-stale-overwrite: a commit of the plan an
 * endpoint already has is not an advance either.
 */
export const commitsAdvance = kit.always({
  name: 'commits-advance',
  doc: 'every commit moves an endpoint to a strictly newer plan than the one it replaced',
  check: (s) => {
    const i = s.route53.findIndex((ep) => ep.replaced !== null && ep.plan <= ep.replaced);
    if (i < 0) return true;
    const ep = s.route53[i]!;
    return `${endpointName(i)} was committed plan ${ep.plan} over plan ${ep.replaced}: not a newer one`;
  },
});

/**
 * The clean-up fix's promise, in its words: "delete only plans no endpoint serves and no enactor
 * holds". No endpoint serves, and no enactor at work holds, a plan that was deleted.
 */
export const plansInUseKept = kit.always({
  name: 'plans-in-use-kept',
  doc: 'no endpoint serves, and no enactor at work holds, a deleted plan',
  check: (s) => {
    const i = s.route53.findIndex((ep) => !hasPlan(s, ep.plan));
    if (i >= 0) return `${endpointName(i)} serves plan ${s.route53[i]?.plan}, which was deleted`;
    const e = s.enactors.findIndex((x) => x.phase !== 'idle' && x.plan !== null && !hasPlan(s, x.plan));
    if (e >= 0) return `enactor ${e + 1} is ${s.enactors[e]?.phase} plan ${s.enactors[e]?.plan}, which was deleted`;
    return true;
  },
});

/** "the automation failed to repair" / "required manual operator intervention to correct" */
export const automationRecovers = kit.recovers({
  name: 'automation-recovers',
  doc: 'once the planner stops, the enactors alone bring every endpoint to the newest plan',
  by: (_action, actor) => actor.startsWith('enactor'),
  goal: (s) => {
    const i = s.route53.findIndex((ep) => ep.plan !== s.latest || !hasPlan(s, ep.plan) || ep.records.length === 0);
    if (i < 0) return true;
    const ep = s.route53[i]!;
    return `${endpointName(i)} serves plan ${ep.plan}${hasPlan(s, ep.plan) ? '' : ' (deleted)'}, not the newest plan ${s.latest}`;
  },
  // Every enactor may first have to finish a stale walk and its clean-up, then one walks the newest
  // plan; twice that, shared round-robin by all enactors, is ample.
  within: ({ params }) => 2 * params.enactors * (2 * params.endpoints + 4),
});

export const enactorOvertaken = kit.sometimes({
  name: 'enactor-overtaken',
  doc: 'an enactor is still applying a plan older than one an endpoint already serves',
  reached: (s) =>
    s.enactors.some(
      (e) => e.phase === 'applying' && e.plan !== null && s.route53.some((ep) => ep.plan > (e.plan as number)),
    ),
});

export const enactorBlocked = kit.sometimes({
  name: 'enactor-blocked',
  doc: "an enactor waits for another enactor's lock on the endpoint it must update next",
  reached: (s) =>
    s.enactors.some(
      (e, i) => e.phase === 'applying' && blockedBy(s, e.next) !== null && blockedBy(s, e.next) !== i + 1,
    ),
});

export const cleanupDeletesAPlan = kit.sometimes({
  name: 'cleanup-deletes-a-plan',
  doc: 'clean-up has deleted at least one plan',
  reached: (s) => generations(s).length < s.latest,
});

/**
 * "This situation ultimately required manual operator intervention to correct." — and "By 2:25 AM,
 * all DNS information was restored". The repair path, as a witness of a run: an endpoint was
 * emptied, and later every endpoint serves records of a plan still in the store again. Once an
 * endpoint's active plan is deleted no enactor's transaction can update it (enactor.ts), so only
 * an operator's repair (operator.ts) gets there. It applies where an active plan can be deleted at
 * all: blind commits (a stale plan lands behind the newer one's walk) and a clean-up that may
 * delete a plan an endpoint serves; under the fixes nothing is ever emptied, so no hunt there can
 * reach it, and requiring it would make their green hunts vacuous.
 */
export const operatorRestoresService = kit.sometimes({
  name: 'operator-restores-service',
  doc: "an endpoint was emptied, and then (by an operator's repair: no enactor can update it) every endpoint serves records of a plan in the store again",
  applies: ({ switches }) => !switches.conditionalCommit && switches.cleanup !== 'unused-atomically',
  memory: {
    start: (s) => ({ emptied: s.route53.some((ep) => ep.records.length === 0) }),
    observe: (m, s) => (m.emptied ? m : { emptied: s.route53.some((ep) => ep.records.length === 0) }),
  },
  reached: (s, _ctx, m) => m.emptied && s.route53.every((ep) => ep.records.length > 0 && hasPlan(s, ep.plan)),
});

const blockedBy = (s: DnsState, i: number): number | null => s.route53[i]?.lock ?? null;
