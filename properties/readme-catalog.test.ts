/** README's table of what racehunt finds is the manifests' expectations, model by model. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogTable, fromCatalog } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

describe('README catalog', () => {
  const readme = readFileSync('README.md', 'utf8');
  it.each(Object.keys(catalog))('shows the %s manifest as it is', (name) => {
    const table = catalogTable(fromCatalog(catalog, name));
    expect(readme, `README.md should contain this table (generated from models/${name}/manifest.json):\n${table}`).toContain(table);
  });
});
