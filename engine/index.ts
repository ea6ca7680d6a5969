/**
 * racehunt's public API: what a model file imports (the kit and argument domains) and what tools
 * built on the engine use (configure, hunt, replay, traces, renderings).
 */
export { modelKit, isModel } from './core/model.ts';
export type { Model, AnyModel, Action, Property, Verdict, Ctx, Params, ParamSpec, Variant, Column, Clock } from './core/model.ts';
export { range, oneOf, record } from './core/domain.ts';
export type { Domain } from './core/domain.ts';
export { RacehuntError } from './core/errors.ts';
export { configure } from './core/instance.ts';
export type { Instance, Choice, Change } from './core/instance.ts';
export { hunt } from './hunt/hunt.ts';
export type { HuntOptions, HuntResult, Coverage } from './hunt/hunt.ts';
export type { Trace, TraceStep } from './core/trace.ts';
export { isMetastability } from './core/metastability.ts';
export type { Metastability, MapCell, MapVerdict, MapAxis, MapScale } from './core/metastability.ts';
export { explore } from './explore/explore.ts';
export type { ExploreOptions, ExploreResult, PropertyResult } from './explore/explore.ts';
export { replay } from './core/replay.ts';
export type { ReplayResult } from './core/replay.ts';
export { loadTrace, validateTrace, traceJson, statesOf, TRACE_FORMAT } from './core/trace.ts';
export { fromCatalog, loadModel } from './project/load.ts';
export type { Catalog, CatalogEntry, LoadedModel } from './project/load.ts';
export { renderTerminal } from './render/terminal.ts';
export { renderMarkdown } from './render/markdown.ts';
