import { defineConfig } from 'vitest/config';

// In CI (`CI` set, as `.ci/run` does) a skipped test fails the run, and Vitest writes no new
// snapshots: a missing snapshot is a failure, not a file quietly created.
const inCi = Boolean(process.env.CI);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database suites each create their own schema/data dir, so files may run in parallel (Vitest
    // runs cores - 1 at once: one by one on the 2-core CI machines). Three at once there halved the
    // PostgreSQL pass (651 s → 303 s) but two files then failed migrating ("schema … does not
    // exist"): not on until that race is understood.
    fileParallelism: true,
    globalSetup: ['./test/support/build-editor-once.ts'],
    reporters: inCi ? ['default', './test/support/no-skips-reporter.ts'] : ['default'],
  },
});
