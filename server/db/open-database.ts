import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logging/logger';
import { lockDataDir } from './data-dir-lock';
import { NotificationListener, type ChannelHandlers } from './notification-listener';
import { PGliteDialect } from './pglite-dialect';
import { quoteIdent } from './quote-ident';
import type { Database } from './schema';

export type { ChannelHandlers };

export type Backend = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** A PostgreSQL URL; without one the embedded database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** A schema to work in (tests isolate themselves this way on a shared server). */
  schema?: string | undefined;
  poolSize?: number;
  logger?: Logger | undefined;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** The schema Switchboard's tables live in, when not the default one. */
  schema: string | undefined;
  /**
   * Hands every NOTIFY on `channel` (from any process) to `onNotify`. Notifications sent while the
   * listening connection was lost are gone: `onResubscribed` runs once it listens again.
   */
  listen(channel: string, handlers: ChannelHandlers): Promise<void>;
  /** False while notifications may be missed (the listening connection is being re-established). */
  readonly listening: boolean;
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
  const { logger } = options;
  const config: pg.PoolConfig = {
    connectionString: url,
    // Transactions hold a connection across several round trips to this process: at 10, replies
    // and the outbox worker under load queued for a connection while PostgreSQL sat idle.
    max: options.poolSize ?? 20,
    types: pgTypes,
    // A database that does not answer fails the query rather than holding it without end.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    ...searchPath,
  };
  if (options.schema) await createSchemaIfMissing(url, options.schema);
  const pool = new pg.Pool(config);
  // A connection that dies (the database restarted) emits 'error' on its client. The pool hears
  // it for idle clients; a client Kysely has checked out has its query fail with the error and is
  // discarded on release, but the event itself must be heard too, or it would end the process.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger?.debug({ err }, 'a pooled database connection was lost'));
  });
  pool.on('error', () => {}); // an idle client's broken socket is replaced on next use
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listener = new NotificationListener({ connectionString: url, ...searchPath }, logger);
  return {
    db,
    backend: 'postgres',
    schema: options.schema,
    listen: (channel, handlers) => listener.listen(channel, handlers),
    get listening() {
      return listener.live;
    },
    async close() {
      await listener.close();
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
      listening: true,
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
  client.on('error', () => {}); // a lost connection fails the query below
  await client.connect();
  try {
    await client.query(`create schema if not exists ${quoteIdent(schema)}`);
  } finally {
    await client.end();
  }
}
