import { Writable } from 'node:stream';
import { readConfig } from '../../server/config';
import { createLogger } from '../../server/logging/logger';
import type { Network } from '../../server/routing/safe-http-client';
import { startSwitchboard, type RunningSwitchboard } from '../../server/switchboard';
import { createTestDatabaseLocation, type TestBackend, type TestDatabaseLocation } from './test-database';
import { ApiClient } from './api-client';
import { useForAll } from './use-for-all';

export const ADMIN_EMAIL = 'admin@switchboard.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestServer {
  url: string;
  backend: TestBackend;
  switchboard: RunningSwitchboard;
  location: TestDatabaseLocation;
  /** Every log line the server wrote, as text. */
  logLines(): string[];
  /** A client logged in as the bootstrap system admin. */
  admin: ApiClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  backend?: TestBackend;
  env?: Record<string, string>;
  /** Another instance's database: this server joins it, and leaves it in place when closed. */
  shareDatabaseOf?: TestServer;
  /** Where workflows' HTTP requests go (see `standInNetwork`); the machine's network by default. */
  httpNetwork?: Network;
}

/** Starts a whole Switchboard on a real socket (port chosen by the OS) with a fresh database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const shared = options.shareDatabaseOf?.location;
  const location = shared ?? (await createTestDatabaseLocation(options.backend));
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = readConfig({
    ...location.env,
    PORT: '0',
    HOST: '127.0.0.1',
    SWITCHBOARD_ADMIN_EMAIL: ADMIN_EMAIL,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const switchboard = await startSwitchboard(config, createLogger('info', sink), { httpNetwork: options.httpNetwork });
  const admin = new ApiClient(switchboard.localUrl);
  await admin.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  return {
    url: switchboard.localUrl,
    backend: location.backend,
    switchboard,
    location,
    logLines: () => lines,
    admin,
    async close() {
      await switchboard.close();
      if (!shared) await location.drop();
    },
  };
}

/**
 * One server for the whole test file (see `useForAll`): started before the file's own hooks and
 * closed after them. `options` as a function is read when the server starts
 * (for what exists only then, such as a mail sink's URL).
 */
export function useTestServer(options: TestServerOptions | (() => TestServerOptions) = {}): TestServer {
  return useForAll(
    'The test server',
    () => startTestServer(typeof options === 'function' ? options() : options),
    (server) => server.close(),
  );
}
