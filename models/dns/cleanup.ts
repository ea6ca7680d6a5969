/**
 * Plan clean-up: "When the second Enactor (applying the newest plan) completed its endpoint updates,
 * it then invoked the plan clean-up process, which identifies plans that are significantly older
 * than the one it just applied and deletes them." "Significantly older" is more than `window`
 * generations. Deleting a plan deletes its records: "As this plan was deleted, all IP addresses for
 * the regional endpoint were immediately removed."
 *
 * Three ways to choose what to delete, one per value of the `cleanup` switch:
 * - by age alone, in one step (as in 2025, and in cas-only);
 * - 001's partial fix: check that no enactor marked a plan in use, then delete, as two steps;
 * - the fix: delete, in one atomic step, only old plans no endpoint serves and no enactor holds.
 */
import type { Draft } from 'immer';
import { range } from '../../engine/index.ts';
import { kit, type DnsCtx } from './kit.ts';
import { endpointName, enactorName, generations, hasPlan, listPlans, type DnsState, type Enactor } from './state.ts';

const enactorIds = ({ params }: DnsCtx) => range(1, params.enactors);
const enactorOf = (s: DnsState, e: number): Enactor => s.enactors[e - 1] as Enactor;

/** Generations more than `window` older than the plan this enactor just applied. */
function oldPlans(s: DnsState, e: number, { params }: DnsCtx): number[] {
  const applied = enactorOf(s, e).plan as number;
  return generations(s).filter((g) => applied - g > params.window);
}

/** What clean-up deletes in one step: by age (2025), or only what nothing uses (the fix). */
function chosenForDeletion(s: DnsState, e: number, ctx: DnsCtx): number[] {
  const old = oldPlans(s, e, ctx);
  if (ctx.switches.cleanup === 'age') return old;
  return old.filter(
    (g) => !s.route53.some((ep) => ep.plan === g) && !s.enactors.some((x) => x.phase !== 'idle' && x.plan === g),
  );
}

export const enactorCleansUpOldPlans = kit.action({
  name: 'enactorCleansUpOldPlans',
  doc: 'Having applied its plan to every endpoint, an enactor deletes plans significantly older than it (in one step).',
  args: enactorIds,
  actor: enactorName,
  when: (s, e, { switches }) => switches.cleanup !== 'mark-then-delete' && enactorOf(s, e).phase === 'cleaning',
  step: (d, e, ctx) => {
    deletePlans(d, chosenForDeletion(d as DnsState, e, ctx));
    becomeIdle(d, e);
  },
  describe: (s, e, _after, ctx) => {
    const plan = enactorOf(s, e).plan as number;
    const doomed = chosenForDeletion(s, e, ctx);
    const unused = ctx.switches.cleanup === 'unused-atomically' ? ', and unused' : '';
    return `enactor ${e} cleans up after plan ${plan}: deletes ${doomed.length === 0 ? 'nothing' : listPlans(doomed)} (more than ${ctx.params.window} generations older${unused})${emptied(s, doomed)}`;
  },
  target: 'plan store',
});

/** 001's partial fix, first step: "Check if not actively being applied". */
export const enactorChecksPlansInUse = kit.action({
  name: 'enactorChecksPlansInUse',
  doc: 'toctou-fix: clean-up lists the old plans that no enactor has marked as in use.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e, { switches }) =>
    switches.cleanup === 'mark-then-delete' && enactorOf(s, e).phase === 'cleaning' && enactorOf(s, e).doomed === null,
  step: (d, e, ctx) => {
    d.enactors[e - 1]!.doomed = notMarked(d as DnsState, e, ctx);
  },
  describe: (s, e, _after, ctx) => {
    const doomed = notMarked(s, e, ctx);
    return `enactor ${e}'s clean-up finds ${doomed.length === 0 ? 'no plans' : listPlans(doomed)} more than ${ctx.params.window} generations older than plan ${enactorOf(s, e).plan} and not marked in use`;
  },
  target: 'plan store',
});

/** 001's partial fix, second step: "RACE CONDITION: Between this check and the delete below, another enactor could start applying this plan!" */
export const enactorDeletesCheckedPlans = kit.action({
  name: 'enactorDeletesCheckedPlans',
  doc: 'toctou-fix: clean-up deletes the plans it found not in use, without checking again.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e) => enactorOf(s, e).phase === 'cleaning' && enactorOf(s, e).doomed !== null,
  step: (d, e) => {
    deletePlans(d, [...(d.enactors[e - 1]!.doomed ?? [])]);
    becomeIdle(d, e);
  },
  describe: (s, e) => {
    const doomed = (enactorOf(s, e).doomed ?? []).filter((g) => hasPlan(s, g));
    return `enactor ${e} deletes ${doomed.length === 0 ? 'nothing' : listPlans(doomed)}${emptied(s, doomed)}`;
  },
  target: 'plan store',
});

/** Old plans that no enactor has marked as in use. */
function notMarked(s: DnsState, e: number, ctx: DnsCtx): number[] {
  const marked = s.enactors.filter((x) => x.marked).map((x) => x.plan);
  return oldPlans(s, e, ctx).filter((g) => !marked.includes(g));
}

/** Delete plans and, with them, the records of every endpoint whose active plan they are. */
function deletePlans(d: Draft<DnsState>, doomed: readonly number[]): void {
  if (doomed.length === 0) return;
  for (const g of doomed) delete d.plans[g];
  for (const ep of d.route53) if (doomed.includes(ep.plan) && ep.records.length > 0) ep.records = [];
}

function becomeIdle(d: Draft<DnsState>, e: number): void {
  const me = d.enactors[e - 1]!;
  me.phase = 'idle';
  me.plan = null;
  me.next = 0;
  me.doomed = null;
}

/** "; dynamodb.us-east-1.amazonaws.com loses all its IP addresses" when a deletion empties endpoints. */
function emptied(s: DnsState, doomed: readonly number[]): string {
  const names = s.route53
    .map((ep, i) => (doomed.includes(ep.plan) && ep.records.length > 0 ? endpointName(i) : null))
    .filter((n): n is string => n !== null);
  return names.length === 0 ? '' : `; ${names.join(' and ')} ${names.length === 1 ? 'loses' : 'lose'} all IP addresses`;
}
