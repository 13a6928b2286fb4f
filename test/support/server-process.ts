import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'vitest';
import { ApiClient } from './api-client';
import { createTestDatabaseLocation, postgresReachable, type TestBackend } from './test-database';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './test-server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** A client signed in as the bootstrap admin of the process's env (`SWITCHBOARD_ADMIN_EMAIL`, `…_PASSWORD`). */
  signInAdmin(): Promise<ApiClient>;
  /** SIGTERM (a graceful stop), and the exit. */
  stop(): Promise<void>;
  /** SIGKILL (a crash: no clean-up at all), and the exit. */
  kill(): Promise<void>;
}

/**
 * Runs `use` with the env of a fresh database on `backend` and its bootstrap admin, for server
 * processes that come and go on it (the database outlives each of them); drops the database
 * afterwards. Skips the test where PostgreSQL is out of reach.
 */
export async function withProcessDatabase(
  backend: TestBackend,
  context: TestContext,
  use: (env: Record<string, string>) => Promise<void>,
): Promise<void> {
  if (backend === 'postgres' && !(await postgresReachable())) return context.skip();
  const location = await createTestDatabaseLocation(backend);
  try {
    await use({ ...location.env, SWITCHBOARD_ADMIN_EMAIL: ADMIN_EMAIL, SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD });
  } finally {
    await location.drop();
  }
}

/**
 * Runs `server/index.ts` as a real process, as `npm start` does, and waits for its URL. `entry`
 * runs another file instead (relative to the repository), one that prints the same "running at" line.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { entry = 'server/index.ts' }: { entry?: string } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    async signInAdmin() {
      const admin = new ApiClient(url);
      await admin.login(env.SWITCHBOARD_ADMIN_EMAIL!, env.SWITCHBOARD_ADMIN_PASSWORD!);
      return admin;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
