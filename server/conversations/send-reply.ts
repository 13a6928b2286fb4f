import { sql, type Kysely, type Selectable } from 'kysely';
import type { CannotReplyReason, ConversationMessage } from '../../contract/conversations';
import { sentence } from '../../i18n/sentence';
import type { ConversationTable, Database } from '../db/schema';
import { ApiError, conflict, notFound } from '../http/api-error';
import type { SecretKey } from '../sms-sender/credential-cipher';
import { readSendConnector } from '../sms-sender/create-send-driver';
import { enqueueSms, isE164, senderProblem, type EnqueueConnector } from '../sms-sender/enqueue-sms';

/** How a reply in a conversation would go out, or why it cannot. */
export type ReplyPath =
  | {
      canReply: true;
      sendConnectorId: string;
      sendConnectorName: string;
      from: string | undefined;
      /** The send connector as enqueueSms reads it, when read with the path: a reply in the same transaction need not read it again. */
      connector?: EnqueueConnector;
    }
  | { canReply: false; reason: CannotReplyReason; sendConnectorName?: string };

type ConversationRow = Selectable<ConversationTable>;

export interface ReplyPathOptions {
  /** The confirmation of an opt-out, the one message that goes to a number that just opted out (issue 15). */
  optOutExempt?: boolean;
}

/**
 * The way out of a conversation: the send connector its receive connector names, from the number
 * the customer wrote to (the receive connector's own) when the driver can send from it, else from
 * the send connector's default sender. Reads with `db` (a transaction, in a reply). A customer on
 * the client's opt-out list cannot be answered (`optedOut`), by an agent or by a workflow alike.
 */
export async function replyPathOf(
  db: Kysely<Database>,
  conversation: Pick<ConversationRow, 'connector_id' | 'our_number' | 'customer_number'>,
  secretKey: SecretKey | undefined,
  options: ReplyPathOptions = {},
): Promise<ReplyPath> {
  if (!isE164(conversation.customer_number)) return { canReply: false, reason: 'customerNotANumber' };
  if (conversation.connector_id === null) return { canReply: false, reason: 'noReceiveConnector' };
  const row = await db
    .selectFrom('sms_connector as r')
    .leftJoin('sms_send_connector as s', 's.id', 'r.send_connector_id')
    .select([
      'r.id',
      's.id as send_id',
      's.client_id as send_client_id',
      's.name',
      's.driver',
      's.settings',
      's.credentials_encrypted',
      's.default_sender',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('opt_out as o')
            .select('o.id')
            .whereRef('o.client_id', '=', 'r.client_id')
            .where('o.number', '=', conversation.customer_number),
        )
        .as('opted_out'),
    )
    .where('r.id', '=', conversation.connector_id)
    .executeTakeFirst();
  if (!row) return { canReply: false, reason: 'noReceiveConnector' };
  if (row.opted_out && !options.optOutExempt) return { canReply: false, reason: 'optedOut' };
  if (!row.send_id || !row.send_client_id || !row.driver || !row.name)
    return { canReply: false, reason: 'noSendConnector' };
  const read = readSendConnector(
    { driver: row.driver, settings: row.settings ?? {}, credentials_encrypted: row.credentials_encrypted },
    secretKey,
  );
  if (!read.usable) return { canReply: false, reason: 'sendConnectorUnusable', sendConnectorName: row.name };
  const ownNumber = senderProblem(conversation.our_number, row.driver) ? undefined : conversation.our_number;
  const connector = {
    id: row.send_id,
    client_id: row.send_client_id,
    driver: row.driver,
    default_sender: row.default_sender,
    opted_out: row.opted_out,
  };
  return { canReply: true, sendConnectorId: row.send_id, sendConnectorName: row.name, from: ownNumber, connector };
}

/** The 422 of a reply that cannot reach the customer, saying why. */
export function unreachable(path: Extract<ReplyPath, { canReply: false }>, customer: string): ApiError {
  const params = { name: path.sendConnectorName ?? '', sender: customer };
  return new ApiError(422, sentence(`deskReply.unreachable.${path.reason}`, params));
}

export interface Reply {
  clientId: string;
  agentId: string;
  /** The agent's name as the thread shows it (the principal's: no lookup in the transaction). */
  agentName: string | null;
  conversationId: string;
  /** Trimmed, at most MAX_SEGMENTS SMS (deskReplyBody). */
  text: string;
}

/**
 * An agent's reply, in one transaction: the conversation is locked and must be held by the agent
 * (404 when it is not of their client or does not exist, 409 when it is not theirs to answer),
 * the reply goes to the outbox through the receive connector's send connector (422 when there is
 * no way to the customer), and the conversation's last message time moves on. Sent by the outbox
 * worker once committed.
 */
export async function sendReply(
  db: Kysely<Database>,
  reply: Reply,
  secretKey: SecretKey | undefined,
): Promise<ConversationMessage> {
  return db.transaction().execute(async (trx) => {
    // Locked and touched in one statement: a refusal below rolls the touch back.
    const conversation = await trx
      .updateTable('conversation')
      .set({ last_message_at: sql`greatest(last_message_at, now())` })
      .where('id', '=', reply.conversationId)
      .where('client_id', '=', reply.clientId)
      .returningAll()
      .executeTakeFirst();
    if (!conversation) throw notFound('conversation');
    if (conversation.state !== 'assigned' || conversation.agent_id !== reply.agentId) {
      const why = conversation.state === 'assigned' ? 'otherAgent' : conversation.state;
      throw conflict(sentence(`deskReply.notHeld.${why}`));
    }
    const path = await replyPathOf(trx, conversation, secretKey);
    if (!path.canReply) throw unreachable(path, conversation.customer_number);
    const row = await enqueueSms(
      trx,
      {
        clientId: conversation.client_id,
        sendConnectorId: path.sendConnectorId,
        to: conversation.customer_number,
        from: path.from,
        text: reply.text,
        origin: 'agent',
        agentId: reply.agentId,
        conversationId: conversation.id,
      },
      path.connector,
    );
    return {
      id: row.id,
      direction: 'outbound',
      text: row.text,
      at: row.created_at.toISOString(),
      smsId: null,
      status: row.status,
      error: row.error,
      origin: row.origin,
      agentId: reply.agentId,
      agentName: reply.agentName,
    };
  });
}
