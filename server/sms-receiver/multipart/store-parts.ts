import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { normalizedSender, type ArrivedSms } from '../build-sms';
import type { CachedConnector } from '../connector-cache';
import type { PartOf } from '../providers/provider-adapter';

/** The message a part belongs to: its parts share this key (the primary key without the part's index). */
export interface MessageKey {
  connectorId: string;
  senderNormalized: string;
  ref: string;
}

/** One part as it is stored in sms_part. */
export interface NewPart extends MessageKey {
  clientId: string;
  index: number;
  total: number;
  sender: string;
  receiver: string;
  receiverNormalized: string;
  message: string;
  keyword: string | null;
  messageId: string | null;
  /** JSON text of the request's fields. */
  raw: string;
  receivedAt: Date;
}

export const messageKeyText = (key: MessageKey) => `${key.connectorId}\u0000${key.senderNormalized}\u0000${key.ref}`;

const partKeyText = (part: MessageKey & { index: number }) => `${messageKeyText(part)}\u0000${part.index}`;

export function newPart(connector: CachedConnector, arrived: ArrivedSms, part: PartOf): NewPart {
  const sender = arrived.sender.trim();
  return {
    connectorId: connector.id,
    clientId: connector.clientId,
    senderNormalized: normalizedSender(connector, sender),
    ref: part.ref,
    index: part.index,
    total: part.total,
    sender,
    receiver: arrived.receiver,
    receiverNormalized: arrived.receiverNormalized,
    message: arrived.message,
    keyword: arrived.keyword,
    messageId: arrived.messageId,
    raw: arrived.raw,
    receivedAt: arrived.receivedAt ?? new Date(),
  };
}

/**
 * Stores a batch of parts in one statement; answers for each whether it repeated a part stored
 * already. A part already waiting is a repeat. A part whose place is held by a joined part (a
 * tombstone) is a repeat when it has that part's provider message id (or, without ids, its text);
 * otherwise the sender reused the reference for a new message, and the part takes the place.
 */
export async function insertParts(
  db: Kysely<Database>,
  batch: NewPart[],
): Promise<Map<NewPart, { duplicate: boolean }>> {
  const firstByKey = new Map<string, NewPart>();
  for (const part of batch) if (!firstByKey.has(partKeyText(part))) firstByKey.set(partKeyText(part), part);
  // Sorted, so that two batches never lock the same rows in opposite orders.
  const rows = [...firstByKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, part]) => part);
  const column = <K extends keyof NewPart>(key: K) => rows.map((r) => r[key]);
  const stored = await sql<{ connector_id: string; sender_normalized: string; ref: string; part_index: number }>`
    insert into sms_part as p (connector_id, client_id, sender_normalized, ref, part_index, parts_total, sender,
      receiver, receiver_normalized, message, keyword, message_id, raw, received_at)
    select * from unnest(${column('connectorId')}::uuid[], ${column('clientId')}::uuid[],
      ${column('senderNormalized')}::text[], ${column('ref')}::text[], ${column('index')}::int[],
      ${column('total')}::int[], ${column('sender')}::text[], ${column('receiver')}::text[],
      ${column('receiverNormalized')}::text[], ${column('message')}::text[], ${column('keyword')}::text[],
      ${column('messageId')}::text[], ${column('raw')}::jsonb[], ${rows.map((r) => r.receivedAt.toISOString())}::timestamptz[])
    on conflict (connector_id, sender_normalized, ref, part_index) do update set
      client_id = excluded.client_id, parts_total = excluded.parts_total, sender = excluded.sender,
      receiver = excluded.receiver, receiver_normalized = excluded.receiver_normalized, message = excluded.message,
      keyword = excluded.keyword, message_id = excluded.message_id, raw = excluded.raw,
      received_at = excluded.received_at, joined_sms_id = null, joined_at = null
    where p.joined_at is not null
      and case when p.message_id is not null and excluded.message_id is not null
        then p.message_id <> excluded.message_id
        else p.message <> excluded.message end
    returning connector_id, sender_normalized, ref, part_index`.execute(db);
  const fresh = new Set(
    stored.rows.map((r) =>
      partKeyText({
        connectorId: r.connector_id,
        senderNormalized: r.sender_normalized,
        ref: r.ref,
        index: r.part_index,
      }),
    ),
  );
  return new Map(
    batch.map((part) => [
      part,
      { duplicate: firstByKey.get(partKeyText(part)) !== part || !fresh.has(partKeyText(part)) },
    ]),
  );
}
