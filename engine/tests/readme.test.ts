/** README's example models are real: the text shown is the fixture tested here, and it does what README says. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configure } from '../core/instance.ts';
import { hunt } from '../hunt/hunt.ts';
import { account } from './fixtures/account.ts';
import { account as first } from './fixtures/first-model.ts';

const budget = { seed: 20251019, runs: 1000, maxSteps: 50 };

describe('README example', () => {
  it('shows the account fixture verbatim', () => {
    const readme = readFileSync('README.md', 'utf8');
    const fixture = readFileSync('engine/tests/fixtures/account.ts', 'utf8');
    expect(readme).toContain('```ts\n' + fixture + '```');
  });

  it('first model: finds the double withdrawal in 4 steps, and no run deadlocks', () => {
    const bad = hunt(configure(first, undefined), { ...budget, target: 'never-overdrawn' });
    expect(bad.trace?.steps).toHaveLength(4);
    expect(bad.trace?.message).toBe('balance is -20');
    expect(hunt(configure(first, undefined), { ...budget, target: 'no-deadlock' }).found).toBe(false);
  });

  it('the fix beside it: the atomic variant holds', () => {
    const bad = hunt(configure(account, 'check-then-act'), budget);
    expect(bad.trace?.steps).toHaveLength(4);
    const good = hunt(configure(account, 'atomic'), budget);
    expect(good.found).toBe(false);
  });
});
