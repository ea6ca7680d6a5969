/**
 * A model's own functions bound to one variant and its parameters, as the searches call them:
 * init, the choices and their guards, the step (on an immer draft or on a plain tree), the end
 * states, canonical, and the properties with the built-in ones. Each call is checked, and an error
 * in the model's code is named with its action (culprit.ts).
 */
import { freeze, produce } from 'immer';
import { NO_DEADLOCK, builtinProperties } from './builtin.ts';
import type { Culprits } from './culprit.ts';
import { isDomain } from './domain.ts';
import { RacehuntError, messageOf, unknownName } from './errors.ts';
import { probedInitials } from './initial.ts';
import { refusePromise } from './sync.ts';
import type { Choice, Stepper } from './stepper.ts';
import type { AnyCtx, AnyModel, AnyProperty } from './model.ts';
import { assertPlainData } from './plain.ts';
import { canonicalizeSets, setPaths } from './sets.ts';

/** Does a step's return value look like a new state (which would be silently dropped)? */
function returnedState(r: unknown, draft: unknown): boolean {
  return typeof r === 'object' && r !== null && r !== draft;
}

export function bindSteps(model: AnyModel, ctx: AnyCtx, deadlock: boolean, { culprit, wrap }: Culprits): Stepper {
  let all: Choice[] | undefined;
  let properties: AnyProperty[] | undefined;
  const where = `model "${model.name}" (${ctx.variantName})`;
  const step = (draft: unknown, c: Choice): void => {
    try {
      const r = c.action.step(draft, c.arg, ctx);
      // Most steps return nothing: what they return is looked at only when there is something.
      if (r !== undefined) refuseReturned(r, draft, c);
      if (model.sets.length > 0) canonicalizeSets(draft, setPathsOf());
    } catch (e) {
      throw wrap(c, 'step', e);
    }
  };
  const refuseReturned = (r: unknown, draft: unknown, c: Choice): void => {
    refusePromise(r, () => `${culprit(c)}: its step`);
    if (returnedState(r, draft)) {
      throw new RacehuntError(
        'bad-model',
        `${culprit(c)}: its step returned a new state instead of editing the draft it was given; the returned value would be dropped (write \`d.n += 1\`, not \`return {...d, n: d.n + 1}\`)`,
      );
    }
  };
  let initials: readonly unknown[] | undefined;
  // The set paths, checked against the first initial state when that is made.
  let sets: readonly (readonly string[])[] = [];
  const setPathsOf = () => (steps.initials(), sets);
  const steps: Stepper = {
    model,
    ctx,
    params: ctx.params,
    variant: ctx.variantName,
    get properties() {
      return (properties ??= [
        ...model.properties,
        ...builtinProperties(steps).filter((p) => deadlock || p.name !== NO_DEADLOCK),
      ]);
    },
    initial: () => steps.initials()[0],
    initials: () => (initials ??= initialStates(model, ctx, (paths) => (sets = paths))),
    inModel(state) {
      if (!model.constraint) return true;
      try {
        return model.constraint(state, ctx) === true;
      } catch (e) {
        throw new RacehuntError('model-error', `${where}: its constraint threw ${messageOf(e)}`);
      }
    },
    allChoices: () => (all ??= everyChoice(model, ctx)),
    choices(state) {
      return steps.allChoices().filter((c) => steps.enabled(state, c));
    },
    enabled(state, c) {
      let on: unknown;
      try {
        on = c.action.enabled(state, c.arg, ctx);
      } catch (e) {
        throw wrap(c, 'guard', e);
      }
      refusePromise(on, () => `${culprit(c)}: its guard`);
      return on as boolean;
    },
    enabledInto(state, out) {
      const list = all ?? steps.allChoices();
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const c = list[i] as Choice;
        let on: unknown;
        try {
          on = c.action.enabled(state, c.arg, ctx);
        } catch (e) {
          throw wrap(c, 'guard', e);
        }
        if (on !== true && on !== false) refusePromise(on, () => `${culprit(c)}: its guard`);
        if (on) out[n++] = i;
      }
      return n;
    },
    next(state, c) {
      try {
        return produce(state, (draft) => {
          step(draft, c);
        });
      } catch (e) {
        throw wrap(c, 'step', e);
      }
    },
    step,
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
      const p = steps.properties.find((x) => x.name === name);
      if (!p)
        throw unknownName(
          'property',
          name,
          steps.properties.map((x) => x.name),
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
  return steps;
}

/**
 * A model's initial states, each plain data, its sets in canonical order (sets.ts), frozen.
 * `setPathsFound` receives the model's set paths, checked against the first.
 */
function initialStates(
  model: AnyModel,
  ctx: AnyCtx,
  setPathsFound: (paths: readonly (readonly string[])[]) => void,
): readonly unknown[] {
  // init is probed as steps are (initial.ts): called several times, it must give the same states.
  const all = probedInitials(model, ctx);
  const paths = model.sets.length > 0 ? setPaths(model.name, model.sets, all[0]) : [];
  setPathsFound(paths);
  return all.map((s) => {
    const copy = paths.length > 0 ? structuredClone(s) : s;
    if (paths.length > 0) canonicalizeSets(copy, paths);
    return freeze(copy, true);
  });
}

/** Every (action, argument) pair, in declaration order, each argument checked plain and frozen. */
function everyChoice(model: AnyModel, ctx: AnyCtx): Choice[] {
  const where = `model "${model.name}" (${ctx.variantName})`;
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
        `model "${model.name}": action ${action.name}: its args must give an array of values (or range, oneOf, record), got ${messageOf(d)}`,
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
  return out;
}
