/**
 * What a hunt draws: the fleet at the start of a run and the length of the outage. They are
 * fast-check integers, not enumerated lists, because fast-check shrinks an integer towards its
 * minimum by halving — so the shrunk counterexample has the smallest fleet, capacity, timeout and
 * outage that still collapse, found like any other minimal step. (An enumerated domain would only
 * shrink to its first value.) The price: these are sample-only domains, so the model is hunted with
 * the `uniform` strategy and cannot be explored exhaustively (its clock is unbounded anyway).
 */
import fc from 'fast-check';
import { sampled, type Domain } from '../../engine/index.ts';
import type { DwfmCtx } from './kit.ts';
import type { Fleet } from './state.ts';

export const fleets = ({ params }: DwfmCtx): Domain<Fleet> =>
  sampled(
    fc.record({
      droplets: fc.integer({ min: 1, max: params.maxDroplets }),
      capacity: fc.integer({ min: 1, max: params.maxCapacity }),
      timeout: fc.integer({ min: 1, max: params.maxTimeout }),
    }),
  );

export const outageLengths = ({ params }: DwfmCtx): Domain<number> => sampled(fc.integer({ min: 1, max: params.maxOutage }));
