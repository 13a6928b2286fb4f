import { sql, type Kysely } from 'kysely';
import type { Database, SmsStatus } from '../db/schema';
import type { Logger } from '../logging/logger';

export interface NewInboundSms {
  id: string;
  clientId: string;
  connectorId: string;
  sender: string;
  senderNormalized: string;
  receiver: string;
  receiverNormalized: string;
  message: string;
  keyword: string | null;
  messageId: string | null;
  status: SmsStatus;
  /** JSON text of the request's fields. */
  raw: string;
  receivedAt: Date;
  /** For Direct ACD Group connectors: the media event created with the SMS. */
  mediaEvent: { id: string; acdGroupId: string; subject: string } | null;
}

export interface StoredSms {
  id: string;
  /** True when an earlier delivery with the same provider message id was stored already. */
  duplicate: boolean;
}

interface Pending {
  sms: NewInboundSms;
  resolve: (stored: StoredSms) => void;
  reject: (error: unknown) => void;
}

export interface SmsStoreOptions {
  maxBatch?: number;
  maxConcurrentBatches?: number;
  /** Called after a commit with the SMS that wait for the routing engine. */
  onReceived?: (smsIds: string[]) => void;
  logger?: Logger;
}

/**
 * Stores inbound SMS durably, grouping concurrent deliveries into one transaction: a batch
 * starts as soon as a connection is free and takes everything that queued meanwhile, so one
 * lone SMS waits for nobody and a burst shares its commits. Each caller's promise resolves only
 * after the transaction holding its row has committed.
 */
export class SmsStore {
  private queue: Pending[] = [];
  private inFlight = 0;
  private readonly maxBatch: number;
  private readonly maxConcurrentBatches: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: SmsStoreOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 4;
  }

  store(sms: NewInboundSms): Promise<StoredSms> {
    return new Promise((resolve, reject) => {
      this.queue.push({ sms, resolve, reject });
      this.startBatches();
    });
  }

  /** Resolves once every SMS handed in so far has been committed or refused. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private startBatches(): void {
    while (this.inFlight < this.maxConcurrentBatches && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.commitBatch(batch).finally(() => {
        this.inFlight--;
        this.startBatches();
      });
    }
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    try {
      settle(batch, await insertBatch(this.db, batch.map((p) => p.sms)));
      this.notifyReceived(batch);
    } catch (error) {
      if (batch.length === 1) {
        this.options.logger?.error({ err: error }, 'storing an SMS failed');
        batch[0]!.reject(error);
        return;
      }
      // One bad row must not fail its neighbours: store each on its own.
      this.options.logger?.warn({ err: error, size: batch.length }, 'batch failed, storing its SMS one by one');
      await Promise.all(batch.map((pending) => this.commitBatch([pending])));
    }
  }

  private notifyReceived(batch: Pending[]): void {
    if (!this.options.onReceived) return;
    const ids = batch.filter((p) => p.sms.status === 'received').map((p) => p.sms.id);
    if (ids.length > 0) this.options.onReceived(ids);
  }
}

function settle(batch: Pending[], results: Map<Pending['sms'], StoredSms>): void {
  for (const pending of batch) pending.resolve(results.get(pending.sms)!);
}

const dedupeKey = (sms: NewInboundSms) => (sms.messageId === null ? null : `${sms.connectorId}\u0000${sms.messageId}`);

async function insertBatch(db: Kysely<Database>, batch: NewInboundSms[]): Promise<Map<NewInboundSms, StoredSms>> {
  // Retries of one message inside a batch collapse onto the first; across concurrent batches the
  // unique index decides, and sorting by key keeps two batches from locking in opposite orders.
  const firstByKey = new Map<string, NewInboundSms>();
  const candidates: NewInboundSms[] = [];
  for (const sms of batch) {
    const key = dedupeKey(sms);
    if (key === null) candidates.push(sms);
    else if (!firstByKey.has(key)) {
      firstByKey.set(key, sms);
      candidates.push(sms);
    }
  }
  candidates.sort((a, b) => (dedupeKey(a) ?? '').localeCompare(dedupeKey(b) ?? ''));

  return db.transaction().execute(async (trx) => {
    const inserted = new Set(
      (await insertSmsRows(trx, candidates)).rows.map((row) => row.id),
    );
    const events = candidates.filter((sms) => sms.mediaEvent && inserted.has(sms.id));
    if (events.length > 0) await insertMediaEvents(trx, events);

    const earlierIds = await findEarlierDeliveries(
      trx,
      candidates.filter((sms) => !inserted.has(sms.id)),
    );
    const results = new Map<NewInboundSms, StoredSms>();
    for (const sms of batch) {
      const key = dedupeKey(sms);
      const first = key === null ? sms : firstByKey.get(key)!;
      if (inserted.has(first.id)) {
        results.set(sms, { id: first.id, duplicate: first !== sms });
      } else {
        const earlier = earlierIds.get(key!);
        if (!earlier) throw new Error('A duplicate delivery vanished before it could be answered');
        results.set(sms, { id: earlier, duplicate: true });
      }
    }
    return results;
  });
}

function insertSmsRows(trx: Kysely<Database>, rows: NewInboundSms[]) {
  const column = <K extends keyof NewInboundSms>(key: K) => rows.map((r) => r[key]);
  return sql<{ id: string }>`
    insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
      receiver_normalized, message, keyword, message_id, status, raw, received_at)
    select * from unnest(${column('id')}::uuid[], ${column('clientId')}::uuid[], ${column('connectorId')}::uuid[],
      ${column('sender')}::text[], ${column('senderNormalized')}::text[], ${column('receiver')}::text[],
      ${column('receiverNormalized')}::text[], ${column('message')}::text[], ${column('keyword')}::text[],
      ${column('messageId')}::text[], ${column('status')}::text[], ${column('raw')}::jsonb[],
      ${rows.map((r) => r.receivedAt.toISOString())}::timestamptz[])
    on conflict (connector_id, message_id) where message_id is not null do nothing
    returning id`.execute(trx);
}

function insertMediaEvents(trx: Kysely<Database>, rows: NewInboundSms[]) {
  const events = rows.map((sms) => ({ sms, event: sms.mediaEvent! }));
  return sql`
    insert into media_event (id, client_id, sms_id, acd_group_id, subject, state, created_at)
    select id, client_id, sms_id, acd_group_id, subject, 'queued', created_at
    from unnest(${events.map((e) => e.event.id)}::uuid[], ${events.map((e) => e.sms.clientId)}::uuid[],
      ${events.map((e) => e.sms.id)}::uuid[], ${events.map((e) => e.event.acdGroupId)}::uuid[],
      ${events.map((e) => e.event.subject)}::text[],
      ${events.map((e) => e.sms.receivedAt.toISOString())}::timestamptz[])
      as t(id, client_id, sms_id, acd_group_id, subject, created_at)`.execute(trx);
}

async function findEarlierDeliveries(trx: Kysely<Database>, rows: NewInboundSms[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await sql<{ id: string; connector_id: string; message_id: string }>`
    select s.id, s.connector_id, s.message_id from inbound_sms s
    join unnest(${rows.map((r) => r.connectorId)}::uuid[], ${rows.map((r) => r.messageId)}::text[]) as k(connector_id, message_id)
      on s.connector_id = k.connector_id and s.message_id = k.message_id`.execute(trx);
  return new Map(found.rows.map((row) => [`${row.connector_id}\u0000${row.message_id}`, row.id]));
}
