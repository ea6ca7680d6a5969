/** docs/catalog.md's table of what racehunt finds is the manifests' expectations, model by model. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogTable, fromCatalog } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

describe('the catalog in docs/catalog.md', () => {
  const readme = readFileSync('docs/catalog.md', 'utf8');
  it.each(Object.keys(catalog))('shows the %s manifest as it is', (name) => {
    const table = catalogTable(fromCatalog(catalog, name));
    expect(
      readme,
      `docs/catalog.md should contain this table (generated from models/${name}/manifest.json):\n${table}`,
    ).toContain(table);
  });
});
