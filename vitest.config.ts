import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// In CI (`CI` set, as `.ci/run` does) a skipped test fails the run, and Vitest writes no new
// snapshots: a missing snapshot is a failure, not a file quietly created.
const inCi = Boolean(process.env.CI);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database suites each create their own schema/data dir, so files may run in parallel. Most of
    // a file's time is spent waiting (on servers, sockets, timers), so three run at once even on
    // the 2-core CI machines, where Vitest's default (cores - 1) would run them one by one.
    fileParallelism: true,
    maxWorkers: Math.max(3, availableParallelism() - 1),
    globalSetup: ['./test/support/build-editor-once.ts'],
    reporters: inCi ? ['default', './test/support/no-skips-reporter.ts'] : ['default'],
  },
});
