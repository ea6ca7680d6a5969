/**
 * What the two DNS test files share: the manifest split by planner/enactor link (so that each
 * link's tests run in a file of their own), the exhaustive agreement check, and trace surgery for
 * the minimality checks.
 */
import { withOutcomes, type LoadedModel, type Trace } from '../../engine/index.ts';
import { describeManifestExhaustively } from '../../engine/vitest.ts';
import type { DnsSwitches } from '../../models/dns/variants.ts';

/** The variant's link, read from its switches. */
export function linkOf(m: LoadedModel, variant: string): DnsSwitches['link'] {
  return (m.model.variants[variant]?.switches as DnsSwitches | undefined)?.link ?? 'stack';
}

/** The same model with only the manifest outcomes of variants on this link. */
export function onLink(m: LoadedModel, link: DnsSwitches['link']): LoadedModel {
  if (!m.manifest) throw new Error(`model ${m.ref} has no manifest`);
  return withOutcomes(m, (o) => linkOf(m, o.variant) === link);
}

/**
 * One test per expected outcome on this link: an exhaustive search at small parameters (two
 * endpoints, window 1) finds what the manifest expects, and a "holds" is then a proof. Safety
 * properties use three enactors (up to symmetry); automation-recovers is judged by a round-robin in
 * lane order, and operator-restores-service by a memory that canonical() does not see, neither of
 * which symmetry reduction can respect, so they use two.
 */
export function itAgreesExhaustively(m: LoadedModel): void {
  const unsymmetric = (name: string) => {
    const p = m.model.properties.find((x) => x.name === name);
    return p?.kind === 'progress' || (p?.kind === 'sometimes' && p.memory !== undefined);
  };
  describeManifestExhaustively(m, {
    params: (o) => ({ enactors: unsymmetric(o.property) ? 2 : 3, endpoints: 2, window: 1 }),
  });
}

/** The trace without its i-th step (1-based), renumbered; replay then says whether it still breaks. */
export function withoutStep(trace: Trace, i: number): Trace {
  return { ...trace, steps: trace.steps.filter((s) => s.index !== i).map((s, k) => ({ ...s, index: k + 1 })) };
}
