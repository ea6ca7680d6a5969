/**
 * The DNS race in its plain TLA+ shape, for the benchmark against SPIN (dns-race.pml is the same
 * protocol in Promela, one SPIN transition per action here). A planner publishes plans 1…P into a
 * FIFO; each enactor receives the plan at its head, applies it (unless it was deleted meanwhile:
 * an old plan can still overwrite a newer one, the race of the AWS summary), then cleans up every
 * plan more than `threshold` generations older than the one it applied, the active one included.
 * No properties: the benchmark counts states.
 */
import { modelKit, range } from '../../engine/index.ts';

type Phase = 'idle' | 'applying' | 'cleaning';

export type DnsRaceState = {
  /** The next plan the planner publishes (P + 1: all published). */
  readonly next: number;
  readonly queue: readonly number[];
  /** The plan the endpoint resolves by (0: none yet). */
  readonly active: number;
  /** deleted[i - 1]: plan i was cleaned up. */
  readonly deleted: readonly boolean[];
  readonly enactors: readonly { readonly phase: Phase; readonly plan: number }[];
};

type Params = { readonly enactors: number; readonly plans: number; readonly threshold: number };

const { action, model } = modelKit<DnsRaceState, Params, Record<string, never>>();

const enactor = (e: number) => `enactor ${e}`;
const enactorIds = (ctx: { params: Params }) => range(1, ctx.params.enactors);

const plannerPublishes = action({
  name: 'plannerPublishes',
  doc: 'The planner publishes its next plan into the queue.',
  actor: () => 'planner',
  when: (s, _a, { params }) => s.next <= params.plans,
  step: (d) => {
    d.queue.push(d.next);
    d.next += 1;
  },
});

const enactorReceives = action({
  name: 'enactorReceives',
  doc: 'An idle enactor takes the plan at the head of the queue.',
  args: enactorIds,
  actor: enactor,
  when: (s, e) => s.enactors[e - 1]!.phase === 'idle' && s.queue.length > 0,
  step: (d, e) => {
    const me = d.enactors[e - 1]!;
    me.plan = d.queue.shift()!;
    me.phase = 'applying';
  },
});

const enactorApplies = action({
  name: 'enactorApplies',
  doc: 'An enactor makes its plan the active one, unless it was deleted (it does not check that it is newer).',
  args: enactorIds,
  actor: enactor,
  when: (s, e) => s.enactors[e - 1]!.phase === 'applying',
  step: (d, e) => {
    const me = d.enactors[e - 1]!;
    if (!d.deleted[me.plan - 1]) d.active = me.plan;
    me.phase = 'cleaning';
  },
});

const enactorCleansUp = action({
  name: 'enactorCleansUp',
  doc: 'An enactor deletes every plan more than `threshold` generations older than the one it applied.',
  args: enactorIds,
  actor: enactor,
  when: (s, e) => s.enactors[e - 1]!.phase === 'cleaning',
  step: (d, e, { params }) => {
    const me = d.enactors[e - 1]!;
    for (let i = 1; i < me.plan - params.threshold; i++) d.deleted[i - 1] = true;
    me.plan = 0;
    me.phase = 'idle';
  },
});

export const dnsRace = model({
  name: 'dns-race',
  title: 'The DNS race, plain TLA+ shape',
  doc: 'A planner publishes plans into a FIFO; enactors receive, apply and clean up.',
  params: {
    enactors: { default: 5, min: 1, max: 8, doc: 'enactors' },
    plans: { default: 8, min: 1, max: 20, doc: 'plans the planner publishes' },
    threshold: { default: 2, min: 0, max: 20, doc: 'generations a cleanup keeps' },
  },
  variants: { plain: { doc: 'as above', switches: {} } },
  init: ({ params }) => ({
    next: 1,
    queue: [],
    active: 0,
    deleted: Array.from({ length: params.plans }, () => false),
    enactors: Array.from({ length: params.enactors }, () => ({ phase: 'idle' as const, plan: 0 })),
  }),
  actions: [plannerPublishes, enactorReceives, enactorApplies, enactorCleansUp],
  properties: [],
});
