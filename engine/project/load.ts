/**
 * Finding a model by name (the catalog handed in by whoever runs racehunt: bin/racehunt.mjs passes
 * the repository's models/index.ts) or by path (a module in the user's own repository that exports
 * a model), so that every command accepts either.
 *
 * Only a path the user gave (on the command line, or in their own config) is ever imported: a
 * trace file names its model, but that name is looked up in the catalog, never imported (see
 * replay's --model).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isA, messageOf, own, RacehuntError, unknownName } from '../core/errors.ts';
import { assertModel, isModel, type AnyModel } from '../core/model.ts';
import { looksLikePath } from '../core/trace.ts';
import { keepOutcomes, readManifest, type ExpectedOutcome, type Manifest } from './manifest.ts';

/**
 * What a model module exports: the model, and (as plain JSON) its manifest of expected outcomes,
 * which the engine validates against the model when it loads it; optionally a metastability map.
 */
export interface CatalogEntry {
  readonly model: AnyModel;
  readonly manifest?: unknown;
  readonly metastability?: unknown;
}

export type Catalog = Readonly<Record<string, CatalogEntry>>;

export interface LoadedModel {
  /**
   * How traces name it: the catalog name, or the module path relative to the working directory
   * (a saved trace records that path relative to its own folder: core/trace.ts recordedAt).
   */
  readonly ref: string;
  readonly model: AnyModel;
  readonly manifest?: Manifest | undefined;
  /** The module's other exports (a metastability map, …). */
  readonly module: Readonly<Record<string, unknown>>;
}

export { looksLikePath } from '../core/trace.ts';

/** A catalog model by name. */
export function fromCatalog(catalog: Catalog, name: string): LoadedModel {
  const entry = own(catalog, name);
  if (!entry) throw unknownName('model', name, Object.keys(catalog));
  const model = assertModel(entry.model, `catalog entry "${name}"`);
  return {
    ref: name,
    model,
    manifest: entry.manifest === undefined ? undefined : readManifest(model, entry.manifest),
    module: entry as unknown as Record<string, unknown>,
  };
}

/** A model by catalog name, or by the path of a module the user named (`file.ts` or `file.ts#export`). */
export async function loadModel(ref: string, catalog: Catalog): Promise<LoadedModel> {
  if (!looksLikePath(ref)) return fromCatalog(catalog, ref);
  const [file = '', exportName] = ref.split('#');
  return fromModule(await importModule(file), file, exportName);
}

/**
 * A model from a module already imported (a test file that imports its model: `import * as m from
 * './model.js'`), named by the module's path as the command line names it, so that its traces and
 * reproduce commands work from a shell: the module's only model export (or `model`, `default`, or
 * the one named), and its `manifest` export, validated against the model.
 */
export function fromModule(
  mod: Readonly<Record<string, unknown>>,
  path: string | URL,
  exportName?: string,
): LoadedModel {
  const file = typeof path === 'string' ? path : shownPath(fileURLToPath(path));
  const [name, candidate] = chooseExport(mod, file, exportName, isModel, {
    kind: 'model',
    build: 'modelKit().model({...})',
  });
  const model = assertModel(candidate, `export ${name} of ${file}`);
  const manifest = mod.manifest === undefined ? undefined : readManifest(model, mod.manifest);
  return { ref: exportName ? `${shownPath(file)}#${exportName}` : shownPath(file), model, manifest, module: mod };
}

/** What a module exports, for chooseExport: a model or a system, and how one is built. */
export interface ExportKind {
  readonly kind: 'model' | 'system';
  /** How one is built, for the error when the module exports none: `defineSystem({...})`. */
  readonly build: string;
}

/**
 * The export of a module a command works on: the one named after #, else its only export of the
 * kind (one object under several names, as `default` and `model`, is one export); every other case
 * is one line that says what to name. Several, even when one is `default`, are not racehunt's guess.
 */
export function chooseExport<T>(
  mod: Readonly<Record<string, unknown>>,
  file: string,
  exportName: string | undefined,
  is: (v: unknown) => v is T,
  what: ExportKind,
): [string, T] {
  const found = Object.entries(mod).filter((e): e is [string, T] => is(e[1]));
  if (exportName) {
    const named = found.find(([k]) => k === exportName);
    if (!named)
      throw unknownName(
        `${what.kind} export`,
        exportName,
        found.map(([k]) => k),
        `in ${file}`,
      );
    return named;
  }
  if (found.length > 0 && new Set(found.map(([, v]) => v)).size === 1) return found[0]!;
  if (found.length === 0)
    throw new RacehuntError(
      'bad-model',
      `${file} exports no racehunt ${what.kind} (build one with ${what.build} and export it)`,
    );
  throw new RacehuntError(
    'usage',
    `${file} exports several ${what.kind}s (${found.map(([k]) => k).join(', ')}): name one as ${file}#<export>`,
  );
}

/**
 * Import a module the user named by path (a model, a system); every failure is one line naming
 * the file, and the line of the user's code where it failed when the error does not say already:
 * a syntax error, a missing export, a model that throws while it is declared.
 */
export async function importModule(file: string, what = 'model'): Promise<Record<string, unknown>> {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new RacehuntError('unknown-name', `no ${what} module at ${file}`);
  // Only a regular file is imported: a device (/dev/zero) would be read forever, a named pipe waited on.
  const kind = fileKind(abs);
  if (kind) throw new RacehuntError('usage', `${file} is ${kind}, not a ${what} module`);
  try {
    return commonJsLoadable(abs)
      ? (requireHere(abs) as Record<string, unknown>)
      : ((await import(pathToFileURL(abs).href)) as Record<string, unknown>);
  } catch (e) {
    // Nothing here loads TypeScript: tsx is an optional peer dependency (project/typescript.mjs).
    if ((e as NodeJS.ErrnoException).code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?ts$/.test(file))
      throw new RacehuntError(
        'bad-model',
        `cannot load ${what} module ${file}: Node ${process.versions.node} runs TypeScript only through tsx (npm install --save-dev tsx), or on its own from Node 22.18`,
      );
    // A model the kit refused while the module built it already says what is wrong, in one line.
    const message = isA(e, Error) && e.name === 'RacehuntError' ? e.message : messageOf(e);
    const site = userSite(e);
    const at = site && !message.includes(site.file) ? ` (at ${shownPath(site.file)}:${site.line})` : '';
    throw new RacehuntError('bad-model', `cannot load ${what} module ${file}: ${message}${at}`);
  }
}

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS module (`.cjs`, `.cts`, or `.js`/`.ts` in a package without "type": "module") is
 * loaded with require, as Node would load it, when a loader for its extension is registered (the
 * command line registers tsx for `.ts` and `.cts`): through import(), a CommonJS module that
 * requires racehunt (an ES module) fails in Node 20's loader ("Cannot read properties of undefined
 * (reading 'exports')"), although `import racehunt = require('racehunt')` is what docs/install.md shows.
 */
function commonJsLoadable(abs: string): boolean {
  const ext = extname(abs);
  const commonJs =
    ext === '.cjs' || ext === '.cts' || ((ext === '.js' || ext === '.ts') && !packageIsEsm(dirname(abs)));
  // TypeScript needs a loader (tsx registers one for `.ts`, which also compiles `.cts`); JavaScript does not.
  return commonJs && (ext === '.js' || ext === '.cjs' || Object.hasOwn(requireHere.extensions, '.ts'));
}

/** Node's rule for a `.js`/`.ts` file in this folder: an ES module when the nearest package.json above says "type": "module". */
export function packageIsEsm(dir: string): boolean {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const file = join(at, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false; // not JSON: Node would not read a type from it either
      }
    }
    if (dirname(at) === at) return false;
  }
}

/** What a path is when it is not a regular file (a folder, a named pipe, a device), or null. */
function fileKind(abs: string): string | null {
  const s = statSync(abs);
  if (s.isFile()) return null;
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** racehunt's own code (engine/ here, dist/engine/ installed): frames in it are not where a user's mistake is. */
const ENGINE = fileURLToPath(new URL('../', import.meta.url));

/**
 * Where an error points in the user's code: the file and line a syntax error names on its stack's
 * first line (Node puts them there for CommonJS, not in the message), else the first stack frame
 * outside racehunt, Node and node_modules (source-mapped by tsx for TypeScript). Node does not
 * say where a syntax error in an ES module's JavaScript is; esbuild's message does for TypeScript.
 */
function userSite(e: unknown): { file: string; line: number } | undefined {
  const stack = isA(e, Error) && typeof e.stack === 'string' ? e.stack.split('\n') : [];
  const head = /^(file:\/\/\S+|\/\S+|[A-Za-z]:\\\S+):(\d+)$/.exec(stack[0] ?? '');
  if (head) return { file: toPath(head[1] as string), line: Number(head[2]) };
  for (const frame of stack.slice(1)) {
    const m = /(?:\(|^at )(file:\/\/[^\s()]+|\/[^\s()]+|[A-Za-z]:\\[^\s()]+):(\d+):\d+\)?$/.exec(frame.trim());
    if (!m) continue;
    const path = toPath(m[1] as string);
    if (!path.startsWith(ENGINE) && !/[\\/]node_modules[\\/]/.test(path)) return { file: path, line: Number(m[2]) };
  }
  return undefined;
}

const toPath = (fileOrUrl: string): string =>
  fileOrUrl.startsWith('file://') ? fileURLToPath(fileOrUrl.replace(/\?.*$/, '')) : fileOrUrl;

/** A path as traces record it: relative to the working directory when below it, else absolute. */
export function shownPath(file: string): string {
  const abs = resolve(file);
  const rel = relative(process.cwd(), abs);
  return isAbsolute(rel) || rel.startsWith('..') ? abs : `./${rel}`;
}

/** The same model with only the manifest outcomes `keep` admits (tests split a manifest over files). */
export function withOutcomes(m: LoadedModel, keep: (o: ExpectedOutcome) => boolean): LoadedModel {
  if (!m.manifest) throw new RacehuntError('bad-model', `model ${m.ref} has no manifest`);
  return { ...m, manifest: keepOutcomes(m.manifest, keep) };
}
