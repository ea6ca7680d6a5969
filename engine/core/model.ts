/**
 * The model API: what a racehunt model is made of, and the helpers to declare one.
 *
 * A model is pure data and pure functions, in the shape of Stateright's `Model` trait: parameters,
 * an initial state, actions (actor + guard + immer step), and named properties that say their kind.
 * Every explorer (fast-check hunt, exhaustive check, replay) reads the same declaration, so a model
 * never mentions fast-check commands, traces or rendering.
 */
import type { Draft } from 'immer';
import { RacehuntError } from './errors.ts';
import { BUILT_IN_NAMES, NO_DEADLOCK } from './builtin-names.ts';
import { declared } from './site.ts';
import { toDomain, type Domain, type DomainLike } from './domain.ts';
import { checkDeclaration, checkDescribe, renamedCtxField } from './validate.ts';
import { offeredBy, offeredInitially, stateBefore, stepTaken } from './args-in.ts';
import { canonicalizeSets, setPaths } from './sets.ts';

export type { Draft } from 'immer';

/** A property check's answer: `true` holds; `false` or a message (with values) is broken. */
export type Verdict = boolean | string;

/** Numeric parameters only: they must fit on a command line (`--param window=10`) and in a trace. */
export type Params = Readonly<Record<string, number>>;

export interface ParamSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly doc: string;
}

export type ParamSpecs<P extends Params> = { readonly [K in keyof P]: ParamSpec };

/** The parameters of a model that declares none. */
export type NoParams = Readonly<Record<never, number>>;
/** The switches of a model with one variant that reads none. */
export type NoSwitches = Readonly<Record<never, never>>;

/** What every step, guard and property sees besides the state: the run's parameters and variant. */
export interface Ctx<P extends Params = NoParams, V = NoSwitches> {
  readonly params: P;
  /** The variant's switches, which steps read: `if (ctx.switches.conditionalCommit) …`. */
  readonly switches: V;
  /** The variant's name, for messages. */
  readonly variantName: string;
}

/**
 * The one way a context is made (frozen). It answers `ctx.variant`, the switches' name until
 * December 2026, with one line saying what it is called now, not with a TypeError further on.
 */
export function makeCtx<P extends Params, V>(params: P, switches: V, variantName: string): Ctx<P, V> {
  const ctx = { params, switches, variantName };
  Object.defineProperty(ctx, 'variant', { get: () => renamedCtxField('variant'), enumerable: false });
  return Object.freeze(ctx);
}

export interface Variant<V> {
  readonly doc: string;
  /** The switches the model's steps read (`if (ctx.switches.conditionalCommit) …`). */
  readonly switches: V;
}

/** The arguments of an action, as recorded in a trace: plain JSON data. */
export type Arg = unknown;

/** One protocol step, with its argument type erased so that different actions share a list. */
export interface Action<S, P extends Params, V> {
  readonly name: string;
  readonly doc: string;
  /** The argument domain, or undefined for an action without arguments. */
  domain(ctx: Ctx<P, V>): Domain<Arg> | undefined;
  actor(arg: Arg, ctx: Ctx<P, V>): string;
  enabled(state: S, arg: Arg, ctx: Ctx<P, V>): boolean;
  /** Edits the draft; what it returns is only checked (a returned object is a mistake: it would be dropped). */
  step(draft: Draft<S>, arg: Arg, ctx: Ctx<P, V>): unknown;
  /** One line with run-time values; it sees the state before the step and the state after it. */
  describe(before: S, arg: Arg, after: S, ctx: Ctx<P, V>): string;
  /** The participant a step talks to in a sequence diagram ("Route53"), if any. */
  target(arg: Arg, ctx: Ctx<P, V>): string | undefined;
  /** How often random strategies pick this action relative to others (default 1). */
  readonly weight: number;
}

/**
 * An action as a model declares it, without its name: the value in `actions: { name: {…} }`. Only
 * `step` is required. The argument's type comes from `args` alone, whatever the order of fields.
 */
export interface ActionSpec<S, P extends Params, V, A> {
  /** What the step does, in a sentence, for docs and `racehunt list`. Default: none. */
  doc?: string;
  /**
   * The arguments the step may take: an array (`[1, 2]`, `range(1, 3)`, `record({…})`) or a
   * function of the context that gives one (`({ params }) => range(1, params.clients)`). Omit
   * for an action without arguments.
   */
  args?: DomainLike<A> | ((ctx: Ctx<P, V>) => DomainLike<A>);
  /**
   * The arguments a state offers, computed from it, as TLA+'s `\E S \in SUBSET bank[b]`:
   * `(s) => subsets(s.bank[s.boat])`. The step is enabled only with one of them. They are a part of
   * `args` (every argument the action may take), which defaults to what `argsIn` gives in the
   * initial states; an argument outside it is refused in one line.
   */
  argsIn?: (state: S, ctx: Ctx<P, V>) => DomainLike<A>;
  /**
   * Who takes the step (its swimlane). Default: the first word of the action's name, then its
   * argument: `clientWithdraws` with argument 2 is "client 2" (an object argument gives the field
   * of that name, `{ client: 2, … }`), and without an argument "client".
   */
  actor?: string | ((arg: NoInfer<A>, ctx: Ctx<P, V>) => string);
  /** The guard: when the step may run. Omitted means always enabled. */
  when?: (state: S, arg: NoInfer<A>, ctx: Ctx<P, V>) => boolean;
  /**
   * Edits an immer draft of the state. Must be deterministic and touch nothing but the draft. A
   * fourth parameter, `before`, is the state before the step (read-only), as TLA+'s primed
   * variables are written from unprimed ones: `step: (d, _, _ctx, before) => { d.x = before.y; d.y = before.x; }`.
   */
  step: (draft: Draft<S>, arg: NoInfer<A>, ctx: Ctx<P, V>, before: S) => void;
  /**
   * One line with run-time values: "enactor 2 applies plan 17 to regional (it had 19)". It sees
   * the state before the step and the state after it, as Stateright's `format_step` does, so it
   * never has to re-derive what the step did. Default: the name read as words with the actor as
   * its subject ("client 2 withdraws").
   */
  describe?: (before: S, arg: NoInfer<A>, after: S, ctx: Ctx<P, V>) => string;
  /** The participant a step talks to in a sequence diagram ("Route53"), if any. */
  target?: string | ((arg: NoInfer<A>, ctx: Ctx<P, V>) => string | undefined);
  /**
   * Relative weight when a hunt picks a step at random (default 1): give "time passes" a weight of
   * 5 and it takes five times the share of steps of an action of weight 1.
   */
  weight?: number;
}

/** An action declared with `action({...})`: its spec and its name. */
export interface ActionDef<S, P extends Params, V, A> extends ActionSpec<S, P, V, A> {
  /** A role-verb from the protocol's description: `enactorAppliesPlanToEndpoint`. */
  name: string;
}

interface PropertyBase {
  readonly name: string;
  readonly doc: string;
}

/** Safety: checked after every step (and on the initial state). */
export interface AlwaysProperty<S, P extends Params, V> extends PropertyBase {
  readonly kind: 'always';
  check(state: S, ctx: Ctx<P, V>): Verdict;
}

/** Reachability witness: a hunt must reach it, so that a green run is never vacuous. */
export interface SometimesProperty<S, P extends Params, V> extends PropertyBase {
  readonly kind: 'sometimes';
  /** `memory` is the witness's memory (see `memory` below), undefined for a witness of one state. */
  reached(state: S, ctx: Ctx<P, V>, memory: unknown): boolean;
  /**
   * Where the witness can be reached at all (a variant's switches, the parameters): elsewhere no
   * run requires it, so a variant whose fix makes the situation impossible stays non-vacuous.
   */
  applies(ctx: Ctx<P, V>): boolean;
  /**
   * The witness may already hold in the initial state, and that is intended. Otherwise a witness
   * that holds there witnesses nothing a run did: racehunt warns, and a green result that counts
   * on it is vacuous.
   */
  readonly startsReached?: boolean;
  /**
   * A witness of a run rather than of one state ("an operator repaired an endpoint that had been
   * emptied"): a plain-data memory, started and observed as a progress monitor's is, that
   * `reached` reads. The explorer checks such a witness only when it is the target (or every
   * property is checked): as coverage beside another target, its memory would split states and
   * cost the symmetry reduction.
   */
  readonly memory?: {
    start(state: S, ctx: Ctx<P, V>): unknown;
    observe(memory: unknown, state: S, ctx: Ctx<P, V>): unknown;
  };
}

/**
 * Bounded progress judged over the run so far, by a monitor (as P's spec monitors do): a small
 * plain-data memory that observes every state, so checking is O(1) per step and an exhaustive
 * explorer can carry the monitor in its state.
 */
export interface MonitorProperty<S, P extends Params, V> extends PropertyBase {
  readonly kind: 'progress';
  readonly form: 'monitor';
  start(state: S, ctx: Ctx<P, V>): unknown;
  observe(memory: unknown, state: S, ctx: Ctx<P, V>): unknown;
  verdict(memory: unknown, state: S, ctx: Ctx<P, V>): Verdict;
}

/**
 * Bounded progress as recovery: from the state a run ends in, if only the actions `by` admits take
 * steps (a fair round-robin over their actors, no environment, no operator), `goal` holds within
 * `within` steps. It fails exactly in states that need a human, which is the claim
 * "the automation recovers on its own".
 */
export interface RecoversProperty<S, P extends Params, V> extends PropertyBase {
  readonly kind: 'progress';
  readonly form: 'recovers';
  by(action: string, actor: string): boolean;
  goal(state: S, ctx: Ctx<P, V>): Verdict;
  within(ctx: Ctx<P, V>): number;
}

export type Property<S, P extends Params, V> =
  AlwaysProperty<S, P, V> | SometimesProperty<S, P, V> | MonitorProperty<S, P, V> | RecoversProperty<S, P, V>;

export type PropertyKind = Property<unknown, Params, unknown>['kind'];

/**
 * A timed model's clock, as TLC's checks of timed specs: from every reachable state time can still
 * pass (some path of at most `zeno` steps advances `now`), unless the state is a declared end, and
 * no run takes more than `zeno` steps in a row without `now` advancing (a Zeno run).
 */
export interface Clock<S, P extends Params, V> {
  /** The model's time, read from a state ("tick", "minute"). */
  readonly now: (state: S, ctx: Ctx<P, V>) => number;
  /** The most steps in a row that may pass without time advancing. */
  readonly zeno: number | ((ctx: Ctx<P, V>) => number);
  /**
   * What is due that time waits for (an urgent step), in the protocol's words, or null: the
   * built-in time checks name it when time stops (engine/core/timed.ts declares it with the clock).
   */
  readonly urgent?: (state: S, ctx: Ctx<P, V>) => string | null;
}

/** A column of the per-step table view (`view: 'table'`), for timed models such as DWFM. */
export interface Column<S, P extends Params, V> {
  readonly name: string;
  value(state: S, ctx: Ctx<P, V>): string | number;
}

export interface Model<S, P extends Params, V> {
  /** Brand, so that a module loaded by path can be recognised as a model. */
  readonly racehunt: 'model';
  readonly name: string;
  readonly title: string;
  readonly doc: string;
  readonly params: ParamSpecs<P>;
  /** In order: the first variant is the protocol as it ran (the buggy baseline). */
  readonly variants: Readonly<Record<string, Variant<V>>>;
  /** The initial state (the first of `inits`, for a model with several). */
  init(ctx: Ctx<P, V>): S;
  /** Every initial state, for a model with several (as TLA+'s Init may allow many); undefined: `init`'s. */
  readonly inits: ((ctx: Ctx<P, V>) => readonly S[]) | undefined;
  /**
   * A bound on the search, as TLC's CONSTRAINT: a state outside it is not in the model (not stored,
   * checked or expanded). Undefined: every state is.
   */
  readonly constraint: ((state: S, ctx: Ctx<P, V>) => boolean) | undefined;
  /** Paths of arrays that are sets: kept sorted and without repeats (see sets.ts). */
  readonly sets: readonly string[];
  readonly actions: readonly Action<S, P, V>[];
  readonly properties: readonly Property<S, P, V>[];
  /** Actor names in lane order, for swimlanes and fair scheduling. */
  actors(ctx: Ctx<P, V>): readonly string[];
  /**
   * End states: where a run may stop because the protocol is done. Any other state in which no
   * action is enabled is a deadlock, which racehunt reports as a counterexample (as TLC does).
   */
  readonly ends: ((state: S, ctx: Ctx<P, V>) => boolean) | undefined;
  /**
   * What a deadlock looks like, in the protocol's words ("every philosopher waits for a fork"): the
   * built-in `no-deadlock` check's message. A model adds a message, never its own copy of the check.
   */
  readonly stuck: ((state: S, ctx: Ctx<P, V>) => string) | undefined;
  /** A timed model's clock (see Clock): racehunt checks that time keeps passing. */
  readonly clock: Clock<S, P, V> | undefined;
  /**
   * What the coverage-guided hunt counts as one situation (plain data); default: the whole state.
   * A coarser abstraction (say, each actor's phase) makes the hunt spread out over what matters.
   */
  readonly coverage: ((state: S, ctx: Ctx<P, V>) => unknown) | undefined;
  /**
   * Symmetry reduction for the exhaustive explorer: the representative of a state's class under
   * renaming interchangeable actors (e.g. three enactors that differ only by name: sort them and
   * rename every reference). Undefined: no reduction. It is used for fingerprints only; traces are
   * always executed on real states.
   */
  readonly canonical: ((state: S, ctx: Ctx<P, V>) => S) | undefined;
  /** How traces read best: swimlane per actor, or a per-step table of these columns. */
  readonly view:
    { readonly kind: 'swimlane' } | { readonly kind: 'table'; readonly columns: readonly Column<S, P, V>[] };
}

/** What the engine handles: a model of any state, parameters and switches. */
export type AnyModel = Model<unknown, Params, unknown>;
export type AnyAction = Action<unknown, Params, unknown>;
export type AnyProperty = Property<unknown, Params, unknown>;
export type AnyCtx = Ctx<Params, unknown>;

/** The parameters a model declares (`params: { clients: {…} }`), as its steps read them. */
export type ParamValues<K extends string> = { readonly [N in K]: number };

/** The property declarations (`always({...})` and the others): only `name` and the check are required. */
export interface AlwaysDef<S, P extends Params, V> {
  name: string;
  doc?: string;
  check: (state: S, ctx: Ctx<P, V>) => Verdict;
}

export interface SometimesDef<S, P extends Params, V, M> {
  name: string;
  doc?: string;
  reached: (state: S, ctx: Ctx<P, V>, memory: M) => boolean;
  applies?: (ctx: Ctx<P, V>) => boolean;
  /** It may hold in the initial state on purpose (see SometimesProperty.startsReached). */
  startsReached?: boolean;
  memory?: { start: (state: S, ctx: Ctx<P, V>) => M; observe: (memory: M, state: S, ctx: Ctx<P, V>) => M };
}

export interface ProgressDef<S, P extends Params, V, M> {
  name: string;
  doc?: string;
  start: (state: S, ctx: Ctx<P, V>) => M;
  observe: (memory: M, state: S, ctx: Ctx<P, V>) => M;
  verdict: (memory: M, state: S, ctx: Ctx<P, V>) => Verdict;
}

export interface RecoversDef<S, P extends Params, V> {
  name: string;
  doc?: string;
  by: (action: string, actor: string) => boolean;
  goal: (state: S, ctx: Ctx<P, V>) => Verdict;
  within: number | ((ctx: Ctx<P, V>) => number);
}

/**
 * A model's declaration. Only `name`, `init` and `actions` are required; everything else has a
 * default (docs/api.md lists each field with its type and default).
 */
export interface ModelDef<S, P extends Params, V, AS extends Record<string, unknown> = Record<string, never>> {
  /** Lower-case words joined by "-": it names the model's traces, on the command line and in files. */
  name: string;
  /** Default: the name. */
  title?: string;
  /** Default: none. */
  doc?: string;
  /** Numeric parameters with their ranges (`--param clients=3`). Default: none. */
  params?: ParamSpecs<P>;
  /** In order: the first is the protocol as it ran. Default: one variant, "default", with no switches. */
  variants?: Record<string, Variant<V>>;
  /** The initial state. Required, unless `inits` gives several. */
  init?: (ctx: Ctx<P, V>) => S;
  /**
   * Several initial states, instead of `init` (as TLA+'s Init may allow many): every one is
   * explored by a breadth-first search (racehunt check, and a hunt's first phase).
   */
  inits?: (ctx: Ctx<P, V>) => readonly S[];
  /**
   * A bound on the search, as TLC's CONSTRAINT: a state where it is false is not in the model (not
   * stored, checked or expanded), so that an infinite state space can be checked on a finite part.
   */
  constraint?: (state: S, ctx: Ctx<P, V>) => boolean;
  /**
   * Paths of arrays that are sets (`['msgs', 'nodes.*.inbox']`): racehunt keeps them sorted and
   * without repeats after every step, so that two orders of one set are one state.
   */
  sets?: readonly string[];
  /** A record of actions by name (`{ clientWithdraws: { args, when, step } }`), or an array of `action({...})`. */
  actions: readonly Action<S, P, V>[] | { [N in keyof AS]: ActionSpec<S, P, V, AS[N]> };
  /** Properties built with `always`, `sometimes`, `progress` and `recovers`. Default: none. */
  properties?: readonly Property<S, P, V>[];
  /** Safety claims by name, checked on every state: `{ 'never-overdrawn': (s) => s.balance >= 0 }`. */
  always?: Readonly<Record<string, (state: S, ctx: Ctx<P, V>) => Verdict>>;
  /** Witnesses by name, which a hunt must reach: `{ 'both-withdraw': (s) => s.balance < 0 }`. */
  sometimes?: Readonly<Record<string, (state: S, ctx: Ctx<P, V>) => boolean>>;
  /** Lane order. Default: actors in the order of their actions and arguments. */
  actors?: (ctx: Ctx<P, V>) => readonly string[];
  /** See Model.ends: states where the protocol is done (no deadlock there). Default: none. */
  ends?: (state: S, ctx: Ctx<P, V>) => boolean;
  /** See Model.stuck: the built-in no-deadlock check's message, in the protocol's words. */
  stuck?: (state: S, ctx: Ctx<P, V>) => string;
  /** See Clock: a timed model's clock. */
  clock?: Clock<S, P, V>;
  /** See Model.coverage: the situations the coverage-guided hunt spreads over. */
  coverage?: (state: S, ctx: Ctx<P, V>) => unknown;
  /** See Model.canonical: symmetry reduction for the exhaustive explorer. */
  canonical?: (state: S, ctx: Ctx<P, V>) => S;
  /** Omit for swimlanes; give columns for a per-step table. */
  columns?: readonly Column<S, P, V>[];
}

/** The variant a model without `variants` has: the model as written. */
export const DEFAULT_VARIANT = 'default';

const NAME = /^[a-z][a-z0-9-]*$/;

/** Models, variants and properties are named in lower-case words joined by "-" (they are file names in traces/). */
export const isName = (s: string): boolean => NAME.test(s);

const ACTION_NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * A model in one call: its state type comes from `init`, its parameters from `params`, its
 * switches from `variants`, and each action's argument type from its `args`.
 *
 *   export const account = model({ name: 'account', init: (): Account => ({ … }), actions: { … } });
 */
export function model<
  S,
  AS extends Record<string, unknown> = Record<string, never>,
  K extends string = never,
  V = NoSwitches,
>(def: ModelDef<S, ParamValues<K>, V, AS>): AnyModel {
  return declared(defineModel(def)) as unknown as AnyModel;
}

/**
 * The kit binds a model's state, parameter and switch types once, so that every action and
 * property below is checked against them without repeating type arguments (a model split over
 * several files uses it):
 *
 *   const { action, always, model } = modelKit<RegisterState, RegisterParams, RegisterSwitches>();
 */
export function modelKit<S, P extends Params = NoParams, V = NoSwitches>() {
  return {
    action<A = undefined>(def: ActionDef<S, P, V, A>): Action<S, P, V> {
      checkDeclaration('action', def, `action ${typeof def?.name === 'string' ? def.name : '(no name)'}`);
      return buildAction(def.name, def, `action ${def.name}`);
    },

    always(def: AlwaysDef<S, P, V>): AlwaysProperty<S, P, V> {
      checkDeclaration('always', def, `property ${String(def?.name)}`);
      return declared({ kind: 'always', name: def.name, doc: def.doc ?? '', check: def.check });
    },

    /**
     * A witness of one state, `reached(state)`; or of a run: give it a `memory` (started and
     * observed as a progress monitor's) and `reached(state, ctx, memory)` reads it. `applies`
     * limits it to the variants where it can be reached (default: everywhere).
     */
    sometimes<M = undefined>(def: SometimesDef<S, P, V, M>): SometimesProperty<S, P, V> {
      checkDeclaration('sometimes', def, `property ${String(def?.name)}`);
      if (def.memory) checkDeclaration('memory', def.memory, `property ${def.name}: memory`);
      const { memory, reached } = def;
      return declared({
        kind: 'sometimes',
        name: def.name,
        doc: def.doc ?? '',
        reached: (state, ctx, m) => reached(state, ctx, m as M),
        applies: def.applies ?? (() => true),
        ...(def.startsReached ? { startsReached: true } : {}),
        ...(memory
          ? {
              memory: {
                start: memory.start,
                observe: (m: unknown, state: S, ctx: Ctx<P, V>) => memory.observe(m as M, state, ctx),
              },
            }
          : {}),
      });
    },

    progress<M>(def: ProgressDef<S, P, V, M>): MonitorProperty<S, P, V> {
      checkDeclaration('progress', def, `property ${String(def?.name)}`);
      return declared({
        kind: 'progress',
        form: 'monitor',
        name: def.name,
        doc: def.doc ?? '',
        start: def.start,
        observe: (memory, state, ctx) => def.observe(memory as M, state, ctx),
        verdict: (memory, state, ctx) => def.verdict(memory as M, state, ctx),
      });
    },

    recovers(def: RecoversDef<S, P, V>): RecoversProperty<S, P, V> {
      checkDeclaration('recovers', def, `property ${String(def?.name)}`);
      const { within } = def;
      if (typeof within === 'number') stepBound(within, `property ${def.name}: within`);
      return declared({
        kind: 'progress',
        form: 'recovers',
        name: def.name,
        doc: def.doc ?? '',
        by: def.by,
        goal: def.goal,
        within: (ctx) => (typeof within === 'number' ? within : stepBound(within(ctx), `property ${def.name}: within`)),
      });
    },

    /**
     * The finished model, with its types erased to what the engine handles. This is the one cast
     * between a model's own types and the engine's: every action and property above was already
     * checked against S, P and V, and the engine only ever feeds a model its own states.
     */
    model<AS extends Record<string, unknown> = Record<string, never>>(def: ModelDef<S, P, V, AS>): AnyModel {
      return declared(defineModel(def)) as unknown as AnyModel;
    },
  };
}

/**
 * An action's guard from its parts, each optional: a function per case, so that the explorer's
 * calls (one per choice per state) do not test for the parts that are not there.
 */
function guardOf<S, P extends Params, V, A>(
  offered: ((state: S, arg: unknown, ctx: Ctx<P, V>) => boolean) | undefined,
  when: ((state: S, arg: A, ctx: Ctx<P, V>) => boolean) | undefined,
): (state: S, arg: Arg, ctx: Ctx<P, V>) => boolean {
  if (offered && when) return (state, arg, ctx) => offered(state, arg, ctx) && when(state, arg as A, ctx);
  if (offered) return (state, arg, ctx) => offered(state, arg, ctx);
  if (when) return (state, arg, ctx) => when(state, arg as A, ctx);
  return () => true;
}

/**
 * An action from its declaration. The casts below are the one place where an action's argument
 * type is erased: the engine only ever passes back an argument that came out of this action's own
 * domain.
 */
function buildAction<S, P extends Params, V, A>(
  name: string,
  def: ActionSpec<S, P, V, A>,
  where: string,
  initials?: (ctx: Ctx<P, V>) => readonly S[],
): Action<S, P, V> {
  if (!ACTION_NAME.test(name))
    throw new RacehuntError('bad-model', `action name "${name}" must be camelCase, like enactorAppliesPlan`);
  const { actor, target, when, args, argsIn } = def;
  const weight = def.weight ?? 1;
  if (!(Number.isInteger(weight) && weight >= 1))
    throw new RacehuntError('bad-model', `${where}: weight must be a positive integer, got ${weight}`);
  const fixed = typeof args === 'function' ? undefined : args === undefined ? undefined : toDomain<A>(args);
  const actorOf = (arg: Arg, ctx: Ctx<P, V>): string =>
    actor === undefined ? defaultActor(name, arg) : typeof actor === 'string' ? actor : actor(arg as A, ctx);
  const describe = def.describe && checkDescribe(def.describe, where);
  const domain = (ctx: Ctx<P, V>): Domain<Arg> | undefined => {
    if (args === undefined && argsIn && initials) return toDomain(offeredInitially(argsIn, initials(ctx), ctx, where));
    if (typeof args !== 'function') return fixed as Domain<Arg> | undefined;
    const d = args(ctx);
    // Not a domain: handed on as it is, for the instance to refuse in its own words.
    return (toDomain<Arg>(d) ?? d) as Domain<Arg>;
  };
  if (argsIn && args === undefined && !initials)
    throw new RacehuntError(
      'bad-model',
      `${where}: argsIn gives a part of args, so an action built with action({…}) gives args too (every argument it may take); in model({ actions: { … } }), args defaults to what argsIn gives in the initial states`,
    );
  const offered = argsIn && offeredBy(argsIn, (ctx: Ctx<P, V>) => domain(ctx)?.values ?? [], where, args !== undefined);
  // A step reads the state before it only when it declares a fourth parameter: on the explorer's
  // plain trees that costs a copy.
  const readsBefore = def.step.length >= 4;
  return {
    name,
    doc: def.doc ?? '',
    domain,
    actor: actorOf,
    enabled: guardOf(offered, when),
    step: readsBefore
      ? (draft, arg, ctx) => {
          stepTaken();
          return def.step(draft, arg as A, ctx, stateBefore(draft) as S) as unknown;
        }
      : (draft, arg, ctx) => {
          stepTaken();
          return def.step(draft, arg as A, ctx, undefined as S) as unknown;
        },
    describe: (before, arg, after, ctx) =>
      describe ? describe(before, arg as A, after, ctx) : defaultDescription(name, actorOf(arg, ctx)),
    target: (arg, ctx) => (typeof target === 'function' ? target(arg as A, ctx) : target),
    weight,
  };
}

function defineModel<S, P extends Params, V, AS extends Record<string, unknown>>(
  def: ModelDef<S, P, V, AS>,
): Model<S, P, V> {
  checkDeclaration('model', def, `model ${typeof def?.name === 'string' ? `"${def.name}"` : '(no name)'}`);
  const bad = (what: string) => new RacehuntError('bad-model', `model "${def.name}": ${what}`);
  if (!NAME.test(def.name)) throw bad('its name must be lower-case words joined by "-"');
  const variants: Record<string, Variant<V>> = def.variants ?? {
    [DEFAULT_VARIANT]: { doc: 'the model as written', switches: {} as V },
  };
  const params = def.params ?? ({} as ParamSpecs<P>);
  if (Object.keys(variants).length === 0) throw bad('it needs at least one variant');
  for (const [v, variant] of Object.entries(variants)) {
    if (!NAME.test(v)) throw bad(`variant name "${v}" must be lower-case words joined by "-"`);
    checkDeclaration('variant', variant, `model "${def.name}": variant ${v}`);
  }
  for (const [k, spec] of Object.entries(params) as [string, ParamSpec][]) {
    checkDeclaration('param', spec, `model "${def.name}": parameter ${k}`);
    if (!Number.isInteger(spec.default) || spec.default < spec.min || spec.default > spec.max) {
      throw bad(`parameter ${k}: default ${spec.default} is not an integer in [${spec.min}, ${spec.max}]`);
    }
  }
  if (def.clock) checkDeclaration('clock', def.clock, `model "${def.name}": clock`);
  for (const [i, c] of (def.columns ?? []).entries())
    checkDeclaration('column', c, `model "${def.name}": column ${i + 1}`);
  const init = initOf(def, bad);
  const actions = actionsOf(def, bad, (ctx) => initialStatesOf(def, ctx));
  const properties = propertiesOf(def, bad);
  unique(
    actions.map((a) => a.name),
    (n) => bad(`two actions are named ${n}`),
  );
  unique(
    properties.map((p) => p.name),
    (n) => bad(`two properties are named ${n}`),
  );
  for (const p of properties) {
    if (!NAME.test(p.name)) throw bad(`property name "${p.name}" must be lower-case words joined by "-"`);
    if (BUILT_IN_NAMES.includes(p.name))
      throw bad(
        `property "${p.name}" is one of racehunt's built-in checks: remove it${p.name === NO_DEADLOCK ? ', declare `ends`, and give the deadlock message as `stuck`' : ''}`,
      );
  }
  if (actions.length === 0) throw bad('it has no actions');
  if (def.clock && typeof def.clock.zeno === 'number') stepBound(def.clock.zeno, `model "${def.name}": clock.zeno`);

  const actors = def.actors ?? ((ctx: Ctx<P, V>) => enumerateActors(actions, ctx));
  return Object.freeze({
    racehunt: 'model' as const,
    name: def.name,
    title: def.title ?? def.name,
    doc: def.doc ?? '',
    params,
    variants,
    init,
    inits: def.inits,
    constraint: def.constraint,
    sets: def.sets ?? [],
    actions,
    properties,
    actors,
    ends: def.ends,
    stuck: def.stuck,
    clock: def.clock,
    coverage: def.coverage,
    canonical: def.canonical,
    view: def.columns ? { kind: 'table' as const, columns: def.columns } : { kind: 'swimlane' as const },
  });
}

/** The initial state: `init`, or the first of `inits` (one of the two, not both). */
function initOf<S, P extends Params, V, AS extends Record<string, unknown>>(
  def: ModelDef<S, P, V, AS>,
  bad: (what: string) => RacehuntError,
): (ctx: Ctx<P, V>) => S {
  const { init, inits } = def;
  if (init && inits) throw bad('it gives both init and inits: one initial state (init), or several (inits)');
  if (init) return init;
  if (!inits) throw bad('"init" is missing (the initial state: init: () => ({ … }), or several: inits: () => [ … ])');
  return (ctx) => {
    const all = inits(ctx);
    if (!Array.isArray(all) || all.length === 0)
      throw bad(`its inits must give a non-empty array of states, got ${Array.isArray(all) ? 'none' : typeof all}`);
    return all[0] as S;
  };
}

/**
 * The initial states as the steps see them, each set in canonical order (sets.ts): what an
 * action without `args` takes its arguments from (its `argsIn` in each).
 */
function initialStatesOf<S, P extends Params, V, AS extends Record<string, unknown>>(
  def: ModelDef<S, P, V, AS>,
  ctx: Ctx<P, V>,
): readonly S[] {
  const states = def.inits ? def.inits(ctx) : def.init ? [def.init(ctx)] : [];
  if (!def.sets?.length || states.length === 0) return states;
  const paths = setPaths(def.name, def.sets, states[0]);
  return states.map((s) => {
    const copy = structuredClone(s);
    canonicalizeSets(copy, paths);
    return copy;
  });
}

/** The actions of a declaration: built by `action()` in an array, or declared by name in a record. */
function actionsOf<S, P extends Params, V, AS extends Record<string, unknown>>(
  def: ModelDef<S, P, V, AS>,
  bad: (what: string) => RacehuntError,
  initials: (ctx: Ctx<P, V>) => readonly S[],
): Action<S, P, V>[] {
  if (!Array.isArray(def.actions)) {
    return Object.entries(def.actions as Record<string, ActionSpec<S, P, V, unknown>>).map(([name, spec]) => {
      const where = `model "${def.name}": action ${name}`;
      if (typeof spec === 'object' && spec !== null && 'name' in spec)
        throw bad(`action ${name}: its name is its key in actions, so it has no "name" field`);
      checkDeclaration('action', typeof spec === 'object' && spec !== null ? { name, ...spec } : spec, where);
      return buildAction(name, spec, where, initials);
    });
  }
  return (def.actions as readonly unknown[]).map((a, i) => {
    const built = a as Partial<Action<S, P, V>>;
    if (typeof built?.enabled === 'function' && typeof built.domain === 'function') return built as Action<S, P, V>;
    throw bad(
      `actions[${i}] is not an action: build it with action({ name, … }), or give actions as a record, { ${typeof (a as { name?: unknown })?.name === 'string' ? (a as { name: string }).name : 'name'}: { args, when, step } }`,
    );
  });
}

/** The properties of a declaration: `properties`, then the claims given by name in `always` and `sometimes`. */
function propertiesOf<S, P extends Params, V, AS extends Record<string, unknown>>(
  def: ModelDef<S, P, V, AS>,
  bad: (what: string) => RacehuntError,
): Property<S, P, V>[] {
  const listed = (def.properties ?? []).map((p, i) => {
    if (typeof p?.kind === 'string' && typeof p.name === 'string') {
      // A property of a kind the engine does not judge would never be checked: a green run that proved nothing.
      const kind = KIND_RENAMED[p.kind];
      if (kind)
        throw bad(`property ${p.name}: the kind "${p.kind}" is called "${kind}" (build it with ${kind}({ name, … }))`);
      if (
        !PROPERTY_KINDS.includes(p.kind) ||
        (p.kind === 'progress' && !['monitor', 'recovers'].includes(String((p as { form?: unknown }).form)))
      )
        throw bad(
          `property ${p.name}: its kind "${p.kind}" is not one racehunt judges; build it with always, sometimes, progress or recovers`,
        );
      return p;
    }
    throw bad(
      `properties[${i}] is not a property: build it with always({ name, check }), sometimes, progress or recovers`,
    );
  });
  const named = <F>(record: Readonly<Record<string, F>> | undefined, kind: string): [string, F][] =>
    Object.entries(record ?? {}).map(([name, f]) => {
      if (typeof f !== 'function') throw bad(`${kind} "${name}" must be a function of the state`);
      return [name, f];
    });
  return [
    ...listed,
    ...named(def.always, 'always').map(([name, check]) => ({ kind: 'always' as const, name, doc: '', check })),
    ...named(def.sometimes, 'sometimes').map(([name, reached]) => ({
      kind: 'sometimes' as const,
      name,
      doc: '',
      reached: (state: S, ctx: Ctx<P, V>) => reached(state, ctx),
      applies: () => true,
    })),
  ];
}

const PROPERTY_KINDS: readonly string[] = ['always', 'sometimes', 'progress'];
/** Kinds by other names (TLA+'s and older racehunt's), with the one racehunt judges them as. */
const KIND_RENAMED: Readonly<Record<string, string>> = {
  invariant: 'always',
  safety: 'always',
  reachable: 'sometimes',
  witness: 'sometimes',
  liveness: 'progress',
};

/** A bound on steps must be a whole number a loop can count to: `within: Infinity` would never end. */
export function stepBound(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw new RacehuntError('bad-model', `${what} must be a whole number of steps ≥ 0, got ${String(n)}`);
  return n;
}

function unique(names: readonly string[], err: (name: string) => Error): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw err(n);
    seen.add(n);
  }
}

/** Lane order when a model does not declare one: actors in order of their actions' declaration. */
function enumerateActors<S, P extends Params, V>(actions: readonly Action<S, P, V>[], ctx: Ctx<P, V>): string[] {
  const out: string[] = [];
  for (const a of actions) {
    const d = a.domain(ctx);
    const args: readonly Arg[] = d === undefined ? [undefined] : (d.values ?? []);
    for (const arg of args) {
      const name = a.actor(arg, ctx);
      if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

/**
 * Without an `actor`, the first word of the action's name is the role and the argument says which
 * one: clientWithdraws(2) is "client 2"; clientWithdraws({ client: 2, amount: 60 }) is "client 2".
 */
function defaultActor(name: string, arg: Arg): string {
  const role = /^[a-z0-9]+/.exec(name)?.[0] ?? name;
  const which =
    typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? (arg as Record<string, unknown>)[role] : arg;
  return typeof which === 'number' || typeof which === 'string' ? `${role} ${which}` : role;
}

/**
 * Without a `describe`, an action's name is read as words with its actor as the subject:
 * clientChecksBalance by "client 2" → "client 2 checks balance".
 */
function defaultDescription(name: string, actor: string): string {
  const words = name
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .split(' ');
  const subject = actor.split(' ')[0]?.toLowerCase();
  return words[0] === subject ? [actor, ...words.slice(1)].join(' ') : `${actor}: ${words.join(' ')}`;
}

/**
 * Is this a model built with modelKit? Checked by shape, not by identity, so that a model built
 * with another copy of racehunt (an ESM and a CommonJS build, two installs) is still recognised;
 * anything with the brand but not the shape is refused by `assertModel`.
 */
export function isModel(x: unknown): x is AnyModel {
  return typeof x === 'object' && x !== null && (x as { racehunt?: unknown }).racehunt === 'model';
}

/** A branded object that is not really a model is refused in one line, naming what is missing. */
export function assertModel(x: AnyModel, where: string): AnyModel {
  const bad = (what: string) =>
    new RacehuntError(
      'bad-model',
      `${where} is branded as a racehunt model but ${what}; build models with modelKit().model({...})`,
    );
  const m = x as unknown as Record<string, unknown>;
  if (typeof m.name !== 'string' || !NAME.test(m.name)) throw bad('has no valid name');
  if (typeof m.init !== 'function' || typeof m.actors !== 'function') throw bad('has no init or actors function');
  if (
    !Array.isArray(m.actions) ||
    m.actions.length === 0 ||
    !m.actions.every(
      (a) =>
        typeof a === 'object' &&
        a !== null &&
        typeof (a as Record<string, unknown>).step === 'function' &&
        typeof (a as Record<string, unknown>).enabled === 'function' &&
        typeof (a as Record<string, unknown>).name === 'string',
    )
  )
    throw bad('its actions are not actions');
  if (
    !Array.isArray(m.properties) ||
    !m.properties.every(
      (p) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as Record<string, unknown>).name === 'string' &&
        typeof (p as Record<string, unknown>).kind === 'string',
    )
  )
    throw bad('its properties are not properties');
  if (typeof m.variants !== 'object' || m.variants === null || Object.keys(m.variants).length === 0)
    throw bad('has no variants');
  if (typeof m.params !== 'object' || m.params === null) throw bad('has no parameters');
  if (typeof m.view !== 'object' || m.view === null) throw bad('has no view');
  return x;
}
