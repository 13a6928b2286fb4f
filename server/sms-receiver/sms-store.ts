import { sql, type Kysely } from 'kysely';
import type { Database, SmsStatus } from '../db/schema';
import { BatchCommitter } from '../db/batch-committer';
import type { Logger } from '../logging/logger';
import type { AcceptedLine } from '../delivery-log/accepted-line';
import { sentence, say } from '../../i18n/sentence';

const ACCEPTED = sentence('delivery.accepted');

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
  const column = <K extends keyof NewInboundSms>(key: K) => rows.map((r) => r[key]);
  const withEvent = rows.filter((r) => r.mediaEvent);
  const event = <K extends keyof NonNullable<NewInboundSms['mediaEvent']>>(key: K) =>
    withEvent.map((r) => r.mediaEvent![key]);
  // One JSON text rather than nine arrays: the driver escapes every array element one by one.
  const linesJson = JSON.stringify(rows.flatMap((r) => (r.deliveryLine ? [lineColumns(r.id, r.deliveryLine)] : [])));
  // An SMS for the routing engine is leased to this instance from the start: it runs it from
  // memory right after the commit, and only an expired lease lets anyone else pick it up.
  return sql<{ id: string }>`
    with sms as (
      insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
        receiver_normalized, message, keyword, message_id, status, raw, received_at, parts_total, parts_received,
        routing_lease_until)
      select *, case when status = 'received' then now() + ${sql.lit(`${leaseSeconds} seconds`)}::interval end
      from unnest(${column('id')}::uuid[], ${column('clientId')}::uuid[], ${column('connectorId')}::uuid[],
        ${column('sender')}::text[], ${column('senderNormalized')}::text[], ${column('receiver')}::text[],
        ${column('receiverNormalized')}::text[], ${column('message')}::text[], ${column('keyword')}::text[],
        ${column('messageId')}::text[], ${column('status')}::text[], ${column('raw')}::jsonb[],
        ${rows.map((r) => r.receivedAt.toISOString())}::timestamptz[], ${column('partsTotal')}::int[],
        ${column('partsReceived')}::int[])
        as t(id, client_id, connector_id, sender, sender_normalized, receiver, receiver_normalized, message,
          keyword, message_id, status, raw, received_at, parts_total, parts_received)
      on conflict (connector_id, message_id) where message_id is not null do nothing
      returning id, client_id, connector_id, received_at
    ), log as (
      insert into delivery_attempt (id, received_at, provider, connector_id, client_id, status, outcome, reason,
        reason_sentence, sms_id, client_address, request)
      select l.id, sms.received_at, l.provider, sms.connector_id, sms.client_id, l.status, 'accepted',
        ${say('en', ACCEPTED)}, ${JSON.stringify(ACCEPTED)}::jsonb, sms.id, l.client_address,
        jsonb_build_object('method', l.method, 'path', l.path, 'query', '{}'::jsonb, 'body', '',
          'headers', jsonb_strip_nulls(jsonb_build_object('content-type', l.content_type, 'user-agent', l.user_agent)))
      from jsonb_to_recordset(${linesJson}::jsonb) as l(id uuid, sms_id uuid, provider text, status int,
        client_address text, method text, path text, content_type text, user_agent text)
      join sms on sms.id = l.sms_id
    ), events as (
      insert into media_event (id, client_id, sms_id, acd_group_id, subject, state, created_at)
      select e.id, sms.client_id, e.sms_id, e.acd_group_id, e.subject, 'queued', sms.received_at
      from unnest(${event('id')}::uuid[], ${withEvent.map((r) => r.id)}::uuid[], ${event('acdGroupId')}::uuid[],
        ${event('subject')}::text[]) as e(id, sms_id, acd_group_id, subject)
      join sms on sms.id = e.sms_id
    )
    select id from sms`.execute(db);
}

const lineColumns = (smsId: string, line: AcceptedLine) => ({
  id: line.id,
  sms_id: smsId,
  provider: line.provider,
  status: line.status,
  client_address: line.clientAddress,
  method: line.method,
  path: line.path,
  content_type: line.contentType,
  user_agent: line.userAgent,
});

async function findEarlierDeliveries(db: Kysely<Database>, rows: NewInboundSms[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await sql<{ id: string; connector_id: string; message_id: string }>`
    select s.id, s.connector_id, s.message_id from inbound_sms s
    join unnest(${rows.map((r) => r.connectorId)}::uuid[], ${rows.map((r) => r.messageId)}::text[]) as k(connector_id, message_id)
      on s.connector_id = k.connector_id and s.message_id = k.message_id`.execute(db);
  return new Map(found.rows.map((row) => [`${row.connector_id}\u0000${row.message_id}`, row.id]));
}
