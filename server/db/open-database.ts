import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type Backend = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** A PostgreSQL URL; without one the embedded database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** A schema to work in (tests isolate themselves this way on a shared server). */
  schema?: string | undefined;
  poolSize?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** The schema Switchboard's tables live in, when not the default one. */
  schema: string | undefined;
  /** Calls `onNotify` whenever another process sends NOTIFY on `channel`. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

const INT8_OID = 20;

/** int8 (counts, sums) comes back as a JS number from both backends. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPGlite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  const searchPath = options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {};
  const config: pg.PoolConfig = { connectionString: url, max: options.poolSize ?? 10, types: pgTypes, ...searchPath };
  if (options.schema) await createSchemaIfMissing(url, options.schema);
  const pool = new pg.Pool(config);
  pool.on('error', () => {}); // an idle client's broken socket is replaced on next use
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  return {
    db,
    backend: 'postgres',
    schema: options.schema,
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: url, ...searchPath });
      client.on('error', () => {});
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`listen ${quoteIdent(channel)}`);
      listeners.push(client);
    },
    async close() {
      await Promise.all(listeners.map((client) => client.end()));
      await db.destroy();
    },
  };
}

async function openPGlite(options: DatabaseOptions): Promise<DatabaseHandle> {
  const unlock = lockDataDir(options.dataDir);
  try {
    const pglite = await PGlite.create(options.dataDir);
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      backend: 'pglite',
      schema: undefined,
      // One process owns the embedded database, so in-process invalidation is all there is.
      async listen() {},
      async close() {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function createSchemaIfMissing(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${quoteIdent(schema)}`);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
