import type { Kysely, Selectable } from 'kysely';
import type { Language } from '../../i18n/languages';
import { migrateDefinition, sameGraph } from '../../workflows';
import { apiSentence, conflict } from '../http/api-error';
import { auditedWrite } from '../audit/audited-write';
import type { Principal } from '../auth/principal';
import type { Database, RoutingApplicationTable, RoutingApplicationVersionTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { graphProblems } from './graph-problems';

export type Published =
  { version: Selectable<RoutingApplicationVersionTable> } | { problems: Awaited<ReturnType<typeof graphProblems>> };

/**
 * Publishes an application's draft as its next version, unless the draft has problems or is the
 * same as the latest version (409, nothing created: nodes, edges, configs and positions alike). The first
 * version goes live at once; later ones wait until an admin activates them.
 */
export async function publishVersion(
  db: Kysely<Database>,
  principal: Principal,
  application: Selectable<RoutingApplicationTable>,
  comment: string,
  /** The language the draft's problems are said in. */
  language: Language,
): Promise<Published> {
  const graph = migrateDefinition(application.draft_graph);
  const problems = await graphProblems(db, application.client_id, graph, language);
  if (problems.length > 0) return { problems };
  const version = await auditedWrite(db, principal, async (trx) => {
    // The row lock numbers concurrent publishes one after the other.
    const locked = await trx
      .selectFrom('routing_application')
      .select(['id', 'active_version_id'])
      .where('id', '=', application.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom('routing_application_version')
      .select(['number', 'graph'])
      .where('routing_application_id', '=', application.id)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    // A version the same as the one before it would only lengthen the list: nothing is created.
    if (last !== undefined && sameGraph(migrateDefinition(last.graph), graph)) {
      throw conflict(apiSentence('draftUnchanged', { number: last.number }));
    }
    const created = await trx
      .insertInto('routing_application_version')
      .values({
        id: uuid7(),
        routing_application_id: application.id,
        client_id: application.client_id,
        number: (last?.number ?? 0) + 1,
        graph: JSON.stringify(graph),
        comment,
        published_by: principal.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (!locked.active_version_id) {
      await trx
        .updateTable('routing_application')
        .set({ active_version_id: created.id })
        .where('id', '=', application.id)
        .execute();
    }
    return {
      result: created,
      audit: {
        entityType: 'routing_application',
        action: 'publish',
        entityId: application.id,
        clientId: application.client_id,
        after: { versionId: created.id, number: created.number, comment, activated: !locked.active_version_id },
      },
    };
  });
  return { version };
}
