/**
 * `npm run docs:catalog`: rewrite each model's table in docs/catalog.md from its manifest (the
 * table properties/readme-catalog.test.ts asserts). A model with no table yet is reported, not
 * placed: its section needs words around it.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { catalogTable, fromCatalog } from '../engine/index.ts';
import { catalog } from '../models/index.ts';

const FILE = 'docs/catalog.md';
const lines = readFileSync(FILE, 'utf8').split('\n');
const missing: string[] = [];
for (const name of Object.keys(catalog)) {
  const start = lines.findIndex((l) => l.startsWith(`| ${name} |`));
  if (start < 0) {
    missing.push(name);
    continue;
  }
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('|')) end++;
  lines.splice(start, end - start, ...catalogTable(fromCatalog(catalog, name)).split('\n'));
}
writeFileSync(`${FILE}.tmp`, lines.join('\n'));
renameSync(`${FILE}.tmp`, FILE);
if (missing.length > 0) {
  console.error(
    `${FILE}: no table yet for ${missing.join(', ')}; add a section with a line "| <name> |" where each belongs, then run this again`,
  );
  process.exitCode = 1;
}
