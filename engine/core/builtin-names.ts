/**
 * The names of the checks racehunt makes of every model (builtin.ts says what each checks): here
 * on their own, so that declaring a model can refuse a property that would copy one.
 */
export const NO_DEADLOCK = 'no-deadlock';
export const TIME_PASSES = 'time-passes';
export const NO_ZENO = 'no-zeno';
export const BUILT_IN_NAMES: readonly string[] = [NO_DEADLOCK, TIME_PASSES, NO_ZENO];
