import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Calls off the e-mail of an agent's open e-mail offers that is not on its way yet (waiting for
 * its first attempt or for a retry), and answers those offers' media events, so they can go back
 * to the queue. E-mail an outbox worker holds a claim on is being sent right now and is left to
 * finish: taking its event back could put one SMS in two agents' hands. The outbox rows are
 * locked, so a claim made meanwhile is seen here, and a row called off is never claimed.
 * The caller holds the agent's lock.
 */
export async function callOffUnsentEmail(
  trx: Transaction<Database>,
  agentId: string,
  why: string,
  /** Only the e-mail of these media events; all of the agent's when absent. */
  mediaEventIds?: string[],
): Promise<string[]> {
  const calledOff = await sql<{ media_event_id: string }>`
    with unsent as (
      select o.id from email_outbox o
      join media_event_offer f on f.id = o.offer_id
      where f.agent_id = ${agentId} and f.outcome is null
        and (${mediaEventIds === undefined} or f.media_event_id = any(${mediaEventIds ?? []}::uuid[]))
        and o.sent_at is null and o.failed_at is null and (o.claimed_until is null or o.claimed_until < now())
      for update of o)
    update email_outbox o set failed_at = now(), claimed_until = null, last_error = ${`Not sent: ${why}`}
    from unsent where o.id = unsent.id
    returning o.media_event_id`.execute(trx);
  return calledOff.rows.map((row) => row.media_event_id);
}
