import { sql, type Kysely } from 'kysely';
import { say } from '../../i18n/sentence';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { Logger } from '../logging/logger';
import { BoundedQueue } from './bounded-queue';
import type { DeliveryLog, DeliveryRecord } from './delivery-record';
import { DeliveryLogSweeper } from './delivery-log-sweeper';
import { redactRequest, requestOfStoredSms, type LoggedRequest, storable } from './redact-request';
import { DEFAULT_REFUSALS_PER_SECOND, RefusalCap } from './refusal-cap';

export interface DeliveryLogWriterOptions {
  logger?: Logger | undefined;
  /** Refusals recorded one by one per connector and second (see refusal-cap.ts). */
  refusalsPerSecond?: number;
  /** How often what was recorded is written. */
  flushIntervalMs?: number;
  /** Rows per insert; a full batch is written at once. */
  maxBatch?: number;
  /** Entries kept while the database is away; beyond this (or `maxQueuedBodyBytes`) the oldest are dropped. */
  maxQueued?: number;
  maxQueuedBodyBytes?: number;
  /** Days rows are kept; with it, the writer sweeps older rows (see delivery-log-sweeper.ts). */
  retentionDays?: number | undefined;
  now?: () => number;
}

interface AttemptRow {
  id: string;
  receivedAt: string;
  provider: string;
  connectorId: string | null;
  clientId: string | null;
  status: number;
  outcome: string;
  reason: string;
  reasonSentence: unknown;
  smsId: string | null;
  clientAddress: string | null;
  request: LoggedRequest;
}

/**
 * The delivery log, written in batches beside the intake. `record` only queues (and applies the
 * refusal cap); a timer or a full batch writes the queue in one multi-row insert, and redaction
 * happens there, off the accepting path. While the database is away the queue is kept, bounded
 * (the oldest entries go first), and written once it is back: a log entry is worth less than
 * memory, and never worth failing or slowing a delivery.
 */
export class DeliveryLogWriter implements DeliveryLog {
  private readonly queue: BoundedQueue<DeliveryRecord>;
  private readonly cap: RefusalCap;
  private readonly sweeper: DeliveryLogSweeper | undefined;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  private readonly maxBatch: number;
  private readonly flushIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private fullBatchScheduled = false;
  private failing = false;

  constructor(
    private readonly db: Kysely<Database>,
    options: DeliveryLogWriterOptions = {},
  ) {
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.maxBatch = options.maxBatch ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 200;
    this.cap = new RefusalCap(options.refusalsPerSecond ?? DEFAULT_REFUSALS_PER_SECOND);
    this.queue = new BoundedQueue(
      options.maxQueued ?? 10_000,
      options.maxQueuedBodyBytes ?? 32 * 1024 * 1024,
      (entry) => entry.request.body?.byteLength ?? 0,
    );
    this.sweeper =
      options.retentionDays === undefined
        ? undefined
        : new DeliveryLogSweeper(db, { retentionDays: options.retentionDays, logger: options.logger, now: this.now });
  }

  record(entry: DeliveryRecord): void {
    try {
      if (entry.outcome === 'refused' && !this.cap.admit(entry)) return;
      this.queue.push(entry);
      if (this.queue.length >= this.maxBatch && !this.fullBatchScheduled) {
        this.fullBatchScheduled = true;
        // Written after the request that filled the batch has been answered.
        setImmediate(() => {
          this.fullBatchScheduled = false;
          void this.pump();
        });
      }
    } catch (error) {
      this.logger?.error({ err: error }, 'delivery log: an entry could not be queued');
    }
  }

  start(): void {
    this.timer ??= setInterval(() => void this.pump(), this.flushIntervalMs);
    this.timer.unref();
    this.sweeper?.start();
  }

  /** Stops the timers and writes what is left, the refusal summaries of the current second too. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeper?.stop();
    await this.drain(Number.POSITIVE_INFINITY);
    const lost = this.queue.length + this.queue.takeDropped();
    if (lost > 0) this.logger?.warn({ lost }, `delivery log: ${lost} entries could not be written before shutdown`);
  }

  /**
   * Writes everything recorded so far, with the summaries of the seconds that have ended
   * (`untilMs`: of the seconds before it). Answers after one failed attempt while the database is away.
   */
  async drain(untilMs = this.now()): Promise<void> {
    if (this.pumping) await this.pumping;
    await this.pump(untilMs);
  }

  private pump(untilMs = this.now()): Promise<void> {
    this.pumping ??= this.writeQueue(untilMs).finally(() => {
      this.pumping = undefined;
    });
    return this.pumping;
  }

  private async writeQueue(untilMs: number): Promise<void> {
    for (const summary of this.cap.takeSummaries(untilMs)) this.queue.push(summary);
    while (this.queue.length > 0) {
      const batch = this.queue.take(this.maxBatch);
      if (!(await this.writeBatch(batch))) return;
    }
  }

  /** False when the database is away: the batch is back in the queue. */
  private async writeBatch(batch: DeliveryRecord[]): Promise<boolean> {
    const rows = batch.flatMap((entry) => this.rowOf(entry));
    try {
      await insertAttempts(this.db, rows);
    } catch (error) {
      if (!isDataError(error) || rows.length === 1) return this.failed(batch, error);
      // A row the database refuses must not hold up the rest: one by one, the refused ones dropped.
      for (const [index, row] of rows.entries()) {
        try {
          await insertAttempts(this.db, [row]);
        } catch (single) {
          if (!isDataError(single)) return this.failed(batch.slice(index), single);
          this.logger?.error({ code: errorCode(single) }, 'delivery log: the database refused an entry');
        }
      }
    }
    this.written();
    return true;
  }

  private rowOf(entry: DeliveryRecord): AttemptRow[] {
    try {
      return [attemptRow(entry)];
    } catch (error) {
      this.logger?.error({ err: error }, 'delivery log: an entry could not be prepared');
      return [];
    }
  }

  private failed(batch: DeliveryRecord[], error: unknown): false {
    this.queue.putBack(batch);
    if (!this.failing) {
      this.failing = true;
      // The database's error is not logged: its message may quote what was written.
      this.logger?.error(
        { code: errorCode(error), queued: this.queue.length },
        'delivery log: writing failed; entries are kept in memory (the oldest dropped) until the database is back',
      );
    }
    return false;
  }

  /** One warning after an outage (or a queue that overflowed), with how many entries were lost. */
  private written(): void {
    const dropped = this.queue.takeDropped();
    if (dropped > 0)
      this.logger?.warn({ dropped }, `delivery log: written again; ${dropped} entries were dropped meanwhile`);
    else if (this.failing) this.logger?.info('delivery log: written again, nothing was lost');
    this.failing = false;
  }
}

function attemptRow(entry: DeliveryRecord): AttemptRow {
  return {
    // Time-ordered by the request's time: the API pages by id, the sweep deletes by it.
    id: uuid7(entry.receivedAt.getTime()),
    receivedAt: entry.receivedAt.toISOString(),
    provider: entry.provider,
    connectorId: entry.connectorId,
    clientId: entry.clientId,
    status: entry.status,
    outcome: entry.outcome,
    reason: storable(say('en', entry.reason)),
    // A stored SMS's words hold only what passed the receiver's checks; a refusal's may quote anything.
    reasonSentence: STORED.has(entry.outcome) ? entry.reason : storableSentence(entry.reason),
    smsId: entry.smsId,
    clientAddress: entry.clientAddress === null ? null : storable(entry.clientAddress),
    request: STORED.has(entry.outcome) ? requestOfStoredSms(entry.request) : redactRequest(entry.request),
  };
}

const storableSentence = (reason: DeliveryRecord['reason']): unknown =>
  JSON.parse(JSON.stringify(reason, (_key, value: unknown) => (typeof value === 'string' ? storable(value) : value)));

/** Outcomes whose request became a stored SMS (or part): the log keeps less of them (see requestOfStoredSms). */
const STORED: ReadonlySet<string> = new Set(['accepted', 'duplicate', 'part_stored']);

function insertAttempts(db: Kysely<Database>, rows: AttemptRow[]) {
  // One JSON document for the batch: PostgreSQL parses it once, and the driver escapes no arrays.
  return sql`
    insert into delivery_attempt (id, received_at, provider, connector_id, client_id, status, outcome, reason,
      reason_sentence, sms_id, client_address, request)
    select id, "receivedAt", provider, "connectorId", "clientId", status, outcome, reason, "reasonSentence", "smsId",
      "clientAddress", request
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(id uuid, "receivedAt" timestamptz, provider text,
      "connectorId" uuid, "clientId" uuid, status integer, outcome text, reason text, "reasonSentence" jsonb,
      "smsId" uuid, "clientAddress" text, request jsonb)`.execute(db);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A refusal of the data (SQLSTATE classes 22 and 23), not of the database being away. */
function isDataError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && /^2[23]/.test(code);
}
