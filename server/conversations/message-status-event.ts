import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DeskStreamEvents } from '../../contract/desk';
import type { AcdEffects } from '../acd/acd-effects';
import { appendDeskEvents } from '../acd/desk-events';
import type { Database, OutboundStatus } from '../db/schema';

/**
 * For an `update outbound_sms … returning`: the agent holding the message's conversation now
 * (assigned to them, with a desk log to write to), or null. One subquery in the statement that
 * changes the status, so that a message outside any conversation costs nothing more. The
 * conversation is found by its key and the agent's state only probed per row: a join (or an
 * EXISTS, pulled up into one) implies `agent_id is not null`, which let the planner take the
 * partial agent index and filter every held conversation through it (1,000 rows, 1,300 buffers a
 * message in bench:acd).
 */
export const holdingAgentOfMessage = (outboundSms = 'outbound_sms'): RawBuilder<string | null> => sql<string | null>`(
  select case when exists (select 1 from agent_state a where a.agent_id = c.agent_id) then c.agent_id end
  from conversation c
  where c.id = ${sql.ref(`${outboundSms}.conversation_id`)} and c.state = 'assigned')`;

export interface MessageStatusChange {
  /** The agent holding the conversation (holdingAgentOfMessage); null: nobody to tell. */
  agentId: string | null;
  conversationId: string | null;
  messageId: string;
  status: OutboundStatus;
  error: string | null;
}

/**
 * Logs a `message-status` desk event for the agent holding each message's conversation, in the
 * transaction `trx` that changed the statuses: they commit with the change (and survive a restart,
 * as every desk event does) or not at all. The caller wakes the desks with `effects` after commit.
 */
export async function logMessageStatus(
  trx: Transaction<Database>,
  changes: MessageStatusChange[],
  effects: AcdEffects,
): Promise<void> {
  const events = changes.flatMap((change) => {
    if (!change.agentId || !change.conversationId) return [];
    const payload: DeskStreamEvents['message-status'] = {
      conversationId: change.conversationId,
      messageId: change.messageId,
      status: change.status,
      error: change.error,
    };
    return [{ agentId: change.agentId, kind: 'message-status' as const, payload }];
  });
  await appendDeskEvents(trx, events, effects);
}
