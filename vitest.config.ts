import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'generated/**/*.test.ts'],
    // SDKs that tests generate (mutants among them) carry sample tests that only those tests run.
    exclude: ['test/.generated/**', '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
