import { sql, type Kysely } from 'kysely';
import { fallbackLanguage } from '../../i18n/languages';
import { say, sentence } from '../../i18n/sentence';
import type { SmsMessage, SmsSendResult } from '../../workflows';
import { replyPathOf, unreachable, type ReplyPath } from '../conversations/send-reply';
import type { Database } from '../db/schema';
import { ApiError } from '../http/api-error';
import { isUniqueViolation } from '../http/db-errors';
import { readSendConnector } from './create-send-driver';
import type { SecretKey } from './credential-cipher';
import { enqueueSms, senderProblem } from './enqueue-sms';

export interface WorkflowSmsOrigin {
  clientId: string;
  /** The inbound SMS whose run sends the message. */
  smsId: string;
  nodeId: string;
}

/** What a message is stored at most once for. */
export const workflowSmsKey = (origin: WorkflowSmsOrigin) => `workflow:${origin.smsId}:${origin.nodeId}`;

/**
 * Stores a `send_sms` node's message in the SMS outbox, in one transaction, at most once per SMS
 * and node (the row's idempotency key has a unique index): running the SMS again after a crash,
 * or on a second instance at once, stores nothing new and counts as sent. It goes through the
 * node's send connector, or the one the SMS's receive connector names, from the number the SMS
 * was sent to where the driver can send from it. A message to the SMS's sender joins the SMS's
 * conversation. The worker sends it once committed; the caller wakes the workers when `stored`.
 *
 * Whatever the send path refuses with (its ApiError's sentence, e.g. `outboundSms.refused.<code>`,
 * or why a conversation cannot be answered) comes back as `{ sent: false }` with that code as the
 * reason, so a refusal added to the send path reaches the node's variable as it is.
 */
export async function enqueueWorkflowSms(
  db: Kysely<Database>,
  origin: WorkflowSmsOrigin,
  message: SmsMessage,
  secretKey: SecretKey | undefined,
): Promise<SmsSendResult & { stored: boolean }> {
  const key = workflowSmsKey(origin);
  try {
    return await db.transaction().execute(async (trx) => {
      const earlier = await trx
        .selectFrom('outbound_sms')
        .select('id')
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (earlier) return { sent: true, stored: false };
      const sms = await trx
        .selectFrom('inbound_sms')
        .select(['connector_id', 'receiver_normalized', 'sender_normalized', 'conversation_id'])
        .where('id', '=', origin.smsId)
        .where('client_id', '=', origin.clientId)
        .executeTakeFirst();
      if (!sms) return refused('noInboundSms', 'The SMS this run answers is not stored (any more)');
      const path =
        message.sendConnectorId === null
          ? await replyPathOf(
              trx,
              { connector_id: sms.connector_id, our_number: sms.receiver_normalized, customer_number: message.to },
              secretKey,
            )
          : await chosenPath(trx, message.sendConnectorId, sms.receiver_normalized, secretKey);
      if (!path.canReply) {
        const words =
          message.sendConnectorId !== null && path.reason === 'noSendConnector'
            ? sentence('outboundSms.refused.noSendConnector', { id: message.sendConnectorId })
            : unreachable(path, message.to).sentence;
        return refused(path.reason, say(fallbackLanguage, words));
      }
      const conversationId = message.to === sms.sender_normalized ? (sms.conversation_id ?? undefined) : undefined;
      const row = await enqueueSms(trx, {
        clientId: origin.clientId,
        sendConnectorId: path.sendConnectorId,
        to: message.to,
        from: path.from,
        text: message.text,
        origin: 'workflow',
        conversationId,
      });
      // A second run storing the same message at the same time waits here and then fails on the index.
      await trx.updateTable('outbound_sms').set({ idempotency_key: key }).where('id', '=', row.id).execute();
      if (conversationId !== undefined) {
        await sql`update conversation set last_message_at = greatest(last_message_at, ${row.created_at})
          where id = ${conversationId}`.execute(trx);
      }
      return { sent: true, stored: true };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'outbound_sms_idempotency_key')) return { sent: true, stored: false };
    if (error instanceof ApiError) return refused(reasonOf(error), error.message);
    throw error;
  }
}

/** A send connector the node names: it must exist and be able to send (enqueueSms checks it is the client's). */
async function chosenPath(
  db: Kysely<Database>,
  sendConnectorId: string,
  ourNumber: string,
  secretKey: SecretKey | undefined,
): Promise<ReplyPath> {
  const row = await db
    .selectFrom('sms_send_connector')
    .select(['id', 'name', 'driver', 'settings', 'credentials_encrypted'])
    .where('id', '=', sendConnectorId)
    .executeTakeFirst();
  if (!row) return { canReply: false, reason: 'noSendConnector' };
  if (!readSendConnector(row, secretKey).usable)
    return { canReply: false, reason: 'sendConnectorUnusable', sendConnectorName: row.name };
  const from = senderProblem(ourNumber, row.driver) ? undefined : ourNumber;
  return { canReply: true, sendConnectorId: row.id, sendConnectorName: row.name, from };
}

/** The code of a refusal: the last part of its sentence's key (`outboundSms.refused.noSender` → `noSender`). */
function reasonOf(error: ApiError): string {
  return 'key' in error.sentence ? (error.sentence.key.split('.').at(-1) ?? 'refused') : 'refused';
}

function refused(reason: string, message: string): SmsSendResult & { stored: boolean } {
  return { sent: false, reason, message, stored: false };
}
