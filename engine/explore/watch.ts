/**
 * What the explorer checks on each new state, one watch per property:
 * - `always`: the state breaks it (the first such state found breadth-first is the closest one);
 * - `sometimes`: the state reaches it (the closest witness); a witness of a run reads its memory,
 *   carried as a monitor's is;
 * - `progress` monitors: the verdict on the state and the monitor's memory, which the explorer
 *   carries as part of the explored state (the product of the model and the monitor);
 * - `recovers`: the engine's fair-schedule recovery (engine/recover.ts) fails from the state, as a
 *   run ending there would fail it in a hunt or a replay. Every reachable state is a possible end
 *   of a run, so every one is checked (memoised: recovery.ts).
 */
import { RacehuntError, messageOf } from '../errors.ts';
import type { Instance } from '../instance.ts';
import type { AnyProperty, MonitorProperty, Params, RecoversProperty } from '../model.ts';
import { recover } from '../recover.ts';
import type { RecoveryJudge } from './recovery.ts';

export interface Watch {
  readonly property: AnyProperty;
  /** For a monitor: its position in the explored state's memory list. */
  readonly slot: number;
  /** The search may stop once every decisive watch is decided (the others only add coverage). */
  readonly decisive: boolean;
  /** Still looking: not broken (always, progress) or not reached (sometimes). */
  open: boolean;
  /** Where it was decided: the store index of the state, its depth and the message. */
  at: number;
  depth: number;
  message: string;
  /** For a `recovers` property: the memoised recovery check (set by the search). */
  judge?: RecoveryJudge;
}

/** What carries a memory through a run: a progress monitor, or a witness of a run. */
export type Monitor = Pick<MonitorProperty<unknown, Params, unknown>, 'name' | 'start' | 'observe'>;

const remembers = (p: AnyProperty): boolean => (p.kind === 'progress' && p.form === 'monitor') || (p.kind === 'sometimes' && p.memory !== undefined);

export function watchesFor(properties: readonly AnyProperty[], decisive: (p: AnyProperty) => boolean): Watch[] {
  let slot = 0;
  return properties.map((property) => ({
    property,
    slot: remembers(property) ? slot++ : -1,
    decisive: decisive(property),
    open: true,
    at: -1,
    depth: -1,
    message: '',
  }));
}

export function monitorsOf(watches: readonly Watch[]): Monitor[] {
  return watches
    .filter((w) => w.slot >= 0)
    .map((w) => {
      const p = w.property;
      if (p.kind === 'sometimes' && p.memory) return { name: p.name, start: p.memory.start, observe: p.memory.observe };
      return p as MonitorProperty<unknown, Params, unknown>;
    });
}

/**
 * Check the open watches on a state; close those it decides. Returns how many decisive ones it
 * closed. A property that throws is the model's error, named.
 */
export function checkState(inst: Instance, open: Watch[], state: unknown, memories: readonly unknown[] | null, index: number, depth: number): number {
  const { ctx } = inst;
  let closed = 0;
  for (const w of open) {
    if (!w.open) continue;
    const p = w.property;
    let decided: string | null = null;
    try {
      if (p.kind === 'always') {
        const v = p.check(state, ctx);
        if (v !== true) decided = typeof v === 'string' ? v : `${p.name} is false`;
      } else if (p.kind === 'sometimes') {
        if (p.reached(state, ctx, w.slot >= 0 ? memories?.[w.slot] : undefined)) decided = p.doc;
      } else if (p.form === 'monitor') {
        const v = p.verdict(memories?.[w.slot], state, ctx);
        if (v !== true) decided = typeof v === 'string' ? v : `${p.name} is false`;
      } else {
        const r = w.judge ? w.judge.judge(state) : recover(inst, p as RecoversProperty<unknown, Params, unknown>, state);
        if (r !== true) decided = r;
      }
    } catch (e) {
      if (e instanceof RacehuntError) throw e;
      throw new RacehuntError('model-error', `model "${inst.model.name}": property ${p.name} threw ${messageOf(e)}`);
    }
    if (decided !== null) {
      w.open = false;
      w.at = index;
      w.depth = depth;
      w.message = decided;
      if (w.decisive) closed++;
    }
  }
  return closed;
}
