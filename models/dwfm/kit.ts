/** The model kit bound once to the DWFM model's state, parameter and switch types, and the rules a step reads. */
import { modelKit, type Ctx } from '../../engine/index.ts';
import type { Rules } from './rules.ts';
import type { DwfmState, Fleet } from './state.ts';
import type { DwfmSwitches } from './variants.ts';

export type DwfmParams = {
  /** Bounds of what a hunt draws (draws.ts). */
  readonly maxDroplets: number;
  readonly maxCapacity: number;
  readonly maxTimeout: number;
  readonly maxOutage: number;
  /** How many DynamoDB outages a run may have. */
  readonly outages: number;
  /** The rules' fixed knobs (state.ts, DwfmSettings). */
  readonly checkEvery: number;
  readonly leaseTicks: number;
  readonly knee: number;
  readonly maxBackoff: number;
  readonly react: number;
  /** The progress claims' bounds (properties.ts). */
  readonly window: number;
  readonly recoveryFactor: number;
};

export const kit = modelKit<DwfmState, DwfmParams, DwfmSwitches>();
export type DwfmCtx = Ctx<DwfmParams, DwfmSwitches>;

export function rulesOf({ params, switches }: DwfmCtx): Rules {
  const { checkEvery, leaseTicks, knee, maxBackoff, react } = params;
  return { settings: { checkEvery, leaseTicks, knee, maxBackoff, react }, switches };
}

/**
 * The progress claims' bounds for a fleet: a lease established in every `window` ticks, and every
 * lease back within `recoveryFactor` times the fastest recovery the host could possibly make (one
 * attempt per droplet at capacity, plus one request period).
 */
export function progressBounds(
  fleet: Fleet,
  params: Pick<DwfmParams, 'window' | 'recoveryFactor'>,
): { window: number; recoveryBound: number } {
  return {
    window: params.window,
    recoveryBound: params.recoveryFactor * (Math.ceil(fleet.droplets / fleet.capacity) + fleet.timeout + 1),
  };
}

/**
 * launches-succeed-after-recovery: a launch may fail until every lease could be back — the fastest
 * recovery the host could possibly make (one attempt per droplet at capacity, plus one request
 * period) — and for `react` more ticks, the operators' time to lift a throttle; after that, every
 * launch must succeed. Stricter than leases-make-progress's bound: a customer needs only one
 * droplet with a lease, and no throttle.
 */
export function launchBound(fleet: Fleet, params: Pick<DwfmParams, 'react'>): number {
  return Math.ceil(fleet.droplets / fleet.capacity) + fleet.timeout + 1 + params.react;
}
