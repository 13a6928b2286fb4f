import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// The editor has its own tsconfig (DOM, JSX); the root `tsc --noEmit` does not see it, so this does.
it('type-checks the editor with its own tsconfig', async () => {
  const result = await run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'editor'], {
    cwd: repoRoot,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? '',
    stderr: error.stderr ?? 'tsc failed',
  }));
  expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
}, 300_000); // tsc of the whole editor: 40 s on a quiet CI machine, near two minutes when the suite loads it
