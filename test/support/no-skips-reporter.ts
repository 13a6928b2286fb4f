import type { Reporter, TestModule } from 'vitest/node';

/**
 * CI's guard against a suite that is green because it did not run: any skipped or todo test
 * fails the run (a PostgreSQL-only test skips where PostgreSQL does not answer; in CI it must).
 */
export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = testModules.flatMap((module) =>
      [...module.children.allTests('skipped')].map((test) => `${module.moduleId}: ${test.fullName}`),
    );
    if (skipped.length === 0) return;
    process.stderr.write(`\n${skipped.length} test(s) skipped, which CI does not allow:\n  ${skipped.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}
