/**
 * `racehunt all` (what `npm start` runs): hunt every model, variant and property of the catalog
 * with the budgets of each model's manifest, and say whether each outcome is the expected one: one
 * line per outcome, then the verdict. A trace is printed in full only where the outcome is not the
 * expected one, or on request (--verbose, or RACEHUNT_VERBOSE=1). A committed trace is a claim too:
 * a trace that differs from the committed one is a failed outcome, shown with its diff. Outcomes
 * of a manifest's configurations (parameters beyond the defaults) are judged with the others. Exit 0 when every outcome is the
 * expected one, 1 otherwise; 2 when every outcome is as expected but a trace could not be saved;
 * 130 when Ctrl-C stopped it: the outcomes judged until then are kept (saved, summarised), then
 * where the hunt in progress stopped, and how many were left.
 *
 * For CI: `--new-traces DIR` writes every trace that differs from the committed one (JSON + MD, to
 * keep as an artifact) and `--summary FILE` appends a Markdown summary that opens with the verdict,
 * links each row to its committed trace (when there is one) and shows each new trace's diagram under
 * its row. Under GitHub Actions the summary goes to $GITHUB_STEP_SUMMARY unasked, and each outcome
 * not as expected is an annotation at the line of the model that declares the property (github.ts).
 */
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { RacehuntError } from '../core/errors.ts';
import { appendText } from '../project/atomic.ts';
import { configure } from '../core/instance.ts';
import { applies } from '../core/judge.ts';
import { loadModel, type LoadedModel } from '../project/load.ts';
import { compareWithCommitted, firstDifference, huntExpected, traceDiff, type Judged } from '../project/judge.ts';
import {
  DEFAULT_BUDGET,
  configurationLabel,
  everyOutcome,
  unjudged,
  type ExpectedOutcome,
} from '../project/manifest.ts';
import { loadTrace, recordedAt, traceJson, tracePath, type Trace } from '../core/trace.ts';
import { DEFAULT_TRACES_ROOT } from '../project/save.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderTerminal } from '../render/terminal.ts';
import { scopeWords } from '../render/verdict.ts';
import { SCOPE_MARK } from '../core/outcome.ts';
import type { CliContext } from './context.ts';
import { annotate, repositoryLink, summaryFile } from './github.ts';
import { EXIT, colour, flag, int, list, parse, str, type CommandSpec } from './options.ts';
import { huntProgress, progressLine } from './progress.ts';
import { trySave } from './saving.ts';

export const ALL: CommandSpec = {
  name: 'all',
  args: '',
  doc: 'Hunt every model, variant and property against its manifest (what `npm start` runs).',
  options: [
    {
      name: 'model',
      value: 'M',
      multiple: true,
      meaning: 'only these models (catalog names or paths)',
      default: 'the whole catalog',
    },
    { name: 'time-budget', value: 'MS', meaning: "cut each hunt's search after MS milliseconds" },
    { name: 'verbose', meaning: 'print every trace, not only those of unexpected outcomes (also RACEHUNT_VERBOSE=1)' },
    { name: 'save', meaning: 'write every trace found to the traces folder' },
    {
      name: 'traces',
      value: 'DIR',
      meaning: 'where the committed traces are (and --save writes)',
      default: DEFAULT_TRACES_ROOT,
    },
    {
      name: 'new-traces',
      value: 'DIR',
      meaning: 'write the traces that differ from the committed ones here (for a CI artifact)',
    },
    {
      name: 'summary',
      value: 'FILE',
      meaning: 'append a Markdown summary',
      default: '$GITHUB_STEP_SUMMARY when set, else none',
    },
    { name: 'progress', meaning: 'print a progress line every 5 s even off a terminal (CI logs)' },
  ],
};

interface Row extends Judged {
  readonly model: LoadedModel;
  /** The trace differs from the committed one (or none is committed). */
  readonly isNew: boolean;
  /** The committed trace it differs from, with the diff: a failed outcome, whatever was found. */
  readonly drift: Drift | null;
}

interface Drift {
  readonly file: string;
  readonly where: string;
  readonly diff: string;
}

export async function allCommand(argv: readonly string[], { catalog, interrupt }: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, ALL);
  if (positionals.length > 0)
    throw new RacehuntError(
      'usage',
      `all takes no arguments, got "${positionals.join(' ')}" (to pick models: --model NAME; see racehunt all --help)`,
    );
  const models = await Promise.all((list(values, 'model') ?? Object.keys(catalog)).map((n) => loadModel(n, catalog)));
  const timeBudgetMs = int(str(values, 'time-budget'), 'time-budget', 1);
  const json = flag(values, 'json');
  const verbose = flag(values, 'verbose') || process.env.RACEHUNT_VERBOSE === '1';
  const colours = colour(values);
  const c = new Chalk(colours === undefined ? {} : { level: colours ? 1 : 0 });

  const tracesRoot = str(values, 'traces') ?? DEFAULT_TRACES_ROOT;
  const rows: Row[] = [];
  const planned = models.flatMap((m) => outcomesOf(m).map((expected) => ({ m, expected })));
  let stopped: string | null = null;
  for (const { m, expected } of planned) {
    if (interrupt.requested()) {
      stopped = `before ${m.ref} / ${expected.variant} / ${expected.property}`;
      break;
    }
    const progress = progressLine(`${m.ref} / ${expected.variant} / ${expected.property}`, flag(values, 'progress'));
    const say = huntProgress({ runs: expected.budget.runs });
    let judged: Judged;
    try {
      judged = huntExpected(m, expected, {
        onProgress: (p) => progress.show(say(p), p.ms),
        interrupted: interrupt.requested,
        ...(timeBudgetMs ? { timeBudgetMs } : {}),
      });
    } finally {
      progress.done();
    }
    const cut = judged.result.interruption;
    if (cut) {
      stopped = `in ${m.ref} / ${expected.variant} / ${expected.property} (${cut.phase === 'prove' ? `proving, ${(cut.explored?.states ?? 0).toLocaleString('en-US')} states explored` : `${cut.phase === 'search' ? 'searching' : 'shrinking'}, ${judged.result.runs.toLocaleString('en-US')} runs`})`;
      break;
    }
    const trace = judged.result.trace;
    const committed =
      trace && expected.configuration === undefined ? compareWithCommitted(trace, m.model.name, tracesRoot) : null;
    const isNew = trace?.outcome === 'counterexample' && committed !== null && committed.status !== 'same';
    const drift = trace && committed?.status === 'differs' ? driftOf(trace, committed.file, committed.committed) : null;
    const row = { ...judged, ok: judged.ok && drift === null, model: m, isNew, drift };
    rows.push(row);
    if (!json) console.log(outcomeLine(row, c));
    if (!json && drift) console.log(`${driftLines(drift)}\n`);
    if (!json && trace && (verbose || !row.ok))
      console.log(
        `${renderTerminal(trace, { ...(colours === undefined ? {} : { color: colours }), model: judged.inst.model, ctx: judged.inst.ctx })}\n`,
      );
  }

  // A save that fails throws no finding away: every row is still printed (and the JSON), then the
  // first save error is the one line on stderr.
  let saveError: RacehuntError | null = null;
  for (const r of rows) {
    // A configuration's trace has other parameters: it is never written over the defaults' trace.
    if (r.expected.configuration !== undefined) continue;
    const dir = str(values, 'new-traces');
    for (const root of [flag(values, 'save') ? tracesRoot : null, dir && r.isNew ? dir : null]) {
      if (root !== null && r.result.trace) saveError ??= trySave(r.result.trace, r.inst, root, interrupt).error;
    }
  }
  const interruption =
    stopped === null ? null : `interrupted (Ctrl-C) ${stopped}, after ${rows.length} of ${planned.length} outcomes`;
  const summary = summaryFile(str(values, 'summary'));
  if (summary)
    try {
      interrupt.uninterruptible(() =>
        appendText(
          summary,
          markdownSummary(rows, { newDir: str(values, 'new-traces') ?? 'new-traces', tracesRoot }, interruption),
          `could not write ${summary}`,
        ),
      );
    } catch (e) {
      // Like a save: the rows are still printed, and this is the one line on stderr.
      if (!(e instanceof RacehuntError)) throw e;
      saveError ??= e;
    }

  const bad = rows.filter((r) => !r.ok);
  annotate(
    bad.map((r) => ({
      model: r.model.model,
      property: r.expected.property,
      title: `racehunt: ${nameOf(r)}${configurationLabel(r.expected)}: ${r.drift ? `${r.outcome}, differs from the committed trace` : `${r.outcome}, expected ${r.expected.expect}`}`,
      message: r.drift
        ? `the trace found differs from the committed ${r.drift.file}: ${r.drift.where}`
        : r.result.trace
          ? `${r.result.trace.message} (${r.result.trace.steps.length} steps; seed ${r.result.seed})`
          : `${r.outcome} in ${r.result.runs} runs (seed ${r.result.seed}), where the manifest expects ${r.expected.expect}`,
    })),
    json ? (l) => console.error(l) : (l) => console.log(l),
  );
  if (json) {
    console.log(
      JSON.stringify(
        rows.map((r) => ({
          model: r.model.ref,
          variant: r.expected.variant,
          property: r.expected.property,
          expected: r.expected.expect,
          outcome: r.outcome,
          scope: r.result.scope,
          bounded: r.result.bounded,
          ok: r.ok,
          new: r.isNew,
          ...(r.expected.configuration === undefined
            ? {}
            : { configuration: r.expected.configuration, params: r.expected.params }),
          ...(r.drift ? { differs: { file: r.drift.file, where: r.drift.where, diff: r.drift.diff } } : {}),
          steps: r.result.trace?.steps.length ?? null,
          runs: r.result.runs,
          ms: r.result.ms,
          seed: r.result.seed,
          trace: r.result.trace,
        })),
      ),
    );
  } else {
    console.log(verdict(rows, c, interruption));
    for (const line of unjudgedLines(models)) console.log(c.yellow(line));
  }
  if (saveError) console.error(`racehunt: ${saveError.message}`);
  if (interruption && json) console.error(`racehunt: ${interruption}`);
  if (interruption) return EXIT.interrupted;
  // Outcomes not as expected: 1, whatever was saved; all as expected but a trace not written: 2.
  if (bad.length > 0) return EXIT.found;
  return saveError ? EXIT.badInput : EXIT.ok;
}

/** The manifest's outcomes; without a manifest, every variant × property, judged by nothing. */
function outcomesOf(m: LoadedModel): readonly ExpectedOutcome[] {
  if (m.manifest) return everyOutcome(m.manifest);
  return Object.keys(m.model.variants).flatMap((variant) => {
    const inst = configure(m.model, variant);
    return inst.properties
      .filter((p) => applies(inst, p))
      .map((p) => ({
        variant,
        property: p.name,
        expect: p.kind === 'sometimes' ? ('reached' as const) : ('holds' as const),
        budget: DEFAULT_BUDGET,
      }));
  });
}

/** One outcome in one line: expected or not, and what was found (steps, runs, time). */
function outcomeLine(r: Row, c: InstanceType<typeof Chalk>): string {
  const where = `${nameOf(r)}${configurationLabel(r.expected)}`;
  const steps = r.result.trace ? `${r.result.trace.steps.length} steps, ` : '';
  const expected = r.outcome === r.expected.expect ? '' : ` (expected ${r.expected.expect})`;
  const pinned = r.drift ? ', differs from the committed trace' : r.isNew ? ', no committed trace' : '';
  const held = r.outcome === 'holds' ? ` (${scopeWords(r.result)})` : '';
  const found = `${r.outcome}${held}${expected}${pinned}`;
  const text = `${where}: ${found} — ${steps}${r.result.runs} runs, ${(r.result.ms / 1000).toFixed(1)}s`;
  if (!r.ok) return c.red(`✗ ${text}`);
  // As expected; but a "holds" that was not proved wears the mark of what it is, not the proof's.
  return `${c.green(unproved(r) ? SCOPE_MARK.sampled : '✓')} ${text}`;
}

/** The claims no manifest outcome evaluates on a variant: whatever a change does to them there goes unseen. */
function unjudgedLines(models: readonly LoadedModel[]): string[] {
  return models.flatMap((m) =>
    m.manifest
      ? unjudged(m.model, m.manifest).map(
          (u) =>
            `⚠ never judged: ${m.ref} / ${u.variant}: ${u.properties.join(', ')} (no outcome in its manifest: add one)`,
        )
      : [],
  );
}

const nameOf = (r: Row): string => `${r.model.ref} / ${r.expected.variant} / ${r.expected.property}`;
const shortName = (r: Row): string =>
  `${r.model.ref}/${r.expected.variant}/${r.expected.property}${r.expected.configuration ? `[${r.expected.configuration}]` : ''}`;

/** A fresh trace against the committed file it differs from: where they part, and the diff. */
function driftOf(trace: Trace, file: string, committedText: string): Drift {
  const fresh = traceJson(recordedAt(trace, file));
  let where: string;
  try {
    where = firstDifference(loadTrace(file), recordedAt(trace, file));
  } catch {
    where = 'the committed file no longer reads as a trace';
  }
  return { file, where, diff: traceDiff(committedText, fresh) };
}

function driftLines(d: Drift): string {
  return [
    `  the trace found differs from the committed ${d.file}: ${d.where}`,
    ...d.diff.split('\n').map((l) => `    ${l}`),
    '  if the change is intended, rewrite it (RACEHUNT_UPDATE_TRACES=1 npm run test:deep) and review the diff',
  ].join('\n');
}

/** An expected "holds" that the hunt did not prove: sure only to a depth, or sampled. */
const unproved = (r: Row): boolean => r.outcome === 'holds' && r.result.proof === null;

function verdict(rows: readonly Row[], c: InstanceType<typeof Chalk>, interruption: string | null): string {
  const bad = rows.filter((r) => !r.ok);
  // Never a ✓ when stopped: the outcomes left were not judged.
  if (interruption)
    return c.yellow.bold(
      `⚠ ${interruption}: ${rows.length - bad.length} as expected${bad.length > 0 ? `, ${bad.length} not (${bad.map((r) => `${r.model.ref}/${r.expected.variant}/${r.expected.property}`).join(', ')})` : ''}`,
    );
  const sampled = rows.filter(unproved).length;
  if (bad.length === 0)
    return sampled === 0
      ? c.green.bold(`✓ all ${rows.length} outcomes as expected`)
      : c.green.bold(
          `${SCOPE_MARK.sampled} all ${rows.length} outcomes as expected; ${sampled} of them hold within their budget, not proved (${SCOPE_MARK.sampled})`,
        );
  return c.red.bold(`✗ ${bad.length} of ${rows.length} outcomes not as expected: ${bad.map(shortName).join(', ')}`);
}

/** The job summary: the verdict first, then one row per outcome linked to its trace, new traces' diagrams under their rows. */
function markdownSummary(
  rows: readonly Row[],
  { newDir, tracesRoot }: { newDir: string; tracesRoot: string },
  interruption: string | null,
): string {
  const bad = rows.filter((r) => !r.ok);
  const head = interruption
    ? `**⚠ ${interruption}: ${bad.length === 0 ? 'all as expected so far' : `${bad.length} not as expected`}**`
    : bad.length > 0
      ? `**✗ ${bad.length} of ${rows.length} outcomes not as expected**`
      : rows.some(unproved)
        ? `**${SCOPE_MARK.sampled} all ${rows.length} outcomes as expected; ${rows.filter(unproved).length} of them hold within their budget, not proved**`
        : `**✓ all ${rows.length} outcomes as expected**`;
  const out = ['## racehunt', '', head, ''];
  out.push(
    '| | model | variant | property | expected | found | steps | runs | time |',
    '|---|---|---|---|---|---|---:|---:|---:|',
  );
  const details: string[] = [];
  for (const r of rows) {
    const trace = r.result.trace;
    const committed =
      trace && !r.isNew && r.expected.configuration === undefined
        ? repositoryLink(tracePath(tracesRoot, trace, r.model.model.name).replace(/\.json$/, '.md'))
        : null;
    const found = r.drift
      ? `${r.outcome} (differs from the committed trace)`
      : committed
        ? `[${r.outcome}](${committed})`
        : `${r.outcome}${r.isNew ? ' (new)' : ''}${r.outcome === 'holds' ? ` (${scopeWords(r.result)})` : ''}`;
    out.push(
      `| ${r.ok ? (unproved(r) ? SCOPE_MARK.sampled : '✓') : '✗'} | ${r.model.ref} | ${r.expected.variant}${configurationLabel(r.expected)} | ${r.expected.property} | ${r.expected.expect} | ${found} | ${r.result.trace?.steps.length ?? '—'} | ${r.result.runs} | ${(r.result.ms / 1000).toFixed(1)}s |`,
    );
    if (r.drift)
      details.push(
        `<details><summary>✗ differs from ${r.drift.file}: ${r.drift.where}</summary>\n`,
        '```diff',
        r.drift.diff,
        '```',
        '</details>',
      );
    if (r.isNew && r.result.trace) {
      const file = join(newDir, r.model.model.name, r.expected.variant, `${r.expected.property}.json`);
      details.push(
        `<details><summary>${r.ok ? '✓' : '✗'} new trace: ${r.model.ref} / ${r.expected.variant} / ${r.expected.property}</summary>\n`,
        renderMarkdown(recordedAt(r.result.trace, file), { file, model: r.inst.model, ctx: r.inst.ctx }).replace(
          /^# /,
          '### ',
        ),
        '</details>',
      );
    }
  }
  return `${[...out, ...(details.length > 0 ? ['', ...details] : [])].join('\n')}\n`;
}
