import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One line ("start Redis: ...") when no Redis answers, before any test runs.
    globalSetup: ['test/support/redis-check.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites that start servers on loopback or spawn the CLI run in separate forks.
    pool: 'forks',
  },
});
