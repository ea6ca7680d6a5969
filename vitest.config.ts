import { defineConfig } from 'vitest/config';

// Hunts are CPU-bound and deterministic (fixed seeds and run budgets), so the only limit that
// matters is wall time on a small, noisy CI machine: give each test room, never a speed target.
export default defineConfig({
  test: {
    include: ['properties/**/*.test.ts', 'engine/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
