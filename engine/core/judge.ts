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
import { refusePromise } from './sync.ts';
import { freeze } from 'immer';
import { recover } from './fair.ts';
import type { Instance } from './instance.ts';
import type { AnyProperty, MonitorProperty, Params, RecoversProperty, SometimesProperty, Verdict } from './model.ts';

export type Monitor = MonitorProperty<unknown, Params, unknown>;
export type Recovers = RecoversProperty<unknown, Params, unknown>;
export type Witness = SometimesProperty<unknown, Params, unknown>;

export const isMonitor = (p: AnyProperty): p is Monitor => p.kind === 'progress' && p.form === 'monitor';
export const isRecovers = (p: AnyProperty): p is Recovers => p.kind === 'progress' && p.form === 'recovers';
/** Properties that carry a memory through a run: progress monitors, and witnesses of a run. */
export const remembers = (p: AnyProperty): boolean =>
  isMonitor(p) || (p.kind === 'sometimes' && p.memory !== undefined);
/** Does this witness apply to the instance's variant (and parameters)? Other kinds always apply. */
export const applies = (inst: Instance, p: AnyProperty): boolean =>
  p.kind !== 'sometimes' || guarded(inst, p, () => p.applies(inst.ctx) === true);

/**
 * The witnesses that already hold in the initial state where the model did not say that is
 * intended (`startsReached`): they witness nothing a run did, so a green result that counts on
 * them is vacuous, as one that never reached them is.
 */
export function reachedAtStart(inst: Instance): string[] {
  const s = inst.initial();
  return inst.properties
    .filter((p) => p.kind === 'sometimes' && !p.startsReached && applies(inst, p))
    .filter((p) => decide(inst, p, s, monitorStart(inst, p, s)) !== null)
    .map((p) => p.name);
}

/** The warning for witnesses that hold from the start (reachedAtStart), or null. */
export function atStartWarning(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  return `${names.join(', ')} already ${names.length === 1 ? 'holds' : 'hold'} in the initial state, so ${names.length === 1 ? 'it witnesses' : 'they witness'} nothing a run did (declare startsReached: true where that is intended)`;
}

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
export function decide(
  inst: Instance,
  p: AnyProperty,
  state: unknown,
  memory?: unknown,
  recovery?: (state: unknown) => true | string,
): string | null {
  const { ctx } = inst;
  const answer = <T>(v: T): T => {
    refusePromise(v, () => `model "${inst.model.name}": property ${p.name}`);
    return v;
  };
  return guarded(inst, p, () => {
    if (p.kind === 'always') {
      const v = answer(p.check(state, ctx));
      return v === true ? null : brokenMessage(v, p.name);
    }
    if (p.kind === 'sometimes') return answer(p.reached(state, ctx, memory)) === true ? p.doc : null;
    if (p.form === 'monitor') {
      const v = answer(p.verdict(memory, state, ctx));
      return v === true ? null : brokenMessage(v, p.name);
    }
    const r = (recovery ?? ((s: unknown) => recover(inst, p, s)))(state);
    return r === true ? null : r;
  });
}

/** A remembering property's first memory, from the initial state (frozen: a memory is shared by every successor). */
export function monitorStart(inst: Instance, m: AnyProperty, state: unknown): unknown {
  const f = memoryOf(m);
  return f ? remember(inst, m, () => f.start(state, inst.ctx)) : undefined;
}

/** A remembering property's memory after it observes a state. */
export function monitorObserve(inst: Instance, m: AnyProperty, memory: unknown, state: unknown): unknown {
  const f = memoryOf(m);
  return f ? remember(inst, m, () => f.observe(memory, state, inst.ctx)) : undefined;
}

function memoryOf(
  p: AnyProperty,
):
  | { start(s: unknown, ctx: Instance['ctx']): unknown; observe(m: unknown, s: unknown, ctx: Instance['ctx']): unknown }
  | undefined {
  if (isMonitor(p)) return p;
  return p.kind === 'sometimes' ? p.memory : undefined;
}

/**
 * A monitor's memory is shared by every successor of a state, so it is frozen: a monitor that
 * edits its memory in place (instead of returning a new one) fails loudly rather than leaking one
 * branch's history into another.
 */
function remember(inst: Instance, m: AnyProperty, f: () => unknown): unknown {
  try {
    return freeze(f(), true);
  } catch (e) {
    if (e instanceof RacehuntError) throw e;
    throw new RacehuntError(
      'model-error',
      `model "${inst.model.name}": progress monitor ${m.name} threw ${messageOf(e)} (its observe must return a new memory, not edit the old one)`,
    );
  }
}
