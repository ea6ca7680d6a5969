/**
 * What the explorer page shows, computed from what its URL holds: a model, a variant, parameters
 * and a path (the choices taken from the initial state, as indices into the instance's choices),
 * with a cursor on it. Everything is recomputed from those on every request, so that a link
 * reproduces the view exactly, as Stateright's Explorer does; nothing is kept between requests.
 *
 * The state walk is the engine's own (Instance.record, judge.decide), so a verdict here means what
 * it means in a hunt; unlike a hunt, the walk goes on past a broken property, so that a reader can
 * look around the state where it broke.
 */
import { RacehuntError, own, messageOf } from '../core/errors.ts';
import { configure, orderLanes, type Change, type Choice, type Instance } from '../core/instance.ts';
import { applies, decide, isMonitor, monitorObserve, monitorStart, remembers } from '../core/judge.ts';
import type { AnyModel, AnyProperty } from '../core/model.ts';
import type { Trace } from '../core/trace.ts';
import { formatArgs, formatCall } from '../render/format.ts';
import { abbreviate } from '../render/terminal.ts';
import type { LoadedModel } from '../project/load.ts';

/** A view's address: what the URL holds. */
export interface Address {
  readonly model: string;
  readonly variant: string;
  /** Parameters given (the others take their defaults). */
  readonly params: Readonly<Record<string, number>>;
  /** Choice indices (into Instance.allChoices()) taken from the initial state. */
  readonly path: readonly number[];
  /** How many steps of the path are taken in the state shown (0: the initial state). */
  readonly cursor: number;
}

export interface ViewStep {
  readonly index: number;
  readonly choice: number;
  readonly actor: string;
  readonly action: string;
  /** The argument as recorded (null for none). */
  readonly args: unknown;
  readonly call: string;
  readonly description: string;
  readonly changes: readonly Change[];
}

export type VerdictStatus = 'holds' | 'broken' | 'reached' | 'not-reached' | 'not-applicable' | 'error';

export interface Verdict {
  readonly name: string;
  readonly kind: string;
  readonly doc: string;
  readonly status: VerdictStatus;
  readonly message: string | null;
}

export interface EnabledAction {
  readonly choice: number;
  readonly actor: string;
  readonly action: string;
  readonly doc: string;
  readonly args: string;
  readonly description: string;
}

export interface ViewState {
  readonly address: Address;
  /** Every parameter, defaults included. */
  readonly params: Readonly<Record<string, number>>;
  readonly steps: readonly ViewStep[];
  /** Lane order, as the terminal's swimlane has it. */
  readonly lanes: readonly string[];
  /** The lanes' initials, as the terminal abbreviates them when they are many (render/terminal.ts). */
  readonly initials: readonly string[];
  readonly state: unknown;
  /** What the step that led here changed (none at the initial state). */
  readonly changed: readonly Change[];
  readonly verdicts: readonly Verdict[];
  readonly enabled: readonly EnabledAction[];
  /** A declared end state (nothing more is expected to happen). */
  readonly end: boolean;
  /** The first step of the path after which a property was broken, if any. */
  readonly firstBroken: { readonly step: number; readonly property: string; readonly message: string } | null;
  /** A timed model's columns, one value per state of the path (index 0: the initial state). */
  readonly series: readonly { readonly name: string; readonly values: readonly (number | string | null)[] }[];
}

/** A model as the page's menus need it. */
export function describeModel(l: LoadedModel) {
  const m = l.model;
  return {
    ref: l.ref,
    name: m.name,
    title: m.title,
    doc: m.doc,
    variants: Object.entries(m.variants).map(([name, v]) => ({ name, doc: v.doc })),
    params: Object.entries(m.params).map(([name, p]) => ({ name, ...p })),
    properties: m.properties.map((p) => ({ name: p.name, kind: p.kind, doc: p.doc })),
    timed: m.view.kind === 'table',
  };
}

/** The model an address names, among those loaded (the catalog's, and the modules named on the command line). */
export function modelOf(models: readonly LoadedModel[], ref: string): LoadedModel {
  const found = models.find((m) => m.ref === ref);
  if (!found)
    throw new RacehuntError(
      'unknown-name',
      `model "${ref}" is not loaded here (loaded: ${models.map((m) => m.ref).join(', ')}); a module must be named on racehunt view's command line`,
    );
  return found;
}

export function instanceOf(l: LoadedModel, a: Pick<Address, 'variant' | 'params'>): Instance {
  return configure(l.model, a.variant, a.params);
}

/** Walk the path from the initial state, recording each step; a choice not allowed where it is taken is a bad link. */
function walk(inst: Instance, path: readonly number[]): { states: unknown[]; steps: ViewStep[] } {
  const all = inst.allChoices();
  const states: unknown[] = [inst.initial()];
  const steps: ViewStep[] = [];
  path.forEach((index, i) => {
    const c = all[index];
    const state = states[i];
    if (c === undefined)
      throw new RacehuntError('usage', `step ${i + 1} of the path is choice ${index}, which this model does not have`);
    if (!inst.enabled(state, c))
      throw new RacehuntError(
        'usage',
        `step ${i + 1} of the path, ${formatCall(c.action.name, c.arg)}, is not allowed in variant ${inst.variant} at that point`,
      );
    const r = inst.record(state, c);
    states.push(r.state);
    steps.push({
      index: i + 1,
      choice: index,
      actor: r.step.actor,
      action: r.step.action,
      args: r.step.arg ?? null,
      call: formatCall(r.step.action, r.step.arg),
      description: r.step.description,
      changes: r.step.changes,
    });
  });
  return { states, steps };
}

/** The view at an address. */
export function viewAt(l: LoadedModel, a: Address): ViewState {
  const inst = instanceOf(l, a);
  const { states, steps } = walk(inst, a.path);
  const cursor = Math.max(0, Math.min(a.cursor, a.path.length));
  const state = states[cursor];
  const all = inst.allChoices();
  const enabled = inst.choices(state).map((c) => enabledAction(inst, all, state, c));
  // The swimlane's lanes: the actors that act on the path, and those who may act next, in the model's order.
  const lanes = orderLanes(inst.declaredActors(), [...steps.map((s) => s.actor), ...enabled.map((e) => e.actor)]);
  return {
    address: { ...a, cursor },
    params: { ...inst.params },
    steps,
    lanes,
    initials: abbreviate(lanes),
    state,
    changed: cursor > 0 ? (steps[cursor - 1]?.changes ?? []) : [],
    verdicts: verdicts(inst, states.slice(0, cursor + 1)),
    enabled,
    end: inst.isEnd(state),
    firstBroken: firstBroken(inst, states),
    series: series(inst, states),
  };
}

function enabledAction(inst: Instance, all: readonly Choice[], state: unknown, c: Choice): EnabledAction {
  return {
    choice: all.indexOf(c),
    actor: inst.actor(c),
    action: c.action.name,
    doc: c.action.doc,
    args: formatArgs(c.arg),
    description: inst.describe(state, c, inst.next(state, c)),
  };
}

/** Each property's verdict at the last of `states` (the path up to the cursor: monitors and witnesses remember it). */
function verdicts(inst: Instance, states: readonly unknown[]): Verdict[] {
  const last = states[states.length - 1];
  return inst.properties.map((p) => {
    const base = { name: p.name, kind: p.kind, doc: p.doc };
    try {
      if (!applies(inst, p)) return { ...base, status: 'not-applicable' as const, message: null };
      const memory = remembers(p) ? memoryAlong(inst, p, states) : undefined;
      if (p.kind === 'sometimes') {
        const at = states.findIndex((s, i) =>
          decide(inst, p, s, remembers(p) ? memoryAlong(inst, p, states.slice(0, i + 1)) : undefined),
        );
        return at < 0
          ? { ...base, status: 'not-reached' as const, message: null }
          : { ...base, status: 'reached' as const, message: at === 0 ? 'in the initial state' : `at step ${at}` };
      }
      const m = decide(inst, p, last, isMonitor(p) ? memory : undefined);
      return m === null
        ? { ...base, status: 'holds' as const, message: null }
        : { ...base, status: 'broken' as const, message: m };
    } catch (e) {
      return { ...base, status: 'error' as const, message: messageOf(e) };
    }
  });
}

/** A remembering property's memory after observing every state of the path. */
function memoryAlong(inst: Instance, p: AnyProperty, states: readonly unknown[]): unknown {
  let memory = monitorStart(inst, p, states[0]);
  for (const s of states.slice(1)) memory = monitorObserve(inst, p, memory, s);
  return memory;
}

/** The first step after which an always or progress-monitor property is broken (recovers is judged at the cursor only). */
function firstBroken(inst: Instance, states: readonly unknown[]): ViewState['firstBroken'] {
  const watched: AnyProperty[] = inst.properties.filter((p) => p.kind === 'always' || isMonitor(p));
  const memories = new Map<AnyProperty, unknown>(
    watched.filter((p) => isMonitor(p)).map((p) => [p, monitorStart(inst, p, states[0])]),
  );
  for (let i = 0; i < states.length; i++) {
    for (const p of watched) {
      if (i > 0 && memories.has(p)) memories.set(p, monitorObserve(inst, p, memories.get(p), states[i]));
      try {
        const m = decide(inst, p, states[i], memories.get(p));
        if (m !== null) return { step: i, property: p.name, message: m };
      } catch {
        // the verdicts say what a throwing property threw
      }
    }
  }
  return null;
}

/**
 * A timed model's table columns along the path, as the page charts them: a number, a text (a
 * fraction like "1/2", or a level like "up"), or null where the column is empty.
 */
function series(inst: Instance, states: readonly unknown[]): ViewState['series'] {
  const view = inst.model.view;
  if (view.kind !== 'table') return [];
  return view.columns.map((col) => ({
    name: col.name,
    values: states.map((s) => {
      const v: unknown = col.value(s, inst.ctx);
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      return v === '' || v === null || v === undefined ? null : String(v);
    }),
  }));
}

/** The choice a recorded step took: its action by name and its argument by value. */
export function choiceIndex(inst: Instance, action: string, args: unknown, where: string): number {
  const all = inst.allChoices();
  const a = own(Object.fromEntries(inst.model.actions.map((x) => [x.name, x])), action);
  if (!a)
    throw new RacehuntError(
      'bad-trace',
      `${where} uses action "${action}", which model "${inst.model.name}" does not have`,
    );
  const wanted = JSON.stringify(args ?? null);
  const i = all.findIndex((c) => c.action === a && JSON.stringify(c.arg ?? null) === wanted);
  if (i < 0)
    throw new RacehuntError('bad-trace', `${where} gives ${action} the argument ${wanted}, outside its domain`);
  return i;
}

/** A trace as an address on its own model: its steps as choices, the cursor at its end. */
export function addressOfTrace(l: LoadedModel, trace: Trace, file: string): Address {
  if (trace.found.by === 'schedule')
    throw new RacehuntError(
      'usage',
      `${file} is a trace of an implementation under the scheduler (racehunt schedule), not of a model: the page steps through model traces`,
    );
  const inst = configure(l.model, trace.variant, trace.params);
  const path = trace.steps.map((s) => choiceIndex(inst, s.action, s.args, `${file}: step ${s.index}`));
  return { model: l.ref, variant: trace.variant, params: { ...trace.params }, path, cursor: path.length };
}

export interface Divergence {
  /** The path on the other variant, as far as it could be taken. */
  readonly address: Address;
  /** The first step the other variant does not allow (1-based), if any. */
  readonly blocked: number | null;
  /** The first step the other variant allows but that changes the state otherwise, if any. */
  readonly differs: number | null;
  readonly summary: string;
}

/** Take the same steps (action and argument) on another variant, and say where it parts from the first. */
export function replayOn(l: LoadedModel, a: Address, variant: string): Divergence {
  const from = viewAt(l, { ...a, cursor: a.path.length });
  const inst = configure(l.model, variant, a.params);
  let state = inst.initial();
  const path: number[] = [];
  let differs: number | null = null;
  let blocked: number | null = null;
  let why = '';
  let otherwise = '';
  for (const s of from.steps) {
    const wanted = JSON.stringify(s.args);
    const c = inst.allChoices().find((x) => x.action.name === s.action && JSON.stringify(x.arg ?? null) === wanted);
    if (!c || !inst.enabled(state, c)) {
      blocked = s.index;
      why = c ? 'is not allowed there' : 'does not exist there';
      break;
    }
    const r = inst.record(state, c);
    if (differs === null && JSON.stringify(r.step.changes) !== JSON.stringify(s.changes)) {
      differs = s.index;
      otherwise = r.step.description;
    }
    state = r.state;
    path.push(inst.allChoices().indexOf(c));
  }
  const total = from.steps.length;
  const summary =
    blocked !== null
      ? `on ${variant}, step ${blocked} (${from.steps[blocked - 1]?.call}) ${why}: the paths part after step ${blocked - 1} of ${total}`
      : differs !== null
        ? `on ${variant}, every step is allowed, but step ${differs} does otherwise: "${otherwise}" where ${a.variant} has "${from.steps[differs - 1]?.description}"`
        : `on ${variant}, all ${total} steps are allowed and change the state alike`;
  return {
    address: { ...a, variant, path, cursor: Math.min(a.cursor, path.length) },
    blocked,
    differs,
    summary,
  };
}

/** A copy of the model that starts in `state`: what a search "from here" explores. */
export function startingAt(model: AnyModel, state: unknown): AnyModel {
  return { ...model, init: () => state } as AnyModel;
}
