/**
 * The count simulator: the checked model's rules (tick.ts) run on one fixed schedule, at any
 * scale. Normal load, the delayed backlog at once, then time passes until propagation delays are
 * normal again (and the backlog is gone) or the horizon is reached; operators follow their runbook
 * in reduce-load exactly as the model's urgent operator actions do. No immer, no fast-check: a
 * plain object edited in place, so that 10^6 propagations cost what 10 do.
 */
import type { Draft } from 'immer';
import { delayElevated, reduceDue, restoreDue, type Rules } from './rules.ts';
import {
  emptyState,
  propagationDelay,
  queued,
  unreachable,
  type Load,
  type NmSettings,
  type NmState,
} from './state.ts';
import { backlogArrives, reduceLoad, restoreLoad, startAtNormalLoad, timePasses } from './tick.ts';
import type { NmSwitches } from './variants.ts';

export type Scenario = {
  readonly load: Load;
  readonly settings: NmSettings;
  readonly switches: NmSwitches;
  /** Ticks of normal load before the backlog arrives. */
  readonly backlogAt: number;
  readonly backlog: number;
  /** Give up this many ticks after the backlog arrived. */
  readonly horizon: number;
};

export type TickRow = {
  readonly tick: number;
  readonly queued: number;
  readonly unreachable: number;
  readonly delay: number;
  readonly landed: number;
  readonly reduced: boolean;
};

export type SimResult = {
  /** Ticks from the backlog's arrival until the delay was normal and no backlog was left; null: not within the horizon. */
  readonly recoveryTicks: number | null;
  /** The longest any instance waited for its configuration. */
  readonly worstDelay: number;
  readonly peakQueue: number;
  /** Incoming propagations refused while the load was reduced. */
  readonly refused: number;
  readonly final: NmState;
  readonly rows: readonly TickRow[];
};

/** Normal again: no instance waits longer than normal, and nothing of the backlog is left. */
export const recovered = (s: NmState, r: Rules): boolean =>
  !delayElevated(s, r) && unreachable(s) <= (s.load?.rate ?? 0) * (r.settings.normalDelay + 1);

export function simulate(sc: Scenario, opts: { readonly rows?: boolean } = {}): SimResult {
  const r: Rules = { settings: sc.settings, switches: sc.switches };
  const s = structuredClone(emptyState()) as Draft<NmState>;
  const rows: TickRow[] = [];
  const row = () => {
    if (opts.rows)
      rows.push({
        tick: s.tick,
        queued: queued(s),
        unreachable: unreachable(s),
        delay: propagationDelay(s),
        landed: s.last.landed,
        reduced: s.reduced,
      });
  };
  startAtNormalLoad(s, sc.load);
  row();
  const operatorsAndTime = () => {
    if (reduceDue(s, r)) reduceLoad(s);
    if (restoreDue(s, r)) restoreLoad(s);
    timePasses(s, r);
    row();
  };
  for (let i = 0; i < sc.backlogAt; i++) operatorsAndTime();
  backlogArrives(s, sc.backlog, r);
  const at = s.tick;
  let recoveryTicks: number | null = null;
  let worstDelay = 0;
  let peakQueue = queued(s);
  for (;;) {
    operatorsAndTime();
    worstDelay = Math.max(worstDelay, propagationDelay(s));
    peakQueue = Math.max(peakQueue, queued(s));
    if (recovered(s, r) && !s.reduced) {
      recoveryTicks = s.tick - at;
      break;
    }
    if (s.tick - at >= sc.horizon) break;
  }
  return { recoveryTicks, worstDelay, peakQueue, refused: s.total.refused, final: s, rows };
}
