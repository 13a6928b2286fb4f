import { sql, type RawBuilder } from 'kysely';

/**
 * The one rule for who can be offered an SMS now, shared by dispatch and by the "ACD group status"
 * node so a workflow never counts an agent that dispatch would pass over. Expects `agent_state`
 * as `a` and `app_user` as `u` in the query it is put into.
 */
export function canTakeOfferNow(options: { emailAgents: boolean }): RawBuilder<boolean> {
  return sql<boolean>`(a.status = 'available' and u.active and u.role = 'agent'
    and (u.sms_delivery = 'web' or ${options.emailAgents})
    and (select count(*) from media_event w where w.agent_id = a.agent_id and w.state in ('offered', 'accepted'))
      < u.capacity)`;
}
