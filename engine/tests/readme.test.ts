/** README's example model is real: the text shown is the fixture tested here, and it does what README says. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { hunt } from '../hunt/hunt.ts';
import { account } from './fixtures/account.ts';

describe('README example', () => {
  it('shows the account fixture verbatim', () => {
    const readme = readFileSync('README.md', 'utf8');
    const fixture = readFileSync('engine/tests/fixtures/account.ts', 'utf8');
    expect(readme).toContain('```ts\n' + fixture + '```');
  });

  it('finds the double withdrawal in 4 steps, and the atomic variant holds', () => {
    const bad = hunt(configure(account, 'check-then-act'), { seed: 20251019, runs: 1000, maxSteps: 50 });
    expect(bad.trace?.steps).toHaveLength(4);
    expect(bad.trace?.message).toBe('balance is -20');
    const good = hunt(configure(account, 'atomic'), { seed: 20251019, runs: 1000, maxSteps: 50 });
    expect(good.found).toBe(false);
  });
});
