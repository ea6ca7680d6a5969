/**
 * Figures the models' READMEs state about committed traces are the traces' own: each step count is
 * read from the sentence (or table row) that states it and compared with the length of the trace
 * it names; each hunt budget they state is their manifest's. (Excerpts of traces are generated
 * regions: properties/docs-generated.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../engine/index.ts';

const FIGURES: readonly { file: string; says: RegExp; trace: string }[] = [
  {
    file: 'models/us-east-1/README.md',
    says: /`shrunk-traces\/us-east-1\/as-2025\/three-periods-in-order\.\{json,md\}` \((\d+) steps/,
    trace: 'us-east-1/as-2025/three-periods-in-order',
  },
  {
    file: 'models/us-east-1/README.md',
    says: /--invariant three-periods-in-order +# the whole cascade, from scratch \((\d+) steps\)/,
    trace: 'us-east-1/as-2025/three-periods-in-order',
  },
  {
    file: 'models/dwfm/README.md',
    says: /`shrunk-traces\/dwfm\/throttled-restart\/throttle-cycle-completed\.md`,\s+(\d+) steps/,
    trace: 'dwfm/throttled-restart/throttle-cycle-completed',
  },
  {
    file: 'models/dwfm/README.md',
    says: /`shrunk-traces\/dwfm\/as-2025\/launches-succeed-after-recovery\.md`, (\d+) steps/,
    trace: 'dwfm/as-2025/launches-succeed-after-recovery',
  },
  {
    file: 'models/dwfm/README.md',
    says: /`backoff-jitter` \((\d+)\s+steps/,
    trace: 'dwfm/backoff-jitter/launches-succeed-after-recovery',
  },
  { file: 'models/dwfm/README.md', says: /`lifo` \((\d+) steps/, trace: 'dwfm/lifo/launches-succeed-after-recovery' },
  {
    file: 'models/network-manager/README.md',
    says: /`shrunk-traces\/network-manager\/as-2025\/propagation-delay-recovers\.\{json,md\}`[^(]*\((\d+) steps/,
    trace: 'network-manager/as-2025/propagation-delay-recovers',
  },
  {
    file: 'models/network-manager/README.md',
    says: /where the queue grows without end \((\d+) steps\)/,
    trace: 'network-manager/as-2025/instances-reachable-within-bound',
  },
  {
    file: 'models/nlb/README.md',
    says: /`shrunk-traces\/nlb\/as-2025\/capacity-covers-load\.\{json,md\}` \((\d+) steps\)/,
    trace: 'nlb/as-2025/capacity-covers-load',
  },
];

/** Step counts in a README's table of variants: the cell of a variant's row under a property's column. */
const CELLS: readonly { file: string; variant: string; property: string }[] = [
  ...['as-2025', 'backoff-jitter', 'lifo'].map((variant) => ({
    file: 'models/dwfm/README.md',
    variant,
    property: 'launches-succeed-after-recovery',
  })),
  { file: 'models/network-manager/README.md', variant: 'as-2025', property: 'propagation-delay-recovers' },
  { file: 'models/network-manager/README.md', variant: 'as-2025', property: 'instances-reachable-within-bound' },
  { file: 'models/network-manager/README.md', variant: 'reduce-load', property: 'instances-reachable-within-bound' },
];

/** The cell of a Markdown table whose header names `column`, in the row of `` `variant` ``. */
function cell(text: string, variant: string, column: string): string | undefined {
  const rows = text.split('\n').filter((l) => l.startsWith('|'));
  const split = (l: string) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const header = rows.find((l) => split(l).includes(column));
  if (!header) return undefined;
  const at = split(header).indexOf(column);
  const row = rows.slice(rows.indexOf(header)).find((l) => split(l)[0] === `\`${variant}\``);
  return row ? split(row)[at] : undefined;
}

describe('figures the models’ READMEs state about committed traces', () => {
  it.each(CELLS)('$file: $variant, $property (its table of variants)', ({ file, variant, property }) => {
    const said = cell(readFileSync(file, 'utf8'), variant, property);
    expect(said, `${file}: no cell for ${variant} under ${property}`).toMatch(/✗ (counterexample \()?\d+ steps/);
    const steps = loadTrace(`shrunk-traces/${file.split('/')[1]}/${variant}/${property}.json`).steps.length;
    expect(Number(/(\d+) steps/.exec(said ?? '')?.[1])).toBe(steps);
  });

  it.each(FIGURES)('$file: $trace', ({ file, says, trace }) => {
    const found = says.exec(readFileSync(file, 'utf8'));
    expect(found, `${file} no longer says this; update the test with the sentence that does`).not.toBeNull();
    const steps = loadTrace(`shrunk-traces/${trace}.json`).steps.length;
    expect(Number(found?.[1]), `${file} states a length that is not shrunk-traces/${trace}.json's`).toBe(steps);
  });
});

/**
 * The budget a README says its manifest's hunts use: seed, runs, steps and strategy, as written
 * ("racehunt's default strategy" where the manifest names none).
 */
const BUDGETS: readonly {
  model: string;
  says: RegExp;
  fields: readonly ('seed' | 'runs' | 'maxSteps' | 'strategy')[];
}[] = [
  ...['dwfm', 'network-manager', 'nlb'].map((model) => ({
    model,
    says: /Expected outcomes from `manifest\.json` \(seed (\d+), (\d+) runs of\s+up to (\d+) steps, (?:the manifest's strategy `(\w+)`|racehunt's (default) strategy)/,
    fields: ['seed', 'runs', 'maxSteps', 'strategy'] as const,
  })),
  {
    model: 'dns',
    says: /The hunts use the manifest's budget \(seed (\d+), strategy `(\w+)`, at most\s+(\d+) steps, \d+ on the queue link; ([\d,]+) runs for a "holds"/,
    fields: ['seed', 'strategy', 'maxSteps', 'runs'],
  },
];

describe('budgets the models’ READMEs state', () => {
  it.each(BUDGETS)('models/$model/README.md: its manifest’s', ({ model, says, fields }) => {
    const found = says.exec(readFileSync(`models/${model}/README.md`, 'utf8'));
    expect(
      found,
      `models/${model}/README.md no longer says this; update the test with the sentence that does`,
    ).not.toBeNull();
    const manifest = JSON.parse(readFileSync(`models/${model}/manifest.json`, 'utf8')) as {
      budget: { seed: number; runs: number; maxSteps: number; strategy?: string };
    };
    const budget = { ...manifest.budget, strategy: manifest.budget.strategy ?? 'default' };
    // The groups as written, in order (a strategy is one of two alternatives: named, or the default).
    const groups = (found ?? []).slice(1).filter((g) => g !== undefined);
    const stated = Object.fromEntries(fields.map((f, i) => [f, groups[i]?.replace(/,/g, '')]));
    expect(stated).toEqual(Object.fromEntries(fields.map((f) => [f, String(budget[f])])));
  });
});
