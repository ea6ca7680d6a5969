/**
 * The numbers the zoo's READMEs quote, rendered from the manifests (which the ground-truth test
 * checks against the explorer), so a README test can check that the prose quotes them as they are.
 */
import type { LoadedModel } from '../../engine/index.ts';

/** A model's README table: per variant, its reachable states and each expected outcome with its ground truth. */
export function groundTruthTable(m: LoadedModel): string {
  const manifest = m.manifest!;
  const rows = Object.keys(m.model.variants).map((variant) => {
    const outcomes = manifest.outcomes
      .filter((o) => o.variant === variant)
      .map(
        (o) =>
          `\`${o.property}\` ${o.expect === 'counterexample' ? `✗ in ${o.shortest}` : o.expect === 'reached' ? `reached in ${o.shortest}` : '✓ proved'}`,
      );
    return `| \`${variant}\` | ${manifest.reachable[variant]?.toLocaleString('en-US')} | ${outcomes.join(' · ') || '—'} |`;
  });
  return [
    '| variant | reachable states | expected outcomes (explorer: shortest steps, or proved) |',
    '|---|---:|---|',
    ...rows,
  ].join('\n');
}

/** The zoo README's cells for a model: its bugs' shortest counterexamples, and its reachable states per variant. */
export function zooCells(m: LoadedModel): { shortest: string; reachable: string } {
  const manifest = m.manifest!;
  const bugs = manifest.outcomes
    .filter((o) => o.expect === 'counterexample')
    .map((o) => `${o.shortest} (\`${o.variant}\` / \`${o.property}\`)`);
  const reachable = Object.entries(manifest.reachable).map(([v, n]) => `${v} ${n.toLocaleString('en-US')}`);
  return { shortest: bugs.join('<br>'), reachable: reachable.join(' · ') };
}
