/**
 * vitest helpers: one line per expectation in a model's property file.
 *
 *   expectCounterexample(dns, 'as-2025', 'endpoint-never-empty');  // found, printed, matches the committed trace
 *   expectSurvives(dns, 'fixed', 'endpoint-never-empty', { runs: 5000 });
 *   describeManifest(dns);        // one test per expected outcome in models/dns/manifest.json
 *   describeCommittedTraces();    // replay every trace under shrunk-traces/
 *
 * Test names never contain a seed (they stay stable); the seed is in every failure message.
 * Set RACEHUNT_UPDATE_TRACES=1 to rewrite the committed traces instead of comparing with them.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HuntOptions, HuntResult } from './hunt.ts';
import { hunt } from './hunt.ts';
import { configure, type Instance } from './instance.ts';
import { loadModel, type Catalog, type LoadedModel } from './load.ts';
import { budgetFor, type Budget, type ExpectedOutcome } from './manifest.ts';
import { compareWithCommitted } from './outcomes.ts';
import { renderTerminal } from './render/terminal.ts';
import { replay } from './replay.ts';
import { DEFAULT_TRACES_ROOT, saveTrace } from './save.ts';
import { loadTrace, traceJson, type Trace } from './trace.ts';
import { isStrategy } from './strategy.ts';

export interface ExpectOptions extends Partial<Budget> {
  readonly params?: Readonly<Record<string, number>>;
  /** Compare with (or, under RACEHUNT_UPDATE_TRACES=1, write) the committed trace. Default true. */
  readonly committed?: boolean;
  /** Print the shrunk trace (default true). */
  readonly print?: boolean;
  readonly timeBudgetMs?: number;
  readonly tracesRoot?: string;
}

const updating = () => process.env.RACEHUNT_UPDATE_TRACES === '1';

/** Hunt with a fixed budget: the option, else the manifest's entry, else the model's default. */
export function huntFor(m: LoadedModel, variant: string, property: string | undefined, opts: ExpectOptions = {}): { inst: Instance; result: HuntResult } {
  const inst = configure(m.model, variant, opts.params ?? {});
  const base = budgetFor(m.manifest, variant, property);
  const huntOpts: HuntOptions = {
    seed: opts.seed ?? base.seed,
    runs: opts.runs ?? base.runs,
    maxSteps: opts.maxSteps ?? base.maxSteps,
    strategy: opts.strategy ?? base.strategy,
    shortestBudget: opts.shortestBudget ?? base.shortestBudget,
    target: property,
    modelRef: m.ref,
    ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
  };
  return { inst, result: hunt(inst, huntOpts) };
}

/** This variant has a counterexample for this property: assert it, print it, pin it. */
export function expectCounterexample(m: LoadedModel, variant: string, property: string, opts: ExpectOptions = {}): Trace {
  const { inst, result } = huntFor(m, variant, property, opts);
  const where = `${m.ref} / ${variant} / ${property} (seed ${result.seed}, ${result.runs} runs)`;
  expect(result.trace, `expected a counterexample for ${where}, found none`).not.toBeNull();
  const trace = result.trace!;
  expect(trace.outcome, `expected a counterexample for ${where}`).toBe('counterexample');
  if (opts.print !== false) console.log(renderTerminal(trace, { color: false, model: inst.model, ctx: inst.ctx }));
  if (opts.committed !== false && opts.params === undefined) pin(trace, inst, where, opts.tracesRoot);
  return trace;
}

/** This `sometimes` property is reachable in this variant: assert it and return the shrunk witness. */
export function expectReached(m: LoadedModel, variant: string, property: string, opts: ExpectOptions = {}): Trace {
  const { result } = huntFor(m, variant, property, opts);
  expect(result.trace?.outcome, `expected to reach ${property} in ${m.ref} / ${variant} (seed ${result.seed}, ${result.runs} runs)`).toBe('witness');
  return result.trace!;
}

/**
 * This variant survives the budget: no counterexample to `property` (or to any property when
 * omitted), and every `sometimes` property was reached, so the green run is not vacuous.
 */
export function expectSurvives(m: LoadedModel, variant: string, property?: string, opts: ExpectOptions = {}): HuntResult {
  const { inst, result } = huntFor(m, variant, property, opts);
  const where = `${m.ref} / ${variant} / ${property ?? 'every property'} (seed ${result.seed}, ${result.runs} runs)`;
  if (result.trace) console.log(renderTerminal(result.trace, { color: false, model: inst.model, ctx: inst.ctx }));
  expect(result.trace, `expected ${where} to survive, but found a counterexample (printed above)`).toBeNull();
  expect(result.unreached, `${where} survived vacuously: these sometimes properties were never reached`).toEqual([]);
  return result;
}

/** One test per expected outcome of the model's manifest. */
export function describeManifest(m: LoadedModel, opts: { tracesRoot?: string } = {}): void {
  if (!m.manifest) throw new Error(`model ${m.ref} has no manifest`);
  describe(`${m.ref}: expected outcomes`, () => {
    for (const o of m.manifest!.outcomes) it(titleOf(o), () => judge(m, o, opts.tracesRoot));
  });
}

function titleOf(o: ExpectedOutcome): string {
  const verb = o.expect === 'counterexample' ? 'breaks' : o.expect === 'holds' ? 'holds' : 'reaches';
  return `${o.variant} ${verb} ${o.property}`;
}

function judge(m: LoadedModel, o: ExpectedOutcome, tracesRoot: string | undefined): void {
  const opts = tracesRoot === undefined ? {} : { tracesRoot };
  if (o.expect === 'counterexample') expectCounterexample(m, o.variant, o.property, opts);
  else if (o.expect === 'reached') expectReached(m, o.variant, o.property, opts);
  else expectSurvives(m, o.variant, o.property, opts);
}

/**
 * Pin a fresh trace to the committed file: same bytes when hunted with the same seed and budget.
 * A committed trace found with another seed is re-hunted with that seed and compared in turn, so
 * every committed trace stays byte-for-byte reproducible.
 */
function pin(trace: Trace, inst: Instance, where: string, root: string = DEFAULT_TRACES_ROOT): void {
  const cmp = compareWithCommitted(trace, inst.model.name, root);
  if (updating()) {
    if (cmp.status !== 'same') saveTrace(trace, inst, root);
    return;
  }
  if (cmp.status === 'none') return;
  if (cmp.status === 'same') return;
  const committed = loadTrace(cmp.file);
  const f = committed.found;
  const sameRun = f.by === 'hunt' && trace.found.by === 'hunt' && f.seed === trace.found.seed && f.maxSteps === trace.found.maxSteps && f.strategy === trace.found.strategy;
  if (!sameRun && f.by === 'hunt') {
    const again = hunt(inst, { seed: f.seed, runs: Math.max(f.runs, 1), maxSteps: f.maxSteps, strategy: isStrategy(f.strategy) ? f.strategy : undefined, target: committed.property.name, modelRef: committed.model });
    expect(again.trace && traceJson(again.trace), `${cmp.file} no longer reproduces byte for byte from its own seed ${f.seed}; rerun with RACEHUNT_UPDATE_TRACES=1 and review the diff`).toBe(traceJson(committed));
    return;
  }
  if (f.by === 'hunt') {
    expect(traceJson(trace), `the shrunk trace for ${where} differs from the committed ${cmp.file}; if the change is intended, run RACEHUNT_UPDATE_TRACES=1 npm test and review the diff`).toBe(cmp.committed);
  }
}

/** Every committed trace under root replays on its own variant, with no drift in what each step changes. */
export function describeCommittedTraces(catalog: Catalog, root: string = DEFAULT_TRACES_ROOT): void {
  const files = existsSync(root) ? (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort() : [];
  describe(`committed traces under ${root}/`, () => {
    it('there is at least one committed trace', () => {
      expect(files.length).toBeGreaterThan(0);
    });
    for (const f of files) {
      const file = join(root, f);
      it(`${f} reproduces`, async () => {
        const trace = loadTrace(file);
        const m = await loadModel(trace.model, catalog);
        const r = replay(m.model, trace, file);
        expect(r.reproduced, `${file}: ${r.summary}`).toBe(true);
        expect(r.finding?.atStep, `${file}: ${r.summary}`).toBe(trace.steps.length);
        expect(r.drift, `${file}: steps ${r.drift.join(', ')} change different fields than recorded; re-save it`).toEqual([]);
      });
    }
  });
}

