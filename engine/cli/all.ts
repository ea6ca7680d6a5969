/**
 * `racehunt all` (what `npm start` runs): hunt every model, variant and property of the catalog
 * with the budgets of each model's manifest, print a summary table (expected vs found, steps, runs,
 * time) and the shrunk traces. Exit 0 when every outcome is the expected one, 1 otherwise.
 *
 * For CI: `--new-traces DIR` writes every trace that differs from the committed one (JSON + MD, to
 * keep as an artifact) and `--summary FILE` appends the table and their diagrams in Markdown (give
 * it $GITHUB_STEP_SUMMARY).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { configure } from '../instance.ts';
import type { Catalog, LoadedModel } from '../load.ts';
import { loadModel } from '../load.ts';
import { DEFAULT_BUDGET, type ExpectedOutcome } from '../manifest.ts';
import { compareWithCommitted, huntExpected, type Judged } from '../outcomes.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderTerminal } from '../render/terminal.ts';
import { DEFAULT_TRACES_ROOT, saveTrace } from '../save.ts';
import { COMMON, EXIT, colour, int, parse } from './options.ts';
import { progressLine } from './progress.ts';

const USAGE = 'racehunt all [--model M …] [--time-budget MS] [--save] [--new-traces DIR] [--summary FILE] [--json]';

interface Row extends Judged {
  readonly model: LoadedModel;
  /** The trace differs from the committed one (or none is committed). */
  readonly isNew: boolean;
}

export async function allCommand(argv: readonly string[], catalog: Catalog): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { ...COMMON, model: { type: 'string', multiple: true }, 'time-budget': { type: 'string' }, save: { type: 'boolean' }, 'new-traces': { type: 'string' }, summary: { type: 'string' } },
    USAGE,
  );
  if (values.help || positionals.length > 0) {
    console.log(USAGE);
    return positionals.length > 0 ? EXIT.badInput : EXIT.ok;
  }
  const names = values.model ?? Object.keys(catalog);
  const models = await Promise.all(names.map((n) => loadModel(n, catalog)));
  const timeBudgetMs = int(values['time-budget'], 'time-budget', 1);
  const c = new Chalk(colour(values) === undefined ? {} : { level: colour(values) ? 1 : 0 });

  const rows: Row[] = [];
  for (const m of models) {
    for (const expected of outcomesOf(m)) {
      const progress = progressLine(`${m.ref} / ${expected.variant} / ${expected.property}`);
      let judged: Judged;
      try {
        judged = huntExpected(m, expected, { onProgress: progress.onProgress, ...(timeBudgetMs ? { timeBudgetMs } : {}) });
      } finally {
        progress.done();
      }
      const trace = judged.result.trace;
      const isNew = trace !== null && trace.outcome === 'counterexample' && compareWithCommitted(trace, m.model.name).status !== 'same';
      rows.push({ ...judged, model: m, isNew });
      if (!values.json) process.stderr.write(`racehunt: ${judged.ok ? '✓' : '✗'} ${m.ref} / ${expected.variant} / ${expected.property}: ${judged.actual} (${judged.result.ms} ms)\n`);
    }
  }

  for (const r of rows) {
    if (values.save && r.result.trace) saveTrace(r.result.trace, r.inst, DEFAULT_TRACES_ROOT);
    if (values['new-traces'] && r.isNew && r.result.trace) saveTrace(r.result.trace, r.inst, values['new-traces']);
  }
  if (values.summary) appendFileSync(values.summary, markdownSummary(rows));

  if (values.json) {
    console.log(JSON.stringify(rows.map((r) => ({ model: r.model.ref, variant: r.expected.variant, property: r.expected.property, expected: r.expected.expect, actual: r.actual, ok: r.ok, new: r.isNew, steps: r.result.trace?.steps.length ?? null, runs: r.result.runs, ms: r.result.ms, seed: r.result.seed, trace: r.result.trace }))));
  } else {
    console.log(summaryTable(rows, c));
    for (const r of rows.filter((x) => x.result.trace?.outcome === 'counterexample')) {
      console.log('');
      console.log(renderTerminal(r.result.trace!, { ...(colour(values) === undefined ? {} : { color: colour(values)! }), model: r.inst.model, ctx: r.inst.ctx }));
    }
    const bad = rows.filter((r) => !r.ok);
    console.log('');
    console.log(bad.length === 0 ? c.green.bold(`✓ all ${rows.length} outcomes as expected`) : c.red.bold(`✗ ${bad.length} of ${rows.length} outcomes not as expected: ${bad.map((r) => `${r.model.ref}/${r.expected.variant}/${r.expected.property}`).join(', ')}`));
  }
  return rows.every((r) => r.ok) ? EXIT.ok : EXIT.found;
}

/** The manifest's outcomes; without a manifest, every variant × property, judged by nothing. */
function outcomesOf(m: LoadedModel): readonly ExpectedOutcome[] {
  if (m.manifest) return m.manifest.outcomes;
  const budget = DEFAULT_BUDGET;
  return Object.keys(m.model.variants).flatMap((variant) => {
    const { ctx } = configure(m.model, variant);
    return m.model.properties
      .filter((p) => p.kind !== 'sometimes' || p.applies(ctx))
      .map((p) => ({ variant, property: p.name, expect: p.kind === 'sometimes' ? ('reached' as const) : ('holds' as const), budget }));
  });
}

function summaryTable(rows: readonly Row[], c: InstanceType<typeof Chalk>): string {
  const head = ['model', 'variant', 'property', 'expected', 'found', 'steps', 'runs', 'time'];
  const cells = rows.map((r) => [r.model.ref, r.expected.variant, r.expected.property, r.expected.expect, r.actual, String(r.result.trace?.steps.length ?? '—'), String(r.result.runs), `${(r.result.ms / 1000).toFixed(1)}s`]);
  const widths = head.map((h, k) => Math.max(h.length, ...cells.map((row) => (row[k] ?? '').length)));
  const line = (row: readonly string[]) => row.map((v, k) => (k >= 5 ? v.padStart(widths[k] ?? 0) : v.padEnd(widths[k] ?? 0))).join('  ');
  const out = [c.bold(`  ${line(head)}`), c.dim(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`)];
  rows.forEach((r, i) => {
    const text = line(cells[i] ?? []);
    out.push(`${r.ok ? c.green('✓') : c.red('✗')} ${r.ok ? text : c.red(text)}`);
  });
  return out.join('\n');
}

function markdownSummary(rows: readonly Row[]): string {
  const out = ['## racehunt', '', '| | model | variant | property | expected | found | steps | runs | time |', '|---|---|---|---|---|---|---:|---:|---:|'];
  for (const r of rows) {
    out.push(`| ${r.ok ? '✓' : '✗'} | ${r.model.ref} | ${r.expected.variant} | ${r.expected.property} | ${r.expected.expect} | ${r.actual}${r.isNew ? ' (new)' : ''} | ${r.result.trace?.steps.length ?? '—'} | ${r.result.runs} | ${(r.result.ms / 1000).toFixed(1)}s |`);
  }
  for (const r of rows.filter((x) => x.isNew && x.result.trace)) {
    const file = join('new-traces', r.model.model.name, r.expected.variant, `${r.expected.property}.json`);
    out.push('', renderMarkdown(r.result.trace!, { file, model: r.inst.model, ctx: r.inst.ctx }).replace(/^# /, '### '));
  }
  return `${out.join('\n')}\n`;
}
