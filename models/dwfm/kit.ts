/** The model kit bound once to the DWFM model's state, parameter and switch types, and the rules a step reads. */
import { modelKit, tickRules, timed, type Ctx } from '../../engine/index.ts';
import { STEPS_BETWEEN_TICKS, relaxDue, restartDue } from './rules.ts';
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

/** The rules a tick reads (rules.ts): the parameters that are the simulator's settings too, and the switches. */
export const rulesOf = tickRules<DwfmParams, DwfmSwitches>()([
  'checkEvery',
  'leaseTicks',
  'knee',
  'maxBackoff',
  'react',
]);

/**
 * The model's clock: a tick is its time, at most STEPS_BETWEEN_TICKS steps fit between two ticks,
 * and the operators' runbook is urgent: while a step of it is due, time waits for it.
 */
export const time = timed<DwfmState, DwfmParams, DwfmSwitches>({
  now: (s) => s.tick,
  zeno: STEPS_BETWEEN_TICKS,
  urgent: (s, ctx) =>
    restartDue(s, rulesOf(ctx))
      ? `operators' restart is due (${s.stalledFor} ticks of stall, ${s.total.restarts} restarts so far)`
      : relaxDue(s)
        ? 'relaxing the throttle is due'
        : null,
});

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
