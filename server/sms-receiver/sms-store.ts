import { sql, type Kysely } from 'kysely';
import type { Database, SmsStatus } from '../db/schema';
import { BatchCommitter } from '../db/batch-committer';
import type { Logger } from '../logging/logger';
import { storedForm, type AcceptedLine } from '../delivery-log/accepted-line';

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
  /** For Routing Application connectors: the application that routes it (not stored with the SMS). */
  routingApplicationId: string | null;
  /** JSON text of the request's fields. */
  raw: string;
  receivedAt: Date;
  /** A multipart SMS joined from its parts: how many it has, and how many had arrived. */
  partsTotal: number | null;
  partsReceived: number | null;
  /** For Direct ACD Group connectors: the media event created with the SMS. */
  mediaEvent: { id: string; acdGroupId: string; subject: string } | null;
  /** The delivery log's line, written with the SMS (none: the caller logs the delivery itself). */
  deliveryLine?: AcceptedLine | undefined;
}

/** How long an instance owns an SMS it is routing before another may take it over. */
export const DEFAULT_ROUTING_LEASE_SECONDS = 60;

export interface StoredSms {
  id: string;
  /** True when an earlier delivery with the same provider message id was stored already. */
  duplicate: boolean;
}

export interface SmsStoreOptions {
  maxBatch?: number;
  maxConcurrentBatches?: number;
  /** Called after a commit with the new SMS that wait for the routing engine. */
  onReceived?: (sms: NewInboundSms[]) => void;
  /** Called after a commit with the ACD groups that got new queued media events. */
  onQueued?: (acdGroupIds: Set<string>) => void;
  routingLeaseSeconds?: number;
  logger?: Logger;
}

/**
 * Stores inbound SMS durably. Concurrent deliveries share one transaction (see BatchCommitter);
 * each delivery is answered only after the transaction holding its row has committed.
 */
export class SmsStore {
  private readonly committer: BatchCommitter<NewInboundSms, StoredSms>;

  constructor(db: Kysely<Database>, options: SmsStoreOptions = {}) {
    this.committer = new BatchCommitter({
      what: 'storing SMS',
      commit: (batch) =>
        insertBatch(db, batch, options.routingLeaseSeconds ?? DEFAULT_ROUTING_LEASE_SECONDS).catch((error) => {
          throw new SmsStoreError(batch, error);
        }),
      afterCommit: (batch, results) => {
        const waiting = batch.filter((sms) => sms.status === 'received' && !results.get(sms)!.duplicate);
        if (waiting.length > 0) options.onReceived?.(waiting);
        const groups = new Set<string>();
        for (const sms of batch)
          if (sms.mediaEvent && !results.get(sms)!.duplicate) groups.add(sms.mediaEvent.acdGroupId);
        if (groups.size > 0) options.onQueued?.(groups);
      },
      ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
      ...(options.maxConcurrentBatches ? { maxConcurrentBatches: options.maxConcurrentBatches } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  store(sms: NewInboundSms): Promise<StoredSms> {
    return this.committer.submit(sms);
  }

  drain(): Promise<void> {
    return this.committer.drain();
  }
}

/**
 * Storing failed. Logged in place of the database's error, which may quote what was being
 * written (the SMS text, the sender's number): it keeps the SMS ids and the error code only.
 */
export class SmsStoreError extends Error {
  readonly code: string | undefined;
  readonly smsIds: string[];

  constructor(batch: NewInboundSms[], cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const known = typeof code === 'string' ? code : undefined;
    const why = known ? `PostgreSQL error ${known}` : cause instanceof Error ? cause.name : 'unknown error';
    super(`storing ${batch.length} SMS failed (${why})`);
    this.name = 'SmsStoreError';
    this.code = known;
    this.smsIds = batch.map((sms) => sms.id);
  }
}

const dedupeKey = (sms: NewInboundSms) => (sms.messageId === null ? null : `${sms.connectorId}\u0000${sms.messageId}`);

async function insertBatch(
  db: Kysely<Database>,
  batch: NewInboundSms[],
  leaseSeconds: number,
): Promise<Map<NewInboundSms, StoredSms>> {
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

  // One statement, so one round trip and its own atomic commit: the SMS rows and their media
  // events are stored together or not at all.
  const inserted = new Set((await insertSmsWithEvents(db, candidates, leaseSeconds)).rows.map((row) => row.id));
  const earlierIds = await findEarlierDeliveries(
    db,
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
}

/**
 * Inserts SMS and their media events in one statement (a Transaction is a Kysely too, so the
 * multipart join runs it inside its own); answers the ids inserted, leaving out repeated message ids.
 */
export function insertSmsWithEvents(db: Kysely<Database>, rows: NewInboundSms[], leaseSeconds: number) {
  // An SMS for the routing engine is leased to this instance from the start: it runs it from
  // memory right after the commit, and only an expired lease lets anyone else pick it up.
  return sql<{ id: string }>`
    with input as (
      select * from json_to_recordset(${rowsDocument(rows)}::json) as t(raw jsonb, id uuid, client_id uuid,
        connector_id uuid, sender text, sender_normalized text, receiver text, receiver_normalized text, message text,
        keyword text, message_id text, status text, received_at timestamptz, parts_total int, parts_received int,
        delivery jsonb, event_id uuid, acd_group_id uuid, subject text)
    ), sms as (
      insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
        receiver_normalized, message, keyword, message_id, status, raw, received_at, parts_total, parts_received,
        delivery, routing_lease_until)
      select id, client_id, connector_id, sender, sender_normalized, receiver, receiver_normalized, message,
        keyword, message_id, status, raw, received_at, parts_total, parts_received, delivery,
        case when status = 'received' then now() + ${sql.lit(`${leaseSeconds} seconds`)}::interval end
      from input
      on conflict (connector_id, message_id) where message_id is not null do nothing
      returning id, client_id, received_at
    ), events as (
      insert into media_event (id, client_id, sms_id, acd_group_id, subject, state, created_at)
      select i.event_id, sms.client_id, sms.id, i.acd_group_id, i.subject, 'queued', sms.received_at
      from input i join sms on sms.id = i.id
      where i.event_id is not null
    )
    select id from sms`.execute(db);
}

/**
 * The rows as one JSON text: one parameter the driver sends as it is, where arrays of each
 * column are escaped by it element by element. `raw` is JSON text already and goes in as it is.
 */
function rowsDocument(rows: NewInboundSms[]): string {
  const documents = rows.map((r) => {
    const columns = JSON.stringify({
      id: r.id,
      client_id: r.clientId,
      connector_id: r.connectorId,
      sender: r.sender,
      sender_normalized: r.senderNormalized,
      receiver: r.receiver,
      receiver_normalized: r.receiverNormalized,
      message: r.message,
      keyword: r.keyword,
      message_id: r.messageId,
      status: r.status,
      received_at: r.receivedAt.toISOString(),
      parts_total: r.partsTotal,
      parts_received: r.partsReceived,
      delivery: r.deliveryLine ? storedForm(r.deliveryLine) : null,
      event_id: r.mediaEvent?.id ?? null,
      acd_group_id: r.mediaEvent?.acdGroupId ?? null,
      subject: r.mediaEvent?.subject ?? null,
    });
    return `{"raw":${r.raw},${columns.slice(1)}`;
  });
  return `[${documents.join(',')}]`;
}

async function findEarlierDeliveries(db: Kysely<Database>, rows: NewInboundSms[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await sql<{ id: string; connector_id: string; message_id: string }>`
    select s.id, s.connector_id, s.message_id from inbound_sms s
    join unnest(${rows.map((r) => r.connectorId)}::uuid[], ${rows.map((r) => r.messageId)}::text[]) as k(connector_id, message_id)
      on s.connector_id = k.connector_id and s.message_id = k.message_id`.execute(db);
  return new Map(found.rows.map((row) => [`${row.connector_id}\u0000${row.message_id}`, row.id]));
}
