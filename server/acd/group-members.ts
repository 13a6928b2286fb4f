import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { acdGroupMember } from '../../contract/acd-groups';
import type { Database } from '../db/schema';
import { fieldError, reason } from '../http/api-error';

export type Member = z.output<typeof acdGroupMember>;

/**
 * Replaces a group's members with `members`: each an agent of the group's client, none listed
 * twice (400 naming the entry otherwise).
 */
export async function replaceMembers(
  trx: Transaction<Database>,
  groupId: string,
  clientId: string,
  members: readonly Member[],
): Promise<void> {
  const ids = [...new Set(members.map((m) => m.agentId))];
  if (ids.length !== members.length) throw fieldError('members', reason('agentTwice'));
  if (ids.length > 0) {
    const agents = await trx
      .selectFrom('app_user')
      .select('id')
      .where('id', 'in', ids)
      .where('role', '=', 'agent')
      .where('client_id', '=', clientId)
      .execute();
    const known = new Set(agents.map((a) => a.id));
    const unknown = members.findIndex((m) => !known.has(m.agentId));
    if (unknown >= 0) throw fieldError(`members.${unknown}.agentId`, reason('noAgent'));
  }
  await trx.deleteFrom('acd_group_member').where('acd_group_id', '=', groupId).execute();
  if (members.length > 0) {
    await trx
      .insertInto('acd_group_member')
      .values(members.map((m) => ({ acd_group_id: groupId, agent_id: m.agentId, priority: m.priority })))
      .execute();
  }
}
