/** The model kit bound once to Network Manager's state, parameter and switch types, and the rules a step reads. */
import { modelKit, tickRules, timed, type Ctx } from '../../engine/index.ts';
import { reduceDue, restoreDue } from './rules.ts';
import { propagationDelay, type Load, type NmState } from './state.ts';
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

/** The rules a tick reads (rules.ts): the parameters that are the simulator's settings too, and the switches. */
export const rulesOf = tickRules<NmParams, NmSwitches>()(['knee', 'normalDelay', 'react', 'reducedPercent']);

/**
 * The model's clock: a tick is its time, a run ends at the horizon, and between two ticks fit the
 * draw, the backlog, and the operators' two steps at most; their runbook is urgent: while a step of
 * it is due, time waits for it.
 */
export const time = timed<NmState, NmParams, NmSwitches>({
  now: (s) => s.tick,
  zeno: 4,
  horizon: ({ params }) => params.horizon,
  urgent: (s, ctx) =>
    reduceDue(s, rulesOf(ctx))
      ? `operators' load reduction is due (delay elevated for ${s.elevatedFor} ticks)`
      : restoreDue(s, rulesOf(ctx))
        ? `letting the normal load back in is due (delay back to ${propagationDelay(s)})`
        : null,
});

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
