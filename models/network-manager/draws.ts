/**
 * What a hunt draws: Network Manager's capacity and normal load at the start of a run, and the size
 * of the delayed backlog. Enumerable ranges, so every strategy can hunt the model and the
 * exhaustive explorer can walk it; when a counterexample is shrunk, each field shrinks on its own
 * towards its smallest value, so the shrunk trace has the smallest load and backlog that still fail.
 */
import { range, record, type Domain } from '../../engine/index.ts';
import type { NmCtx } from './kit.ts';
import type { Load } from './state.ts';

export const loads = ({ params }: NmCtx): Domain<Load> =>
  record({
    capacity: range(2, params.maxCapacity),
    rate: range(1, params.maxCapacity - 1),
  });

export const backlogSizes = ({ params }: NmCtx): Domain<number> => range(1, params.maxBacklog);
