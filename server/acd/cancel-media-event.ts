import { closeConversationsOfEvents } from '../conversations/close-conversation';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Sentence } from '../../i18n/sentence';
import type { Database, MediaEventTable } from '../db/schema';
import { apiSentence } from '../http/api-error';
import { noEffects, type AcdEffects } from './acd-effects';
import { groupsOf, lockAgent, withdrawn } from './agent-status';
import { appendDeskEvents } from './desk-events';
import { callOffUnsentEmail } from './unsent-email-offers';

export type CancelOutcome =
  { cancelled: true; event: Selectable<MediaEventTable>; effects: AcdEffects } | { cancelled: false; reason: Sentence };

/** States in which nobody works on an event yet, so it can still be called off. */
const CANCELLABLE = new Set(['queued', 'offered']);

/**
 * Calls off a media event nobody works on yet: a queued one leaves the queue; an offered one is
 * taken back from the agent's desk (or its e-mail stopped) under the agent's lock, the ACD lock
 * order. Dispatch may offer the event between our read and our write, so a change of state
 * meanwhile means looking again.
 */
export async function cancelMediaEvent(trx: Transaction<Database>, mediaEventId: string): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await trx
      .selectFrom('media_event')
      .select(['state', 'agent_id'])
      .where('id', '=', mediaEventId)
      .executeTakeFirstOrThrow();
    if (!CANCELLABLE.has(current.state))
      return {
        cancelled: false,
        reason: apiSentence('notCancellable', { state: apiSentence(`eventState.${current.state}`) }),
      };
    const effects = noEffects();
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
      const byEmail = offered.offer_deadline === null;
      if (byEmail) {
        const calledOff = await callOffUnsentEmail(trx, agentId, 'the SMS was cancelled', [mediaEventId]);
        if (!calledOff.includes(mediaEventId)) return { cancelled: false, reason: apiSentence('emailBeingSent') };
      } else {
        await appendDeskEvents(trx, [withdrawn(agentId, mediaEventId, 'cancelled')], effects);
      }
      await sql`update media_event_offer set outcome = 'withdrawn', ended_at = now()
        where media_event_id = ${mediaEventId} and outcome is null`.execute(trx);
      // The agent's slot is free again.
      for (const group of await groupsOf(trx, agentId)) effects.groups.add(group);
    }
    const event = await trx
      .updateTable('media_event')
      .set({ state: 'cancelled', offer_deadline: null, finished_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', mediaEventId)
      .where('state', '=', current.state)
      .returningAll()
      .executeTakeFirst();
    if (event) {
      await closeConversationsOfEvents(trx, [event.id], null);
      return { cancelled: true, event, effects };
    }
  }
  return { cancelled: false, reason: apiSentence('changingHands') };
}
