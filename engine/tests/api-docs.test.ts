/**
 * docs/api.md covers the whole public API: an entry for every export of every entry point of the
 * package (and none for a name no longer exported), and a row for every field of every declaration
 * the engine checks (engine/core/validate.ts), with a type, a default and an example.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DECLARATIONS } from '../core/validate.ts';

const API = readFileSync('docs/api.md', 'utf8');

/** The package's entry points (package.json "exports") and the section of docs/api.md for each. */
const ENTRIES = [
  { section: 'racehunt', file: 'engine/index.ts' },
  { section: 'racehunt/vitest', file: 'engine/vitest.ts' },
  { section: 'racehunt/async', file: 'engine/async/index.ts' },
  { section: 'racehunt/catalog', file: 'models/index.ts' },
] as const;

/** The names a module exports, read from its syntax: re-export lists and exported declarations. */
function exportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const names: string[] = [];
  const exported = (n: ts.Node) =>
    ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const node of source.statements) {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause))
      names.push(...node.exportClause.elements.map((e) => e.name.text));
    else if (ts.isVariableStatement(node) && exported(node))
      names.push(...node.declarationList.declarations.map((d) => (d.name as ts.Identifier).text));
    else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node)) &&
      exported(node) &&
      node.name
    )
      names.push(node.name.text);
  }
  return names;
}

/** The entries (### `name`) of one `## section` of docs/api.md. */
function entriesOf(section: string): string[] {
  const start = API.indexOf(`\n## ${section}\n`);
  if (start < 0) return [];
  const end = API.indexOf('\n## ', start + 1);
  const text = API.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1] ?? '');
}

describe('docs/api.md', () => {
  it.each(ENTRIES)(
    'has an entry for every export of $section ($file), and none for a name it does not export',
    ({ section, file }) => {
      const exported = exportsOf(file);
      const documented = entriesOf(section);
      expect(exported.length).toBeGreaterThan(0);
      expect(
        exported.filter((n) => !documented.includes(n)),
        `exports of ${section} without an entry in docs/api.md`,
      ).toEqual([]);
      expect(
        documented.filter((n) => !exported.includes(n)),
        `entries in docs/api.md's ${section} that ${file} does not export`,
      ).toEqual([]);
    },
  );

  it('gives each export a type or signature and an example', () => {
    const blocks = API.split(/^### `/m).slice(1);
    const bare = blocks.filter((b) => !/\n`[^`]+`/.test(b) || !/```ts\n.+\n/.test(b)).map((b) => b.split('`')[0]);
    expect(bare, 'entries without a `signature` line or a ts example').toEqual([]);
  });

  it('has a row for every field of every declaration, with a type, a default and an example', () => {
    const rows = new Map(
      [...API.matchAll(/^\| `([a-z]+\.[a-zA-Z]+)` \|(.*)\|$/gm)].map((m) => [m[1], (m[2] ?? '').split(/(?<!\\)\|/)]),
    );
    const fields = Object.entries(DECLARATIONS).flatMap(([kind, f]) => Object.keys(f).map((k) => `${kind}.${k}`));
    expect(
      fields.filter((f) => !rows.has(f)),
      'declaration fields without a row in docs/api.md',
    ).toEqual([]);
    expect(
      [...rows.keys()].filter((r) => !fields.includes(r as string)),
      'rows for fields no declaration has',
    ).toEqual([]);
    for (const [field, cells] of rows)
      expect(
        cells.map((c) => c.trim()).filter((c) => c !== '').length,
        `${field}: type, default and example`,
      ).toBeGreaterThanOrEqual(3);
  });
});
