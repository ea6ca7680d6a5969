/**
 * Expected outcomes, kept next to each model (as tlaplus/Examples keeps manifest.json): which
 * variant must break which property, which must hold within what budget, which `sometimes` must be
 * reached. Tests, `npm start` and CI all judge results against it, and README tables quote it.
 */
import { builtinNames } from '../core/builtin.ts';
import { RacehuntError } from '../core/errors.ts';
import type { AnyCtx, AnyModel } from '../core/model.ts';
import type { Expectation } from '../core/outcome.ts';
import { isStrategy, type StrategyName } from '../hunt/strategy.ts';

/** The seed racehunt uses unless told otherwise: the day the outage began. */
export const DEFAULT_SEED = 20251019;

export interface Budget {
  readonly seed: number;
  readonly runs: number;
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
  /** Ground truth: the explorer proves this "holds" in every reachable state at the default parameters. */
  readonly proved?: boolean;
}

export interface Manifest {
  readonly budget: Budget;
  readonly outcomes: readonly ExpectedOutcome[];
  /** Ground truth: reachable states per variant at the default parameters (the model alone, no symmetry). */
  readonly reachable: Readonly<Record<string, number>>;
}

type Entry =
  | Expectation
  | {
      expect: Expectation;
      seed?: number;
      runs?: number;
      maxSteps?: number;
      strategy?: string;
      prove?: number;
      shortestBudget?: number;
      note?: string;
      shortest?: number;
      proved?: boolean;
    };

/** The JSON shape of manifest.json, as written by hand. */
export interface ManifestJson {
  readonly budget: Budget;
  readonly variants: Readonly<Record<string, Readonly<Record<string, Entry>>>>;
  readonly reachable?: Readonly<Record<string, number>>;
}

/** Check a manifest against its model (names, kinds) and flatten it into outcomes. */
export function readManifest(model: AnyModel, json: unknown): Manifest {
  const bad = (what: string) => new RacehuntError('bad-model', `manifest of model "${model.name}": ${what}`);
  if (typeof json !== 'object' || json === null) throw bad('expected an object');
  const m = json as Partial<ManifestJson>;
  const budget = m.budget;
  if (
    !budget ||
    !isCount(budget.seed, 0) ||
    budget.seed > 0xffffffff ||
    !isCount(budget.runs, 1) ||
    !isCount(budget.maxSteps, 1)
  )
    throw bad('"budget" needs integer seed (0 ≤ seed < 2³²), runs and maxSteps');
  const strategyOf = (s: string | undefined, where: string): StrategyName | undefined => {
    if (s === undefined) return undefined;
    if (!isStrategy(s)) throw bad(`${where}: unknown strategy "${s}"`);
    return s;
  };
  const defaultStrategy = strategyOf(budget.strategy, 'budget');
  const outcomes: ExpectedOutcome[] = [];
  for (const [variant, props] of Object.entries(m.variants ?? {})) {
    if (!Object.hasOwn(model.variants, variant))
      throw bad(`unknown variant "${variant}" (known: ${Object.keys(model.variants).join(', ')})`);
    for (const [property, entry] of Object.entries(props)) {
      const known = [
        ...model.properties,
        ...builtinNames(model).filter((b) => !model.properties.some((p) => p.name === b.name)),
      ];
      const p = known.find((x) => x.name === property);
      if (!p) throw bad(`unknown property "${property}" (known: ${known.map((x) => x.name).join(', ')})`);
      const e = typeof entry === 'string' ? { expect: entry } : entry;
      const fits =
        p.kind === 'sometimes' ? e.expect === 'reached' : e.expect === 'counterexample' || e.expect === 'holds';
      if (p.kind === 'sometimes' && 'applies' in p && !p.applies(defaultCtx(model, variant)))
        throw bad(
          `${variant} / ${property}: this witness does not apply to variant ${variant}, so it cannot be expected to be reached there`,
        );
      if (!fits) throw bad(`${variant} / ${property}: a ${p.kind} property cannot be expected to be "${e.expect}"`);
      const strategy = strategyOf(e.strategy, `${variant} / ${property}`) ?? defaultStrategy;
      const prove = e.prove ?? budget.prove;
      const shortestBudget = e.shortestBudget ?? budget.shortestBudget;
      if (shortestBudget !== undefined && !isCount(shortestBudget, 0))
        throw bad(`${variant} / ${property}: "shortestBudget" must be a count of states (0 or more)`);
      if (e.seed !== undefined && (!isCount(e.seed, 0) || e.seed > 0xffffffff))
        throw bad(`${variant} / ${property}: "seed" must be an integer in [0, 2³²)`);
      if ((e.runs !== undefined && !isCount(e.runs, 1)) || (e.maxSteps !== undefined && !isCount(e.maxSteps, 1)))
        throw bad(`${variant} / ${property}: "runs" and "maxSteps" must be positive integers`);
      if (prove !== undefined && !isCount(prove, 0))
        throw bad(`${variant} / ${property}: "prove" must be a whole number of states`);
      const b: Budget = {
        seed: e.seed ?? budget.seed,
        runs: e.runs ?? budget.runs,
        maxSteps: e.maxSteps ?? budget.maxSteps,
        ...(strategy ? { strategy } : {}),
        ...(prove !== undefined ? { prove } : {}),
        ...(shortestBudget !== undefined ? { shortestBudget } : {}),
      };
      if (e.shortest !== undefined && (!isCount(e.shortest, 0) || e.expect === 'holds'))
        throw bad(`${variant} / ${property}: "shortest" must be a step count, and only for an outcome that is found`);
      if (e.proved !== undefined && (e.proved !== true || e.expect !== 'holds'))
        throw bad(`${variant} / ${property}: "proved" may only be true, for a "holds" outcome`);
      outcomes.push({
        variant,
        property,
        expect: e.expect,
        budget: b,
        ...(e.note ? { note: e.note } : {}),
        ...(e.shortest !== undefined ? { shortest: e.shortest } : {}),
        ...(e.proved ? { proved: true } : {}),
      });
    }
  }
  const reachable: Record<string, number> = {};
  for (const [variant, n] of Object.entries(m.reachable ?? {})) {
    if (!Object.hasOwn(model.variants, variant)) throw bad(`"reachable": unknown variant "${variant}"`);
    if (!isCount(n, 1)) throw bad(`"reachable" of ${variant} must be a positive integer`);
    reachable[variant] = n;
  }
  return { budget, outcomes, reachable };
}

function isCount(x: unknown, min: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min;
}

/** The context of a variant at the model's default parameters (what a manifest's hunts run). */
function defaultCtx(model: AnyModel, variant: string): AnyCtx {
  const params = Object.fromEntries(Object.entries(model.params).map(([k, spec]) => [k, spec.default]));
  return { params, switches: model.variants[variant]?.switches, variantName: variant };
}

/** The budget of a hunt when the model has no manifest (budgets live only in manifests). */
export const DEFAULT_BUDGET: Budget = { seed: DEFAULT_SEED, runs: 1000, maxSteps: 50 };

/** A hunt's budget: the manifest's entry for (variant, property), else its default, else racehunt's. */
export function budgetFor(manifest: Manifest | undefined, variant: string, property: string | undefined): Budget {
  const entry = manifest?.outcomes.find((o) => o.variant === variant && o.property === property);
  return entry?.budget ?? manifest?.budget ?? DEFAULT_BUDGET;
}
