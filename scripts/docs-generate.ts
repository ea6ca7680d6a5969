/**
 * Rewrites the generated regions of the docs (scripts/docs/regions.ts): trace excerpts from the
 * committed traces, README's first model from the starter, and the fixture it is tested as.
 *
 *   npm run docs:generate             rewrite what differs
 *   npm run docs:generate -- --check  list what differs, exit 1 if anything does
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { docFiles, firstModelFixture, FIRST_MODEL_FIXTURE, generate } from './docs/generators.ts';
import { regenerate, regionsOf } from './docs/regions.ts';

const check = process.argv.includes('--check');
const stale: string[] = [];
const update = (file: string, text: string): void => {
  if (readFileSync(file, 'utf8') === text) return;
  stale.push(file);
  if (!check) writeFileSync(file, text);
};

update(FIRST_MODEL_FIXTURE, firstModelFixture());
for (const file of docFiles()) {
  const text = readFileSync(file, 'utf8');
  if (regionsOf(text).length > 0) update(file, await regenerate(text, generate));
}
for (const file of stale) console.log(`${check ? 'differs' : 'rewrote'}: ${file}`);
process.exitCode = check && stale.length > 0 ? 1 : 0;
