/**
 * Judging a property on a state: the one place that says what each kind of property checks and
 * what its message is when it decides. A run (hunt, replay, recording), the exhaustive explorer
 * and its probes all ask here, so a property means the same everywhere.
 *
 * - `always`: broken when `check` returns anything but true (false, or a message with values);
 * - `sometimes`: reached when `reached` is true;
 * - a progress monitor: broken when `verdict` on the memory and the state is not true;
 * - `recovers`: broken when the fair schedule of the admitted actions from the state does not
 *   reach the goal in time (fair.ts).
 */
import { RacehuntError, messageOf } from './errors.ts';
import { freeze } from 'immer';
import { recover } from './fair.ts';
import type { Instance } from './instance.ts';
import type { AnyProperty, MonitorProperty, Params, RecoversProperty, Verdict } from './model.ts';

export type Monitor = MonitorProperty<unknown, Params, unknown>;
export type Recovers = RecoversProperty<unknown, Params, unknown>;

export const isMonitor = (p: AnyProperty): p is Monitor => p.kind === 'progress' && p.form === 'monitor';
export const isRecovers = (p: AnyProperty): p is Recovers => p.kind === 'progress' && p.form === 'recovers';

/** A verdict other than true, as a message: the model's own, or "<name> is false". */
export function brokenMessage(v: Verdict, name: string): string {
  return typeof v === 'string' ? v : `${name} is false`;
}

/** Call a property's function; anything it throws is the model's error, naming the property. */
export function guarded<T>(inst: Instance, p: AnyProperty, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RacehuntError) throw e;
    throw new RacehuntError('model-error', `model "${inst.model.name}": property ${p.name} threw ${messageOf(e)}`);
  }
}

/**
 * What decides a property on this state (the message), or null while it holds (or, for a
 * `sometimes`, is not reached yet). `memory` is a monitor's memory after observing the state;
 * `recovery` judges a `recovers` property (default: the fair schedule itself).
 */
export function decide(inst: Instance, p: AnyProperty, state: unknown, memory?: unknown, recovery?: (state: unknown) => true | string): string | null {
  const { ctx } = inst;
  return guarded(inst, p, () => {
    if (p.kind === 'always') {
      const v = p.check(state, ctx);
      return v === true ? null : brokenMessage(v, p.name);
    }
    if (p.kind === 'sometimes') return p.reached(state, ctx) === true ? p.doc : null;
    if (p.form === 'monitor') {
      const v = p.verdict(memory, state, ctx);
      return v === true ? null : brokenMessage(v, p.name);
    }
    const r = (recovery ?? ((s: unknown) => recover(inst, p, s)))(state);
    return r === true ? null : r;
  });
}

/** A monitor's first memory, from the initial state (frozen: a memory is shared by every successor). */
export function monitorStart(inst: Instance, m: Monitor, state: unknown): unknown {
  return remember(inst, m, () => m.start(state, inst.ctx));
}

/** A monitor's memory after it observes a state. */
export function monitorObserve(inst: Instance, m: Monitor, memory: unknown, state: unknown): unknown {
  return remember(inst, m, () => m.observe(memory, state, inst.ctx));
}

/**
 * A monitor's memory is shared by every successor of a state, so it is frozen: a monitor that
 * edits its memory in place (instead of returning a new one) fails loudly rather than leaking one
 * branch's history into another.
 */
function remember(inst: Instance, m: Monitor, f: () => unknown): unknown {
  try {
    return freeze(f(), true);
  } catch (e) {
    if (e instanceof RacehuntError) throw e;
    throw new RacehuntError('model-error', `model "${inst.model.name}": progress monitor ${m.name} threw ${messageOf(e)} (its observe must return a new memory, not edit the old one)`);
  }
}
