/**
 * A model bound to one variant and one set of parameters: the thing every explorer runs. It owns
 * the only code that calls a model's guards and steps, so that frozen states, error wrapping and
 * determinism probing are done in one place.
 */
import { produce, produceWithPatches, enablePatches, freeze, type Patch } from 'immer';
import { isDomain } from './domain.ts';
import { RacehuntError, messageOf, unknownName } from './errors.ts';
import type { AnyAction, AnyCtx, AnyModel, AnyProperty, Arg, Params } from './model.ts';

enablePatches();

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
  initial(): unknown;
  /** All enabled choices in declaration order (needs enumerable domains). */
  choices(state: unknown): Choice[];
  /** Every possible choice, enabled or not, in declaration order (needs enumerable domains). */
  allChoices(): readonly Choice[];
  enabled(state: unknown, c: Choice): boolean;
  next(state: unknown, c: Choice): unknown;
  nextWithChanges(state: unknown, c: Choice): { state: unknown; changes: Change[] };
  describe(before: unknown, c: Choice, after: unknown): string;
  /** Take a step and describe it as a trace records it (the description sees both states). */
  record(state: unknown, c: Choice): { state: unknown; step: StepRecord };
  actor(c: Choice): string;
  property(name: string): AnyProperty;
  action(name: string): AnyAction;
}

/** Validate names and values, fill in defaults, and bind. Unknown names are RacehuntErrors. */
export function configure(model: AnyModel, variant: string | undefined, overrides: Readonly<Record<string, number>> = {}): Instance {
  const variantNames = Object.keys(model.variants);
  const variantName = variant ?? variantNames[0];
  if (variantName === undefined) throw new RacehuntError('bad-model', `model "${model.name}" has no variants`);
  const v = model.variants[variantName];
  if (!v) throw unknownName('variant', variantName, variantNames, `of model "${model.name}"`);

  const params: Record<string, number> = {};
  for (const [k, spec] of Object.entries(model.params)) params[k] = spec.default;
  for (const [k, value] of Object.entries(overrides)) {
    const spec = model.params[k];
    if (!spec) throw unknownName('parameter', k, Object.keys(model.params), `of model "${model.name}"`);
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new RacehuntError('bad-param', `parameter ${k}=${value} is out of range: ${model.name} takes an integer in [${spec.min}, ${spec.max}]`);
    }
    params[k] = value;
  }
  const ctx: AnyCtx = Object.freeze({ params: Object.freeze(params), switches: freeze(v.switches, true), variantName });
  return bind(model, ctx);
}

function bind(model: AnyModel, ctx: AnyCtx): Instance {
  let all: Choice[] | undefined;
  const culprit = (c: Choice) => `model "${model.name}" (${ctx.variantName}): action ${c.action.name}${c.arg === undefined ? '' : `(${JSON.stringify(c.arg)})`}`;
  const wrap = (c: Choice, what: string, e: unknown): RacehuntError => {
    if (e instanceof RacehuntError) return e;
    const msg = messageOf(e);
    if (e instanceof TypeError && /read[- ]only|not extensible|Cannot (assign|add|delete|define)|frozen/i.test(msg)) {
      return new RacehuntError('model-error', `${culprit(c)}: its ${what} mutated state outside the immer draft (states are frozen): ${msg}`);
    }
    return new RacehuntError('model-error', `${culprit(c)}: its ${what} threw ${msg}`);
  };

  const inst: Instance = {
    model,
    ctx,
    params: ctx.params,
    variant: ctx.variantName,
    initial() {
      let s: unknown;
      try {
        s = model.init(ctx);
      } catch (e) {
        throw new RacehuntError('model-error', `model "${model.name}": init threw ${messageOf(e)}`);
      }
      assertPlainData(s, 'state', (where, what) => new RacehuntError('bad-model', `model "${model.name}": initial state ${where} is ${what}; states must be plain data (objects, arrays, numbers, strings, booleans, null)`));
      return freeze(s, true);
    },
    allChoices() {
      if (all) return all;
      const out: Choice[] = [];
      for (const action of model.actions) {
        const d = action.domain(ctx);
        if (d === undefined) {
          out.push({ action, arg: undefined });
          continue;
        }
        if (!isDomain(d)) {
          throw new RacehuntError('bad-model', `model "${model.name}": action ${action.name}: its args must return a domain of values (range, oneOf or record), got ${messageOf(d)}`);
        }
        for (const arg of d.values) out.push(Object.freeze({ action, arg: freeze(arg, true) }));
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
          c.action.step(draft, c.arg, ctx);
        });
      } catch (e) {
        throw wrap(c, 'step', e);
      }
    },
    nextWithChanges(state, c) {
      try {
        const [next, patches, inverse] = produceWithPatches(state, (draft) => {
          c.action.step(draft, c.arg, ctx);
        });
        return { state: next, changes: toChanges(patches, inverse) };
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
      const r = inst.nextWithChanges(state, c);
      const description = inst.describe(state, c, r.state);
      return { state: r.state, step: { actor: inst.actor(c), action: c.action.name, arg: c.arg, description, target: c.action.target(c.arg, ctx) ?? null, changes: r.changes } };
    },
    actor(c) {
      return c.action.actor(c.arg, ctx);
    },
    property(name) {
      const p = model.properties.find((x) => x.name === name);
      if (!p) throw unknownName('invariant', name, model.properties.map((x) => x.name), `of model "${model.name}"`);
      return p;
    },
    action(name) {
      const a = model.actions.find((x) => x.name === name);
      if (!a) throw unknownName('action', name, model.actions.map((x) => x.name), `of model "${model.name}"`);
      return a;
    },
  };
  return inst;
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
    const change: { op: Change['op']; path: (string | number)[]; from?: unknown; to?: unknown } = { op: p.op, path: [...p.path] };
    if (before.has(key)) change.from = before.get(key);
    if (p.op !== 'remove') change.to = p.value;
    return change;
  });
}

/** Reject what cannot be fingerprinted, frozen or written to a trace. */
export function assertPlainData(x: unknown, where: string, err: (where: string, what: string) => Error): void {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw err(where, String(x));
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((v, i) => assertPlainData(v, `${where}[${i}]`, err));
    return;
  }
  if (typeof x === 'object') {
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) throw err(where, `a ${proto?.constructor?.name ?? 'class instance'}`);
    for (const [k, v] of Object.entries(x)) assertPlainData(v, `${where}.${k}`, err);
    return;
  }
  throw err(where, typeof x);
}
