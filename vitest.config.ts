import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // End-to-end files start their own server and browser; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});
