/**
 * How the automation behaves: the 2025 code and its fixes are the same code with different options,
 * as the model's variants are the same model with different switches. The last two options are
 * deliberate defects, there to show that racehunt's conformance check catches code that stopped
 * doing what the model says.
 */
export interface DnsAutomationOptions {
  /**
   * The fix's first half: under the endpoint's lock, an enactor re-reads the endpoint's generation
   * and commits only if its own plan is newer. Without it the one-time check made at pick-up time is
   * all there is ("was stale by this time due to the unusually high delays").
   */
  readonly conditionalCommit: boolean;
  /**
   * What clean-up deletes: every plan more than `window` generations older than the one just
   * applied ('age', 2025), or only those that no endpoint serves and no enactor has claimed, in the
   * same transaction ('unused-atomically', the fix's second half).
   */
  readonly cleanup: 'age' | 'unused-atomically';
  /** Defect: these enactors write to Route53 without taking the endpoint's lock. */
  readonly enactorsSkippingTheLock?: readonly number[];
  /** How long an idle enactor waits before looking for a new plan again. */
  readonly pollMs?: number;
  /** How long an enactor waits before retrying an endpoint ("the DNS Enactor will retry each endpoint"). */
  readonly retryMs?: number;
  /** How long the DNS Planner waits between generations ("periodically creates a new DNS plan"). */
  readonly planEveryMs?: number;
}

export const AS_2025: DnsAutomationOptions = { conditionalCommit: false, cleanup: 'age' };
export const FIXED: DnsAutomationOptions = { conditionalCommit: true, cleanup: 'unused-atomically' };

export const DEFAULT_TIMING = { pollMs: 1000, retryMs: 100, planEveryMs: 1000 } as const;
