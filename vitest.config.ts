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
    // Database suites each create their own schema/data dir, so files run in parallel. Most of a
    // file's time is spent waiting (a database, a socket, a browser, a child process), so more files
    // than cores run at once: Vitest's default (cores - 1) ran them one by one on the 2-core CI
    // machines. (Three at once used to fail migrations now and then: Kysely's introspector read
    // every schema of the database, see server/db/own-schema-introspection.ts.)
    fileParallelism: true,
    maxWorkers: Math.max(3, availableParallelism() - 1),
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: inCi ? ['default', './test/support/no-skips-reporter.ts'] : ['default'],
  },
});
