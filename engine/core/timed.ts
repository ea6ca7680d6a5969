/**
 * The skeleton of a timed model, written once: what DWFM, Network Manager and NLB share, and what a
 * user's timed model wants too (docs/timed.md).
 *
 * - A clock: the model's time read from a state, the most steps that fit between two ticks (the
 *   built-in `time-passes` and `no-Zeno` checks, builtin.ts), where a run ends (its horizon), and
 *   urgent steps (operators' runbooks) that time waits for: bounded reaction without a fairness
 *   assumption. When time stops, the built-ins say what is due, in the protocol's words.
 * - The rules a tick reads: the settings (the parameters a count simulator sets at any scale) and
 *   the variant's switches, so that one tick function serves a hunt and a simulation.
 * - A backlog's cost: a unit of work costs more the more items wait behind it, and the largest
 *   queue a server finishes within a budget of work — what admission control is sized by.
 */
import type { Clock, Ctx, Params } from './model.ts';

/** The actor whose step is a tick: "time". */
export const TIME = 'time';

export interface TimedDef<S, P extends Params, V> {
  /** The model's time, read from a state ("tick", "minute"). */
  readonly now: (state: S, ctx: Ctx<P, V>) => number;
  /** The most steps in a row that may pass without time advancing (see Clock). */
  readonly zeno: number | ((ctx: Ctx<P, V>) => number);
  /** The time a run ends at: its end states, and no tick after it. None: runs never end by time. */
  readonly horizon?: (ctx: Ctx<P, V>) => number;
  /**
   * What is due now that time must wait for (an operators' urgent step), in the protocol's words,
   * or null. Time does not pass while one is due; if it stays due, the built-in checks say so.
   */
  readonly urgent?: (state: S, ctx: Ctx<P, V>) => string | null;
}

export interface Timed<S, P extends Params, V> {
  /** For the model's declaration: `clock`. */
  readonly clock: Clock<S, P, V>;
  /** For the model's declaration: `ends`, the states at the horizon (undefined without one). */
  readonly ends: ((state: S, ctx: Ctx<P, V>) => boolean) | undefined;
  /** Before the horizon: steps may still be taken. */
  running(state: S, ctx: Ctx<P, V>): boolean;
  /** A tick may be taken: before the horizon, and nothing urgent is due. */
  canPass(state: S, ctx: Ctx<P, V>): boolean;
}

/** A timed model's clock, horizon and urgency, declared once (see TimedDef). */
export function timed<S, P extends Params, V>(def: TimedDef<S, P, V>): Timed<S, P, V> {
  const { now, horizon, urgent } = def;
  const running = (s: S, ctx: Ctx<P, V>) => horizon === undefined || now(s, ctx) < horizon(ctx);
  return {
    clock: { now, zeno: def.zeno, ...(urgent ? { urgent } : {}) },
    ends: horizon === undefined ? undefined : (s, ctx) => now(s, ctx) >= horizon(ctx),
    running,
    canPass: (s, ctx) => running(s, ctx) && (urgent === undefined || urgent(s, ctx) === null),
  };
}

/** What a tick reads besides the state: the settings a simulator sets at any scale, and the variant's switches. */
export interface TickRules<Settings, V> {
  readonly settings: Settings;
  readonly switches: V;
}

/** The rules of a model's context (`rulesOf(ctx)`), and the same settings read by a map's cell (`rulesOf.settings(setting)`). */
export interface RulesOf<P extends Params, V, K extends keyof P & string> {
  (ctx: Ctx<P, V>): TickRules<Pick<P, K>, V>;
  /** The settings named, each read by `read` (a map's cell reads its scale's: engine/map/cell.ts). */
  settings(read: (name: K) => number): Pick<P, K>;
}

/**
 * The rules of a model's context, from the parameters that are settings: `tickRules<P, V>()(keys)`.
 * The checked model reads them from its parameters, a count simulator from its scale: the names are
 * written once, for both.
 */
export function tickRules<P extends Params, V>() {
  return <K extends keyof P & string>(keys: readonly K[]): RulesOf<P, V, K> => {
    const settings = (read: (name: K) => number) => Object.fromEntries(keys.map((k) => [k, read(k)])) as Pick<P, K>;
    return Object.assign(
      (ctx: Ctx<P, V>): TickRules<Pick<P, K>, V> => ({
        settings: settings((k) => ctx.params[k] as number),
        switches: ctx.switches,
      }),
      { settings },
    );
  };
}

/**
 * What one unit of work costs, in work units, when `queued` items wait behind it: one more unit per
 * `knee` items. "Was the unit of work O(queue depth)?" (003) — yes, past a knee; so a pass over a
 * backlog of Q items costs O(Q²/knee), and a backlog makes every item slower, not only later.
 */
export function backlogCost(queued: number, knee: number): number {
  return 1 + Math.floor(Math.max(0, queued) / knee);
}

/**
 * The largest queue a server finishes within `budget` work units, however work joins behind it
 * while it serves: q items, each costing at most backlogCost(q - 1) while the queue stays at q or
 * below. It is what admission control "based on the size of the waiting queue" is sized by.
 */
export function servableQueue(budget: number, knee: number): number {
  let lo = 0;
  let hi = Math.max(0, budget);
  while (lo < hi) {
    const q = Math.ceil((lo + hi) / 2);
    if (q * backlogCost(q - 1, knee) <= budget) lo = q;
    else hi = q - 1;
  }
  return lo;
}
