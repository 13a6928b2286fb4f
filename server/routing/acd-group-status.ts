import { sql, type Kysely } from 'kysely';
import type { AcdGroupStatus } from '../../workflows';
import { canTakeOfferNow } from '../acd/offer-eligibility';
import type { Database } from '../db/schema';

/**
 * What the "ACD group status" node sees: members who could be offered an SMS right now, by the
 * same rule dispatch uses, and the group's queued media events.
 */
export async function readAcdGroupStatus(
  db: Kysely<Database>,
  acdGroupId: string,
  options: { emailAgents: boolean },
): Promise<AcdGroupStatus> {
  const result = await sql<{ available: number; queued: number }>`
    select
      (select count(*)::int from acd_group_member m
        join agent_state a on a.agent_id = m.agent_id
        join app_user u on u.id = m.agent_id
        where m.acd_group_id = ${acdGroupId} and ${canTakeOfferNow(options)}) as available,
      (select count(*)::int from media_event where acd_group_id = ${acdGroupId} and state = 'queued') as queued`.execute(
    db,
  );
  const row = result.rows[0]!;
  return { availableAgents: row.available, queueLength: row.queued };
}
