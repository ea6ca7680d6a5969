/**
 * The scheduling strategies, one table for both pipelines: a hunt's runs of a model and a search's
 * schedules of asynchronous code choose their next step among the enabled ones by these names. Each
 * row says what the strategy does for a model and for code; where it has no meaning for one it
 * applies to the other only, and asking for it there is a one-line error that lists those that
 * apply. A name means one thing: `uniform` and `pct` are the same idea on both sides.
 *
 * The default is declared here too, per domain, because what measured best differs and the best of
 * one cannot run on the other: `frontier` explores a model's states breadth-first and samples from
 * the frontier (docs/strategies.md), and running code has no states to explore or fork from;
 * `delay` stalls tasks right after they change the state, which a model's hunt has no step for
 * (docs/async.md: the bench). The implementations are the domain's: hunt/strategy.ts draws a
 * model's runs over (action, argument) choices known in advance, async/strategies.ts plays code's
 * operations as they are issued.
 */
import { RacehuntError, unknownName } from './errors.ts';

export type StrategyDomain = 'model' | 'code';

const TABLE = {
  uniform: {
    model: "each step a uniform pick among the enabled (action, argument) choices, as fast-check's fc.commands",
    code: "each step completes an enabled operation chosen uniformly, as fast-check's fc.scheduler",
  },
  swarm: {
    model: 'each run switches off a random subset of actions and actors and picks uniformly among the rest',
  },
  pct: {
    model: 'random actor priorities and up to 3 change points that demote the actor on top',
    code: 'random task priorities, up to 3 change points that drop the task on top to the lowest priority; idle pollers parked until something changes',
  },
  cover: {
    model: 'coverage-guided: each run starts from a reached state of the corpus and goes on as pct or uniform',
  },
  rules: { model: 'each step chooses an action first, then one of its enabled arguments (as Hypothesis)' },
  delay: {
    code: 'uniform choice with one or two tasks stalled for a random number of steps right after one of their first changes (delay bounding)',
  },
  mix: { model: 'each run draws one of uniform, swarm and pct' },
  auto: {
    model:
      'explore breadth-first up to 50,000 states (a proof, or the shortest counterexample), then sample with cover',
  },
  frontier: {
    model:
      'a budget of work split between a breadth-first phase and coverage-guided runs from its frontier, actions first',
  },
} as const satisfies Record<string, { readonly model?: string; readonly code?: string }>;

/** Every strategy's name, of either domain. */
export type AnyStrategy = keyof typeof TABLE;
/** The strategies that apply to a domain. */
export type StrategyFor<D extends StrategyDomain> = {
  [K in AnyStrategy]: D extends keyof (typeof TABLE)[K] ? K : never;
}[AnyStrategy];
/** A model's strategies (the name racehunt's API has always given them). */
export type StrategyName = StrategyFor<'model'>;
export type CodeStrategy = StrategyFor<'code'>;

/** The strategies that apply to a domain, in the table's order. */
export function strategiesFor<D extends StrategyDomain>(domain: D): StrategyFor<D>[] {
  return (Object.keys(TABLE) as AnyStrategy[]).filter((s) => domain in TABLE[s]) as StrategyFor<D>[];
}

/** A model's strategies, and the default: racehunt's STRATEGIES and DEFAULT_STRATEGY. */
export const STRATEGIES: readonly StrategyName[] = strategiesFor('model');
export const DEFAULT_STRATEGY: StrategyName = 'frontier';

/**
 * Code's strategies, and the default: racehunt/async's STRATEGIES and DEFAULT_STRATEGY. That
 * STRATEGIES was a table of code's implementations by name: reading one of those by name says in
 * one line which export it is now.
 */
export const CODE_STRATEGIES: readonly CodeStrategy[] = Object.freeze(
  Object.defineProperties(
    strategiesFor('code'),
    Object.fromEntries(
      strategiesFor('code').map((name) => [
        name,
        {
          get(): never {
            throw new RacehuntError(
              'usage',
              `STRATEGIES lists the strategies' names now; code's ${name} strategy is the export ${name} of racehunt/async`,
            );
          },
        },
      ]),
    ),
  ),
);
export const DEFAULT_CODE_STRATEGY: CodeStrategy = 'delay';

/** The default of each domain. */
export const DEFAULTS = { model: DEFAULT_STRATEGY, code: DEFAULT_CODE_STRATEGY } as const;

/** Is this the name of a strategy of the domain (a model's, unless told)? */
export function isStrategy(s: string): s is StrategyName;
export function isStrategy<D extends StrategyDomain>(s: string, domain: D): s is StrategyFor<D>;
export function isStrategy(s: string, domain: StrategyDomain = 'model'): boolean {
  return Object.hasOwn(TABLE, s) && domain in TABLE[s as AnyStrategy];
}

/** What a strategy does in a domain, or null where it does not apply. */
export function strategyDoc(name: AnyStrategy, domain: StrategyDomain): string | null {
  const row: { readonly model?: string; readonly code?: string } = TABLE[name];
  return row[domain] ?? null;
}

/**
 * A strategy named by a user, for a domain (a model's, unless told): one line when it is unknown,
 * or applies to the other domain only.
 */
export function parseStrategy(s: string | undefined): StrategyName | undefined;
export function parseStrategy<D extends StrategyDomain>(s: string | undefined, domain: D): StrategyFor<D> | undefined;
export function parseStrategy(s: string | undefined, domain: StrategyDomain = 'model'): AnyStrategy | undefined {
  if (s === undefined) return undefined;
  if (isStrategy(s, domain)) return s;
  const known = strategiesFor(domain);
  if (!Object.hasOwn(TABLE, s)) throw unknownName('strategy', s, known);
  throw new RacehuntError(
    'usage',
    `strategy "${s}" applies to ${domain === 'model' ? 'code' : 'models'} only (for ${domain === 'model' ? 'models' : 'code'}: ${known.join(', ')})`,
  );
}
