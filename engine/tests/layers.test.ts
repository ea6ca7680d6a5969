/**
 * The import rules that keep the house in layers: models → engine core → explorers → renderers →
 * a project's files → the CLI and the vitest helpers. Each layer imports only layers below it; the
 * engine never imports a model (the catalog is handed in); models and their tests see only the
 * public API (engine/index.ts, engine/vitest.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

/** Every relative import of every TypeScript file under these folders: [file, imported file]. */
function imports(...folders: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const folder of folders) {
    for (const f of readdirSync(join(ROOT, folder), { recursive: true }) as string[]) {
      if (!/\.(ts|mts)$/.test(f)) continue;
      const file = join(folder, f);
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(
        /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/g,
      )) {
        const spec = m[1] ?? m[2];
        if (spec) out.push([file, normalize(join(dirname(file), spec))]);
      }
    }
  }
  return out;
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** The engine's source files (tests left out). */
function engineFiles(): string[] {
  return (readdirSync(join(ROOT, 'engine'), { recursive: true }) as string[])
    .filter((f) => /\.(ts|mts)$/.test(f) && !f.split(/[\\/]/).includes('tests'))
    .map((f) => join('engine', f));
}

/** The names defined (not re-exported) by the files under these folders, with the files that define each. */
function definitions(...folders: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of engineFiles().filter((f) => folders.some((d) => f.startsWith(`${d}/`))))
    for (const m of read(file).matchAll(/^export (?:async )?(?:const|function|class|interface|type|enum) (\w+)/gm))
      out.set(m[1]!, [...new Set([...(out.get(m[1]!) ?? []), file])]);
  return out;
}

/** The engine's layers, lowest first; a file may import its own layer and those below. */
const LAYERS: readonly (readonly string[])[] = [
  ['engine/core/'],
  ['engine/hunt/', 'engine/explore/', 'engine/map/'],
  ['engine/render/'],
  ['engine/project/', 'engine/async/'],
  ['engine/view/'],
  ['engine/cli/', 'engine/vitest.ts'],
  ['engine/index.ts'],
];
const layerOf = (file: string): number => LAYERS.findIndex((prefixes) => prefixes.some((p) => file.startsWith(p)));

describe('import rules', () => {
  const engine = imports('engine').filter(([f]) => !f.includes('/tests/'));

  it('the engine never imports a model: the catalog is handed in from bin/', () => {
    expect(engine.filter(([, to]) => to.startsWith('models/'))).toEqual([]);
  });

  it('each engine layer imports only its own layer and those below it', () => {
    const upward = engine
      .filter(([from, to]) => to.startsWith('engine/') && layerOf(to) > layerOf(from))
      .map(([from, to]) => `${from} → ${to}`);
    expect(upward).toEqual([]);
    const unplaced = [...new Set(engine.map(([f]) => f))].filter((f) => layerOf(f) < 0);
    expect(unplaced, 'every engine file belongs to a layer').toEqual([]);
  });

  it('models import only the public API from the engine', () => {
    const leaks = imports('models').filter(([, to]) => to.startsWith('engine/') && to !== 'engine/index.ts');
    expect(leaks.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('the tests of models import only the public API (racehunt, racehunt/async) and the vitest helpers', () => {
    const leaks = imports('properties').filter(
      ([, to]) =>
        to.startsWith('engine/') && !['engine/index.ts', 'engine/async/index.ts', 'engine/vitest.ts'].includes(to),
    );
    expect(leaks.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('async code shares the pipeline: it defines no name that core, hunt, explore, render or project define', () => {
    // One job, one implementation: a strategy list, the deadlock claim, a search, a shrinker, a
    // coverage counter or a trace helper that async needs is imported from below, not written again.
    // Where the job differs, so does the name (a schedule's Turn is not a model's Choice).
    const below = definitions('engine/core', 'engine/hunt', 'engine/explore', 'engine/render', 'engine/project');
    const twice = [...definitions('engine/async')]
      .filter(([name]) => below.has(name))
      .map(([name, files]) => `${name}: ${files.join(', ')} and ${below.get(name)!.join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('one set of vitest helpers (engine/vitest.ts) and one way to save a trace (project/save.ts), for models and code', () => {
    const sources = engineFiles().map((f) => [f, read(f)] as const);
    expect(
      sources
        .filter(([f, text]) => f !== 'engine/vitest.ts' && /^import [^\n]*from 'vitest'/m.test(text))
        .map(([f]) => f),
    ).toEqual([]);
    expect(
      sources
        .filter(([f, text]) => f !== 'engine/project/save.ts' && /writeFilesAtomically\(/.test(text))
        .map(([f]) => f),
    ).toEqual([]);
  });

  it("one loader of a user's module and one rule for choosing its export (project/load.ts), for models and code", () => {
    // A model, a system or a scenario named by path is imported by importModule (its errors are one
    // line naming the file) and, where a module may export several, chosen by chooseExport.
    const sources = engineFiles().map((f) => [f, read(f)] as const);
    expect(
      sources
        .filter(([f, text]) => f !== 'engine/project/load.ts' && /import\(pathToFileURL\(/.test(text))
        .map(([f]) => f),
    ).toEqual([]);
    expect(
      sources
        .filter(([f, text]) => f !== 'engine/project/load.ts' && /Object\.entries\(mod\)\.filter\(/.test(text))
        .map(([f]) => f),
    ).toEqual([]);
  });

  it('the strategies, their names and defaults are declared once, for models and for code (core/strategies.ts)', () => {
    const all = definitions(
      'engine/core',
      'engine/hunt',
      'engine/explore',
      'engine/async',
      'engine/project',
      'engine/cli',
    );
    const declared = ['STRATEGIES', 'DEFAULT_STRATEGY', 'StrategyName', 'isStrategy', 'parseStrategy']
      .filter((name) => all.has(name))
      .map((name) => `${name}: ${all.get(name)!.join(', ')}`);
    expect(declared).toEqual([
      'STRATEGIES: engine/core/strategies.ts',
      'DEFAULT_STRATEGY: engine/core/strategies.ts',
      'StrategyName: engine/core/strategies.ts',
      'isStrategy: engine/core/strategies.ts',
      'parseStrategy: engine/core/strategies.ts',
    ]);
  });

  it('found every import it should check (the scan itself works)', () => {
    expect(engine.some(([f, to]) => f === 'engine/cli/main.ts' && to === 'engine/core/errors.ts')).toBe(true);
    expect(relative('engine', 'engine/core')).toBe('core');
  });
});
