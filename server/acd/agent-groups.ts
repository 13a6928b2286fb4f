import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { agentGroupsBody } from '../../contract/agents';
import { auditedWrite, type Actor } from '../audit/audited-write';
import type { Database } from '../db/schema';
import { fieldError, notFound, reason } from '../http/api-error';

/** One group an agent is in, with the agent's priority there. */
export type AgentGroup = z.output<typeof agentGroupsBody>['groups'][number];

/** A membership as the audit log shows it: the group by id and name. */
interface NamedMembership {
  acdGroupId: string;
  name: string;
  priority: number;
}

/**
 * Puts an agent in exactly `groups`, each with its priority, and out of every other group: in one
 * transaction, audited as one change of the agent (nothing is recorded when nothing changed).
 * Every group must be one of the agent's client (404 naming the entry otherwise) and none may be
 * listed twice (400). Answers the groups whose members changed, whose queues may be dispatched now.
 */
export function replaceAgentGroups(
  db: Kysely<Database>,
  actor: Actor,
  agent: { id: string; clientId: string },
  groups: readonly AgentGroup[],
): Promise<string[]> {
  const ids = groups.map((group) => group.acdGroupId);
  const twice = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (twice >= 0) throw fieldError(`groups.${twice}.acdGroupId`, reason('groupTwice'));
  return auditedWrite(db, actor, async (trx) => {
    // The agent's row lock orders this against a role change, which takes an agent out of every group.
    const still = await trx
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', agent.id)
      .where('role', '=', 'agent')
      .where('client_id', '=', agent.clientId)
      .forUpdate()
      .executeTakeFirst();
    if (!still) throw notFound('agent');
    await assertGroupsOfClient(trx, agent.clientId, ids);
    const before = await membershipsOf(trx, agent.id);
    await trx.deleteFrom('acd_group_member').where('agent_id', '=', agent.id).execute();
    if (groups.length > 0) {
      await trx
        .insertInto('acd_group_member')
        .values(groups.map((g) => ({ acd_group_id: g.acdGroupId, agent_id: agent.id, priority: g.priority })))
        .execute();
    }
    const after = await membershipsOf(trx, agent.id);
    const changed = changedGroups(before, after);
    return {
      result: changed,
      audit:
        changed.length === 0
          ? []
          : {
              entityType: 'user',
              action: 'update.acd_groups',
              entityId: agent.id,
              clientId: agent.clientId,
              before: { acdGroups: before },
              after: { acdGroups: after },
            },
    };
  });
}

/** 404 naming the first entry whose group is not one of the client's. */
async function assertGroupsOfClient(trx: Transaction<Database>, clientId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = await trx
    .selectFrom('acd_group')
    .select('id')
    .where('id', 'in', ids)
    .where('client_id', '=', clientId)
    .execute();
  const known = new Set(found.map((group) => group.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw notFound('acdGroup', `groups.${unknown}.acdGroupId`);
}

function membershipsOf(trx: Transaction<Database>, agentId: string): Promise<NamedMembership[]> {
  return trx
    .selectFrom('acd_group_member as m')
    .innerJoin('acd_group as g', 'g.id', 'm.acd_group_id')
    .select(['m.acd_group_id as acdGroupId', 'g.name', 'm.priority'])
    .where('m.agent_id', '=', agentId)
    .orderBy('g.name')
    .orderBy('g.id')
    .execute();
}

/** The groups the agent joined, left, or changed priority in. */
function changedGroups(before: readonly NamedMembership[], after: readonly NamedMembership[]): string[] {
  const was = new Map(before.map((m) => [m.acdGroupId, m.priority]));
  const now = new Map(after.map((m) => [m.acdGroupId, m.priority]));
  return [...new Set([...was.keys(), ...now.keys()])].filter((id) => was.get(id) !== now.get(id));
}
