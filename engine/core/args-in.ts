/**
 * Argument domains computed from the state (an action's `argsIn`), as TLA+'s
 * `\E S \in SUBSET bank[b]` chooses from what the state holds, and the state before a step, which
 * a step reads as TLA+'s primed variables read unprimed ones.
 *
 * Every search indexes an action's arguments once (the hunt draws them, the explorer numbers them,
 * a trace names them), so the arguments a state offers are a part of a fixed list: the action's
 * `args`, or, without them, what `argsIn` gives in the initial states. A choice is enabled only
 * where the state offers its argument; an argument the state offers that is not in the list is
 * refused in one line, never silently left unexplored.
 */
import { freeze, isDraft, original } from 'immer';
import { toDomain } from './domain.ts';
import { RacehuntError, messageOf } from './errors.ts';

type Offer<S, C> = (state: S, ctx: C) => unknown;

/**
 * Steps taken since the engine started: a search may step a state in place (the explorer's last
 * successor of a state is made from the state itself), so an offer remembered for a state object
 * is good only until the next step.
 */
let steps = 0;
export const stepTaken = (): void => void steps++;

/**
 * The guard `argsIn` adds: is this argument among those the state offers? `universe` is the
 * action's fixed list for a context (what its arguments are indexed by).
 */
export function offeredBy<S, C extends object>(
  argsIn: Offer<S, C>,
  universe: (ctx: C) => readonly unknown[],
  where: string,
  argsGiven: boolean,
): (state: S, arg: unknown, ctx: C) => boolean {
  const known = new WeakMap<C, Set<string>>();
  let last: { state: S; ctx: C; at: number; keys: Set<string> } | undefined;
  const offer = (state: S, ctx: C): Set<string> => {
    let all = known.get(ctx);
    if (!all) known.set(ctx, (all = new Set(universe(ctx).map(keyOf))));
    let given: unknown;
    try {
      given = argsIn(state, ctx);
    } catch (e) {
      if (e instanceof RacehuntError) throw e;
      throw new RacehuntError('model-error', `${where}: its argsIn threw ${messageOf(e)}`);
    }
    const d = toDomain<unknown>(given);
    if (!d)
      throw new RacehuntError(
        'bad-model',
        `${where}: its argsIn must give an array of values (or range, oneOf, record, subsets), got ${messageOf(given)}`,
      );
    const keys = new Set<string>();
    for (const v of d.values) {
      const k = keyOf(v);
      if (!all.has(k))
        throw new RacehuntError(
          'bad-model',
          `${where}: its argsIn gave ${k}, which is not among its arguments (${
            argsGiven
              ? 'its args: add it there'
              : 'without args, what argsIn gives in the initial states: declare args, every argument the action may take'
          })`,
        );
      keys.add(k);
    }
    return keys;
  };
  return (state, arg, ctx) => {
    if (!last || last.state !== state || last.ctx !== ctx || last.at !== steps)
      last = { state, ctx, at: steps, keys: offer(state, ctx) };
    return last.keys.has(keyOf(arg));
  };
}

/** The arguments an action without `args` takes: what `argsIn` gives in the initial states, each once, in order. */
export function offeredInitially<S, C>(argsIn: Offer<S, C>, initials: readonly S[], ctx: C, where: string): unknown[] {
  const out = new Map<string, unknown>();
  for (const s of initials) {
    let d: ReturnType<typeof toDomain>;
    try {
      d = toDomain<unknown>(argsIn(s, ctx));
    } catch (e) {
      throw new RacehuntError('model-error', `${where}: its argsIn threw ${messageOf(e)}`);
    }
    if (!d)
      throw new RacehuntError(
        'bad-model',
        `${where}: its argsIn must give an array of values (or range, oneOf, record, subsets)`,
      );
    for (const v of d.values) if (!out.has(keyOf(v))) out.set(keyOf(v), v);
  }
  return [...out.values()];
}

/**
 * The state before a step, for a step that reads it (a fourth parameter): an immer draft's
 * original, or a frozen copy of a plain tree the explorer steps in place.
 */
export function stateBefore(draft: unknown): unknown {
  return isDraft(draft) ? original(draft) : freeze(structuredClone(draft), true);
}

const keyOf = (arg: unknown): string => JSON.stringify(arg ?? null);
