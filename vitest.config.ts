import { defineConfig } from 'vitest/config';

// In CI (`CI` set, as `.ci/run` does) a skipped test fails the run, and Vitest writes no new
// snapshots: a missing snapshot is a failure, not a file quietly created.
const inCi = Boolean(process.env.CI);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database suites each create their own schema/data dir, so files may run in parallel.
    fileParallelism: true,
    reporters: inCi ? ['default', './test/support/no-skips-reporter.ts'] : ['default'],
  },
});
