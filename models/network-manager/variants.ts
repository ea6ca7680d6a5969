/**
 * The variants: Network Manager as it ran in October 2025, what engineers did, and the fix AWS
 * announced. Each switch is read in one place of rules.ts, so the difference is a few lines.
 */
import type { Variant } from '../../engine/index.ts';

export type NmSwitches = {
  /** Operators' runbook: once propagation delays stay elevated, reduce the load on Network Manager. */
  readonly reduceLoad: boolean;
  /** Admission control by the size of the waiting queue (AWS's announced fix). */
  readonly queueLimit: boolean;
};

const base: NmSwitches = { reduceLoad: false, queueLimit: false };

export const variants: Record<string, Variant<NmSwitches>> = {
  'as-2025': {
    doc: 'as it ran: every propagation is queued at once, FIFO, and the backlog makes each one slower',
    switches: base,
  },
  'reduce-load': {
    doc: 'what engineers did: once propagation delays stay elevated, cut incoming work until they are normal again',
    switches: { ...base, reduceLoad: true },
  },
  'queue-size-limit': {
    doc: 'AWS\'s announced fix: "rate limit incoming work based on the size of the waiting queue"; the rest waits upstream',
    switches: { ...base, queueLimit: true },
  },
};
