/**
 * The recovery check behind `recovers` properties: stop the environment, let only the admitted
 * actors act under a deterministic fair schedule, and see whether the goal is reached in time.
 *
 * Fair means round-robin over actors: each turn, the next actor (in the model's lane order) that
 * has an enabled admitted action takes its first one (declaration order, first argument). A fixed
 * schedule keeps the check deterministic and cheap. A failure means that this fair schedule of the
 * automation alone does not reach the goal: either nothing it can do helps (the state needs a
 * human), or, left alone, it breaks things again on its way (DNS's enactors can replay the race
 * themselves). The steps it took are returned so that a trace can show them.
 */
import type { Choice, Instance, StepRecord } from './instance.ts';
import type { Params, RecoversProperty } from './model.ts';

export type Recovery = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly steps: readonly StepRecord[] };

/** The verdict alone: true, or the message saying why the automation does not recover. */
export function recover(inst: Instance, p: RecoversProperty<unknown, Params, unknown>, from: unknown): true | string {
  const r = recoveryAttempt(inst, p, from, false);
  return r.ok ? true : r.message;
}

/** Run the fair schedule from `from`; with `record`, describe each step and its changes. */
export function recoveryAttempt(inst: Instance, p: RecoversProperty<unknown, Params, unknown>, from: unknown, record: boolean): Recovery {
  const { ctx } = inst;
  const admitted = inst.allChoices().filter((c) => p.by(c.action.name, inst.actor(c)));
  const byActor = new Map<string, Choice[]>();
  for (const c of admitted) {
    const a = inst.actor(c);
    byActor.set(a, [...(byActor.get(a) ?? []), c]);
  }
  const order = [...inst.model.actors(ctx).filter((a) => byActor.has(a)), ...[...byActor.keys()].filter((a) => !inst.model.actors(ctx).includes(a))];
  const within = p.within(ctx);

  let state = from;
  let goal = p.goal(state, ctx);
  let taken = 0;
  let turn = 0;
  const steps: StepRecord[] = [];
  while (goal !== true && taken < within) {
    let moved = false;
    for (let k = 0; k < order.length && !moved; k++) {
      const actor = order[(turn + k) % order.length] as string;
      const c = (byActor.get(actor) ?? []).find((x) => inst.enabled(state, x));
      if (c) {
        if (record) {
          const r = inst.record(state, c);
          steps.push(r.step);
          state = r.state;
        } else {
          state = inst.next(state, c);
        }
        turn = (turn + k + 1) % order.length;
        moved = true;
      }
    }
    if (!moved) break; // quiescent: nobody admitted can act
    taken++;
    goal = p.goal(state, ctx);
  }
  if (goal === true) return { ok: true };
  const why = typeof goal === 'string' ? goal : `${p.name}: goal not reached`;
  const how = taken < within ? `left alone, the automation went quiet after ${taken} steps` : `after ${taken} automation-only steps (bound ${within})`;
  return { ok: false, message: `${why} — ${how}, so it does not recover on its own`, steps };
}
