import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The deep tier (`npm run test:deep`): see vitest.config.ts.
export default defineConfig({
  test: {
    include: ['properties/**/*.deep.test.ts', 'engine/**/*.deep.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // One test file per core: the tests are CPU-bound, and vitest's default leaves one core idle
    // (on a 2-core CI machine, half the machine).
    maxWorkers: availableParallelism(),
  },
});
