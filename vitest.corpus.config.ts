import { defineConfig } from 'vitest/config';

/** `npm run test:corpus`: the tests generated from every documented sample of ../shared/corpus. */
export default defineConfig({
  test: {
    include: ['corpus-sdk/**/*.samples.test.ts'],
    testTimeout: 60_000,
  },
});
