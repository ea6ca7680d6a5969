/**
 * A plan pipeline as a racehunt user wrote it, after AWS's account of the DynamoDB DNS race
 * (Summary of the Amazon DynamoDB Service Disruption in the Northern Virginia (US-EAST-1) Region,
 * October 2025): a planner appends numbered plans to a FIFO channel; each enactor receives the
 * next plan, applies it to the endpoint, then cleans up: it deletes the stored plans that are more
 * than `window` generations older than the one it applied. No enactor waits for another.
 *
 * The bug is the summary's: "the first Enactor (which had been unusually delayed) applied its much
 * older plan to the regional DDB endpoint, overwriting the newer plan", and "The second Enactor's
 * clean-up process then deleted this older plan because it was many generations older than the
 * plan it had just applied." A slow enactor holds plan 1 while the other takes plans 2 and 3;
 * plan 1 lands after plan 3, and the clean-up after plan 3 deletes it.
 *
 * The fix: apply a plan only if it is newer than the endpoint's (a conditional write: the endpoint
 * never goes back, and clean-up then only deletes plans older than the endpoint's). Making
 * clean-up spare the plan the endpoint serves at the time is not enough: the slow enactor may
 * apply its plan after the clean-up that deleted it (a check, then an act).
 */
import { modelKit, range } from '../../../engine/index.ts';

export type PipelineState = {
  /** Plans published so far (plan n is the n-th). */
  readonly published: number;
  /** The FIFO channel from the planner to the enactors. */
  readonly channel: readonly number[];
  /** Plans in the store, ascending. */
  readonly stored: readonly number[];
  /** The plan the endpoint serves (0: the plan it started with, never deleted). */
  readonly endpoint: number;
  /** The newest plan the endpoint ever served. */
  readonly newestServed: number;
  readonly enactors: readonly Enactor[];
};

export type Enactor = {
  readonly phase: 'idle' | 'holding' | 'applied';
  readonly plan: number;
};

export type PipelineParams = { readonly plans: number; readonly enactors: number; readonly window: number };

export type PipelineSwitches = {
  /** Apply only a plan newer than the endpoint's. */
  readonly applyIfNewer: boolean;
  /** Clean-up never deletes the endpoint's plan. */
  readonly spareActive: boolean;
};

const { action, always, sometimes, model } = modelKit<PipelineState, PipelineParams, PipelineSwitches>();

const enactorIds = ({ params }: { params: PipelineParams }) => range(1, params.enactors);
const enactorName = (e: number) => `enactor ${e}`;
const en = (s: PipelineState, e: number) => s.enactors[e - 1]!;
/** The plans an enactor's clean-up deletes after applying `plan`. */
const doomed = (
  s: PipelineState,
  plan: number,
  { params, switches }: { params: PipelineParams; switches: PipelineSwitches },
) => s.stored.filter((p) => p < plan - params.window && !(switches.spareActive && p === s.endpoint));

const plannerAppendsPlan = action({
  name: 'plannerAppendsPlan',
  doc: 'The planner stores the next plan and appends it to the channel.',
  actor: 'planner',
  when: (s, _a, { params }) => s.published < params.plans,
  step: (d) => {
    d.published += 1;
    d.channel.push(d.published);
    d.stored.push(d.published);
  },
  describe: (s) => `planner publishes plan ${s.published + 1}`,
  target: 'channel',
});

const enactorReceivesPlan = action({
  name: 'enactorReceivesPlan',
  doc: 'An idle enactor receives the oldest plan in the channel.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e) => en(s, e).phase === 'idle' && s.channel.length > 0,
  step: (d, e) => {
    const me = d.enactors[e - 1]!;
    me.plan = d.channel.shift()!;
    me.phase = 'holding';
  },
  describe: (s, e) => `enactor ${e} receives plan ${s.channel[0]}`,
  target: 'channel',
});

const enactorAppliesPlan = action({
  name: 'enactorAppliesPlan',
  doc: "The enactor points the endpoint at its plan (if newer than the endpoint's, in the conditional variant).",
  args: enactorIds,
  actor: enactorName,
  when: (s, e) => en(s, e).phase === 'holding',
  step: (d, e, { switches }) => {
    const me = d.enactors[e - 1]!;
    if (!switches.applyIfNewer || me.plan > d.endpoint) {
      d.endpoint = me.plan;
      d.newestServed = Math.max(d.newestServed, me.plan);
    }
    me.phase = 'applied';
  },
  describe: (s, e, after) => {
    const plan = en(s, e).plan;
    if (after.endpoint !== plan)
      return `enactor ${e}'s plan ${plan} is not newer than the endpoint's plan ${s.endpoint}: skipped`;
    return `enactor ${e} applies plan ${plan} to the endpoint${plan < s.endpoint ? ` (overwriting the newer plan ${s.endpoint})` : ''}`;
  },
  target: 'endpoint',
});

const enactorCleansUpOldPlans = action({
  name: 'enactorCleansUpOldPlans',
  doc: 'The enactor deletes the stored plans more than `window` generations older than its own.',
  args: enactorIds,
  actor: enactorName,
  when: (s, e) => en(s, e).phase === 'applied',
  step: (d, e, ctx) => {
    const me = d.enactors[e - 1]!;
    const gone = doomed(d as PipelineState, me.plan, ctx);
    d.stored = d.stored.filter((p) => !gone.includes(p));
    me.phase = 'idle';
    me.plan = 0;
  },
  describe: (s, e, _a, ctx) => {
    const gone = doomed(s, en(s, e).plan, ctx);
    return gone.length === 0
      ? `enactor ${e} cleans up: nothing older than plan ${en(s, e).plan - ctx.params.window}`
      : `enactor ${e} cleans up: deletes plan${gone.length > 1 ? 's' : ''} ${gone.join(', ')}${gone.includes(s.endpoint) ? ` — the endpoint's plan` : ''}`;
  },
  target: 'store',
});

const allDone = (s: PipelineState, { params }: { params: PipelineParams }) =>
  s.published === params.plans && s.channel.length === 0 && s.enactors.every((e) => e.phase === 'idle');

export const planPipeline = model({
  name: 'plan-pipeline',
  title: 'A planner, a FIFO channel and enactors that clean up',
  doc: "A slow enactor applies an old plan after a newer one, and the other enactor's clean-up deletes the plan the endpoint serves.",
  params: {
    plans: { default: 4, min: 1, max: 5, doc: 'plans the planner publishes' },
    enactors: { default: 2, min: 1, max: 3, doc: 'enactors receiving from the channel' },
    window: {
      default: 1,
      min: 0,
      max: 3,
      doc: 'clean-up deletes plans more than this many generations older than its own',
    },
  },
  variants: {
    'as-written': {
      doc: 'blind apply, clean-up of everything old (the bug)',
      switches: { applyIfNewer: false, spareActive: false },
    },
    'spare-active': {
      doc: "clean-up spares the endpoint's plan (not enough: the slow enactor can still apply a plan clean-up already deleted)",
      switches: { applyIfNewer: false, spareActive: true },
    },
    'apply-if-newer': {
      doc: "apply only a plan newer than the endpoint's (the fix)",
      switches: { applyIfNewer: true, spareActive: false },
    },
  },
  init: ({ params }) => ({
    published: 0,
    channel: [],
    stored: [],
    endpoint: 0,
    newestServed: 0,
    enactors: Array.from({ length: params.enactors }, () => ({ phase: 'idle' as const, plan: 0 })),
  }),
  actions: [plannerAppendsPlan, enactorReceivesPlan, enactorAppliesPlan, enactorCleansUpOldPlans],
  properties: [
    always({
      name: 'endpoint-has-plan',
      doc: 'the plan the endpoint serves is in the store',
      check: (s) =>
        s.endpoint === 0 ||
        s.stored.includes(s.endpoint) ||
        `the endpoint serves plan ${s.endpoint}, which was deleted: it resolves to nothing`,
    }),
    always({
      name: 'endpoint-never-goes-back',
      doc: 'the endpoint never serves an older plan than it has served',
      check: (s) =>
        s.endpoint === s.newestServed || `the endpoint went back from plan ${s.newestServed} to plan ${s.endpoint}`,
    }),
    sometimes({
      name: 'newest-plan-served',
      doc: 'the endpoint serves the last plan',
      reached: (s, { params }) => s.endpoint === params.plans,
    }),
    sometimes({
      name: 'clean-up-deletes-a-plan',
      doc: 'a clean-up deleted a plan',
      reached: (s) => s.stored.length < s.published,
    }),
  ],
  ends: allDone,
  actors: ({ params }) => ['planner', ...Array.from({ length: params.enactors }, (_, i) => enactorName(i + 1))],
});
