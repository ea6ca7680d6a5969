/** The model kit bound once to the NLB model's state, parameter and switch types, and the rules a step reads. */
import { modelKit, tickRules, timed, type Ctx } from '../../engine/index.ts';
import type { NlbState } from './state.ts';
import type { NlbSwitches } from './variants.ts';

export type NlbParams = {
  /** The load balancer's shape. */
  readonly zones: number;
  readonly existingTargets: number;
  readonly newTargets: number;
  /** Healthy capacity (targets' worth) the application's load needs. */
  readonly load: number;
  /** The rules' knobs (state.ts, NlbSettings). */
  readonly checkerCapacity: number;
  readonly failCost: number;
  readonly changeCost: number;
  readonly staleAfter: number;
  readonly maxZonesRemoved: number;
  /** no-node-flaps: at most `flapLimit` flaps in any `flapWindow` ticks. */
  readonly flapLimit: number;
  readonly flapWindow: number;
  /** Ticks a run lasts: the model's end states. */
  readonly horizon: number;
};

export const kit = modelKit<NlbState, NlbParams, NlbSwitches>();
export type NlbCtx = Ctx<NlbParams, NlbSwitches>;

/** The rules a tick reads (rules.ts): the parameters that are settings of the composed Region too, and the switches. */
export const rulesOf = tickRules<NlbParams, NlbSwitches>()([
  'checkerCapacity',
  'failCost',
  'changeCost',
  'staleAfter',
  'maxZonesRemoved',
  'flapWindow',
]);

/** The model's clock: a tick is its time, a run ends at the horizon, and between two ticks at most every slot is filled and every new target's state lands. */
export const time = timed<NlbState, NlbParams, NlbSwitches>({
  now: (s) => s.tick,
  zeno: ({ params }) => 2 * params.zones * params.newTargets + 1,
  horizon: ({ params }) => params.horizon,
});
