/**
 * The catalog table README shows: for each model, variant × property → what its manifest expects.
 * Generated here and checked by a test against README, so the table never drifts from the
 * manifests that `npm test` and `npm start` judge results by.
 */
import { builtinNames } from '../core/builtin.ts';
import type { AnyModel } from '../core/model.ts';
import type { Expectation } from '../core/outcome.ts';

/** What a manifest expects of one variant and property. */
export interface Expected {
  readonly variant: string;
  readonly property: string;
  readonly expect: Expectation;
}

const MARK = { counterexample: '✗ breaks', holds: '✓ holds', reached: 'reached' } as const;

export function catalogTable(m: {
  readonly ref: string;
  readonly model: AnyModel;
  readonly manifest?: { readonly outcomes: readonly Expected[] } | undefined;
}): string {
  const outcomes = m.manifest?.outcomes ?? [];
  // The model's claims, then the built-in checks its manifest expects something of (a deadlock is the zoo's bug).
  const properties = [...m.model.properties, ...builtinNames(m.model)]
    .filter((p) => p.kind !== 'sometimes' && outcomes.some((o) => o.property === p.name))
    .map((p) => p.name);
  const variants = Object.keys(m.model.variants).filter((v) => outcomes.some((o) => o.variant === v));
  const rows = variants.map((v) => {
    const cells = properties.map((p) => {
      const o = outcomes.find((x) => x.variant === v && x.property === p);
      return o ? MARK[o.expect] : '—';
    });
    return `| \`${v}\` | ${cells.join(' | ')} |`;
  });
  return [
    `| ${m.ref} | ${properties.map((p) => `\`${p}\``).join(' | ')} |`,
    `|---|${properties.map(() => '---').join('|')}|`,
    ...rows,
  ].join('\n');
}
