import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Deadlines fit for a slow, busy 2-core laptop: no wait in a test relies on a 1 s default.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // End-to-end files start their own server and browser; two at a time fits a 2-core machine.
    maxWorkers: 2,
  },
});
