/**
 * racehunt's controlled scheduler for asynchronous code: put a system (your code, its fakes, a
 * mapping to a model) under it, search schedules with a strategy, shrink what is found, and get a
 * racehunt trace. docs/async.md says how.
 */
import { renamedExport } from '../core/errors.ts';
export { defineSystem, isSystem } from './system.ts';
export type {
  System,
  SystemDef,
  SystemVariant,
  Harness,
  VirtualClock,
  Running,
  CallInfo,
  Invariants,
} from './system.ts';
export { schedule, SCHEDULE_BUDGET } from './search.ts';
export type { ScheduleOptions, ScheduleResult, ScheduleCoverage } from './search.ts';
export {
  CODE_STRATEGIES as STRATEGIES,
  DEFAULT_CODE_STRATEGY as DEFAULT_STRATEGY,
  strategiesFor,
  strategyDoc,
} from '../core/strategies.ts';
export type { CodeStrategy } from '../core/strategies.ts';
export { uniform, pct, delay } from './strategies.ts';
export type { Strategy, Chooser, Pending } from './strategies.ts';
export { encodePath, decodePath } from './path.ts';
export { CONFORMS, NO_DEADLOCK, NO_REJECTION, SETTLES } from './checks.ts';
export { loadSystem } from './load.ts';
export { replayScheduleTrace } from './evidence.ts';
export { saveTrace, DEFAULT_TRACES_ROOT } from '../project/save.ts';

// Renamed when models and code got one pipeline: a function fails in one line naming the new name.
/** @deprecated saveTrace(trace, system, root) */
export const saveScheduleTrace = renamedExport('saveScheduleTrace', 'saveTrace(trace, system, root)');
/** @deprecated DEFAULT_TRACES_ROOT (the same folder) */
export { DEFAULT_TRACES_ROOT as DEFAULT_SCHEDULE_TRACES } from '../project/save.ts';
export type { ScheduleReplay } from './evidence.ts';
