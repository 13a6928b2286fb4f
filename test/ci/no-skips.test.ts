import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runFixture(env: Record<string, string | undefined>) {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/ci/fixtures/vitest.fixture.config.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, VITEST: undefined, VITEST_WORKER_ID: undefined, VITEST_POOL_ID: undefined, ...env },
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the suite in CI', () => {
  it('fails the run when a test was skipped', () => {
    const run = runFixture({ CI: 'true', FIXTURE_SKIP: '1' });
    expect(run.output).toContain('1 test(s) skipped, which CI does not allow');
    expect(run.status).toBe(1);
  });

  it('passes when nothing was skipped', () => {
    expect(runFixture({ CI: 'true', FIXTURE_SKIP: '0' }).status).toBe(0);
  });

  it('lets a developer without PostgreSQL skip outside CI', () => {
    expect(runFixture({ CI: undefined, FIXTURE_SKIP: '1' }).status).toBe(0);
  });
});
