import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminSession } from './admin';
import type { BenchDatabase } from './database';
import { startNodeProcess, waitForReady, type ManagedProcess, type Pinning } from './processes';

/** The repository's root: where the server's entry files are, and what CPU profiles are read against. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SwitchboardServerOptions {
  port: number;
  database: BenchDatabase;
  pinning: Pinning;
  logLevel: string;
  /** The server's entry file, relative to the root. */
  entry: string;
  /** Runs it under `node --cpu-prof`, writing into a new folder (`profileDir`). */
  profile: boolean;
}

export interface SwitchboardServer {
  process: ManagedProcess;
  base: string;
  /** How long after the spawn GET /readyz first answered 200. */
  readyMs: number;
  /** `performance.now()` at the spawn: time zero of the CPU profile. */
  spawnedAt: number;
  profileDir: string | undefined;
  /** A session of the bootstrap admin the server was started with. */
  adminSession(): Promise<AdminSession>;
}

/**
 * The Switchboard server as a benchmark measures it: its own process (`node --import tsx`),
 * in production mode, on the benchmark's database and on the server's CPU of the pinning, with
 * a bootstrap admin; resolves once it is ready.
 */
export async function startSwitchboardServer(options: SwitchboardServerOptions): Promise<SwitchboardServer> {
  const adminEmail = 'bench-admin@example.com';
  const adminPassword = randomBytes(18).toString('base64url');
  const profileDir = options.profile ? join(tmpdir(), `switchboard-bench-profile-${Date.now()}`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const spawnedAt = performance.now();
  const server = startNodeProcess({
    name: 'Switchboard server',
    nodeArgs: [
      // Default file names (CPU.<date>.<time>.<pid>.<thread>.<seq>): tsx's loader runs on a
      // worker thread that writes a profile of its own, which a fixed name would overwrite.
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import',
      'tsx',
      options.entry,
    ],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      LOG_LEVEL: options.logLevel,
      SWITCHBOARD_ADMIN_EMAIL: adminEmail,
      SWITCHBOARD_ADMIN_PASSWORD: adminPassword,
      ...options.database.env,
    },
    cwd: ROOT,
    cpu: options.pinning.serverCpu,
  });
  const base = `http://127.0.0.1:${options.port}`;
  const readyMs = await waitForReady(`${base}/readyz`, server);
  return {
    process: server,
    base,
    readyMs,
    spawnedAt,
    profileDir,
    async adminSession() {
      const admin = new AdminSession(base);
      await admin.login(adminEmail, adminPassword);
      return admin;
    },
  };
}
