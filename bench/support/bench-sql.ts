import pg from 'pg';
import type { BenchDatabase } from './database';

/** Read-only SQL on a benchmark's database, whichever backend it is. */
export interface BenchSql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A connection to the benchmark's database, in its schema. PostgreSQL can be read while the
 * server runs; a PGlite folder only once the server has exited (one process at a time may open it).
 */
export async function openBenchSql(database: BenchDatabase): Promise<BenchSql> {
  if (database.backend === 'postgres') {
    const schema = database.env.SWITCHBOARD_DB_SCHEMA!;
    const client = new pg.Client({
      connectionString: database.env.DATABASE_URL,
      connectionTimeoutMillis: 5000,
      options: `-c search_path="${schema}"`,
    });
    await client.connect();
    return {
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      close: () => client.end().catch(() => {}),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(database.env.SWITCHBOARD_DATA_DIR!);
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    close: () => db.close(),
  };
}
