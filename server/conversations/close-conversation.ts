import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Closes the conversations of media events that ended without an agent closing them (expired in
 * the queue, cancelled; one delivered to an e-mail agent stays theirs, see
 * email-held-conversation.ts). `lastAgentId`: the agent who had it, whom a
 * reopening SMS is offered to first.
 */
export async function closeConversationsOfEvents(
  db: Kysely<Database> | Transaction<Database>,
  mediaEventIds: readonly string[],
  lastAgentId: string | null,
): Promise<void> {
  if (mediaEventIds.length === 0) return;
  await sql`
    update conversation c set state = 'closed', closed_at = now(), agent_id = null,
      last_agent_id = coalesce(${lastAgentId}::uuid, c.last_agent_id)
    from media_event e
    where e.id = any(${[...mediaEventIds]}::uuid[]) and c.id = e.conversation_id and c.state <> 'closed'`.execute(db);
}
