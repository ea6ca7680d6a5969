/**
 * Expected outcomes, kept next to each model (as tlaplus/Examples keeps manifest.json): which
 * variant must break which property, which must hold within what budget, which `sometimes` must be
 * reached. Tests, `npm start` and CI all judge results against it, and README tables quote it.
 */
import { builtinNames } from '../core/builtin.ts';
import { RacehuntError } from '../core/errors.ts';
import { schemaError } from '../core/schema.ts';
import { resolveParams } from '../core/instance.ts';
import { makeCtx, type AnyCtx, type AnyModel } from '../core/model.ts';
import type { Expectation } from '../core/outcome.ts';
import { DEFAULT_MAX_STEPS } from '../hunt/hunt.ts';
import { isStrategy, type StrategyName } from '../hunt/strategy.ts';

/** The seed racehunt uses unless told otherwise: the day the outage began. */
export const DEFAULT_SEED = 20251019;

export interface Budget {
  readonly seed: number;
  /** The budget of work, states explored plus steps sampled (HuntOptions.budget); default: racehunt's, unless runs are given. */
  readonly work?: number;
  /** At most this many runs (a budget in runs, as manifests first gave it: then no work budget applies unless `work` is given). */
  readonly runs?: number;
  readonly maxSteps: number;
  /** Scheduling strategy; default: the engine's (auto). */
  readonly strategy?: StrategyName;
  /** States the hunt explores before it samples (see HuntOptions.proveBudget). */
  readonly prove?: number;
  /**
   * States the search for a shorter counterexample may visit after shrinking (HuntOptions
   * shortestBudget); 0 skips it, for a model whose branching is too wide for it ever to finish.
   */
  readonly shortestBudget?: number;
}

export interface ExpectedOutcome {
  readonly variant: string;
  readonly property: string;
  readonly expect: Expectation;
  readonly budget: Budget;
  /** Why, in a sentence, for the README and the summary. */
  readonly note?: string;
  /**
   * Ground truth from the exhaustive explorer at the model's default parameters: the length of the
   * shortest counterexample (or witness), for an outcome that is found.
   */
  readonly shortest?: number;
  /** Ground truth from the explorer: the breadth-first states it stored before it decided that outcome (how deep a bug is). */
  readonly statesBefore?: number;
  /**
   * For a "holds" the hunt does not prove at its budget: the depth its breadth-first phase must
   * complete (no counterexample of at most this many steps exists). The judgement checks it, so a
   * green outcome never promises less than its manifest says.
   */
  readonly bound?: number;
  /** Ground truth: the explorer proves this "holds" in every reachable state at the default parameters. */
  readonly proved?: boolean;
  /** The configuration this outcome is expected in (none: the model's defaults), and its parameters. */
  readonly configuration?: string;
  readonly params?: Readonly<Record<string, number>>;
}

export interface Manifest {
  readonly budget: Budget;
  readonly outcomes: readonly ExpectedOutcome[];
  /** Ground truth: reachable states per variant at the default parameters (the model alone, no symmetry). */
  readonly reachable: Readonly<Record<string, number>>;
  /** Outcomes expected beyond the defaults (everyOutcome lists them with the defaults' own). */
  readonly configurations: readonly Configuration[];
}

type Entry =
  | Expectation
  | {
      expect: Expectation;
      seed?: number;
      work?: number;
      runs?: number;
      maxSteps?: number;
      strategy?: string;
      prove?: number;
      shortestBudget?: number;
      note?: string;
      shortest?: number;
      statesBefore?: number;
      bound?: number;
      proved?: boolean;
    };

/** The JSON shape of manifest.json, as written by hand. */
export interface ManifestJson {
  readonly budget: Budget;
  readonly variants: Readonly<Record<string, Readonly<Record<string, Entry>>>>;
  readonly reachable?: Readonly<Record<string, number>>;
  readonly configurations?: Readonly<Record<string, ConfigurationJson>>;
}

/**
 * A configuration beyond the model's defaults, as tlaplus/Examples manifests list several `.cfg`
 * files for one spec: parameters (stressed ones: small knees and capacities, the boundary values of
 * a range) and the outcomes expected there. A fix that holds only under an assumption pins the
 * assumption as a configuration where it breaks, with its expected counterexample.
 */
export interface Configuration {
  readonly name: string;
  /** Why these parameters, in a sentence. */
  readonly doc: string;
  readonly params: Readonly<Record<string, number>>;
  readonly outcomes: readonly ExpectedOutcome[];
}

/** The JSON shape of a configuration in manifest.json. */
interface ConfigurationJson {
  readonly doc?: string;
  readonly params?: Readonly<Record<string, number>>;
  readonly budget?: Partial<Budget>;
  readonly variants?: Readonly<Record<string, Readonly<Record<string, Entry>>>>;
}

/** Check a manifest against its model (names, kinds) and flatten it into outcomes. */
export function readManifest(model: AnyModel, json: unknown): Manifest {
  const bad = (what: string) => new RacehuntError('bad-model', `manifest of model "${model.name}": ${what}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('expected an object');
  // Its shape is its JSON Schema's (schemas/manifest.schema.json, as editors check it); what the
  // schema cannot know (the model's names, kinds and parameter ranges) is checked below.
  const problem = schemaError('manifest', json);
  if (problem !== null) throw bad(problem);
  const m = json as Partial<ManifestJson>;
  const budget = m.budget;
  if (!budget || !isCount(budget.seed, 0) || budget.seed > 0xffffffff || !budgetCountsFit(budget))
    throw bad(BUDGET_NEEDS);
  const outcomes = readOutcomes(model, m.variants ?? {}, budget, {}, undefined, bad);
  const reachable: Record<string, number> = {};
  for (const [variant, n] of Object.entries(m.reachable ?? {})) {
    if (!Object.hasOwn(model.variants, variant)) throw bad(`"reachable": unknown variant "${variant}"`);
    if (!isCount(n, 1)) throw bad(`"reachable" of ${variant} must be a positive integer`);
    reachable[variant] = n;
  }
  const configurations = Object.entries(m.configurations ?? {}).map(([name, c]) =>
    readConfiguration(model, name, c, budget, bad),
  );
  return { budget, outcomes, reachable, configurations };
}

function readConfiguration(
  model: AnyModel,
  name: string,
  c: ConfigurationJson,
  budget: Budget,
  bad: (what: string) => RacehuntError,
): Configuration {
  const where = `configuration "${name}"`;
  if (typeof c !== 'object' || c === null) throw bad(`${where}: expected an object`);
  if (typeof c.doc !== 'string' || c.doc === '') throw bad(`${where}: "doc" must say why these parameters`);
  const params = c.params ?? {};
  if (Object.keys(params).length === 0) throw bad(`${where}: "params" must set at least one parameter`);
  for (const [k, v] of Object.entries(params)) {
    const spec = Object.hasOwn(model.params, k) ? model.params[k] : undefined;
    if (!spec) throw bad(`${where}: unknown parameter "${k}" (known: ${Object.keys(model.params).join(', ')})`);
    if (!Number.isInteger(v) || v < spec.min || v > spec.max)
      throw bad(`${where}: parameter ${k}=${v} is out of range [${spec.min}, ${spec.max}]`);
  }
  const own = { ...budget, ...(c.budget ?? {}) };
  if (!isCount(own.seed, 0) || own.seed > 0xffffffff || !budgetCountsFit(own)) throw bad(`${where}: ${BUDGET_NEEDS}`);
  const outcomes = readOutcomes(model, c.variants ?? {}, own, params, name, bad);
  if (outcomes.length === 0) throw bad(`${where}: expects no outcome`);
  return { name, doc: c.doc, params, outcomes };
}

/** The outcomes a manifest (or one of its configurations) expects, each with its whole budget. */
function readOutcomes(
  model: AnyModel,
  variants: Readonly<Record<string, Readonly<Record<string, Entry>>>>,
  budget: Budget,
  params: Readonly<Record<string, number>>,
  configuration: string | undefined,
  bad: (what: string) => RacehuntError,
): ExpectedOutcome[] {
  const strategyOf = (s: string | undefined, where: string): StrategyName | undefined => {
    if (s === undefined) return undefined;
    if (!isStrategy(s)) throw bad(`${where}: unknown strategy "${s}"`);
    return s;
  };
  const defaultStrategy = strategyOf(budget.strategy, 'budget');
  const known = [...model.properties, ...builtinNames(model)];
  const outcomes: ExpectedOutcome[] = [];
  for (const [variant, props] of Object.entries(variants)) {
    if (!Object.hasOwn(model.variants, variant))
      throw bad(`unknown variant "${variant}" (known: ${Object.keys(model.variants).join(', ')})`);
    const at = configuration === undefined ? variant : `${variant} [${configuration}]`;
    for (const [property, entry] of Object.entries(props)) {
      const p = known.find((x) => x.name === property);
      if (!p) throw bad(`unknown property "${property}" (known: ${known.map((x) => x.name).join(', ')})`);
      const e = typeof entry === 'string' ? { expect: entry } : entry;
      const fits =
        p.kind === 'sometimes' ? e.expect === 'reached' : e.expect === 'counterexample' || e.expect === 'holds';
      if (p.kind === 'sometimes' && 'applies' in p && !p.applies(ctxAt(model, variant, params)))
        throw bad(
          `${at} / ${property}: this witness does not apply to variant ${variant}, so it cannot be expected to be reached there`,
        );
      if (!fits) throw bad(`${at} / ${property}: a ${p.kind} property cannot be expected to be "${e.expect}"`);
      const strategy = strategyOf(e.strategy, `${at} / ${property}`) ?? defaultStrategy;
      const prove = e.prove ?? budget.prove;
      const shortestBudget = e.shortestBudget ?? budget.shortestBudget;
      if (shortestBudget !== undefined && !isCount(shortestBudget, 0))
        throw bad(`${at} / ${property}: "shortestBudget" must be a count of states (0 or more)`);
      if (e.seed !== undefined && (!isCount(e.seed, 0) || e.seed > 0xffffffff))
        throw bad(`${at} / ${property}: "seed" must be an integer in [0, 2³²)`);
      if (
        (e.runs !== undefined && !isCount(e.runs, 1)) ||
        (e.work !== undefined && !isCount(e.work, 1)) ||
        (e.maxSteps !== undefined && !isCount(e.maxSteps, 1))
      )
        throw bad(`${at} / ${property}: "work", "runs" and "maxSteps" must be positive integers`);
      const maxSteps = e.maxSteps ?? budget.maxSteps;
      const work = e.work ?? budget.work;
      if (work !== undefined && work < maxSteps)
        throw bad(`${at} / ${property}: a work budget of ${work} is too small to finish one run of ${maxSteps} steps`);
      const runs = e.runs ?? budget.runs;
      if (prove !== undefined && !isCount(prove, 0))
        throw bad(`${at} / ${property}: "prove" must be a whole number of states`);
      const b: Budget = {
        seed: e.seed ?? budget.seed,
        ...(work !== undefined ? { work } : {}),
        ...(runs !== undefined ? { runs } : {}),
        maxSteps,
        ...(strategy ? { strategy } : {}),
        ...(prove !== undefined ? { prove } : {}),
        ...(shortestBudget !== undefined ? { shortestBudget } : {}),
      };
      if (e.shortest !== undefined && (!isCount(e.shortest, 0) || e.expect === 'holds'))
        throw bad(`${at} / ${property}: "shortest" must be a step count, and only for an outcome that is found`);
      if (e.statesBefore !== undefined && (!isCount(e.statesBefore, 1) || e.shortest === undefined))
        throw bad(`${at} / ${property}: "statesBefore" must be a count of states, given with "shortest"`);
      if (e.bound !== undefined && (!isCount(e.bound, 0) || e.expect !== 'holds'))
        throw bad(`${at} / ${property}: "bound" must be a depth, and only for a "holds" outcome`);
      if (e.proved !== undefined && (e.proved !== true || e.expect !== 'holds'))
        throw bad(`${at} / ${property}: "proved" may only be true, for a "holds" outcome`);
      outcomes.push({
        variant,
        property,
        expect: e.expect,
        budget: b,
        ...(e.note ? { note: e.note } : {}),
        ...(e.shortest !== undefined ? { shortest: e.shortest } : {}),
        ...(e.statesBefore !== undefined ? { statesBefore: e.statesBefore } : {}),
        ...(e.bound !== undefined ? { bound: e.bound } : {}),
        ...(e.proved ? { proved: true } : {}),
        ...(configuration !== undefined ? { configuration, params } : {}),
      });
    }
  }
  return outcomes;
}

/**
 * The claims a manifest never judges: for each variant, the model's safety and progress properties
 * with no expected outcome there at the model's defaults. Such a claim is evaluated by no test and
 * no `racehunt all`, so whatever a change does to it on that variant goes unseen. (Witnesses are
 * not listed: every hunt of a variant watches every witness that applies to it.)
 */
export function unjudged(model: AnyModel, manifest: Manifest): { variant: string; properties: string[] }[] {
  return Object.keys(model.variants)
    .map((variant) => ({
      variant,
      properties: model.properties
        .filter((p) => p.kind !== 'sometimes')
        .filter((p) => !manifest.outcomes.some((o) => o.variant === variant && o.property === p.name))
        .map((p) => p.name),
    }))
    .filter((u) => u.properties.length > 0);
}

/** The manifest with only the outcomes `keep` admits, at the defaults and in each configuration (tests split a manifest over files). */
export function keepOutcomes(manifest: Manifest, keep: (o: ExpectedOutcome) => boolean): Manifest {
  return {
    ...manifest,
    outcomes: manifest.outcomes.filter(keep),
    configurations: manifest.configurations
      .map((c) => ({ ...c, outcomes: c.outcomes.filter(keep) }))
      .filter((c) => c.outcomes.length > 0),
  };
}

/** Every outcome a manifest expects: at the model's defaults, then in each configuration. */
export function everyOutcome(manifest: Manifest): readonly ExpectedOutcome[] {
  return [...manifest.outcomes, ...manifest.configurations.flatMap((c) => c.outcomes)];
}

/** "at knee=1 [knee-1]" for an outcome of a configuration; "" at the defaults. */
export function configurationLabel(o: Pick<ExpectedOutcome, 'configuration' | 'params'>): string {
  if (o.configuration === undefined) return '';
  const at = Object.entries(o.params ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return ` at ${at} [${o.configuration}]`;
}

const BUDGET_NEEDS =
  '"budget" needs integer seed (0 ≤ seed < 2³²) and maxSteps, and may give work (states and steps) and runs, positive integers';

/** A budget's counts: maxSteps, and work and runs when given, positive integers. */
function budgetCountsFit(b: Partial<Budget>): boolean {
  return (
    isCount(b.maxSteps, 1) &&
    (b.runs === undefined || isCount(b.runs, 1)) &&
    (b.work === undefined || isCount(b.work, 1))
  );
}

function isCount(x: unknown, min: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min;
}

/** The context of a variant at the model's default parameters, with some set (what a manifest's hunts run). */
function ctxAt(model: AnyModel, variant: string, set: Readonly<Record<string, number>>): AnyCtx {
  const params = { ...resolveParams(model), ...set };
  return makeCtx(params, model.variants[variant]?.switches, variant);
}

/**
 * The budget of a hunt when the model has no manifest (budgets live only in manifests): the default
 * budget of work (hunt/budget.ts), runs of at most DEFAULT_MAX_STEPS steps.
 */
export const DEFAULT_BUDGET: Budget = { seed: DEFAULT_SEED, maxSteps: DEFAULT_MAX_STEPS };

/** A hunt's budget: the manifest's entry for (variant, property), else its default, else racehunt's. */
export function budgetFor(manifest: Manifest | undefined, variant: string, property: string | undefined): Budget {
  const entry = manifest?.outcomes.find((o) => o.variant === variant && o.property === property);
  return entry?.budget ?? manifest?.budget ?? DEFAULT_BUDGET;
}
