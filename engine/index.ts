/**
 * racehunt's public API. A model file imports the kit and the argument domains; tests, benches
 * and tools built on racehunt use the rest: bind a model to a variant, hunt it, explore it, replay
 * a trace, render one, judge outcomes against a manifest. Nothing outside engine/ imports any other
 * engine file (a test enforces it); vitest helpers are in `engine/vitest.ts` (`racehunt/vitest`).
 */

// Writing a model
export { model, modelKit, isModel, DEFAULT_VARIANT } from './core/model.ts';
export type {
  Model,
  ModelDef,
  AnyModel,
  Action,
  ActionDef,
  ActionSpec,
  Property,
  PropertyKind,
  Verdict,
  Ctx,
  Params,
  ParamSpec,
  Variant,
  Column,
  Clock,
  Draft,
} from './core/model.ts';
export { range, oneOf, record, subsets, sampled } from './core/domain.ts';
export type { Domain, DomainLike } from './core/domain.ts';
export type { Metastability, MapCell, MapVerdict, MapAxis, MapScale } from './core/metastability.ts';
export { isMetastability } from './core/metastability.ts';
export { variantCells, variantDocs, type Setting } from './map/cell.ts';
// Timed models: a clock with a horizon and urgent steps, the rules a tick reads, a backlog's cost
export { TIME, timed, tickRules, backlogCost, servableQueue } from './core/timed.ts';
export type { Timed, TimedDef, TickRules } from './core/timed.ts';

// Running one
export { RacehuntError } from './core/errors.ts';
export { configure } from './core/instance.ts';
export type { Instance, Choice, Change } from './core/instance.ts';
export { Run } from './core/run.ts';
export type { Finding } from './core/run.ts';
export type { Outcome, Expectation } from './core/outcome.ts';
export { replay } from './core/replay.ts';
export type { ReplayResult, ReplayOptions } from './core/replay.ts';
export { loadTrace, validateTrace, traceJson, statesOf, TRACE_FORMAT } from './core/trace.ts';
export type { Trace, TraceStep, Provenance } from './core/trace.ts';

// Explorers
export { hunt } from './hunt/hunt.ts';
export { DEFAULT_PROVE_BUDGET, DEFAULT_WORK } from './hunt/budget.ts';
export type { HuntOptions, HuntResult, HuntProgress, Coverage, Interruption } from './hunt/hunt.ts';
export { STRATEGIES, DEFAULT_STRATEGY, isStrategy, strategiesFor, strategyDoc } from './core/strategies.ts';
export { minimize, shortest, SHORTEST_BUDGET } from './hunt/polish.ts';
export type { StrategyName, StrategyDomain, CodeStrategy, AnyStrategy } from './core/strategies.ts';
export { huntInParallel } from './project/parallel.ts';
export { explore, DEFAULT_MAX_STATES, DEFAULT_MAX_MEMORY_BYTES } from './explore/explore.ts';
export type { ExploreOptions, ExploreResult, PropertyResult, InstanceSource } from './explore/explore.ts';
export { exploreSource } from './project/explore-source.ts';
export { sweep } from './map/sweep.ts';
export type { MapResult } from './map/sweep.ts';

// Renderers
export { renderTerminal } from './render/terminal.ts';
export { renderMarkdown, mermaid } from './render/markdown.ts';
export { renderSvg as renderMapSvg, renderText as renderMapText } from './render/map.ts';
export { catalogTable } from './render/catalog.ts';

// A project: models by name or path, manifests, saved traces
export { fromCatalog, fromModule, loadModel, withOutcomes } from './project/load.ts';
export type { Catalog, CatalogEntry, LoadedModel } from './project/load.ts';
export { readManifest, budgetFor, everyOutcome, unjudged, DEFAULT_SEED, DEFAULT_BUDGET } from './project/manifest.ts';
export type { Manifest, ExpectedOutcome, Budget, Configuration } from './project/manifest.ts';
export { huntExpected, outcomeOf, compareWithCommitted } from './project/judge.ts';
export { saveTrace, DEFAULT_TRACES_ROOT } from './project/save.ts';

// The command line
export { main } from './cli/main.ts';
export { composeKit, type Part, type PartBinding, type LiftOptions } from './core/compose.ts';
export type { Scenario, ScenarioRun, ScenarioSpec } from './core/scenario.ts';
