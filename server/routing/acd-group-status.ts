import type { Kysely } from 'kysely';
import type { AcdGroupStatus } from '../../workflows';
import type { Database } from '../db/schema';

/**
 * What the "ACD group status" node sees. Agents' ACD statuses arrive with the agent desk; until
 * then no agent counts as available, and the queue is the group's queued media events.
 */
export async function readAcdGroupStatus(db: Kysely<Database>, acdGroupId: string): Promise<AcdGroupStatus> {
  const row = await db
    .selectFrom('media_event')
    .select((eb) => eb.fn.countAll<number>().as('queued'))
    .where('acd_group_id', '=', acdGroupId)
    .where('state', '=', 'queued')
    .executeTakeFirstOrThrow();
  return { availableAgents: 0, queueLength: row.queued };
}
