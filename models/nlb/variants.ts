/**
 * The variants: NLB's health-check failover as it ran, what engineers did at 9:36 AM, the fix AWS
 * announced, and the fail-open behaviour of Route 53 and ELB. Each switch is read in one place of
 * rules.ts or tick.ts.
 */
import type { Variant } from '../../engine/index.ts';

export type NlbSwitches = {
  /** Automatic health-check failover at the start of a run (engineers disabled it at 9:36 AM). */
  readonly failover: boolean;
  /** Velocity control: failover may not take more than `maxZonesRemoved` zones out of DNS. */
  readonly velocityControl: boolean;
  /** Fail open: if every zone would be removed, keep every zone (Route 53's and ELB's documented behaviour). */
  readonly failOpen: boolean;
};

const base: NlbSwitches = { failover: true, velocityControl: false, failOpen: false };

export const variants: Record<string, Variant<NlbSwitches>> = {
  'as-2025': {
    doc: 'as it ran: a failed check removes a target from DNS, a zone with no freshly healthy target is removed from DNS, with no limit',
    switches: base,
  },
  'failover-disabled': {
    doc: 'what engineers did at 9:36 AM: automatic health-check failover off, every healthy node and target back in service',
    switches: { ...base, failover: false },
  },
  'velocity-control': {
    doc: "AWS's announced fix: limit the capacity a single NLB can remove when health check failures cause AZ failover",
    switches: { ...base, velocityControl: true },
  },
  'fail-open': {
    doc: 'Route 53 and ELB: when every zone looks unhealthy, treat them all as healthy; otherwise as as-2025',
    switches: { ...base, failOpen: true },
  },
};
