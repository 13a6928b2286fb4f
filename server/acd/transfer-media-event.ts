import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { fieldError, notFound, reason } from '../http/api-error';
import { noEffects, type AcdEffects } from './acd-effects';
import { groupsOf, lockAgent } from './agent-status';
import { appendDeskEvents } from './desk-events';

/** Where the work goes: a group, or an agent (queued in one of their groups, offered to them first). */
export type TransferTarget = { acdGroupId: string } | { agentId: string };

export interface TransferRequest {
  /** The agent handing the work on: they must hold (have accepted) the event. */
  agentId: string;
  clientId: string;
  mediaEventId: string;
  target: TransferTarget;
  note: string | null;
}

export type TransferOutcome =
  | {
      transferred: true;
      queued: { id: string; acdGroupId: string; acdGroupName: string; preferredAgentId: string | null };
      effects: AcdEffects;
    }
  | { transferred: false; effects: AcdEffects };

/**
 * Hands a held media event on, in the caller's transaction: the event ends as `transferred`, a
 * new one for the same SMS and conversation is queued in the target group with the note (its
 * age counts from now, so the group's maximum wait starts afresh), and the conversation waits
 * there without an agent, its thread unchanged. A transfer to an agent names them as the
 * event's preferred agent, which dispatch offers it to first when available (as a reopened
 * conversation goes to its last agent first); the agent handing it on is asked last.
 *
 * The caller's agent row is locked first, the ACD lock order. Throws a 404 naming
 * `acdGroupId`/`agentId` for a target outside the client, a 400 naming `agentId` for oneself or
 * an agent in no group; answers transferred: false when the event is not held by the caller.
 */
export async function transferMediaEvent(
  trx: Transaction<Database>,
  request: TransferRequest,
): Promise<TransferOutcome> {
  const effects = noEffects();
  const { agentId, clientId, mediaEventId } = request;
  if (!(await lockAgent(trx, agentId))) return { transferred: false, effects };
  const held = await trx
    .selectFrom('media_event')
    .selectAll()
    .where('id', '=', mediaEventId)
    .where('agent_id', '=', agentId)
    .where('state', '=', 'accepted')
    .forUpdate()
    .executeTakeFirst();
  if (!held) return { transferred: false, effects };

  const group = await targetGroup(trx, request, held.acd_group_id);
  const preferredAgentId = 'agentId' in request.target ? request.target.agentId : null;

  await trx
    .updateTable('media_event')
    .set({ state: 'transferred', finished_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', held.id)
    .execute();
  const queuedId = uuid7();
  await trx
    .insertInto('media_event')
    .values({
      id: queuedId,
      client_id: held.client_id,
      sms_id: held.sms_id,
      acd_group_id: group.id,
      subject: held.subject,
      priority: held.priority,
      state: 'queued',
      agent_id: null,
      offered_at: null,
      offer_deadline: null,
      accepted_at: null,
      finished_at: null,
      conversation_id: held.conversation_id,
      transferred_by: agentId,
      transfer_note: request.note,
      preferred_agent_id: preferredAgentId,
    })
    .execute();
  if (held.conversation_id) {
    await trx
      .updateTable('conversation')
      .set({ state: 'waiting', agent_id: null, acd_group_id: group.id })
      .where('id', '=', held.conversation_id)
      .where('state', '<>', 'closed')
      .execute();
  }
  // Handing work on frees a slot, as completing does: the agent's idle time starts.
  await trx
    .updateTable('agent_state')
    .set({ idle_since: sql`now()` })
    .where('agent_id', '=', agentId)
    .execute();
  await appendDeskEvents(trx, [{ agentId, kind: 'transferred', payload: { mediaEventId } }], effects);
  effects.groups.add(group.id);
  for (const own of await groupsOf(trx, agentId)) effects.groups.add(own);
  return {
    transferred: true,
    queued: { id: queuedId, acdGroupId: group.id, acdGroupName: group.name, preferredAgentId },
    effects,
  };
}

/**
 * The group the work waits in: the one named, or for an agent the conversation's group when they
 * are a member of it, else their group of highest member priority (then by name).
 */
async function targetGroup(
  trx: Transaction<Database>,
  { agentId, clientId, target }: TransferRequest,
  currentGroupId: string | null,
): Promise<{ id: string; name: string }> {
  if ('acdGroupId' in target) {
    const group = await trx
      .selectFrom('acd_group')
      .select(['id', 'name'])
      .where('id', '=', target.acdGroupId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!group) throw notFound('acdGroup', 'acdGroupId');
    return group;
  }
  const agent = await trx
    .selectFrom('app_user')
    .select('id')
    .where('id', '=', target.agentId)
    .where('client_id', '=', clientId)
    .where('role', '=', 'agent')
    .where('active', '=', true)
    .executeTakeFirst();
  if (!agent) throw notFound('agent', 'agentId');
  if (agent.id === agentId) throw fieldError('agentId', reason('transferToSelf'));
  const memberships = await trx
    .selectFrom('acd_group_member as m')
    .innerJoin('acd_group as g', 'g.id', 'm.acd_group_id')
    .select(['g.id', 'g.name'])
    .where('m.agent_id', '=', agent.id)
    .where('g.client_id', '=', clientId)
    .orderBy(sql`coalesce(g.id = ${currentGroupId}::uuid, false)`, 'desc')
    .orderBy('m.priority', 'desc')
    .orderBy('g.name')
    .execute();
  const group = memberships[0];
  if (!group) throw fieldError('agentId', reason('agentInNoGroup'));
  return group;
}
