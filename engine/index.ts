/**
 * racehunt's public API: what a model file imports (the kit and argument domains) and what tools
 * built on the engine use (configure, hunt, replay, traces, renderings).
 */
export { modelKit, isModel } from './model.ts';
export type { Model, AnyModel, Action, Property, Verdict, Ctx, Params, ParamSpec, Variant, Column, Clock } from './model.ts';
export { range, oneOf, record } from './domain.ts';
export type { Domain } from './domain.ts';
export { RacehuntError } from './errors.ts';
export { configure } from './instance.ts';
export type { Instance, Choice, Change } from './instance.ts';
export { hunt } from './hunt.ts';
export type { HuntOptions, HuntResult, Coverage } from './hunt.ts';
export type { Trace, TraceStep } from './trace.ts';
export { isMetastability } from './metastability.ts';
export type { Metastability, MapCell, MapVerdict, MapAxis, MapScale } from './metastability.ts';
export { explore } from './explore.ts';
export type { ExploreOptions, ExploreResult, PropertyResult } from './explore.ts';
export { replay } from './replay.ts';
export type { ReplayResult } from './replay.ts';
export { loadTrace, validateTrace, traceJson, statesOf, TRACE_FORMAT } from './trace.ts';
export { fromCatalog, loadModel } from './load.ts';
export type { Catalog, CatalogEntry, LoadedModel } from './load.ts';
export { renderTerminal } from './render/terminal.ts';
export { renderMarkdown } from './render/markdown.ts';
