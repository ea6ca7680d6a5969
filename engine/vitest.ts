/**
 * vitest helpers (`racehunt/vitest`): one line per expectation in a model's test file, or in the
 * test file of asynchronous code under the controlled scheduler (a system, docs/async.md): the same
 * names for both, hunted for a model, scheduled (and awaited) for code.
 *
 *   expectCounterexample(dns, 'as-2025', 'endpoint-never-empty');  // found, and the same as the committed trace
 *   expectSurvives(dns, 'fixed', 'endpoint-never-empty', { runs: 5000 });
 *   describeManifest(dns);                // one test per expected outcome in models/dns/manifest.json, hunted
 *   describeManifestExhaustively(dns, …); // the same outcomes, settled by the explorer at small parameters
 *   describeCommittedTraces(catalog);     // replay every trace under shrunk-traces/
 *   await expectCounterexample(counter, 'read-then-write', 'no-lost-update');  // a system of code
 *   describeCommittedTraces([counter]);   // its committed schedule traces, re-run byte for byte
 *
 * A failure reads as the trace: the assertion's message is the plain swimlane, the broken claim and
 * the command that reproduces it, reported at the line of the test that called the helper (not
 * inside racehunt). Passing tests print nothing. Test names never contain a seed (they stay
 * stable); the seed is in every failure message. RACEHUNT_UPDATE_TRACES=1 rewrites the committed
 * traces instead of comparing with them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { replayScheduleTrace } from './async/evidence.ts';
import { coverageText } from './async/coverage.ts';
import { SCHEDULE_BUDGET, schedule, type ScheduleOptions, type ScheduleResult } from './async/search.ts';
import { isSystem, type System } from './async/system.ts';
import { main } from './cli/main.ts';
import { renamedExport } from './core/errors.ts';
import type { Interrupt } from './core/interrupt.ts';
import { configure, type Instance } from './core/instance.ts';
import { atStartWarning, reachedAtStart } from './core/judge.ts';
import { replay } from './core/replay.ts';
import { loadTrace, recordedAt, traceJson, type Trace } from './core/trace.ts';
import { explore, type ExploreResult } from './explore/explore.ts';
import { hunt, type HuntOptions, type HuntResult } from './hunt/hunt.ts';
import { isStrategy } from './core/strategies.ts';
import { compareWithCommitted, firstDifference } from './project/judge.ts';
import { loadModel, looksLikePath, type Catalog, type LoadedModel } from './project/load.ts';
import { budgetFor, configurationLabel, everyOutcome, type Budget, type ExpectedOutcome } from './project/manifest.ts';
import { DEFAULT_TRACES_ROOT, ownerName, saveTrace } from './project/save.ts';
import { racehunt } from './render/command.ts';
import { renderMarkdown, twinTag } from './render/markdown.ts';
import { renderTerminal, terminalWidth } from './render/terminal.ts';
import { heldLine } from './render/verdict.ts';

export interface ExpectOptions extends Partial<Budget> {
  readonly params?: Readonly<Record<string, number>>;
  /** Compare with (or, under RACEHUNT_UPDATE_TRACES=1, write) the committed trace. Default true. */
  readonly committed?: boolean;
  readonly timeBudgetMs?: number;
  readonly tracesRoot?: string;
  /** expectSurvives: fail unless the hunt proves it, or proves no counterexample of at most this many steps. */
  readonly bound?: number;
}

/** The same expectations for a system of asynchronous code: its budget is a schedule search's (docs/async.md). */
export interface ExpectScheduleOptions extends Partial<Omit<ScheduleOptions, 'variant' | 'target'>> {
  /** Print the trace, or the coverage of a green search (default false: passing tests print nothing). */
  readonly print?: boolean;
  /** Compare with (or, under RACEHUNT_UPDATE_TRACES=1, write) the committed trace. Default true. */
  readonly committed?: boolean;
  readonly tracesRoot?: string;
}

/** A helper that finds a trace: of a model at once, of a system of code awaited. */
interface ExpectTrace {
  (m: LoadedModel, variant: string, property: string, opts?: ExpectOptions): Trace;
  (s: System, variant: string, property: string, opts?: ExpectScheduleOptions): Promise<Trace>;
}

/** A helper that judges a green search: a hunt's result at once, a schedule search's awaited. */
interface ExpectSurvival {
  (m: LoadedModel, variant: string, property?: string, opts?: ExpectOptions): HuntResult;
  (s: System, variant: string, property?: string, opts?: ExpectScheduleOptions): Promise<ScheduleResult>;
}

/** What a helper was asked of a system of code, and where (for its messages). */
interface Asked<P> {
  readonly system: System;
  readonly variant: string;
  readonly property: P;
  readonly opts: ExpectScheduleOptions;
  /** "counter / read-then-write / no-lost-update" */
  readonly where: string;
}

/**
 * One helper for models and for code: given a system, its schedules are searched with a fixed
 * budget (the option, else SCHEDULE_BUDGET) and the code's check judges them (awaited); given a
 * model, the model's check hunts it.
 */
function modelOrSystem<P extends string | undefined, M, S>(
  onModel: (m: LoadedModel, variant: string, property: P, opts: ExpectOptions) => M,
  onSchedule: (r: ScheduleResult, asked: Asked<P>) => S,
) {
  return (target: LoadedModel | System, variant: string, property: P, opts: object = {}): M | Promise<S> => {
    if (!isSystem(target)) return onModel(target, variant, property, opts);
    const { print: _print, committed: _committed, tracesRoot: _root, ...own } = opts as ExpectScheduleOptions;
    const where = `${target.name} / ${variant} / ${property ?? 'every property'}`;
    const asked = { system: target, variant, property, opts, where };
    return schedule(target, { ...SCHEDULE_BUDGET, ...own, variant, target: property }).then((r) =>
      onSchedule(r, asked),
    );
  };
}

const updating = () => process.env.RACEHUNT_UPDATE_TRACES === '1';

/**
 * A failed expectation, with the message a reader needs and the stack cut at the helper, so that
 * vitest reports the test's own line (an awaited helper is no longer on the stack: cut nothing).
 */
function fail(message: string, helper?: (...args: never[]) => unknown): never {
  const e = new Error(message);
  e.name = 'RacehuntAssertion';
  if (helper) Error.captureStackTrace(e, helper);
  throw e;
}

/** A trace as a failure shows it: the swimlane without the changed fields, plain, then how to reproduce it; at $COLUMNS, else 80. */
function shown(trace: Trace, inst?: Instance): string {
  return renderTerminal(trace, {
    color: false,
    ...(inst ? { model: inst.model, ctx: inst.ctx } : {}),
    maxChanges: 0,
    width: terminalWidth(),
  });
}

/** Hunt with a fixed budget: the option, else the manifest's entry, else racehunt's default. */
export function huntFor(
  m: LoadedModel,
  variant: string,
  property: string | undefined,
  opts: ExpectOptions = {},
): { inst: Instance; result: HuntResult } {
  const inst = configure(m.model, variant, opts.params ?? {});
  const base = budgetFor(m.manifest, variant, property);
  const huntOpts: HuntOptions = {
    seed: opts.seed ?? base.seed,
    budget: opts.work ?? base.work,
    runs: opts.runs ?? base.runs,
    maxSteps: opts.maxSteps ?? base.maxSteps,
    strategy: opts.strategy ?? base.strategy,
    proveBudget: opts.prove ?? base.prove,
    shortestBudget: opts.shortestBudget ?? base.shortestBudget,
    target: property,
    modelRef: m.ref,
    ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
  };
  return { inst, result: hunt(inst, huntOpts) };
}

/**
 * This variant has a counterexample for this property: assert it and pin it to the committed trace.
 * For a system of code, awaited (found by a schedule search, shrunk, printed under `print`).
 */
export const expectCounterexample = modelOrSystem(huntedCounterexample, scheduledCounterexample) as ExpectTrace;

function huntedCounterexample(m: LoadedModel, variant: string, property: string, opts: ExpectOptions): Trace {
  const { inst, result } = huntFor(m, variant, property, opts);
  const where = `${m.ref} / ${variant} / ${property}`;
  if (!result.trace || result.trace.outcome !== 'counterexample') {
    fail(
      `expected a counterexample to ${where}, found none (${result.strategy}, ${result.coverage.steps} steps sampled):\n${heldLine(result, property, false)}`,
      expectCounterexample,
    );
  }
  if (opts.committed !== false && opts.params === undefined) pin(result.trace, inst, where, opts.tracesRoot);
  return result.trace;
}

/** This `sometimes` property is reachable in this variant: assert it and return the shrunk witness (awaited for code). */
export const expectReached = modelOrSystem(huntedWitness, scheduledWitness) as ExpectTrace;

function huntedWitness(m: LoadedModel, variant: string, property: string, opts: ExpectOptions): Trace {
  const { inst, result } = huntFor(m, variant, property, opts);
  if (result.trace?.outcome !== 'witness')
    fail(
      `expected to reach ${property} in ${m.ref} / ${variant} (seed ${result.seed}, ${result.strategy}):\n${heldLine(result, property, true)}`,
      expectReached,
    );
  const atStart = atStartWarning(reachedAtStart(inst).filter((w) => w === property));
  if (atStart) fail(`${m.ref} / ${variant}: reached vacuously: ${atStart}`, expectReached);
  return result.trace;
}

/**
 * This variant survives the budget: no counterexample to `property` (or to any property when
 * omitted), and every `sometimes` property was reached, so the green run is not vacuous (awaited
 * for code).
 */
export const expectSurvives = modelOrSystem(huntedSurvival, scheduledSurvival) as ExpectSurvival;

function huntedSurvival(
  m: LoadedModel,
  variant: string,
  property: string | undefined,
  opts: ExpectOptions,
): HuntResult {
  const { inst, result } = huntFor(m, variant, property, opts);
  const where = `${m.ref} / ${variant} / ${property ?? 'every property'}`;
  if (result.trace)
    fail(
      `expected ${where} to survive, but found this counterexample (seed ${result.seed}, run ${result.runs}):\n\n${shown(result.trace, inst)}`,
      expectSurvives,
    );
  if (opts.bound !== undefined && result.proof === null && (result.bounded?.depth ?? -1) < opts.bound)
    fail(
      `expected ${where} to be proved to at least ${opts.bound} steps, but the hunt was sure of less (seed ${result.seed}, ${result.strategy}):\n${heldLine(result, property ?? 'every property', false)}`,
      expectSurvives,
    );
  if (result.unreached.length > 0)
    fail(
      `${where} survived vacuously: never reached ${result.unreached.join(', ')} in ${result.runs} runs (seed ${result.seed}); raise the budget's runs or maxSteps`,
      expectSurvives,
    );
  const atStart = atStartWarning(reachedAtStart(inst));
  if (atStart) fail(`${where} survived vacuously: ${atStart}`, expectSurvives);
  return result;
}

/** One test per expected outcome of the model's manifest, each hunted with its budget. */
export function describeManifest(m: LoadedModel, opts: { tracesRoot?: string } = {}): void {
  const manifest = m.manifest;
  if (!manifest) throw new Error(`model ${m.ref} has no manifest`);
  describe(`${m.ref}: expected outcomes`, () => {
    for (const o of everyOutcome(manifest)) it(titleOf(o), () => judge(m, o, opts.tracesRoot));
  });
}

/**
 * One test per expected outcome of the model's manifest, settled by the exhaustive explorer at
 * small parameters (given per outcome): a counterexample or witness must exist there, and a
 * "holds" must hold in every state explored, complete or within `maxDepth` steps, with every
 * `sometimes` property reached on the way (so it is not vacuous). Where hunts sample, this proves.
 */
export function describeManifestExhaustively(
  m: LoadedModel,
  opts: { params: (o: ExpectedOutcome) => Readonly<Record<string, number>>; maxDepth?: number; maxStates?: number },
): void {
  const manifest = m.manifest;
  if (!manifest) throw new Error(`model ${m.ref} has no manifest`);
  // The outcomes that hold at one variant and parameters are settled by one search that checks
  // them all (a "holds" needs the whole space explored anyway), not one search each.
  const searches = new Map<string, ExploreResult>();
  // A configuration's own parameters are set over the small ones.
  const paramsOf = (o: ExpectedOutcome) => ({ ...opts.params(o), ...o.params });
  const holding = (o: ExpectedOutcome, params: Readonly<Record<string, number>>): ExploreResult => {
    const key = JSON.stringify([o.variant, params]);
    let r = searches.get(key);
    if (!r) {
      const target = everyOutcome(manifest)
        .filter(
          (x) =>
            x.variant === o.variant && x.expect === 'holds' && JSON.stringify(paramsOf(x)) === JSON.stringify(params),
        )
        .map((x) => x.property);
      r = explore(configure(m.model, o.variant, params), {
        target,
        maxDepth: opts.maxDepth,
        maxStates: opts.maxStates,
      });
      searches.set(key, r);
    }
    return r;
  };
  describe(`${m.ref}: expected outcomes, explored exhaustively at small parameters`, () => {
    for (const o of everyOutcome(manifest)) {
      const params = paramsOf(o);
      const at = Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      it(`${titleOf(o)} at ${at}${opts.maxDepth === undefined ? '' : ` within ${opts.maxDepth} steps`}`, () => {
        const r =
          o.expect === 'holds'
            ? holding(o, params)
            : explore(configure(m.model, o.variant, params), {
                target: o.property,
                maxDepth: opts.maxDepth,
                maxStates: opts.maxStates,
              });
        const mine = r.properties.find((p) => p.name === o.property);
        expect(mine?.outcome, `${o.variant} / ${o.property} at ${at}`).toBe(o.expect);
        const atStart = reachedAtStart(configure(m.model, o.variant, params));
        if (o.expect !== 'counterexample')
          expect(
            atStartWarning(atStart.filter((w) => o.expect === 'holds' || w === o.property)),
            `${o.variant} / ${o.property} at ${at} is vacuous`,
          ).toBeNull();
        if (o.expect !== 'holds') return;
        expect(
          r.cut === null || r.cut === 'max-depth',
          `the search was cut (${r.cut}) before it settled ${o.property}`,
        ).toBe(true);
        for (const w of r.properties.filter((p) => p.kind === 'sometimes'))
          expect(w.outcome, `${o.variant} / ${w.name} must be reached, or "holds" is vacuous`).toBe('reached');
      });
    }
  });
}

function titleOf(o: ExpectedOutcome): string {
  const verb = o.expect === 'counterexample' ? 'breaks' : o.expect === 'holds' ? 'holds' : 'reaches';
  // A green test is read as a tick: where the manifest asks only for a depth, the title says so.
  const bounded =
    o.expect === 'holds' && o.bound !== undefined ? ` to at least ${o.bound} steps (a bounded proof)` : '';
  return `${o.variant} ${verb} ${o.property}${bounded}${configurationLabel(o)}`;
}

/** One outcome, hunted with its own budget (and, in a configuration, its parameters: such traces are not pinned). */
function judge(m: LoadedModel, o: ExpectedOutcome, tracesRoot: string | undefined): void {
  const opts: ExpectOptions = {
    ...(tracesRoot === undefined ? {} : { tracesRoot }),
    ...(o.params === undefined ? {} : { params: o.params, ...o.budget }),
  };
  if (o.expect === 'counterexample') expectCounterexample(m, o.variant, o.property, opts);
  else if (o.expect === 'reached') expectReached(m, o.variant, o.property, opts);
  else expectSurvives(m, o.variant, o.property, o.bound === undefined ? opts : { ...opts, bound: o.bound });
}

/** The committed trace of a variant and property (shrunk-traces/<model>/<variant>/<property>.json). */
export function committedTrace(
  m: LoadedModel,
  variant: string,
  property: string,
  root: string = DEFAULT_TRACES_ROOT,
): Trace {
  const file = join(root, m.model.name, variant, `${property}.json`);
  if (!existsSync(file))
    fail(
      `no committed trace ${file}: hunt it with ${racehunt(['hunt', m.ref, '--variant', variant, '--property', property, '--save', ...(root === DEFAULT_TRACES_ROOT ? [] : ['--traces', root])])}`,
      committedTrace,
    );
  return loadTrace(file);
}

/**
 * Pin a fresh trace (a hunt's or a schedule's) to the committed file: same bytes when found with
 * the same seed and budget. A committed hunt trace found with another seed is re-hunted with that
 * seed and compared in turn, so every committed trace stays byte-for-byte reproducible (a schedule
 * trace is re-run from its own path by describeCommittedTraces). A difference is shown as the two
 * traces' first differing step and the new trace, never as a diff of the JSON.
 */
function pin(trace: Trace, owner: Instance | System, where: string, root: string = DEFAULT_TRACES_ROOT): void {
  const cmp = compareWithCommitted(trace, ownerName(owner), root);
  if (updating()) {
    if (cmp.status !== 'same') saveTrace(trace, owner, root);
    return;
  }
  if (cmp.status !== 'differs') return;
  const committed = loadTrace(cmp.file);
  const inst = isSystem(owner) ? undefined : owner;
  const f = committed.found;
  const sameRun =
    f.by === 'hunt' &&
    trace.found.by === 'hunt' &&
    f.seed === trace.found.seed &&
    f.maxSteps === trace.found.maxSteps &&
    f.strategy === trace.found.strategy;
  let fresh = trace;
  if (inst && !sameRun && f.by === 'hunt') {
    const again = hunt(inst, {
      seed: f.seed,
      runs: Math.max(f.runs, 1),
      maxSteps: f.maxSteps,
      strategy: isStrategy(f.strategy) ? f.strategy : undefined,
      target: committed.property.name,
      modelRef: committed.model,
    });
    if (again.trace && traceJson(recordedAt(again.trace, cmp.file)) === traceJson(committed)) return;
    if (!again.trace)
      fail(
        `${cmp.file} no longer reproduces from its own seed ${f.seed}: nothing found; if the change is intended, rerun with RACEHUNT_UPDATE_TRACES=1 and review the diff`,
        expectCounterexample,
      );
    fresh = again.trace;
  }
  fail(
    `the shrunk trace for ${where} differs from the committed ${cmp.file}: ${firstDifference(committed, fresh)}.\nIf the change is intended, rerun with RACEHUNT_UPDATE_TRACES=1 and review the diff. The trace found now:\n\n${shown(fresh, inst)}`,
    inst ? expectCounterexample : undefined,
  );
}

/**
 * Traces found by `racehunt schedule` record an implementation's operations, not a model's steps:
 * they are replayed by their implementation's own tests (engine/async), not here.
 */
function isScheduleTrace(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { found?: { by?: unknown } }).found?.by === 'schedule';
  } catch {
    return false; // a malformed file is the replay test's to report
  }
}

/**
 * The catalog's model for a committed trace: by its catalog name; a trace that names its model by
 * path (relative to the trace file) by the folder it is saved in, <model name>/<variant>/, since a
 * path read from a trace is never imported.
 */
async function catalogModelOf(trace: Trace, underRoot: string, catalog: Catalog): Promise<LoadedModel> {
  if (!looksLikePath(trace.model)) return loadModel(trace.model, catalog);
  const name = underRoot.split(/[\\/]/)[0] ?? '';
  const key = Object.keys(catalog).find((k) => catalog[k]?.model.name === name);
  if (key === undefined)
    fail(
      `${underRoot} names its model by path (${trace.model}), and no model of the catalog is named "${name}": add it to the catalog given to describeCommittedTraces (a path read from a trace is never imported)`,
      describeCommittedTraces,
    );
  return loadModel(key, catalog);
}

/**
 * Every committed trace under root replays on its own variant, with no drift in what each step
 * changes. Given systems of code instead of a catalog: every committed schedule trace of each
 * (under root/<system>/) re-runs from its path, byte for byte, .md twin included.
 */
export function describeCommittedTraces(
  catalog: Catalog | readonly System[],
  root: string = DEFAULT_TRACES_ROOT,
): void {
  if (Array.isArray(catalog)) {
    for (const system of catalog as readonly System[]) describeScheduleTraceFiles(system, root);
    return;
  }
  const files = existsSync(root)
    ? (readdirSync(root, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.json') && !isScheduleTrace(join(root, f)))
        .sort()
    : [];
  describe(`committed traces under ${root}/`, () => {
    it('there is at least one committed trace', () => {
      expect(files.length).toBeGreaterThan(0);
    });
    for (const f of files) {
      const file = join(root, f);
      it(`${f} reproduces`, async () => {
        const trace = loadTrace(file);
        const m = await catalogModelOf(trace, f, catalog as Catalog);
        const r = replay(m.model, trace, file);
        expect(r.reproduced, `${file}: ${r.summary}`).toBe(true);
        expect(r.finding?.atStep, `${file}: ${r.summary}`).toBe(trace.steps.length);
        expect(
          r.drift,
          `${file}: steps ${r.drift.join(', ')} change different fields than recorded; re-save it`,
        ).toEqual([]);
        // The readable twin is the twin of this JSON (its first line carries the JSON's hash).
        const md = file.replace(/\.json$/, '.md');
        expect(
          existsSync(md) ? readFileSync(md, 'utf8').split('\n')[0] : '(no .md twin)',
          `${md} is not the twin of ${file}; re-render it with npm run traces:render`,
        ).toBe(twinTag(trace));
      });
    }
  });
}

/** Where a schedule search looked, and how much: for its failure messages. */
const searched = (r: ScheduleResult) =>
  `${r.runs} runs (seed ${r.seed}, ${r.strategy}): ${r.coverage.steps} steps taken`;

function scheduledCounterexample(r: ScheduleResult, { system, opts, where }: Asked<string>): Trace {
  if (!r.trace || r.trace.outcome !== 'counterexample')
    fail(`expected a counterexample to ${where}, found none in ${searched(r)}`);
  if (opts.print === true) console.log(renderTerminal(r.trace, { color: false }));
  if (opts.committed !== false) pin(r.trace, system, where, opts.tracesRoot);
  return r.trace;
}

function scheduledWitness(r: ScheduleResult, { property, system, variant }: Asked<string>): Trace {
  if (r.trace?.outcome !== 'witness')
    fail(`expected to reach ${property} in ${system.name} / ${variant}, never reached in ${searched(r)}`);
  return r.trace;
}

function scheduledSurvival(r: ScheduleResult, { opts, where }: Asked<string | undefined>): ScheduleResult {
  if (r.trace)
    fail(
      `expected ${where} to survive, but found this counterexample (seed ${r.seed}, run ${r.runs}):\n\n${shown(r.trace)}`,
    );
  if (r.unreached.length > 0)
    fail(
      `${where} survived vacuously: never reached ${r.unreached.join(', ')} in ${r.runs} runs (seed ${r.seed}); raise the budget's runs or maxSteps`,
    );
  if (opts.print === true) console.log(coverageText(r));
  return r;
}

/** A system's committed schedule traces: each re-runs from its own path, byte for byte, and its .md twin is its rendering. */
function describeScheduleTraceFiles(system: System, root: string): void {
  const dir = join(root, system.name);
  const files = existsSync(dir)
    ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort()
    : [];
  describe(`committed schedule traces under ${dir}/`, () => {
    it('there is at least one', () => expect(files.length).toBeGreaterThan(0));
    for (const f of files) {
      const file = join(dir, f);
      it(`${f} replays byte for byte`, async () => {
        const trace = loadTrace(file);
        const r = await replayScheduleTrace(system, trace, file);
        expect(r.reproduced, `${file}: ${r.summary}`).toBe(true);
        expect(r.rebuilt && traceJson(r.rebuilt), `${file}: ${r.summary}`).toBe(traceJson(trace));
        const md = file.replace(/\.json$/, '.md');
        if (updating() && readFileSync(md, 'utf8') !== renderMarkdown(trace, { file })) saveTrace(trace, system, root);
        expect(
          readFileSync(md, 'utf8'),
          `${md} is not the rendering of its trace; rerun with RACEHUNT_UPDATE_TRACES=1`,
        ).toBe(renderMarkdown(trace, { file }));
      });
    }
  });
}

// Renamed when models and code got one set of helpers: each fails in one line naming its new name.
/** @deprecated expectCounterexample(system, variant, property, opts), awaited */
export const expectRace = renamedExport('expectRace', 'expectCounterexample (the same for systems as for models)');
/** @deprecated expectSurvives(system, variant, property?, opts), awaited */
export const expectNoRace = renamedExport(
  'expectNoRace',
  'expectSurvives(system, variant, property?, opts) (the same for systems as for models)',
);
/** @deprecated describeCommittedTraces([system, …]) */
export const describeScheduleTraces = renamedExport(
  'describeScheduleTraces',
  'describeCommittedTraces([systems]) (the same for systems as for a catalog)',
);

/** What `racehunt …` printed and returned (runCli). */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `racehunt <argv>` in this process on a catalog, with stdout and stderr captured: the exit
 * codes and output of the command line, without the half second a child process costs to start.
 * `catalogModule` is the catalog's module, for commands that start worker threads (--workers).
 */
export async function runCli(
  argv: readonly string[],
  catalog: Catalog,
  opts: { catalogModule?: string; interrupt?: Interrupt } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${a.join(' ')}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(`${a.join(' ')}\n`)),
    vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true)),
    vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true)),
  ];
  try {
    const code = await main(argv, catalog, opts.catalogModule, opts.interrupt);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}
