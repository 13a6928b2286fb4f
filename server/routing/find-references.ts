import { sql, type Kysely, type Transaction } from 'kysely';
import { acdGroupReferencesIn, migrateDefinition } from '../../workflows';
import type { Database } from '../db/schema';
import type { Sentence } from '../../i18n/sentence';
import { apiSentence, type UsedBy } from '../http/api-error';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What still uses an ACD group: the active and test versions of the client's routing
 * applications that route to it or read its status, applications with it as fallback group,
 * and connectors with it as direct target. Drafts and versions no pointer names do not count:
 * nothing runs them (publishing checks its groups again).
 */
export async function findAcdGroupUsers(db: Db, group: { id: string; client_id: string }): Promise<UsedBy[]> {
  const [versions, fallbacks, connectors] = await Promise.all([
    sql<{ id: string; name: string; graph: unknown; active: boolean; test: boolean }>`
      select a.id, a.name, v.graph, v.id = a.active_version_id as active, v.id = a.test_version_id as test
      from routing_application a
      join routing_application_version v on v.id = a.active_version_id or v.id = a.test_version_id
      where a.client_id = ${group.client_id}
      order by a.name, a.id`.execute(db),
    pointingAt(db, 'routing_application', 'fallback_acd_group_id', group),
    pointingAt(db, 'sms_connector', 'acd_group_id', group),
  ]);
  const users: UsedBy[] = [];
  for (const version of versions.rows) {
    if (!routesTo(version.graph, group.id)) continue;
    const application = { kind: 'routing_application', id: version.id, name: version.name } as const;
    if (version.active) users.push({ ...application, usage: 'active_version' });
    if (version.test) users.push({ ...application, usage: 'test_version' });
  }
  for (const application of fallbacks)
    users.push({ kind: 'routing_application', ...application, usage: 'fallback_acd_group' });
  for (const connector of connectors) users.push({ kind: 'connector', ...connector, usage: 'acd_group' });
  return users;
}

/** The connectors that route to a routing application. */
export async function findRoutingApplicationUsers(
  db: Db,
  application: { id: string; client_id: string },
): Promise<UsedBy[]> {
  const connectors = await db
    .selectFrom('sms_connector')
    .select(['id', 'name'])
    .where('client_id', '=', application.client_id)
    .where('routing_application_id', '=', application.id)
    .orderBy('name')
    .execute();
  return connectors.map((connector) => ({ kind: 'connector', ...connector, usage: 'routing_application' }));
}

/** The receive connectors that send their replies through a send connector. */
export async function findSendConnectorUsers(
  db: Db,
  sendConnector: { id: string; client_id: string },
): Promise<UsedBy[]> {
  const connectors = await db
    .selectFrom('sms_connector')
    .select(['id', 'name'])
    .where('client_id', '=', sendConnector.client_id)
    .where('send_connector_id', '=', sendConnector.id)
    .orderBy('name')
    .execute();
  return connectors.map((connector) => ({ kind: 'connector', ...connector, usage: 'send_connector' }));
}

/** A stored graph that cannot be read any more names nothing anyone could run. */
function routesTo(graph: unknown, acdGroupId: string): boolean {
  try {
    // The ACD groups its nodes name, as the node catalog declares them (`acdGroupReferences`).
    return acdGroupReferencesIn(migrateDefinition(graph)).some((reference) => reference.acdGroupId === acdGroupId);
  } catch {
    return false;
  }
}

const SHOWN = 5;

/** `…used by the active version of routing application "Hotline" and connector "Sales"`, at most a few named. */
export function usedBySentence(users: readonly UsedBy[]): Sentence[] {
  const phrases = users.map(describeUse);
  const shown = phrases.slice(0, SHOWN);
  if (phrases.length > SHOWN) shown.push(apiSentence('usedBy.more', { count: phrases.length - SHOWN }));
  return shown;
}

function describeUse(user: UsedBy): Sentence {
  const name = JSON.stringify(user.name);
  switch (user.usage) {
    case 'active_version':
      return apiSentence('usedBy.activeVersion', { name });
    case 'test_version':
      return apiSentence('usedBy.testVersion', { name });
    case 'fallback_acd_group':
      return apiSentence('usedBy.fallbackGroup', { name });
    case 'acd_group':
    case 'routing_application':
    case 'send_connector':
      return apiSentence('usedBy.connector', { name });
  }
}

/** The client's rows of `table` whose `column` names the group, by name. */
function pointingAt(
  db: Db,
  table: 'routing_application' | 'sms_connector',
  column: 'fallback_acd_group_id' | 'acd_group_id',
  group: { id: string; client_id: string },
) {
  return db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('client_id', '=', group.client_id)
    .where(sql.ref(column), '=', group.id)
    .orderBy('name')
    .execute();
}
