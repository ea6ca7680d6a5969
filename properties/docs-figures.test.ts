/**
 * Figures the docs state about racehunt's defaults are its defaults: each is read from the sentence
 * that states it and compared with the constant the engine uses. (The package's size is checked
 * against the packed tarball in properties/package/install.deep.test.ts; trace excerpts are generated,
 * properties/docs-generated.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET,
  DEFAULT_MAX_STATES,
  DEFAULT_PROVE_BUDGET,
  DEFAULT_SEED,
  DEFAULT_STRATEGY,
  DEFAULT_VARIANT,
  DEFAULT_WORK,
  SHORTEST_BUDGET,
} from '../engine/index.ts';
import { FAST_STATES } from './explore/tiers.ts';

/** What `npm run test:times` measured last (scripts/test-times.ts). */
const TIMES = JSON.parse(readFileSync('docs/test-times.json', 'utf8')) as {
  fast: { wallSeconds: number };
  deep?: { wallSeconds: number };
};

/** A number as the docs write it: 200,000. */
const written = (n: number) => n.toLocaleString('en-US');

const FIGURES: readonly { file: string; says: RegExp; is: string }[] = [
  { file: 'docs/cli.md', says: /default: the model manifest's, else (\d+)\./, is: String(DEFAULT_SEED) },
  {
    file: 'docs/cli.md',
    says: /breadth-first for a shorter counterexample \(default ([\d,]+);/,
    is: written(SHORTEST_BUDGET),
  },
  { file: 'docs/cli.md', says: /`(\w+)` \(default: half the budget breadth-first/, is: DEFAULT_STRATEGY },
  { file: 'docs/cli.md', says: /plus steps sampled \(default ([\d,]+), about/, is: written(DEFAULT_WORK) },
  {
    file: 'docs/cli.md',
    says: /the breadth-first phase is then `--prove-budget`, ([\d,]+) states/,
    is: written(DEFAULT_PROVE_BUDGET),
  },
  {
    file: 'docs/exhaustive.md',
    says: /stop after N distinct states \(default ([\d,]+)\)/,
    is: written(DEFAULT_MAX_STATES),
  },
  {
    file: 'README.md',
    says: /a budget of work \(`--budget`, ([\d,]+) states and steps/,
    is: written(DEFAULT_WORK),
  },
  {
    file: 'docs/api.md',
    says: /### `DEFAULT_BUDGET`\n\n`\{ seed: (\d+, maxSteps: \d+) \}`/,
    is: `${DEFAULT_BUDGET.seed}, maxSteps: ${DEFAULT_BUDGET.maxSteps}`,
  },
  { file: 'docs/api.md', says: /### `DEFAULT_SEED`\n\n`(\d+)`/, is: String(DEFAULT_SEED) },
  { file: 'docs/api.md', says: /### `SHORTEST_BUDGET`\n\n`(\d+)`/, is: String(SHORTEST_BUDGET) },
  { file: 'docs/api.md', says: /### `DEFAULT_MAX_STATES`\n\n`(\d+)`/, is: String(DEFAULT_MAX_STATES) },
  { file: 'docs/api.md', says: /### `DEFAULT_STRATEGY`\n\n`'(\w+)'`/, is: DEFAULT_STRATEGY },
  { file: 'docs/api.md', says: /### `DEFAULT_WORK`\n\n`(\d+)`/, is: String(DEFAULT_WORK) },
  { file: 'docs/api.md', says: /### `DEFAULT_PROVE_BUDGET`\n\n`(\d+)`/, is: String(DEFAULT_PROVE_BUDGET) },
  { file: 'docs/api.md', says: /### `DEFAULT_VARIANT`\n\n`'(\w+)'`/, is: DEFAULT_VARIANT },
  { file: 'README.md', says: /the one variant is\s+`(\w+)`/, is: DEFAULT_VARIANT },
  { file: 'README.md', says: /state counts up to ([\d,]+) states; the CLI/, is: written(FAST_STATES) },
  { file: 'README.md', says: /\| fast \| `npm test` \|.*\| about ([\d,]+) s \|/, is: String(TIMES.fast.wallSeconds) },
  {
    file: 'README.md',
    says: /\| deep \| `npm run test:deep` \|.*\| (about [\d,]+ min|several minutes) \|/,
    is: TIMES.deep ? `about ${Math.round(TIMES.deep.wallSeconds / 60)} min` : 'several minutes',
  },
];

describe('figures the docs state about defaults', () => {
  it.each(FIGURES)('$file: $says', ({ file, says, is }) => {
    const found = says.exec(readFileSync(file, 'utf8'));
    expect(found, `${file} no longer says this; update the test with the sentence that does`).not.toBeNull();
    expect(found?.[1], `${file} states a default that is not racehunt's`).toBe(is);
  });
});
