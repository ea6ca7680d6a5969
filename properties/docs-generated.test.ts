/**
 * Docs that cannot drift: every generated region of README, docs/ and the models' READMEs (trace
 * excerpts, README's first model and its red test) is what its source makes of it today, and the
 * fixture README's first model is tested as is the starter's model. `npm run docs:generate`
 * rewrites them after an intended change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docFiles, firstModelFixture, FIRST_MODEL_FIXTURE, generate } from '../scripts/docs/generators.ts';
import { regenerate, regionsOf } from '../scripts/docs/regions.ts';

const withRegions = docFiles().filter((f) => regionsOf(readFileSync(f, 'utf8')).length > 0);

describe('generated docs', () => {
  it('README, and the models whose READMEs show traces, have generated regions', () => {
    expect(withRegions).toContain('README.md');
  });

  it.each(withRegions)('%s: every generated region is what its source makes (npm run docs:generate)', async (file) => {
    const text = readFileSync(file, 'utf8');
    expect(await regenerate(text, generate)).toBe(text);
  });

  it("README's first model is tested as the starter's model", () => {
    expect(readFileSync(FIRST_MODEL_FIXTURE, 'utf8')).toBe(firstModelFixture());
  });
});
