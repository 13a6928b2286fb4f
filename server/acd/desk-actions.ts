import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { noEffects, type AcdEffects } from './acd-effects';
import { appendDeskEvents } from './desk-events';
import { groupsOf, lockAgent, returnOffersToQueue, withdrawn } from './agent-status';

export const deskActions = ['accept', 'decline', 'complete'] as const;
export type DeskAction = (typeof deskActions)[number];

/**
 * An agent acts on a media event. Answers false when the event is not (or no longer) offered to
 * or held by this agent: an offer that has passed its deadline cannot be accepted even if the
 * sweep has not returned it to the queue yet.
 */
export async function actOnMediaEvent(
  trx: Transaction<Database>,
  agentId: string,
  mediaEventId: string,
  action: DeskAction,
): Promise<{ done: boolean; effects: AcdEffects }> {
  const effects = noEffects();
  if (!(await lockAgent(trx, agentId))) return { done: false, effects };

  if (action === 'decline') {
    const returned = await returnOffersToQueue(trx, agentId, sql`e.id = ${mediaEventId}`, 'declined');
    if (returned.length === 0) return { done: false, effects };
    if (returned[0]!.acd_group_id) effects.groups.add(returned[0]!.acd_group_id);
    await appendDeskEvents(trx, [withdrawn(agentId, mediaEventId, 'declined')]);
    effects.desks.add(agentId);
    return { done: true, effects };
  }

  if (action === 'accept') {
    const accepted = await sql<{ id: string }>`
      with accepted as (
        update media_event set state = 'accepted', accepted_at = now(), offer_deadline = null, updated_at = now()
        where id = ${mediaEventId} and agent_id = ${agentId} and state = 'offered' and offer_deadline > now()
        returning id
      ), offer as (
        update media_event_offer set outcome = 'accepted', ended_at = now()
        where media_event_id in (select id from accepted) and agent_id = ${agentId} and outcome is null
      )
      select id from accepted`.execute(trx);
    if (accepted.rows.length === 0) return { done: false, effects };
    await appendDeskEvents(trx, [{ agentId, kind: 'accepted', payload: { mediaEventId } }]);
    effects.desks.add(agentId);
    return { done: true, effects };
  }

  // Finishing work starts the agent's idle time and frees a slot in each of their groups.
  const completed = await sql<{ id: string }>`
    with completed as (
      update media_event set state = 'completed', finished_at = now(), updated_at = now()
      where id = ${mediaEventId} and agent_id = ${agentId} and state = 'accepted'
      returning id
    ), idle as (
      update agent_state set idle_since = now() where agent_id = ${agentId} and exists (select 1 from completed)
    )
    select id from completed`.execute(trx);
  if (completed.rows.length === 0) return { done: false, effects };
  await appendDeskEvents(trx, [{ agentId, kind: 'completed', payload: { mediaEventId } }]);
  effects.desks.add(agentId);
  for (const group of await groupsOf(trx, agentId)) effects.groups.add(group);
  return { done: true, effects };
}
