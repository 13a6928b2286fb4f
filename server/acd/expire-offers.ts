import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { mergeEffects, noEffects, type AcdEffects } from './acd-effects';
import { changeAgentStatus, returnOffersToQueue, withdrawn, lockAgent } from './agent-status';
import { appendDeskEvents } from './desk-events';

/** Why an agent is not responding, as their status history records it. */
export const MISSED_OFFER_REASON = 'missed an offer';

/**
 * Returns web offers whose deadline passed to the queue, so the next agent gets them. Agents are
 * locked one by one, in id order, before their events (the ACD lock order). A missed offer is not
 * a decline: an available agent who let one time out is `not_responding` and offered nothing new
 * until they choose a status again, so a lone agent away from the desk does not get the same SMS
 * back at once, over and over.
 */
export async function expireOffers(db: Kysely<Database>, limit = 500): Promise<AcdEffects> {
  const effects = noEffects();
  const due = await sql<{ agent_id: string }>`
    select distinct agent_id from media_event
    where state = 'offered' and offer_deadline <= now()
    order by agent_id limit ${limit}`.execute(db);
  for (const { agent_id: agentId } of due.rows) {
    // Each agent's effects count only once its transaction committed.
    const committed = await db.transaction().execute(async (trx) => {
      const own = noEffects();
      const agent = await lockAgent(trx, agentId);
      if (!agent) return own;
      const returned = await returnOffersToQueue(trx, agentId, sql`e.offer_deadline <= now()`, 'expired');
      if (returned.length === 0) return own;
      await appendDeskEvents(
        trx,
        returned.map((event) => withdrawn(agentId, event.id, 'expired')),
        own,
      );
      for (const event of returned) if (event.acd_group_id) own.groups.add(event.acd_group_id);
      if (agent.status === 'available') {
        const changed = await changeAgentStatus(trx, {
          agentId,
          status: 'not_responding',
          changedBy: null,
          reason: MISSED_OFFER_REASON,
        });
        if (changed) mergeEffects(own, changed.effects);
      }
      return own;
    });
    mergeEffects(effects, committed);
  }
  return effects;
}
