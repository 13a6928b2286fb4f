import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { deskLogged, noEffects, type AcdEffects } from './acd-effects';
import { appendDeskEvents, type DeskEventKind } from './desk-events';
import { lockAgent, returnOffersToQueue, withdrawn } from './agent-status';

import type { DeskAction } from '../../contract/desk';

export { deskActions, type DeskAction } from '../../contract/desk';

export interface ActionResult {
  done: boolean;
  effects: AcdEffects;
}

/**
 * An agent acts on a media event. Answers done: false when the event is not (or no longer)
 * offered to or held by this agent: an offer that has passed its deadline cannot be accepted
 * even if the sweep has not returned it to the queue yet.
 */
export async function actOnMediaEvent(
  db: Kysely<Database>,
  agentId: string,
  mediaEventId: string,
  action: DeskAction,
  options: CompleteOptions = {},
): Promise<ActionResult> {
  if (action === 'decline') return db.transaction().execute((trx) => decline(trx, agentId, mediaEventId));
  return action === 'accept'
    ? accept(db, agentId, mediaEventId)
    : complete(db, agentId, mediaEventId, options.wrapUpCodeId ?? null);
}

export interface CompleteOptions {
  /** The wrap-up code the conversation is closed with (checked by the caller against its group's rule). */
  wrapUpCodeId?: string | null;
}

async function decline(trx: Transaction<Database>, agentId: string, mediaEventId: string): Promise<ActionResult> {
  const effects = noEffects();
  if (!(await lockAgent(trx, agentId))) return { done: false, effects };
  const returned = await returnOffersToQueue(trx, agentId, sql`e.id = ${mediaEventId}`, 'declined');
  if (returned.length === 0) return { done: false, effects };
  if (returned[0]!.acd_group_id) effects.groups.add(returned[0]!.acd_group_id);
  await appendDeskEvents(trx, [withdrawn(agentId, mediaEventId, 'declined')], effects);
  return { done: true, effects };
}

/**
 * Accept and complete are the hot path of a working desk, so each is one statement: the agent's
 * row is locked first (the lock order of every ACD transaction), the event changed, and the desk
 * log extended under that lock, without holding the lock across round trips.
 */
async function accept(db: Kysely<Database>, agentId: string, mediaEventId: string): Promise<ActionResult> {
  const rows = await sql<{ id: string; seq: string }>`
    with agent as (
      select agent_id from agent_state where agent_id = ${agentId} for update
    ), accepted as (
      update media_event set state = 'accepted', accepted_at = now(), offer_deadline = null, updated_at = now()
      where id = ${mediaEventId} and agent_id = (select agent_id from agent) and state = 'offered'
        and offer_deadline > now()
      returning id, conversation_id
    ), offer as (
      update media_event_offer set outcome = 'accepted', ended_at = now()
      where media_event_id in (select id from accepted) and agent_id = ${agentId} and outcome is null
    ), assigned as (
      -- The conversation is the agent's now: its next SMS go straight to their desk.
      update conversation set state = 'assigned', agent_id = ${agentId}
      where id in (select conversation_id from accepted) and state <> 'closed'
    ), ${logDeskEvent(agentId, 'accepted', mediaEventId, sql`accepted`)}
    select id, (select event_seq from bumped) as seq from accepted`.execute(db);
  return deskChange(agentId, 'accepted', mediaEventId, rows.rows[0], []);
}

async function complete(
  db: Kysely<Database>,
  agentId: string,
  mediaEventId: string,
  wrapUpCodeId: string | null,
): Promise<ActionResult> {
  // Finishing work starts the agent's idle time and frees a slot in each of their groups.
  const rows = await sql<{ id: string; seq: string; groups: string[] }>`
    with agent as (
      select agent_id from agent_state where agent_id = ${agentId} for update
    ), completed as (
      update media_event set state = 'completed', finished_at = now(), updated_at = now()
      where id = ${mediaEventId} and agent_id = (select agent_id from agent) and state = 'accepted'
      returning id, conversation_id
    ), closed as (
      update conversation set state = 'closed', closed_at = now(), agent_id = null, last_agent_id = ${agentId},
        wrap_up_code_id = ${wrapUpCodeId}
      where id in (select conversation_id from completed) and state <> 'closed'
    ), ${logDeskEvent(agentId, 'completed', mediaEventId, sql`completed`, sql`idle_since = now(),`)}
    select id, (select event_seq from bumped) as seq,
      array(select acd_group_id from acd_group_member where agent_id = ${agentId}) as groups
    from completed`.execute(db);
  return deskChange(agentId, 'completed', mediaEventId, rows.rows[0], rows.rows[0]?.groups ?? []);
}

/** CTEs that add one event to the agent's desk log when `changed` (a CTE name) has a row. */
function logDeskEvent(
  agentId: string,
  kind: DeskEventKind,
  mediaEventId: string,
  changed: ReturnType<typeof sql>,
  alsoSet = sql``,
) {
  return sql`bumped as (
      update agent_state set ${alsoSet} event_seq = event_seq + 1
      where agent_id = ${agentId} and exists (select 1 from ${changed})
      returning event_seq
    ), logged as (
      insert into desk_event (agent_id, seq, kind, payload)
      select ${agentId}, event_seq, ${kind}, ${JSON.stringify({ mediaEventId })}::jsonb from bumped
    )`;
}

/** The effects of an accept or complete: the desk event it logged (`changed` undefined: nothing was done). */
function deskChange(
  agentId: string,
  kind: DeskEventKind,
  mediaEventId: string,
  changed: { seq: string } | undefined,
  groups: string[],
): ActionResult {
  const effects = noEffects();
  if (!changed) return { done: false, effects };
  deskLogged(effects, [{ agentId, seq: Number(changed.seq), kind, payload: { mediaEventId } }]);
  for (const group of groups) effects.groups.add(group);
  return { done: true, effects };
}
