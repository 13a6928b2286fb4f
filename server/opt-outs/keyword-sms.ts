import { sql, type Kysely, type Selectable } from 'kysely';
import type { OptOut } from '../../contract/opt-outs';
import type { OptOutKeywordKind } from '../../contract/opt-out-keywords';
import { recordAudit } from '../audit/record-audit';
import { replyPathOf } from '../conversations/send-reply';
import type { Database, OptOutTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { storedForm } from '../delivery-log/accepted-line';
import { ApiError } from '../http/api-error';
import type { Logger } from '../logging/logger';
import type { SecretKey } from '../sms-sender/credential-cipher';
import { enqueueSms, isE164 } from '../sms-sender/enqueue-sms';
import type { NewInboundSms, StoredSms } from '../sms-receiver/sms-store';
import type { ClientOptOutSettings } from './opt-out-settings';

/** Who the audit log names for a change a customer's own keyword SMS made. */
export const KEYWORD_ACTOR = { userId: null, email: 'keyword SMS' } as const;

export function presentOptOut(row: Selectable<OptOutTable>): OptOut {
  return {
    id: row.id,
    clientId: row.client_id,
    number: row.number,
    source: row.source,
    since: row.since.toISOString(),
  };
}

export interface KeywordSmsOptions {
  secretKey?: SecretKey | undefined;
  logger?: Logger | undefined;
}

/** What storing a keyword SMS did besides storing it. */
export interface StoredKeywordSms extends StoredSms {
  /** A confirmation went to the outbox with it. */
  confirmationQueued: boolean;
}

/** Whether an SMS from `sender` (normalized) can change an opt-out list: only a phone number can be sent to. */
export const canOptOut = (senderNormalized: string) => isE164(senderNormalized);

/**
 * Stores an opt-out (or opt-in) keyword SMS and applies it, in one transaction: the SMS is
 * stored with status `opted_out` / `opted_in` (it joins the open conversation of its sender, if
 * there is one, and is routed nowhere: no media event, no workflow run), the sender is added to
 * (or taken off) the client's list with an audit entry naming the keyword, and the client's
 * confirmation text, if any, goes to the outbox through the receive connector's send connector,
 * the one SMS that may go to a number that just opted out. A repeat of a stored delivery (same
 * provider message id) changes nothing.
 */
export async function storeKeywordSms(
  db: Kysely<Database>,
  sms: NewInboundSms,
  kind: OptOutKeywordKind,
  settings: ClientOptOutSettings,
  options: KeywordSmsOptions = {},
): Promise<StoredKeywordSms> {
  return db.transaction().execute(async (trx) => {
    const status = kind === 'optOut' ? 'opted_out' : 'opted_in';
    const delivery = sms.deliveryLine ? JSON.stringify(storedForm(sms.deliveryLine)) : null;
    const inserted = await sql<{ id: string; conversation_id: string | null }>`
      insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
        receiver_normalized, message, keyword, message_id, status, raw, received_at, parts_total, parts_received,
        delivery, conversation_id)
      values (${sms.id}, ${sms.clientId}, ${sms.connectorId}, ${sms.sender}, ${sms.senderNormalized}, ${sms.receiver},
        ${sms.receiverNormalized}, ${sms.message}, ${sms.keyword}, ${sms.messageId}, ${status}, ${sms.raw}::jsonb,
        ${sms.receivedAt}, ${sms.partsTotal}, ${sms.partsReceived}, ${delivery}::jsonb,
        (select c.id from conversation c where c.client_id = ${sms.clientId} and c.our_number = ${sms.receiverNormalized}
          and c.customer_number = ${sms.senderNormalized} and c.state <> 'closed' limit 1))
      on conflict (connector_id, message_id) where message_id is not null do nothing
      returning id, conversation_id`.execute(trx);
    const row = inserted.rows[0];
    if (!row) {
      const earlier = await trx
        .selectFrom('inbound_sms')
        .select('id')
        .where('connector_id', '=', sms.connectorId)
        .where('message_id', '=', sms.messageId)
        .executeTakeFirstOrThrow();
      return { id: earlier.id, duplicate: true, confirmationQueued: false };
    }

    let heldBy: string | null = null;
    if (row.conversation_id !== null) {
      const conversation = await sql<{ state: string; agent_id: string | null }>`
        update conversation set last_message_at = greatest(last_message_at, ${sms.receivedAt})
        where id = ${row.conversation_id} returning state, agent_id`.execute(trx);
      const thread = conversation.rows[0];
      if (thread?.state === 'assigned') heldBy = thread.agent_id;
    }

    await applyKeyword(trx, kind, sms.clientId, sms.senderNormalized);

    const text = kind === 'optOut' ? settings.optOutConfirmation : settings.optInConfirmation;
    const confirmationQueued =
      text !== null && (await confirm(trx, sms, text, row.conversation_id, options).catch(notSent(options, sms)));
    return {
      id: row.id,
      duplicate: false,
      conversationId: row.conversation_id ?? undefined,
      startsWork: false,
      heldBy,
      mailed: false,
      confirmationQueued,
    };
  });
}

/** Adds the number to the list (or takes it off), audited with the keyword as its source. */
async function applyKeyword(trx: Kysely<Database>, kind: OptOutKeywordKind, clientId: string, number: string) {
  if (kind === 'optOut') {
    const added = await trx
      .insertInto('opt_out')
      .values({ id: uuid7(), client_id: clientId, number, source: 'keyword' })
      .onConflict((oc) => oc.columns(['client_id', 'number']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (added)
      await recordAudit(trx, KEYWORD_ACTOR, {
        entityType: 'opt_out',
        action: 'create',
        entityId: added.id,
        clientId,
        after: presentOptOut(added),
      });
    return;
  }
  const removed = await trx
    .deleteFrom('opt_out')
    .where('client_id', '=', clientId)
    .where('number', '=', number)
    .returningAll()
    .executeTakeFirst();
  if (removed)
    await recordAudit(trx, KEYWORD_ACTOR, {
      entityType: 'opt_out',
      action: 'delete',
      entityId: removed.id,
      clientId,
      before: presentOptOut(removed),
      after: { source: 'keyword' },
    });
}

/** Puts the confirmation in the outbox; false when there is no way to the customer. */
async function confirm(
  trx: Kysely<Database>,
  sms: NewInboundSms,
  text: string,
  conversationId: string | null,
  options: KeywordSmsOptions,
): Promise<boolean> {
  const path = await replyPathOf(
    trx,
    { connector_id: sms.connectorId, our_number: sms.receiverNormalized, customer_number: sms.senderNormalized },
    options.secretKey,
    { optOutExempt: true },
  );
  if (!path.canReply) {
    options.logger?.warn({ smsId: sms.id, reason: path.reason }, 'opt-out confirmation not sent');
    return false;
  }
  await enqueueSms(trx, {
    clientId: sms.clientId,
    sendConnectorId: path.sendConnectorId,
    to: sms.senderNormalized,
    from: path.from,
    text,
    origin: 'system',
    conversationId: conversationId ?? undefined,
    optOutExempt: true,
  });
  return true;
}

/**
 * A refused confirmation (a sender the driver cannot use, say) leaves the opt-out standing: the
 * refusal is checked before anything is written, so the transaction goes on.
 */
const notSent = (options: KeywordSmsOptions, sms: NewInboundSms) => (error: unknown) => {
  if (!(error instanceof ApiError)) throw error;
  options.logger?.warn({ smsId: sms.id, status: error.status }, 'opt-out confirmation refused');
  return false;
};
