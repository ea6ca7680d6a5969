/**
 * Composition: one model made of others. A composite's state holds each part's state under a key
 * (`{ dns: DnsState, dwfm: DwfmState, … }`) plus fields of its own; its actions are the parts'
 * own actions, lifted to run on their sub-states, and actions of its own (typically one shared
 * "time passes" that advances every timed part, passing values from one to the next); its
 * properties are the parts' properties, lifted and renamed, and claims of its own. Every part is
 * bound to one of its variants and a set of its parameters, chosen from the composite's context,
 * so that one composite variant can run part A as it ran and part B with its fix.
 *
 *   const { part, model, action, always } = composeKit<Region, RegionParams, RegionSwitches>();
 *   const dns = part('dns', dnsModel, { variant: 'as-2025', params: ({ params }) => ({ window: params.window }) });
 *   model({ …, init: (ctx) => ({ minute: 0, dns: dns.init(ctx), … }),
 *           actions: [...dns.actions(), timePasses], properties: [dns.property('endpoint-never-empty'), clocksInStep(…)] });
 *
 * The engine sees an ordinary model: hunts, the explorer, replay and traces need nothing new.
 * docs/compose.md explains it with an example.
 */
import { RacehuntError } from './errors.ts';
import { configure } from './instance.ts';
import {
  modelKit,
  type AlwaysProperty,
  type AnyCtx,
  type AnyModel,
  type AnyProperty,
  type Action,
  type Ctx,
  type Params,
  type Property,
} from './model.ts';

/** How a part is bound: which of its variants runs and with which parameters, chosen from the composite's context. */
export interface PartBinding<P extends Params, V> {
  readonly variant: string | ((ctx: Ctx<P, V>) => string);
  /** Overrides of the part's own parameters (the rest keep their defaults); checked against its ranges. */
  readonly params?: Readonly<Record<string, number>> | ((ctx: Ctx<P, V>) => Readonly<Record<string, number>>);
  /** The part's clock, for `clocksInStep`; default: the part model's declared clock. */
  readonly clock?: (state: unknown, ctx: AnyCtx) => number;
}

/** A part of a composite: a model bound to a variant and parameters, living at `state[key]`. */
export interface Part<S, P extends Params, V, K extends keyof S & string> {
  readonly key: K;
  readonly model: AnyModel;
  /** The part's own context (its parameters, switches and variant name) under the composite's context. */
  ctx(ctx: Ctx<P, V>): AnyCtx;
  /** The part's initial state under the composite's context. */
  init(ctx: Ctx<P, V>): S[K];
  /**
   * The part's action `name`, scheduled by the composite on the part's sub-state: same name,
   * actor, argument domain, step and description. `when` adds a guard on the composite state
   * (say, "only while EC2 launches succeed"); `weight` overrides the hunt weight.
   */
  action(name: string, opts?: LiftOptions<S, P, V>): Action<S, P, V>;
  /**
   * Take the part's action `name` inside a composite step (a shared tick that advances the part):
   * on the part's sub-draft, if its guard allows it there. Returns whether it ran.
   */
  run(draft: unknown, name: string, arg: unknown, ctx: Ctx<P, V>): boolean;
  /** Several of its actions (default: all), each as `action` lifts it. */
  actions(names?: readonly string[], opts?: LiftOptions<S, P, V>): Action<S, P, V>[];
  /** The part's property `name`, judged on its sub-state, renamed `<key>-<name>` unless `as` is given. */
  property(name: string, as?: string): Property<S, P, V>;
  /** The part's clock reading in a composite state (its binding's `clock`, else its model's). */
  now(state: S, ctx: Ctx<P, V>): number;
}

export interface LiftOptions<S, P extends Params, V> {
  readonly when?: (state: S, arg: unknown, ctx: Ctx<P, V>) => boolean;
  readonly weight?: number;
}

/**
 * The kit for a composite: modelKit's helpers bound to the composite's state, parameters and
 * switches, plus `part` to bind a model into it and `clocksInStep` to check a shared clock.
 */
export function composeKit<S, P extends Params, V>() {
  const kit = modelKit<S, P, V>();
  return {
    ...kit,
    part<K extends keyof S & string>(key: K, model: AnyModel, binding: PartBinding<P, V>): Part<S, P, V, K> {
      return bindPart<S, P, V, K>(key, model, binding);
    },
    /**
     * A shared clock's invariant: after every step, each timed part's clock reads what the
     * composite's `now` says it should (`scale` part ticks per composite tick, default 1). It
     * catches a composite "time passes" that forgets to advance a part, or advances one twice.
     */
    clocksInStep(
      parts: readonly Part<S, P, V, keyof S & string>[],
      now: (state: S, ctx: Ctx<P, V>) => number,
      opts: { name?: string; scale?: Readonly<Record<string, number>> } = {},
    ): AlwaysProperty<S, P, V> {
      return kit.always({
        name: opts.name ?? 'clocks-in-step',
        doc: `every part's clock (${parts.map((p) => p.key).join(', ')}) keeps the composite's time`,
        check: (s, ctx) => {
          const t = now(s, ctx);
          for (const p of parts) {
            const want = t * (opts.scale?.[p.key] ?? 1);
            const got = p.now(s, ctx);
            if (got !== want) return `${p.key}'s clock reads ${got} where the composite's time says ${want}`;
          }
          return true;
        },
      });
    },
  };
}

function bindPart<S, P extends Params, V, K extends keyof S & string>(
  key: K,
  model: AnyModel,
  binding: PartBinding<P, V>,
): Part<S, P, V, K> {
  const bad = (what: string) => new RacehuntError('bad-model', `part "${key}" (model "${model.name}"): ${what}`);
  if (!/^[a-z][a-z0-9]*$/.test(key))
    throw bad('its key must be one lower-case word, as it prefixes the names of its properties');
  // One part context per composite context: contexts are frozen and made once per configured run.
  const contexts = new WeakMap<object, AnyCtx>();
  const ctxOf = (ctx: Ctx<P, V>): AnyCtx => {
    const known = contexts.get(ctx);
    if (known) return known;
    const variant = typeof binding.variant === 'function' ? binding.variant(ctx) : binding.variant;
    const params = typeof binding.params === 'function' ? binding.params(ctx) : (binding.params ?? {});
    let bound: AnyCtx;
    try {
      bound = configure(model, variant, params).ctx;
    } catch (e) {
      throw e instanceof RacehuntError ? bad(e.message) : e;
    }
    contexts.set(ctx, bound);
    return bound;
  };
  const sub = (s: S): unknown => (s as Record<string, unknown>)[key];
  const find = <T extends { name: string }>(xs: readonly T[], name: string, what: string): T => {
    const x = xs.find((y) => y.name === name);
    if (!x) throw bad(`it has no ${what} "${name}" (known: ${xs.map((y) => y.name).join(', ')})`);
    return x;
  };

  const lift = (name: string, opts: LiftOptions<S, P, V> = {}): Action<S, P, V> => {
    const a = find(model.actions, name, 'action');
    const weight = opts.weight ?? a.weight;
    if (!(Number.isInteger(weight) && weight >= 1))
      throw bad(`action ${name}: weight must be a positive integer, got ${weight}`);
    const { when } = opts;
    return {
      name: a.name,
      doc: a.doc,
      domain: (ctx) => a.domain(ctxOf(ctx)),
      actor: (arg, ctx) => a.actor(arg, ctxOf(ctx)),
      enabled: (s, arg, ctx) => a.enabled(sub(s), arg, ctxOf(ctx)) && (when ? when(s, arg, ctx) : true),
      step: (d, arg, ctx) => a.step((d as Record<string, unknown>)[key] as never, arg, ctxOf(ctx)),
      describe: (before, arg, after, ctx) => a.describe(sub(before), arg, sub(after), ctxOf(ctx)),
      target: (arg, ctx) => a.target(arg, ctxOf(ctx)),
      weight,
    };
  };

  return {
    key,
    model,
    ctx: ctxOf,
    run: (draft, name, arg, ctx) => {
      const a = find(model.actions, name, 'action');
      const d = (draft as Record<string, unknown>)[key];
      if (!a.enabled(d, arg, ctxOf(ctx))) return false;
      a.step(d as never, arg, ctxOf(ctx));
      return true;
    },
    init: (ctx) => model.init(ctxOf(ctx)) as S[K],
    action: lift,
    actions: (names, opts) => (names ?? model.actions.map((a) => a.name)).map((n) => lift(n, opts)),
    property: (name, as) =>
      liftProperty<S, P, V>(find(model.properties, name, 'property'), as ?? `${key}-${name}`, sub, ctxOf),
    now: (s, ctx) => {
      const clock = binding.clock ?? (model.clock ? (st: unknown, c: AnyCtx) => model.clock!.now(st, c) : undefined);
      if (!clock) throw bad('it has no clock: declare one in the model, or give the binding a `clock`');
      return clock(sub(s), ctxOf(ctx));
    },
  };
}

function liftProperty<S, P extends Params, V>(
  p: AnyProperty,
  name: string,
  sub: (s: S) => unknown,
  ctxOf: (ctx: Ctx<P, V>) => AnyCtx,
): Property<S, P, V> {
  const base = { name, doc: p.doc };
  switch (p.kind) {
    case 'always':
      return { ...base, kind: 'always', check: (s, ctx) => p.check(sub(s), ctxOf(ctx)) };
    case 'sometimes': {
      const memory = p.memory;
      return {
        ...base,
        kind: 'sometimes',
        reached: (s, ctx, m) => p.reached(sub(s), ctxOf(ctx), m),
        applies: (ctx) => p.applies(ctxOf(ctx)),
        ...(memory
          ? {
              memory: {
                start: (s: S, ctx: Ctx<P, V>) => memory.start(sub(s), ctxOf(ctx)),
                observe: (m: unknown, s: S, ctx: Ctx<P, V>) => memory.observe(m, sub(s), ctxOf(ctx)),
              },
            }
          : {}),
      };
    }
    case 'progress':
      if (p.form === 'monitor') {
        return {
          ...base,
          kind: 'progress',
          form: 'monitor',
          start: (s, ctx) => p.start(sub(s), ctxOf(ctx)),
          observe: (m, s, ctx) => p.observe(m, sub(s), ctxOf(ctx)),
          verdict: (m, s, ctx) => p.verdict(m, sub(s), ctxOf(ctx)),
        };
      }
      // The recovery runs the composite's own actions; lifted actions keep the part's names and actors.
      return {
        ...base,
        kind: 'progress',
        form: 'recovers',
        by: p.by,
        goal: (s, ctx) => p.goal(sub(s), ctxOf(ctx)),
        within: (ctx) => p.within(ctxOf(ctx)),
      };
  }
}
