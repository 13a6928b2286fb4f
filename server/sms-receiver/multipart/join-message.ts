import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, SmsPartTable } from '../../db/schema';
import { uuid7 } from '../../db/uuid7';
import { buildSms, routeOf, type ArrivedSms } from '../build-sms';
import type { CachedConnector } from '../connector-cache';
import type { HeldMessageEmail } from '../../mail/held-message-email';
import { insertSmsWithEvents, type NewInboundSms } from '../sms-store';
import type { MessageKey } from './store-parts';

/** The connector's window when it has none (it was deleted): sms_connector.multipart_window_seconds' default. */
export const DEFAULT_MULTIPART_WINDOW_SECONDS = 300;
/** How long joined parts are kept to recognise repeats: Vonage retries a delivery for 24 h. */
export const TOMBSTONE_MS = 24 * 60 * 60 * 1000;

export interface JoinContext {
  connectorById: (id: string) => CachedConnector | undefined;
  routingLeaseSeconds: number;
  /** Mail an SMS into a conversation an e-mail agent holds (see SmsStoreOptions). */
  heldMessageEmail?: HeldMessageEmail | undefined;
  /** The time the window is measured against. */
  at: Date;
}

type PartRow = Selectable<SmsPartTable>;

/**
 * Joins a message's parts into one inbound_sms, in one transaction, when all have arrived or the
 * connector's window since the first part is over (then from what arrived: incomplete). The
 * advisory lock on the message makes concurrent joins (two instances, a sweep beside a part
 * that just arrived) wait for each other, and the joined parts stay as tombstones, so a message
 * is joined once. Answers the joined SMS when it was stored (with how it was threaded).
 */
export function joinMessage(
  db: Kysely<Database>,
  key: MessageKey,
  context: JoinContext,
): Promise<JoinedSms | undefined> {
  return db.transaction().execute(async (trx) => {
    // PostgreSQL text holds no NUL: the lock's key is the message's key as JSON.
    const lockKey = JSON.stringify([key.connectorId, key.senderNormalized, key.ref]);
    await sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`.execute(trx);
    const parts = await trx
      .selectFrom('sms_part')
      .selectAll()
      .where('connector_id', '=', key.connectorId)
      .where('sender_normalized', '=', key.senderNormalized)
      .where('ref', '=', key.ref)
      .where('joined_at', 'is', null)
      .orderBy('part_index')
      .execute();
    if (parts.length === 0) return undefined;
    const stored = await trx
      .selectFrom('sms_connector')
      .select('multipart_window_seconds')
      .where('id', '=', key.connectorId)
      .executeTakeFirst();
    const total = Math.max(...parts.map((p) => p.parts_total));
    const firstAt = new Date(Math.min(...parts.map((p) => p.received_at.getTime())));
    const windowMs = (stored?.multipart_window_seconds ?? DEFAULT_MULTIPART_WINDOW_SECONDS) * 1000;
    if (parts.length < total && firstAt.getTime() + windowMs > context.at.getTime()) return undefined;

    const connector = context.connectorById(key.connectorId);
    // The connector exists but this instance has not heard of it yet: the next sweep joins it.
    if (stored && !connector) return undefined;
    const arrived = joinedArrival(key, parts, total, firstAt);
    const target = connector && routeOf(connector);
    let smsId: string;
    let routed: JoinedSms | undefined;
    if (connector && target) {
      const sms = buildSms(connector, arrived, target);
      // Threaded like any SMS; should it lose a race on the conversation index, the transaction
      // fails and the next sweep joins the message again.
      const [row] = (await insertSmsWithEvents(trx, [sms], context.routingLeaseSeconds, context.heldMessageEmail)).rows;
      routed = row
        ? {
            sms,
            startsWork: row.starts_work,
            heldBy: row.held_by,
            conversationId: row.conversation_id,
            mailed: row.mailed,
            queuedIn: row.queued_in,
          }
        : undefined;
      smsId = routed ? sms.id : await joinedEarlier(trx, key.connectorId, arrived.messageId!);
    } else {
      smsId = await insertUnroutable(trx, parts[0]!, arrived, stored ? key.connectorId : null);
    }
    await trx
      .updateTable('sms_part')
      .set({ joined_sms_id: smsId, joined_at: context.at })
      .where('connector_id', '=', key.connectorId)
      .where('sender_normalized', '=', key.senderNormalized)
      .where('ref', '=', key.ref)
      .where('joined_at', 'is', null)
      .execute();
    return routed;
  });
}

/** A joined SMS as stored: whether it starts work (routing, a media event) or goes to the agent holding its conversation. */
export interface JoinedSms {
  sms: NewInboundSms;
  startsWork: boolean;
  heldBy: string | null;
  conversationId: string;
  /** An e-mail to the holding agent was written to the outbox with it. */
  mailed: boolean;
  /** The ACD group its media event was queued in, if one was. */
  queuedIn: string | null;
}

/** The parts as one SMS: the texts in part order, the first part's addresses and arrival. */
function joinedArrival(key: MessageKey, parts: PartRow[], total: number, firstAt: Date): ArrivedSms {
  const first = parts[0]!;
  return {
    sender: first.sender,
    receiver: first.receiver,
    receiverNormalized: first.receiver_normalized,
    message: parts.map((p) => p.message).join(''),
    keyword: first.keyword,
    // Unique per connector like a provider's id, so the unique index stands behind the lock.
    messageId: `multipart:${key.senderNormalized}:${key.ref}:${firstAt.getTime()}`,
    raw: JSON.stringify({
      parts: parts.map((p) => ({
        index: p.part_index,
        messageId: p.message_id,
        receivedAt: p.received_at.toISOString(),
        fields: p.raw,
      })),
    }),
    receivedAt: firstAt,
    parts: { total, received: parts.length },
  };
}

async function joinedEarlier(trx: Transaction<Database>, connectorId: string, messageId: string): Promise<string> {
  const row = await trx
    .selectFrom('inbound_sms')
    .select('id')
    .where('connector_id', '=', connectorId)
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The connector was deleted, or has no ACD group or routing application any more: the SMS is
 * stored as failed (nothing acknowledged is lost), without a connector when it is gone.
 */
async function insertUnroutable(
  trx: Transaction<Database>,
  first: PartRow,
  arrived: ArrivedSms,
  connectorId: string | null,
): Promise<string> {
  const id = uuid7();
  await trx
    .insertInto('inbound_sms')
    .values({
      id,
      client_id: first.client_id,
      connector_id: connectorId,
      sender: arrived.sender,
      sender_normalized: first.sender_normalized,
      receiver: arrived.receiver,
      receiver_normalized: arrived.receiverNormalized,
      message: arrived.message,
      keyword: arrived.keyword,
      message_id: arrived.messageId,
      status: 'failed',
      raw: arrived.raw,
      received_at: arrived.receivedAt!,
      parts_total: arrived.parts!.total,
      parts_received: arrived.parts!.received,
    })
    .execute();
  return id;
}

/** Messages whose parts are all there, or whose window is over at `at`, and that are not joined yet. */
export async function findJoinable(db: Kysely<Database>, at: Date, limit: number): Promise<MessageKey[]> {
  const found = await sql<{ connector_id: string; sender_normalized: string; ref: string }>`
    select p.connector_id, p.sender_normalized, p.ref
    from sms_part p
    left join sms_connector c on c.id = p.connector_id
    where p.joined_at is null
    group by p.connector_id, p.sender_normalized, p.ref, c.multipart_window_seconds
    having count(*) >= max(p.parts_total)
      or min(p.received_at) <= ${at.toISOString()}::timestamptz
        - make_interval(secs => coalesce(c.multipart_window_seconds, ${DEFAULT_MULTIPART_WINDOW_SECONDS}))
    order by min(p.received_at)
    limit ${limit}`.execute(db);
  return found.rows.map((r) => ({ connectorId: r.connector_id, senderNormalized: r.sender_normalized, ref: r.ref }));
}

/** Forgets joined parts older than the time a provider may still repeat them. */
export async function deleteTombstones(db: Kysely<Database>, at: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('sms_part')
    .where('joined_at', '<', new Date(at.getTime() - TOMBSTONE_MS))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
