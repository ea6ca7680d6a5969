/** The model kit bound once to Network Manager's state, parameter and switch types, and the rules a step reads. */
import { modelKit, type Ctx } from '../../engine/index.ts';
import type { Rules } from './rules.ts';
import type { Load, NmState } from './state.ts';
import type { NmSwitches } from './variants.ts';

export type NmParams = {
  /** Bounds of what a hunt draws (draws.ts). */
  readonly maxCapacity: number;
  readonly maxBacklog: number;
  /** The rules' fixed knobs (state.ts, NmSettings). */
  readonly knee: number;
  readonly normalDelay: number;
  readonly react: number;
  readonly reducedPercent: number;
  /** The claims' bounds (properties.ts). */
  readonly recoveryFactor: number;
  readonly unreachableFactor: number;
  /** Ticks a run lasts: the model's end states. */
  readonly horizon: number;
};

export const kit = modelKit<NmState, NmParams, NmSwitches>();
export type NmCtx = Ctx<NmParams, NmSwitches>;

export function rulesOf({ params, switches }: NmCtx): Rules {
  const { knee, normalDelay, react, reducedPercent } = params;
  return { settings: { knee, normalDelay, react, reducedPercent }, switches };
}

/**
 * The claims' bounds for a load and a backlog of `size` propagations, as multiples of the fastest
 * Network Manager could possibly do: work off the backlog at full capacity (ceil(size / capacity)
 * ticks, plus one), and get back to normal while the normal load keeps coming
 * (ceil(size / (capacity - rate)) ticks, plus one).
 */
export function claimBounds(
  load: Load,
  size: number,
  params: Pick<NmParams, 'recoveryFactor' | 'unreachableFactor'>,
): { recovery: number; unreachable: number } {
  return {
    recovery: params.recoveryFactor * (Math.ceil(size / (load.capacity - load.rate)) + 1),
    unreachable: params.unreachableFactor * (Math.ceil(size / load.capacity) + 1),
  };
}
