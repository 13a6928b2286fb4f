import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface StoredCounts {
  inboundSms: number;
  mediaEvents: number;
  /** Distinct messageIds among the connector's SMS rows (equal to the rows when each delivery's messageId is stored once). */
  messageIds: number;
  /** Transactions that inserted the connector's SMS (distinct xmin): how well deliveries were batched. */
  commits: number;
  largestCommit: number;
  /**
   * Receipt (SMS received_at) to the media event's row being written (its updated_at: the time of
   * the transaction that inserted it, as nobody takes offers here), in ms: batching plus routing.
   * Not created_at, which is the SMS's receipt for routed events too (their queue age).
   */
  eventLatencyP50Ms: number;
  eventLatencyP99Ms: number;
}

interface CountRow {
  inbound_sms: number;
  media_events: number;
  message_ids: number;
  commits: number;
  largest_commit: number | null;
  latency_p50_ms: number | null;
  latency_p99_ms: number | null;
}

const toCounts = (raw: CountRow & { latencies: number[] | null }): StoredCounts => {
  const row = { ...raw, latency_p50_ms: raw.latencies?.[0] ?? null, latency_p99_ms: raw.latencies?.[1] ?? null };
  return {
    inboundSms: row.inbound_sms,
    mediaEvents: row.media_events,
    messageIds: row.message_ids,
    commits: row.commits,
    largestCommit: row.largest_commit ?? 0,
    eventLatencyP50Ms: Number(row.latency_p50_ms ?? 0),
    eventLatencyP99Ms: Number(row.latency_p99_ms ?? 0),
  };
};

/** Where one benchmark run keeps its data: a fresh PostgreSQL schema or a fresh PGlite folder. */
export interface BenchDatabase {
  backend: 'postgres' | 'pglite';
  description: string;
  /** Environment for the server process. */
  env: Record<string, string>;
  /** Rows stored for the connector; call after the server has stopped. */
  countRows(connectorId: string): Promise<StoredCounts>;
  drop(): Promise<void>;
}

const COUNT_SQL = `
  with per_commit as (
    select xmin::text as xid, count(*) as rows from inbound_sms where connector_id = $1 group by 1
  )
  select (select count(*) from inbound_sms where connector_id = $1)::int as inbound_sms,
         (select count(*) from media_event e join inbound_sms s on s.id = e.sms_id
           where s.connector_id = $1)::int as media_events,
         (select count(distinct message_id) from inbound_sms where connector_id = $1)::int as message_ids,
         (select count(*) from per_commit)::int as commits,
         (select max(rows) from per_commit)::int as largest_commit,
         (select percentile_cont(array[0.5, 0.99]) within group
            (order by extract(epoch from e.updated_at - s.received_at) * 1000)
          from media_event e join inbound_sms s on s.id = e.sms_id where s.connector_id = $1) as latencies`;

export async function createPostgresDatabase(url: string): Promise<BenchDatabase> {
  const schema = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  await withClient(url, (client) => client.query(`create schema "${schema}"`));
  let dropped = false;
  return {
    backend: 'postgres',
    description: `PostgreSQL ${url.replace(/\/\/[^@/]*@/, '//…@')}, fresh schema ${schema}`,
    env: { DATABASE_URL: url, SWITCHBOARD_DB_SCHEMA: schema, SWITCHBOARD_DATA_DIR: dataDir },
    async countRows(connectorId) {
      const result = await withClient(
        url,
        (client) => client.query<CountRow & { latencies: number[] | null }>(COUNT_SQL, [connectorId]),
        schema,
      );
      return toCounts(result.rows[0]!);
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(url, (client) => client.query(`drop schema if exists "${schema}" cascade`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function createPGliteDatabase(): BenchDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-pglite-'));
  return {
    backend: 'pglite',
    description: `PGlite (embedded), fresh data dir ${dataDir}`,
    env: { SWITCHBOARD_DATA_DIR: dataDir },
    async countRows(connectorId) {
      // Only after the server has exited: one process at a time may open a PGlite folder.
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(dataDir);
      try {
        const result = await db.query<CountRow & { latencies: number[] | null }>(COUNT_SQL, [connectorId]);
        return toCounts(result.rows[0]!);
      } finally {
        await db.close();
      }
    },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const searchPath = schema ? { options: `-c search_path="${schema}"` } : {};
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, ...searchPath });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => {});
  }
}
