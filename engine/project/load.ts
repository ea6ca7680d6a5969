/**
 * Finding a model by name (the catalog in models/index.ts) or by path (a TypeScript module in the
 * user's own repository that exports a model), so that every command accepts either.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RacehuntError, messageOf, unknownName } from '../core/errors.ts';
import { readManifest, type Manifest } from './manifest.ts';
import { isModel, type AnyModel } from '../core/model.ts';

/**
 * What a model module exports, by catalog name: the model, and (as plain JSON) its manifest of
 * expected outcomes; the engine validates the manifest against the model when it loads it.
 */
export interface CatalogEntry {
  readonly model: AnyModel;
  readonly manifest?: unknown;
  readonly metastability?: unknown;
}

export type Catalog = Readonly<Record<string, CatalogEntry>>;

export interface LoadedModel {
  /** How traces name it: the catalog name, or the module path relative to the working directory. */
  readonly ref: string;
  readonly model: AnyModel;
  readonly manifest?: Manifest | undefined;
}

/** A reference is a path when it looks like one: it has a slash or a module extension. */
export function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ts|mts|js|mjs)(#.*)?$/.test(ref);
}

/** A catalog model by name. */
export function fromCatalog(catalog: Catalog, name: string): LoadedModel {
  const entry = Object.hasOwn(catalog, name) ? catalog[name] : undefined;
  if (!entry) throw unknownName('model', name, Object.keys(catalog));
  return { ref: name, model: entry.model, manifest: entry.manifest === undefined ? undefined : readManifest(entry.model, entry.manifest) };
}

export async function loadModel(ref: string, catalog: Catalog): Promise<LoadedModel> {
  if (!looksLikePath(ref)) return fromCatalog(catalog, ref);
  const [file = '', exportName] = ref.split('#');
  const abs = resolve(file);
  if (!existsSync(abs)) throw new RacehuntError('unknown-name', `no model module at ${file}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    throw new RacehuntError('bad-model', `cannot load model module ${file}: ${messageOf(e)}`);
  }
  const models = Object.entries(mod).filter(([, v]) => isModel(v)) as [string, AnyModel][];
  let chosen: [string, AnyModel] | undefined;
  if (exportName) {
    chosen = models.find(([k]) => k === exportName);
    if (!chosen) throw unknownName('model export', exportName, models.map(([k]) => k), `in ${file}`);
  } else if (models.length === 1) {
    chosen = models[0];
  } else if (models.length === 0) {
    throw new RacehuntError('bad-model', `${file} exports no racehunt model (build one with modelKit().model({...}) and export it)`);
  } else {
    chosen = models.find(([k]) => k === 'default');
    if (!chosen) throw new RacehuntError('usage', `${file} exports several models (${models.map(([k]) => k).join(', ')}): name one as ${file}#<export>`);
  }
  if (!chosen) throw new RacehuntError('bad-model', `${file} exports no racehunt model`);
  const [, model] = chosen;
  const manifest = mod.manifest === undefined ? undefined : readManifest(model, mod.manifest);
  const rel = relative(process.cwd(), abs);
  const shown = isAbsolute(rel) || rel.startsWith('..') ? abs : `./${rel}`;
  return { ref: exportName ? `${shown}#${exportName}` : shown, model, manifest };
}
