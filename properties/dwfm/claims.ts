/**
 * DWFM's claims in two groups, so that their manifest outcomes run in two test files side by
 * side: the claims about leases (the DWFM's own state, dwfm.test.ts) and the claims about what a
 * customer sees — launches and the throttle — with the clock they are counted by (claims.deep.test.ts).
 */
import { withOutcomes, type LoadedModel } from '../../engine/index.ts';

export const LEASE_CLAIMS: readonly string[] = [
  'leases-make-progress',
  'goodput-not-zero',
  'all-leases-expired',
  'backlog-drained',
];

/** The same model with only the manifest outcomes of these properties (or of all others). */
export function onlyProperties(m: LoadedModel, names: readonly string[], { except = false } = {}): LoadedModel {
  if (!m.manifest) throw new Error(`model ${m.ref} has no manifest`);
  return withOutcomes(m, (o) => names.includes(o.property) !== except);
}
