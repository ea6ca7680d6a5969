/**
 * Scheduling strategies for models: how a hunt chooses the next step among the enabled ones. Each
 * is a fast-check arbitrary, so runs are seeded and reproducible like any fast-check value. The
 * names, what each does and the default are one table for models and code (core/strategies.ts);
 * code's implementations are in async/strategies.ts.
 *
 * - `uniform`: fast-check's model-based commands (`fc.commands`): each step is a uniform pick among
 *   all (action, argument) commands, disabled ones skipped. Bugs that need one actor to stay idle
 *   for a long time get exponentially rare as that time grows.
 * - `swarm` (Groce et al., ISSTA 2012): each run switches off a random subset of actions and actors
 *   and picks uniformly among the rest; a run without the operator, or without two of the enactors,
 *   reaches deep states that uniform choice dilutes.
 * - `pct` (Burckhardt et al., ASPLOS 2010): random actor priorities and d-1 change points; the
 *   highest-priority actor that can act takes the step, and at a change point the actor on top is
 *   demoted. "One actor is unusually slow" is exactly one demotion.
 * - `cover` (coverage-guided, as AFL's corpus and Go-Explore): each run starts from a reached state
 *   (corpus.ts: the newest not yet explored, or another, or one run in eight the initial state) and
 *   goes on from it as a PCT run would (two runs in three) or with uniform picks; every situation it
 *   reaches for the first time joins the corpus. Deep states are reached step by step, and an actor
 *   that lagged on the way to an entry can go on lagging.
 * - `rules` (Hypothesis's rule-based state machines): each step chooses an action first, among
 *   those with an enabled argument, then one of its arguments (pickActionFirst). An action with many
 *   arguments gets one action's share of the steps, not one share per argument.
 * - `mix`: each run draws one of uniform, swarm and pct.
 * - `auto` (the former default): a model whose reachable states fit the prove budget (50,000
 *   states) is settled by the explorer (hunt.ts); the others are sampled by `cover`.
 * - `frontier` (the default): the budget of work (budget.ts) is split between a breadth-first phase,
 *   which settles a model that fits and otherwise proves that no counterexample of at most d steps
 *   exists, and coverage-guided runs that start from that search's frontier (the states it reached
 *   but did not expand), so that sampling adds depth instead of repeating the proven prefix. Runs go
 *   on as cover's do, choosing actions first as `rules` does, in lineages (lineage.ts): a lineage of
 *   1 to 32 runs, each going on from where the one before stopped with the same actor priorities,
 *   so that depth accumulates past `maxSteps` and an actor demoted once stays slow.
 *
 * In every strategy a run ends after `maxSteps` executed steps, or when nothing is enabled.
 * Whatever finds a failure, the hunt then shrinks the executed steps as a plain sequence, so a
 * trace is as minimal as the strategy that found it is irrelevant.
 */
import fc from 'fast-check';
import type { Choice, Instance } from '../core/instance.ts';
import type { StrategyName } from '../core/strategies.ts';

export { DEFAULT_STRATEGY, STRATEGIES, isStrategy, parseStrategy, type StrategyName } from '../core/strategies.ts';

/** The strategies whose runs start from a corpus of reached states (search.ts keeps it). */
export const CORPUS_STRATEGIES: readonly StrategyName[] = ['cover', 'auto', 'frontier'];

/** What a strategy draws for one run. `commands` is left to fc.modelRun; the others are played here. */
export type Schedule<C> =
  | { readonly kind: 'uniform'; readonly commands: C }
  | {
      readonly kind: 'swarm';
      readonly actionOn: readonly boolean[];
      readonly actorOn: readonly boolean[];
      readonly picks: readonly number[];
    }
  | {
      readonly kind: 'pct';
      readonly priority: readonly number[];
      readonly changeAt: readonly number[];
      readonly picks: readonly number[];
    }
  | { readonly kind: 'rules'; readonly picks: readonly number[] }
  /**
   * `start` picks the corpus entry the run starts from (corpus.ts); the run goes on from it as a
   * PCT run would (`priority`, `changeAt`), or, without priorities, with uniform picks. A `frontier`
   * run is drawn the same way; its corpus starts with the breadth-first frontier, and it chooses
   * actions first.
   */
  | ({ readonly kind: 'cover' } & CoverDraw)
  | ({ readonly kind: 'frontier' } & CoverDraw & FrontierDraw);

/**
 * What a frontier run draws besides a cover run's: its action weights, and, when it starts a
 * lineage (lineage.ts), how many runs the lineage takes and the actor ranking it keeps when it takes
 * more than one (then it always has priorities: a lineage without them would be a uniform walk,
 * which single runs chained through the corpus already take).
 */
export interface FrontierDraw {
  readonly weights: readonly number[];
  readonly runs: number;
  readonly ranking: readonly number[];
}

/** What a coverage-guided run draws: where it starts, and how it goes on (PCT priorities, or none). */
export interface CoverDraw {
  readonly start: number;
  readonly priority: readonly number[] | null;
  readonly changeAt: readonly number[];
  readonly picks: readonly number[];
}

/** The largest number of priority change points PCT draws (bug depth d = changes + 1). */
const PCT_MAX_CHANGES = 3;

/** The most runs a frontier lineage takes, each going on from where the one before it stopped (lineage.ts). */
export const LINEAGE_RUNS = 32;

/** Lineages of one run: as many of the steps as all longer lineages together, each length of those the same. */
const SINGLE_DRAWS = Math.log2(LINEAGE_RUNS) * LINEAGE_RUNS;

/** lineageRuns's draws: [0, LINEAGE_DRAWS). */
export const LINEAGE_DRAWS = SINGLE_DRAWS + LINEAGE_RUNS - 1;

/**
 * How many runs a frontier lineage takes, from a number drawn in [0, LINEAGE_DRAWS): 1, 2, 4, …,
 * LINEAGE_RUNS. Single runs, which start where the corpus says (as cover's do), take half of the
 * steps; each longer length takes the same share of the other half (each half as likely as the one
 * before it), as a universal restart schedule does (Luby et al. 1993): how deep a bug lies is not
 * known, and a lineage that ends with nothing enabled costs no more than it took.
 */
export function lineageRuns(drawn: number): number {
  let left = drawn - SINGLE_DRAWS;
  if (left < 0) return 1;
  let runs = 2;
  for (let share = LINEAGE_RUNS / 2; left >= share && runs < LINEAGE_RUNS; left -= share, share /= 2) runs *= 2;
  return runs;
}

export interface StrategyInputs<C> {
  readonly strategy: StrategyName;
  readonly inst: Instance;
  readonly maxSteps: number;
  /** The uniform strategy's commands (fc.commands over the model's actions). */
  readonly commands: fc.Arbitrary<C>;
  /**
   * `frontier` draws lineages of several runs (lineage.ts); false: single runs only, drawn as
   * before lineages, so that a budget in runs samples as it always has (budget.ts).
   */
  readonly lineages?: boolean | undefined;
}

export function scheduleArbitrary<C>(s: StrategyInputs<C>): fc.Arbitrary<Schedule<C>> {
  const { inst, maxSteps } = s;
  const uniform = s.commands.map((commands): Schedule<C> => ({ kind: 'uniform', commands }));
  if (s.strategy === 'uniform') return uniform;
  const picks = fc.array(fc.nat(), { minLength: maxSteps, maxLength: maxSteps });
  const actors = inst.lanes;
  const swarm = fc
    .record({
      actionOn: fc.array(fc.boolean(), { minLength: inst.model.actions.length, maxLength: inst.model.actions.length }),
      actorOn: fc.array(fc.boolean(), { minLength: actors.length, maxLength: actors.length }),
      picks,
    })
    .map((r): Schedule<C> => ({ kind: 'swarm', ...r }));
  const pct = fc
    .record({
      priority: fc.shuffledSubarray(
        actors.map((_, i) => i),
        { minLength: actors.length, maxLength: actors.length },
      ),
      changeAt: fc.array(fc.nat({ max: Math.max(0, maxSteps - 1) }), { maxLength: PCT_MAX_CHANGES }),
      picks,
    })
    .map((r): Schedule<C> => ({ kind: 'pct', ...r }));
  const actionCount = inst.model.actions.length;
  const rankingDraw = fc.shuffledSubarray(
    actors.map((_, i) => i),
    { minLength: actors.length, maxLength: actors.length },
  );
  const priorityDraw = fc.option(rankingDraw, { freq: 2 });
  const coverDraw: fc.Arbitrary<CoverDraw> = fc.record({
    start: fc.nat(),
    priority: priorityDraw,
    changeAt: fc.array(fc.nat({ max: Math.max(0, maxSteps - 1) }), { maxLength: PCT_MAX_CHANGES }),
    picks,
  });
  const cover = coverDraw.map((r): Schedule<C> => ({ kind: 'cover', ...r }));
  // Each frontier run weighs the actions its own way (swarm testing's diversity, Groce et al. 2012):
  // off, or 1, 2, 4 or 8 times as likely, so that some runs hold back elections, others messages.
  const weightsDraw = fc
    .array(fc.nat({ max: 4 }), { minLength: actionCount, maxLength: actionCount })
    .map((w) => w.map((x) => (x === 0 ? 0 : 2 ** (x - 1))));
  const frontier = s.lineages
    ? fc
        .tuple(coverDraw, weightsDraw, fc.nat({ max: LINEAGE_DRAWS - 1 }), rankingDraw)
        .map(([r, weights, n, ranking]): Schedule<C> => ({
          kind: 'frontier',
          ...r,
          weights,
          runs: lineageRuns(n),
          ranking,
        }))
    : fc
        .tuple(coverDraw, weightsDraw)
        .map(([r, weights]): Schedule<C> => ({ kind: 'frontier', ...r, weights, runs: 1, ranking: [] }));
  switch (s.strategy) {
    case 'rules':
      return picks.map((p): Schedule<C> => ({ kind: 'rules', picks: p }));
    case 'frontier':
      return frontier;
    case 'swarm':
      return swarm;
    case 'pct':
      return pct;
    case 'cover':
      return cover;
    case 'mix':
      return fc.oneof(uniform, swarm, pct);
    case 'auto':
      return cover;
  }
}

/** Given the enabled choices before step k of a run, the one to take, or undefined to end the run. */
export type Stepper = (k: number, enabled: readonly Choice[]) => Choice | undefined;

/**
 * A stepper that plays a swarm, PCT, rules or cover schedule: given the enabled choices before step
 * k, it returns the one to take, or undefined to end the run (a frontier run's is its lineage's:
 * lineage.ts).
 */
export function scheduler(
  inst: Instance,
  schedule: Exclude<Schedule<unknown>, { kind: 'uniform' | 'frontier' }>,
): Stepper {
  const actors = inst.lanes;
  const actorIndex = new Map(actors.map((a, i) => [a, i]));
  const actionIndex = new Map(inst.model.actions.map((a, i) => [a.name, i]));
  if (schedule.kind === 'rules') return (k, enabled) => pickActionFirst(enabled, schedule.picks[k] ?? 0);
  if (schedule.kind === 'cover') {
    const { priority, changeAt, picks } = schedule;
    if (priority === null) return (k, enabled) => pick(enabled, picks[k] ?? 0);
    return pctScheduler(inst, { priority, changeAt, picks }, pick);
  }
  if (schedule.kind === 'swarm') {
    const { actionOn, actorOn, picks } = schedule;
    // Silenced actions come back when nothing else can act, so that swarm never starves a run
    // (switching off the producer of a pipeline would otherwise end it at once).
    return (k, enabled) => {
      const on = enabled.filter(
        (c) => actionOn[actionIndex.get(c.action.name) ?? 0] && actorOn[actorIndex.get(inst.actor(c)) ?? 0],
      );
      return pick(on.length > 0 ? on : enabled, picks[k] ?? 0);
    };
  }
  return pctScheduler(inst, schedule, pick);
}

/**
 * PCT: priorities start at d + rank (higher runs first); the i-th change point drops the actor on
 * top at that step to priority i, below every actor not yet demoted. The actor on top takes the
 * step, with `choose` picking among its enabled choices.
 */
function pctScheduler(
  inst: Instance,
  schedule: {
    readonly priority: readonly number[];
    readonly changeAt: readonly number[];
    readonly picks: readonly number[];
  },
  choose: (among: readonly Choice[], drawn: number) => Choice | undefined,
): Stepper {
  const priority = pctPriorities(inst, schedule.priority, schedule.changeAt.length);
  return pctStepper(inst, { priority, changeAt: schedule.changeAt, picks: schedule.picks, clock: 0 }, choose);
}

/** Each actor's PCT priority from a ranking (highest first), with d - 1 = `changes` levels below for demotions. */
export function pctPriorities(inst: Instance, ranking: readonly number[], changes: number): number[] {
  const n = inst.lanes.length;
  const priority = new Array<number>(n).fill(0);
  ranking.forEach((actor, rank) => {
    priority[actor] = changes + 1 + n - rank;
  });
  return priority;
}

/**
 * A PCT stepper over live priorities (demotions are written into `priority`), whose change points
 * count steps from `clock` on: a frontier lineage goes on with its priorities run after run.
 */
export function pctStepper(
  inst: Instance,
  pct: {
    readonly priority: number[];
    readonly changeAt: readonly number[];
    readonly picks: readonly number[];
    readonly clock: number;
  },
  choose: (among: readonly Choice[], drawn: number) => Choice | undefined,
): Stepper {
  const actorIndex = new Map(inst.lanes.map((a, i) => [a, i]));
  const { priority, changeAt, picks, clock } = pct;
  return (k, enabled) => {
    if (enabled.length === 0) return undefined;
    let top = -1;
    for (const c of enabled) {
      const a = actorIndex.get(inst.actor(c)) ?? 0;
      if (top === -1 || (priority[a] ?? 0) > (priority[top] ?? 0)) top = a;
    }
    changeAt.forEach((at, i) => {
      if (at === clock + k) priority[top] = i + 1;
    });
    // The change point takes effect from this step: whoever is on top now may have changed.
    let best = -1;
    for (const c of enabled) {
      const a = actorIndex.get(inst.actor(c)) ?? 0;
      if (best === -1 || (priority[a] ?? 0) > (priority[best] ?? 0)) best = a;
    }
    return choose(
      enabled.filter((c) => actorIndex.get(inst.actor(c)) === best),
      picks[k] ?? 0,
    );
  };
}

/**
 * Action first, then its arguments, as Hypothesis's rule-based state machines choose a rule and then
 * draw its arguments: the drawn number picks an action among those with an enabled choice (by the
 * actions' weights), then one of that action's enabled arguments. An action with many arguments
 * (a send over every pair of nodes) then gets its share of the steps, not a share per argument, so
 * it cannot crowd the others out (issue #18: one such action took 85 % of a hunt's steps).
 */
export function pickActionFirst(
  among: readonly Choice[],
  drawn: number,
  runWeight: (a: Choice['action']) => number = () => 1,
): Choice | undefined {
  const actions: Choice['action'][] = [];
  for (const c of among) if (!actions.includes(c.action)) actions.push(c.action);
  // A run's own weights (0: off) multiply the model's; when they switch off every enabled action,
  // the model's alone decide, so that a run is never starved.
  let weightOf = (a: Choice['action']) => a.weight * runWeight(a);
  if (actions.every((a) => weightOf(a) === 0)) weightOf = (a) => a.weight;
  const total = actions.reduce((n, a) => n + weightOf(a), 0);
  if (total === 0) return undefined;
  let r = drawn % total;
  const action = actions.find((a) => (r -= weightOf(a)) < 0);
  const args = among.filter((c) => c.action === action);
  return args[Math.floor(drawn / total) % args.length];
}

/** The choice a drawn number picks among these, each counted as often as its action's weight. */
function pick(among: readonly Choice[], drawn: number): Choice | undefined {
  const total = among.reduce((n, c) => n + c.action.weight, 0);
  if (total === 0) return undefined;
  let r = drawn % total;
  for (const c of among) {
    r -= c.action.weight;
    if (r < 0) return c;
  }
  return undefined;
}
