/**
 * What a hunt draws: the fleet at the start of a run and the length of the outage. They are
 * enumerable ranges, so every strategy can hunt this model and the exhaustive explorer can walk it;
 * when a counterexample is shrunk, each field shrinks on its own towards its smallest value
 * (engine/domain.ts `record`), so the shrunk trace has the smallest fleet, capacity, timeout and
 * outage that still collapse.
 */
import { range, record, type Domain } from '../../engine/index.ts';
import type { DwfmCtx } from './kit.ts';
import type { Fleet } from './state.ts';

export const fleets = ({ params }: DwfmCtx): Domain<Fleet> =>
  record({
    droplets: range(1, params.maxDroplets),
    capacity: range(1, params.maxCapacity),
    timeout: range(1, params.maxTimeout),
  });

export const outageLengths = ({ params }: DwfmCtx): Domain<number> => range(1, params.maxOutage);
