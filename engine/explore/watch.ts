/**
 * What the explorer checks on each new state, one watch per property: whether the state decides
 * it (core/judge.ts says what each kind checks). Monitors' memories are carried as part of the
 * explored state (the product of the model and the monitor); `recovers` is judged on every state
 * (every reachable state is a possible end of a run), through a memo that follows the same fair
 * schedule (recovery.ts).
 */
import type { Instance } from '../core/instance.ts';
import { decide, isRecovers, remembers } from '../core/judge.ts';
import type { AnyProperty } from '../core/model.ts';
import { StateCodec } from './codec/state-codec.ts';
import { RecoveryJudge } from './recovery.ts';

export interface Watch {
  readonly property: AnyProperty;
  /** For a property with a memory (a monitor, a witness of a run): its position in the explored state's memory list. */
  readonly slot: number;
  /** The search may stop once every decisive watch is decided (the others only add coverage). */
  readonly decisive: boolean;
  /** Still looking: not broken (always, progress) or not reached (sometimes). */
  open: boolean;
  /** Where it was decided: the store index of the state, its depth and the message. */
  at: number;
  depth: number;
  message: string;
  /** For a `recovers` property: the memoised recovery check. */
  readonly judge: RecoveryJudge | null;
}

/**
 * `recovers` judges fingerprint states for their memo with a codec of their own: its numbering
 * need not agree with any other thread's, and it never has to wait for the search's.
 */
export function watchesFor(
  inst: Instance,
  initial: unknown,
  properties: readonly AnyProperty[],
  decisive: (p: AnyProperty) => boolean,
): Watch[] {
  let slot = 0;
  return properties.map((property) => ({
    property,
    slot: remembers(property) ? slot++ : -1,
    decisive: decisive(property),
    open: true,
    at: -1,
    depth: -1,
    message: '',
    judge: isRecovers(property) ? new RecoveryJudge(inst, property, new StateCodec(initial)) : null,
  }));
}

/** The watched properties that carry a memory (monitors, witnesses of a run), in slot order. */
export function monitorsOf(watches: readonly Watch[]): AnyProperty[] {
  return watches.filter((w) => w.slot >= 0).map((w) => w.property);
}

/**
 * The watches among `open` that this state decides, with their messages, as [watch, message, …]
 * (a pure function of the state and its memories: any thread computes the same).
 */
export function decisions(
  inst: Instance,
  watches: readonly Watch[],
  open: Uint8Array,
  state: unknown,
  memories: readonly unknown[] | null,
): (number | string)[] | null {
  let out: (number | string)[] | null = null;
  for (let i = 0; i < watches.length; i++) {
    if (open[i] === 0) continue;
    const w = watches[i] as Watch;
    const judge = w.judge;
    const decided = decide(
      inst,
      w.property,
      state,
      w.slot >= 0 ? memories?.[w.slot] : undefined,
      judge ? (s) => judge.judge(s) : undefined,
    );
    if (decided !== null) (out ??= []).push(i, decided);
  }
  return out;
}
