/**
 * The fair schedule behind `recovers` properties: stop the environment, let only the admitted
 * actors act, and see whether the goal is reached in time.
 *
 * Fair means round-robin over actors: each turn, the next actor in lane order that has an enabled
 * admitted action takes its first one (declaration order, first argument). A fixed schedule keeps
 * the check deterministic and cheap. A failure means that this fair schedule of the automation
 * alone does not reach the goal: either nothing it can do helps (the state needs a human), or, left
 * alone, it breaks things again on its way (DNS's enactors can replay the race themselves). The
 * steps it took are returned so that a trace can show them.
 *
 * This is the only place the schedule is built; the explorer follows the same schedule with its
 * own memo (explore/recovery.ts) and asks here for every failure's message.
 */
import { RacehuntError, messageOf } from './errors.ts';
import { orderLanes, type Choice, type Instance, type StepRecord } from './instance.ts';
import type { Params, RecoversProperty } from './model.ts';

type Recovers = RecoversProperty<unknown, Params, unknown>;

export class FairSchedule {
  /** The admitted actors, in lane order. */
  readonly order: readonly string[];
  /** Each actor's admitted choices, in declaration order (by position in `order`). */
  readonly byActor: readonly (readonly Choice[])[];
  /** The bound on automation-only steps. */
  readonly within: number;

  constructor(
    private readonly inst: Instance,
    readonly property: Recovers,
  ) {
    const admitted = new Map<string, Choice[]>();
    for (const c of inst.allChoices()) {
      const actor = inst.actor(c);
      let yes: boolean;
      try {
        yes = property.by(c.action.name, actor) === true;
      } catch (e) {
        throw new RacehuntError(
          'model-error',
          `model "${inst.model.name}": property ${property.name}: its by() threw ${messageOf(e)}`,
        );
      }
      if (yes) admitted.set(actor, [...(admitted.get(actor) ?? []), c]);
    }
    this.order = orderLanes(inst.declaredActors(), admitted.keys());
    this.byActor = this.order.map((a) => admitted.get(a) ?? []);
    try {
      this.within = property.within(inst.ctx);
    } catch (e) {
      // `within` as a function of the parameters is checked once bound; say whose it is.
      if (e instanceof RacehuntError) throw new RacehuntError(e.kind, `model "${inst.model.name}": ${e.message}`);
      throw new RacehuntError(
        'model-error',
        `model "${inst.model.name}": property ${property.name}: its within() threw ${messageOf(e)}`,
      );
    }
  }

  /** The step taken from `state` on `turn`, and whose turn comes next; null when nobody admitted can act. */
  next(state: unknown, turn: number): { readonly choice: Choice; readonly turn: number } | null {
    const n = this.order.length;
    for (let k = 0; k < n; k++) {
      const t = (turn + k) % n;
      const choice = (this.byActor[t] as readonly Choice[]).find((c) => this.inst.enabled(state, c));
      if (choice) return { choice, turn: (t + 1) % n };
    }
    return null;
  }
}

const schedules = new WeakMap<Instance, Map<Recovers, FairSchedule>>();

/** The fair schedule of a `recovers` property on an instance, built once. */
export function fairSchedule(inst: Instance, p: Recovers): FairSchedule {
  let byProperty = schedules.get(inst);
  if (!byProperty) schedules.set(inst, (byProperty = new Map()));
  let s = byProperty.get(p);
  if (!s) byProperty.set(p, (s = new FairSchedule(inst, p)));
  return s;
}

export type Recovery =
  { readonly ok: true } | { readonly ok: false; readonly message: string; readonly steps: readonly StepRecord[] };

/** The verdict alone: true, or the message saying why the automation does not recover. */
export function recover(inst: Instance, p: Recovers, from: unknown): true | string {
  const r = recoveryAttempt(inst, p, from, false);
  return r.ok ? true : r.message;
}

/** Follow the fair schedule from `from`; with `record`, describe each step and its changes. */
export function recoveryAttempt(inst: Instance, p: Recovers, from: unknown, record: boolean): Recovery {
  const schedule = fairSchedule(inst, p);
  const { within } = schedule;
  const goalOf = (s: unknown) => p.goal(s, inst.ctx);
  let state = from;
  let goal = goalOf(state);
  let taken = 0;
  let turn = 0;
  const steps: StepRecord[] = [];
  while (goal !== true && taken < within) {
    const move = schedule.next(state, turn);
    if (!move) break; // quiescent: nobody admitted can act
    if (record) {
      const r = inst.record(state, move.choice);
      steps.push(r.step);
      state = r.state;
    } else {
      state = inst.next(state, move.choice);
    }
    turn = move.turn;
    taken++;
    goal = goalOf(state);
  }
  if (goal === true) return { ok: true };
  const why = typeof goal === 'string' ? goal : `${p.name}: goal not reached`;
  const how =
    taken < within
      ? `left alone, the automation went quiet after ${taken} steps`
      : `after ${taken} automation-only steps (bound ${within})`;
  return { ok: false, message: `${why} — ${how}, so it does not recover on its own`, steps };
}
