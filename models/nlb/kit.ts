/** The model kit bound once to the NLB model's state, parameter and switch types, and the rules a step reads. */
import { modelKit, type Ctx } from '../../engine/index.ts';
import type { Rules } from './rules.ts';
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

export function rulesOf({ params, switches }: NlbCtx): Rules {
  const { checkerCapacity, failCost, changeCost, staleAfter, maxZonesRemoved, flapWindow } = params;
  return { settings: { checkerCapacity, failCost, changeCost, staleAfter, maxZonesRemoved, flapWindow }, switches };
}
