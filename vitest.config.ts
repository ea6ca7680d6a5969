import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two tiers (README, "The tests"): `npm test` is the fast tier; files named *.deep.test.ts (the
// manifests' hunts at their full budgets, byte-for-byte pins, cross-checks and strategy tests)
// run in `npm run test:deep` (vitest.deep.config.ts). Hunts are CPU-bound and deterministic
// (fixed seeds and budgets), so the only limit that matters is wall time on a small, noisy CI
// machine: give each test room, never a speed target.
export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'engine/**/*.test.ts'],
    exclude: ['**/*.deep.test.ts', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share their worker's module graph instead of importing the engine afresh each: the
    // fast tier's files import far more than they run (measured on this 2-core machine: 187 CPU s
    // isolated, 157 shared, every test passing both ways). No test file relies on a fresh module.
    isolate: false,
    // One test file per core: the tests are CPU-bound, and vitest's default leaves one core idle
    // (on a 2-core CI machine, half the machine).
    maxWorkers: availableParallelism(),
  },
});
