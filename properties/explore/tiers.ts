/** The state counts of configurations up to this many states are checked in the fast tier, the rest in the deep tier. */
export const FAST_STATES = 5_000;
