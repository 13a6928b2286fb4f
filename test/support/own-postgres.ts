import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A PostgreSQL server of a test's own, in a temporary folder on a free port: a test may stop,
 * restart or crash it without disturbing the machine's PostgreSQL that other tests share.
 */
export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
  port: number;
  /** `pg_ctl restart -m <mode>`: fast ends sessions cleanly, immediate crashes (recovery at start). */
  restart(mode: StopMode): Promise<void>;
  stop(mode: StopMode): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
  /** The server's own log (for a failing test's message). */
  logPath: string;
}

export type StopMode = 'smart' | 'fast' | 'immediate';

/** Where Debian keeps `initdb` and `pg_ctl` (the newest version installed), if anywhere. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/**
 * Whether a test that needs its own PostgreSQL can run here. Without the binaries it skips on a
 * developer's machine, but CI must have them: there the test fails rather than pass unseen.
 */
export function ownPostgresAvailable(): boolean {
  if (postgresBinaries()) return true;
  if (process.env.CI) {
    throw new Error('This test needs PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin');
  }
  return false;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin');
  // initdb refuses to run as root: then the server runs as the postgres user, owning its folder.
  const asRoot = process.getuid?.() === 0;
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-own-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(folder, uid, gid);
  }
  const dataDir = join(folder, 'data');
  const logPath = join(folder, 'server.log');
  const pg = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    return run(command, asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { timeout: 120_000 });
  };
  const port = await freePort();
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  // Commits still reach the operating system before they are answered (synchronous_commit stays
  // on), so a crashed server loses nothing a client was told is committed; only the flushes to
  // disk that guard against a power loss are skipped, to keep the test fast on a busy machine.
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${folder}'`,
      'fsync = off',
      'max_connections = 100',
      '',
    ].join('\n'),
  );
  const ctl = (...args: string[]) => pg('pg_ctl', ['-D', dataDir, '-l', logPath, '-w', '-t', '60', ...args]);
  const handle: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    logPath,
    restart: async (mode) => void (await ctl('-m', mode, 'restart')),
    stop: async (mode) => void (await ctl('-m', mode, 'stop')),
    start: async () => void (await ctl('start')),
    async destroy() {
      await ctl('-m', 'immediate', 'stop').catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    },
  };
  try {
    await handle.start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return handle;
}
