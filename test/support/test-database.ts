import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { copyPGliteTemplate } from './pglite-template';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;

/** Whether the machine's PostgreSQL answers; tests use it whenever it does. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export type TestBackend = 'postgres' | 'pglite';

/** TEST_DB=postgres|pglite forces a backend; otherwise real PostgreSQL when reachable. */
export async function testBackend(): Promise<TestBackend> {
  const forced = process.env.TEST_DB;
  if (forced === 'postgres' || forced === 'pglite') return forced;
  return (await postgresReachable()) ? 'postgres' : 'pglite';
}

/** Where a test's database lives: a fresh schema on PostgreSQL, or a fresh PGlite data folder. */
export interface TestDatabaseLocation {
  backend: TestBackend;
  databaseUrl: string | undefined;
  schema: string | undefined;
  dataDir: string;
  /** Environment variables that point a Switchboard process at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabaseLocation(backend?: TestBackend): Promise<TestDatabaseLocation> {
  const chosen = backend ?? (await testBackend());
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
  if (chosen === 'pglite') {
    copyPGliteTemplate(dataDir);
    return {
      backend: chosen,
      databaseUrl: undefined,
      schema: undefined,
      dataDir,
      env: { SWITCHBOARD_DATA_DIR: dataDir },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    backend: chosen,
    databaseUrl: POSTGRES_URL,
    schema,
    dataDir,
    env: { DATABASE_URL: POSTGRES_URL, SWITCHBOARD_DB_SCHEMA: schema, SWITCHBOARD_DATA_DIR: dataDir },
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
