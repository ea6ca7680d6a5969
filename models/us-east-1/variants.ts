/**
 * The composed Region's variants: the night as engineers handled it, and the same night with one
 * documented mitigation left out. Every system runs as it ran in 2025 (each part's `as-2025`); the
 * switches say which operators act.
 */
import type { Variant } from '../../engine/index.ts';
import type { InterventionName } from './state.ts';

export type RegionSwitches = { readonly [K in InterventionName]: boolean };

const all: RegionSwitches = { repair: true, restart: true, reduce: true, disable: true, relax: true, reenable: true };

export const variants: Record<string, Variant<RegionSwitches>> = {
  'as-2025': {
    doc: 'every system as it ran, and every documented intervention: the DNS repair, the DWFM throttle and restarts, the load reduction on Network Manager, NLB failover disabled, throttles relaxed, failover re-enabled',
    switches: all,
  },
  'without-dns-repair': {
    doc: 'as-2025, but no operator repairs the empty DNS record',
    switches: { ...all, repair: false },
  },
  'without-dwfm-restart': {
    doc: 'as-2025, but engineers never throttle incoming work and restart the DWFM hosts',
    switches: { ...all, restart: false },
  },
  'without-nm-load-reduction': {
    doc: 'as-2025, but nobody reduces the load on Network Manager',
    switches: { ...all, reduce: false },
  },
  'without-failover-disable': {
    doc: "as-2025, but NLB's automatic health-check failover stays on",
    switches: { ...all, disable: false },
  },
};
