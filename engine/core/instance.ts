/**
 * A model bound to one variant and one set of parameters: the thing every explorer runs. It is the
 * only code that calls a model's functions (init, guards, steps, descriptions, actors, canonical),
 * so that frozen states, error messages that name the culprit, and the checks on what a model
 * gives back are done in one place.
 */
import { Immer, produce, produceWithPatches, enablePatches, freeze, type Patch } from 'immer';
import { NO_DEADLOCK, builtinProperties } from './builtin.ts';
import { isDomain } from './domain.ts';
import { RacehuntError, messageOf, own, unknownName } from './errors.ts';
import type { AnyAction, AnyCtx, AnyModel, AnyProperty, Arg, Params } from './model.ts';
import { assertPlainData } from './plain.ts';

enablePatches();

/** Successors the explorer encodes and drops: freezing them would cost a walk per state for nothing. */
const unfrozen = new Immer({ autoFreeze: false });

/** One (action, argument) pair: what a scheduler chooses and a trace records. */
export interface Choice {
  readonly action: AnyAction;
  readonly arg: Arg;
}

/** A field that a step changed: an immer patch plus the value it had before. */
export interface Change {
  readonly op: 'replace' | 'add' | 'remove';
  readonly path: readonly (string | number)[];
  readonly from?: unknown;
  readonly to?: unknown;
}

/** One step as a trace records it: who acted, what, in words, and what changed. */
export interface StepRecord {
  readonly actor: string;
  readonly action: string;
  readonly arg: unknown;
  readonly description: string;
  /** The participant the step talks to in a sequence diagram, if the action names one. */
  readonly target: string | null;
  readonly changes: readonly Change[];
}

export interface Instance {
  readonly model: AnyModel;
  readonly ctx: AnyCtx;
  readonly params: Params;
  readonly variant: string;
  /** Lane order: the model's actors, then any actor its choices name that it did not declare. */
  readonly lanes: readonly string[];
  /** The model's properties, then the built-in ones (builtin.ts): what "every property" means. */
  readonly properties: readonly AnyProperty[];
  initial(): unknown;
  /** Every possible choice, enabled or not, in declaration order. */
  allChoices(): readonly Choice[];
  /** The enabled choices, in declaration order. */
  choices(state: unknown): Choice[];
  enabled(state: unknown, c: Choice): boolean;
  /** The next state, through immer (frozen, like every state a hunt sees). */
  next(state: unknown, c: Choice): unknown;
  nextWithChanges(state: unknown, c: Choice): { state: unknown; changes: Change[] };
  /** The next state through immer, not frozen: for the explorer, which encodes it and drops it. */
  nextUnfrozen(state: unknown, c: Choice): unknown;
  /** Run a step on a plain, mutable tree in place (the explorer's copy stepper: no immer). */
  stepTree(tree: unknown, c: Choice): void;
  describe(before: unknown, c: Choice, after: unknown): string;
  /** Take a step and describe it as a trace records it (the description sees both states). */
  record(state: unknown, c: Choice): { state: unknown; step: StepRecord };
  actor(c: Choice): string;
  /** The model's actors() in its order, checked (a throwing or non-string actor is named with its action). */
  declaredActors(): readonly string[];
  /** Is this a declared end state (the protocol is done)? */
  isEnd(state: unknown): boolean;
  /** The representative of a state's symmetry class (the model's canonical), or undefined without one. */
  readonly canonical: ((state: unknown) => unknown) | undefined;
  /** `culprit` for messages: `model "dns" (as-2025): action enactorPicksLatestPlan(2)`. */
  culprit(c: Choice): string;
  property(name: string): AnyProperty;
  action(name: string): AnyAction;
}

export interface ConfigureOptions {
  /** Check `no-deadlock` (default true): a state with nothing enabled must be a declared end. */
  readonly deadlock?: boolean;
}

/** Validate names and values, fill in defaults, and bind. Unknown names are RacehuntErrors. */
export function configure(
  model: AnyModel,
  variant: string | undefined,
  overrides: Readonly<Record<string, number>> = {},
  opts: ConfigureOptions = {},
): Instance {
  const variantNames = Object.keys(model.variants);
  const variantName = variant ?? variantNames[0];
  if (variantName === undefined) throw new RacehuntError('bad-model', `model "${model.name}" has no variants`);
  const v = own(model.variants, variantName);
  if (!v) throw unknownName('variant', variantName, variantNames, `of model "${model.name}"`);

  const params: Record<string, number> = {};
  for (const [k, spec] of Object.entries(model.params)) params[k] = spec.default;
  for (const [k, value] of Object.entries(overrides)) {
    const spec = own(model.params, k);
    if (!spec) throw unknownName('parameter', k, Object.keys(model.params), `of model "${model.name}"`);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new RacehuntError(
        'bad-param',
        `parameter ${k}=${value} is out of range: ${model.name} takes an integer in [${spec.min}, ${spec.max}]`,
      );
    }
    params[k] = value;
  }
  const ctx: AnyCtx = Object.freeze({ params: Object.freeze(params), switches: freeze(v.switches, true), variantName });
  return bind(model, ctx, opts.deadlock !== false);
}

/** Does a step's return value look like a new state (which would be silently dropped)? */
function returnedState(r: unknown, draft: unknown): boolean {
  return typeof r === 'object' && r !== null && r !== draft;
}

function bind(model: AnyModel, ctx: AnyCtx, deadlock: boolean): Instance {
  let all: Choice[] | undefined;
  const where = `model "${model.name}" (${ctx.variantName})`;
  const culprit = (c: Choice) =>
    `${where}: action ${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`}`;
  const wrap = (c: Choice, what: string, e: unknown): RacehuntError => {
    if (e instanceof RacehuntError) return e;
    const msg = messageOf(e);
    if (e instanceof TypeError && /read[- ]only|not extensible|Cannot (assign|add|delete|define)|frozen/i.test(msg)) {
      return new RacehuntError(
        'model-error',
        `${culprit(c)}: its ${what} mutated state outside the immer draft (states are frozen): ${msg}`,
      );
    }
    return new RacehuntError('model-error', `${culprit(c)}: its ${what} threw ${msg}`);
  };
  const runStep = (draft: unknown, c: Choice): void => {
    const r = c.action.step(draft, c.arg, ctx);
    if (returnedState(r, draft)) {
      throw new RacehuntError(
        'bad-model',
        `${culprit(c)}: its step returned a new state instead of editing the draft it was given; the returned value would be dropped (write \`d.n += 1\`, not \`return {...d, n: d.n + 1}\`)`,
      );
    }
  };
  const actors = new Map<Choice, string>();
  const actorOf = (c: Choice): string => {
    const known = actors.get(c);
    if (known !== undefined) return known;
    let a: unknown;
    try {
      a = c.action.actor(c.arg, ctx);
    } catch (e) {
      throw wrap(c, 'actor', e);
    }
    if (typeof a !== 'string' || a === '')
      throw new RacehuntError(
        'bad-model',
        `${culprit(c)}: its actor must be a non-empty string, got ${messageOf(JSON.stringify(a) ?? String(a))}`,
      );
    actors.set(c, a);
    return a;
  };

  const inst: Instance = {
    model,
    ctx,
    params: ctx.params,
    variant: ctx.variantName,
    get lanes() {
      return lanes();
    },
    get properties() {
      return (properties ??= [
        ...model.properties,
        ...builtinProperties(inst).filter((p) => deadlock || p.name !== NO_DEADLOCK),
      ]);
    },
    initial() {
      let s: unknown;
      try {
        s = model.init(ctx);
      } catch (e) {
        throw new RacehuntError('model-error', `model "${model.name}": init threw ${messageOf(e)}`);
      }
      assertPlainData(
        s,
        'state',
        (at, what) =>
          new RacehuntError(
            'bad-model',
            `model "${model.name}": initial state ${at} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`,
          ),
      );
      return freeze(s, true);
    },
    allChoices() {
      if (all) return all;
      const out: Choice[] = [];
      for (const action of model.actions) {
        let d: unknown;
        try {
          d = action.domain(ctx);
        } catch (e) {
          throw new RacehuntError('model-error', `${where}: action ${action.name}: its args threw ${messageOf(e)}`);
        }
        if (d === undefined) {
          out.push({ action, arg: undefined });
          continue;
        }
        if (!isDomain(d)) {
          throw new RacehuntError(
            'bad-model',
            `model "${model.name}": action ${action.name}: its args must return a domain of values (range, oneOf or record), got ${messageOf(d)}`,
          );
        }
        d.values.forEach((arg, i) => {
          assertPlainData(
            arg,
            `argument ${i + 1}`,
            (at, what) =>
              new RacehuntError(
                'bad-model',
                `${where}: action ${action.name}: its ${at} is ${what}; arguments must be plain data`,
              ),
          );
          out.push(Object.freeze({ action, arg: freeze(arg, true) }));
        });
      }
      all = out;
      return out;
    },
    choices(state) {
      return inst.allChoices().filter((c) => inst.enabled(state, c));
    },
    enabled(state, c) {
      try {
        return c.action.enabled(state, c.arg, ctx);
      } catch (e) {
        throw wrap(c, 'guard', e);
      }
    },
    next(state, c) {
      try {
        return produce(state, (draft) => {
          runStep(draft, c);
        });
      } catch (e) {
        throw wrap(c, 'step', e);
      }
    },
    nextUnfrozen(state, c) {
      try {
        return unfrozen.produce(state, (draft: unknown) => {
          runStep(draft, c);
        });
      } catch (e) {
        throw wrap(c, 'step', e);
      }
    },
    nextWithChanges(state, c) {
      try {
        const [next, patches, inverse] = produceWithPatches(state, (draft) => {
          runStep(draft, c);
        });
        return { state: next, changes: toChanges(patches, inverse) };
      } catch (e) {
        throw wrap(c, 'step', e);
      }
    },
    stepTree(tree, c) {
      try {
        runStep(tree, c);
      } catch (e) {
        throw wrap(c, 'step', e);
      }
    },
    describe(before, c, after) {
      try {
        return c.action.describe(before, c.arg, after, ctx);
      } catch (e) {
        throw wrap(c, 'description', e);
      }
    },
    record(state, c) {
      const actor = actorOf(c); // checked before the description, which by default reads it
      const r = inst.nextWithChanges(state, c);
      const description = inst.describe(state, c, r.state);
      let target: string | undefined;
      try {
        target = c.action.target(c.arg, ctx);
      } catch (e) {
        throw wrap(c, 'target', e);
      }
      return {
        state: r.state,
        step: {
          actor,
          action: c.action.name,
          arg: c.arg,
          description: String(description),
          target: target ?? null,
          changes: r.changes,
        },
      };
    },
    actor: actorOf,
    declaredActors,
    isEnd(state) {
      if (!model.ends) return false;
      try {
        return model.ends(state, ctx) === true;
      } catch (e) {
        throw new RacehuntError('model-error', `${where}: its ends() threw ${messageOf(e)}`);
      }
    },
    canonical: model.canonical
      ? (state) => {
          try {
            return model.canonical!(state, ctx);
          } catch (e) {
            throw new RacehuntError('bad-model', `model "${model.name}": its canonical() threw ${messageOf(e)}`);
          }
        }
      : undefined,
    culprit,
    property(name) {
      const p = inst.properties.find((x) => x.name === name);
      if (!p)
        throw unknownName(
          'property',
          name,
          inst.properties.map((x) => x.name),
          `of model "${model.name}"`,
        );
      return p;
    },
    action(name) {
      const a = model.actions.find((x) => x.name === name);
      if (!a)
        throw unknownName(
          'action',
          name,
          model.actions.map((x) => x.name),
          `of model "${model.name}"`,
        );
      return a;
    },
  };

  let laneOrder: string[] | undefined;
  let properties: AnyProperty[] | undefined;
  let declared: readonly string[] | undefined;
  function declaredActors(): readonly string[] {
    if (declared) return declared;
    // Every choice's actor first, each checked with its action named: a model without its own
    // actors() lists them by calling the same functions.
    inst.allChoices().forEach(actorOf);
    let names: unknown;
    try {
      names = model.actors(ctx);
    } catch (e) {
      throw new RacehuntError('model-error', `${where}: its actors() threw ${messageOf(e)}`);
    }
    if (!Array.isArray(names) || !names.every((a) => typeof a === 'string'))
      throw new RacehuntError(
        'bad-model',
        `${where}: its actors() must return a list of names, got ${messageOf(JSON.stringify(names) ?? String(names))}`,
      );
    return (declared = names as readonly string[]);
  }
  const lanes = (): string[] =>
    (laneOrder ??= orderLanes(declaredActors(), [...declaredActors(), ...inst.allChoices().map(actorOf)]));
  return inst;
}

/**
 * Lane order, for swimlanes and fair scheduling: the declared actors that are present, in the
 * order declared, then the present actors the model did not declare, in the order met.
 */
export function orderLanes(declared: readonly string[], present: Iterable<string>): string[] {
  const seen = new Set(present);
  return [...declared.filter((a) => seen.has(a)), ...[...seen].filter((a) => !declared.includes(a))];
}

/**
 * immer gives patches and inverse patches in matching order for plain objects and arrays; pairing
 * them gives each change its old value, which is what a reader of a trace wants ("plan 19 → 17").
 */
function toChanges(patches: readonly Patch[], inverse: readonly Patch[]): Change[] {
  const before = new Map<string, unknown>();
  for (const p of inverse) if (p.op !== 'remove') before.set(JSON.stringify(p.path), p.value);
  return patches.map((p) => {
    const key = JSON.stringify(p.path);
    const change: { op: Change['op']; path: (string | number)[]; from?: unknown; to?: unknown } = {
      op: p.op,
      path: [...p.path],
    };
    if (before.has(key)) change.from = before.get(key);
    if (p.op !== 'remove') change.to = p.value;
    return change;
  });
}
