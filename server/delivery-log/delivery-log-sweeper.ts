import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';

export interface DeliveryLogSweeperOptions {
  retentionDays: number;
  logger?: Logger | undefined;
  intervalMs?: number;
  /** Rows per delete statement: short statements, so a large sweep holds no lock for long. */
  chunkSize?: number;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes delivery log rows older than the retention period: once at start, then every hour. */
export class DeliveryLogSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: DeliveryLogSweeperOptions,
  ) {}

  start(): void {
    this.stopped = false;
    void this.sweep();
    this.timer ??= setInterval(() => void this.sweep(), this.options.intervalMs ?? 60 * 60 * 1000);
    this.timer.unref();
  }

  /** Ends the timer; a sweep under way stops after its current chunk. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Deletes what is older than the retention period; answers how many rows went. */
  sweep(): Promise<number> {
    this.running ??= this.deleteOld().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deleteOld(): Promise<number> {
    const cutoff = (this.options.now ?? Date.now)() - this.options.retentionDays * DAY_MS;
    const chunk = this.options.chunkSize ?? 5000;
    let deleted = 0;
    try {
      for (;;) {
        const result = await deleteChunk(this.db, cutoff, chunk);
        deleted += result;
        if (result < chunk || this.stopped) break;
      }
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      this.options.logger?.warn({ code, deleted }, 'delivery log: sweeping old entries failed; tried again in an hour');
    }
    return deleted;
  }
}

/**
 * Rows are found by their id, which is a UUIDv7 of their time (see the writer): the primary key
 * is the index by time, and no other index is needed for the sweep.
 */
async function deleteChunk(db: Kysely<Database>, cutoffMs: number, chunk: number): Promise<number> {
  const result = await sql`
    delete from delivery_attempt where id in (
      select id from delivery_attempt
      where id < ${lowestUuid7At(cutoffMs)}::uuid and received_at < ${new Date(cutoffMs).toISOString()}::timestamptz
      order by id limit ${chunk})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The smallest UUIDv7 of a millisecond: every id of an earlier time sorts below it. */
function lowestUuid7At(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
