import { defineConfig } from 'vitest/config';

// The deep tier (`npm run test:deep`): see vitest.config.ts.
export default defineConfig({
  test: {
    include: ['properties/**/*.deep.test.ts', 'engine/**/*.deep.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
