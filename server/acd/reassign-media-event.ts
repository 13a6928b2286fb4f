import { sql, type Selectable, type Transaction } from 'kysely';
import type { Sentence } from '../../i18n/sentence';
import type { Database, MediaEventTable } from '../db/schema';
import { apiSentence } from '../http/api-error';
import { noEffects, type AcdEffects } from './acd-effects';
import { groupsOf, lockAgent, withdrawn } from './agent-status';
import { appendDeskEvents } from './desk-events';
import { callOffUnsentEmail } from './unsent-email-offers';

/** Where an admin sends a waiting SMS: a group's queue, and within it, if given, one agent. */
export interface ReassignTarget {
  acdGroupId: string;
  /** The one member of the group it waits for (its reservation ends with the offer). */
  agentId: string | null;
}

export type ReassignOutcome =
  | { reassigned: true; before: Selectable<MediaEventTable>; event: Selectable<MediaEventTable>; effects: AcdEffects }
  | { reassigned: false; reason: Sentence };

/** States in which nobody works on an event yet, so it can still be sent elsewhere. */
const REASSIGNABLE = new Set(['queued', 'offered']);

/**
 * Sends a media event nobody works on yet to another group or agent: an offered one is first
 * taken back from its agent's desk (or its e-mail stopped) under that agent's lock, the ACD lock
 * order, then it waits in the target group's queue, reserved for the agent when one is given.
 * The caller checked that the group and agent are the event's client's and the agent a member.
 * Dispatch may offer the event between our read and our write, so a change meanwhile means looking again.
 */
export async function reassignMediaEvent(
  trx: Transaction<Database>,
  mediaEventId: string,
  target: ReassignTarget,
): Promise<ReassignOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await trx
      .selectFrom('media_event')
      .selectAll()
      .where('id', '=', mediaEventId)
      .executeTakeFirstOrThrow();
    if (!REASSIGNABLE.has(current.state))
      return {
        reassigned: false,
        reason: apiSentence('notReassignable', { state: apiSentence(`eventState.${current.state}`) }),
      };
    const effects = noEffects();
    if (current.acd_group_id) effects.groups.add(current.acd_group_id);
    if (current.state === 'offered' && current.agent_id) {
      const agentId = current.agent_id;
      await lockAgent(trx, agentId);
      const offered = await trx
        .selectFrom('media_event')
        .select('offer_deadline')
        .where('id', '=', mediaEventId)
        .where('state', '=', 'offered')
        .where('agent_id', '=', agentId)
        .forUpdate()
        .executeTakeFirst();
      if (!offered) continue;
      if (offered.offer_deadline === null) {
        const calledOff = await callOffUnsentEmail(trx, agentId, 'the SMS was reassigned', [mediaEventId]);
        if (!calledOff.includes(mediaEventId)) return { reassigned: false, reason: apiSentence('emailBeingSent') };
      } else {
        await appendDeskEvents(trx, [withdrawn(agentId, mediaEventId, 'reassigned')], effects);
      }
      await sql`update media_event_offer set outcome = 'withdrawn', ended_at = now()
        where media_event_id = ${mediaEventId} and outcome is null`.execute(trx);
      // The agent's slot is free again.
      for (const group of await groupsOf(trx, agentId)) effects.groups.add(group);
    }
    const event = await trx
      .updateTable('media_event')
      .set({
        state: 'queued',
        agent_id: null,
        offered_at: null,
        offer_deadline: null,
        acd_group_id: target.acdGroupId,
        reserved_agent_id: target.agentId,
        updated_at: sql`now()`,
      })
      .where('id', '=', mediaEventId)
      .where('state', '=', current.state)
      .returningAll()
      .executeTakeFirst();
    if (!event) continue;
    // The conversation waits where its SMS does.
    if (event.conversation_id)
      await trx
        .updateTable('conversation')
        .set({ acd_group_id: target.acdGroupId })
        .where('id', '=', event.conversation_id)
        .where('state', '=', 'waiting')
        .execute();
    effects.groups.add(target.acdGroupId);
    return { reassigned: true, before: current, event, effects };
  }
  return { reassigned: false, reason: apiSentence('changingHands') };
}
