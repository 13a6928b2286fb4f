import { Hono, type Context } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { say } from '../../i18n/sentence';
import {
  MAX_TEST_CASES,
  routingApplicationApi,
  type routingApplication,
  type testCase,
  type versionSummary,
} from '../../contract/routing-applications';
import { migrateDefinition, type WorkflowGraph } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, onlyRoles, resolveTargetClient } from '../auth/tenancy';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { ConfigChanged } from '../config-changes';
import type {
  Database,
  RoutingApplicationTable,
  RoutingApplicationVersionTable,
  RoutingTestCaseTable,
} from '../db/schema';
import { deleteLocked } from '../db/delete-locked';
import { uuid7 } from '../db/uuid7';
import { apiSentence, conflict, fieldError, inUse, notFound, reason } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { requestLanguage } from '../http/request-language';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';
import { findRoutingApplicationUsers, usedBySentence } from '../routing/find-references';
import type { UsedByList } from '../../contract/common';
import { acdGroupIdsOf, graphProblems, parseGraph } from '../routing/graph-problems';
import { publishVersion } from '../routing/publish-version';
import { simulateRun } from '../routing/simulate-run';
import { missingAcdGroupsOf, nodesNamingMissingGroups } from '../routing/version-groups';

type Application = Selectable<RoutingApplicationTable>;

const isUuid = (value: string) => z.uuid().safeParse(value).success;

export function routingApplicationRoutes(db: Kysely<Database>, configChanged: ConfigChanged) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const applications = visibleRows(db, 'routingApplication', (principal: Principal) =>
    db.selectFrom('routing_application').selectAll().where(clientVisible(principal, 'routing_application.client_id')),
  );

  const problemsOf = (c: Context<AppEnv>, application: Application, graph: WorkflowGraph) =>
    graphProblems(db, application.client_id, graph, requestLanguage(c));

  const checkFallback = async (clientId: string, groupId: string | null | undefined) => {
    if (!groupId) return;
    const groups = await acdGroupIdsOf(db, clientId);
    if (!groups.has(groupId)) throw fieldError('fallbackAcdGroupId', reason('noAcdGroup'));
  };
  /** A version a pointer may name: one of the application's, whose ACD groups all still exist. */
  const checkVersion = async (
    c: Context<AppEnv>,
    application: Application,
    versionId: string | null | undefined,
    field: string,
  ) => {
    if (!versionId) return;
    const found = await db
      .selectFrom('routing_application_version')
      .select(['id', 'number', 'graph'])
      .where('id', '=', versionId)
      .where('routing_application_id', '=', application.id)
      .executeTakeFirst();
    if (!found) throw fieldError(field, reason('noVersion'));
    const missing = missingAcdGroupsOf(found.graph, await acdGroupIdsOf(db, application.client_id));
    if (missing.length > 0) {
      const nodes = nodesNamingMissingGroups(found.graph, missing, requestLanguage(c));
      throw conflict(apiSentence('versionGroupsGone', { number: found.number, nodes }), field);
    }
  };

  app.get('/', async (c) =>
    c.json(await applications.page(c, routingApplicationApi.list.query, presentApplication, 'clientId')),
  );

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, routingApplicationApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    await checkFallback(clientId, body.fallbackAcdGroupId);
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx
          .insertInto('routing_application')
          .values({
            id: uuid7(),
            client_id: clientId,
            name: body.name,
            fallback_acd_group_id: body.fallbackAcdGroupId ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      (created) => ({
        entityType: 'routing_application',
        action: 'create',
        entityId: created.id,
        clientId,
        after: presentApplication(created),
      }),
    );
    return c.json(presentApplication(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentApplication(await applications.inPath(c))));

  app.get('/:id/used-by', async (c) => {
    const existing = await applications.inPath(c);
    return c.json<UsedByList>({ items: await findRoutingApplicationUsers(db, existing) });
  });

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await applications.inPath(c);
    const body = await parseJsonBody(c, routingApplicationApi.update.body);
    await checkFallback(existing.client_id, body.fallbackAcdGroupId);
    await checkVersion(c, existing, body.activeVersionId, 'activeVersionId');
    await checkVersion(c, existing, body.testVersionId, 'testVersionId');
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx
          .updateTable('routing_application')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.fallbackAcdGroupId !== undefined ? { fallback_acd_group_id: body.fallbackAcdGroupId } : {}),
            ...(body.activeVersionId !== undefined ? { active_version_id: body.activeVersionId } : {}),
            ...(body.testVersionId !== undefined ? { test_version_id: body.testVersionId } : {}),
            ...(body.testSenders !== undefined ? { test_senders: [...new Set(body.testSenders)] } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      (updated) => ({
        entityType: 'routing_application',
        action: body.activeVersionId !== undefined || body.testVersionId !== undefined ? 'update.pointers' : 'update',
        entityId: existing.id,
        clientId: existing.client_id,
        before: presentApplication(existing),
        after: presentApplication(updated),
      }),
    );
    await configChanged();
    return c.json(presentApplication(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await applications.inPath(c);
    const audit = {
      entityType: 'routing_application',
      action: 'delete',
      entityId: existing.id,
      clientId: existing.client_id,
      before: presentApplication(existing),
    } as const;
    // The row lock holds back a connector being pointed here meanwhile.
    await auditedChange(db, principal, audit, (trx) =>
      deleteLocked(trx, 'routing_application', existing.id, async () => {
        const users = await findRoutingApplicationUsers(trx, existing);
        if (users.length === 0) return;
        throw inUse(
          apiSentence('applicationInUse', { name: JSON.stringify(existing.name), users: usedBySentence(users) }),
          users,
        );
      }),
    );
    // Caches forget it (a connector that a race pointed here has lost its target).
    await configChanged();
    return c.body(null, 204);
  });

  app.get('/:id/draft', async (c) => {
    const existing = await applications.inPath(c);
    const graph = migrateDefinition(existing.draft_graph);
    return c.json({ graph, problems: await problemsOf(c, existing, graph) });
  });

  app.put('/:id/draft', async (c) => {
    const existing = await applications.inPath(c);
    const graph = parseGraph((await parseJsonBody(c, routingApplicationApi.saveDraft.body)).graph);
    await db
      .updateTable('routing_application')
      .set({ draft_graph: JSON.stringify(graph), updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
    return c.json({ graph, problems: await problemsOf(c, existing, graph) });
  });

  app.post('/:id/publish', async (c) => {
    const principal = c.get('principal');
    const existing = await applications.inPath(c);
    const { comment } = await parseJsonBody(c, routingApplicationApi.publish.body);
    const published = await publishVersion(db, principal, existing, comment, requestLanguage(c));
    if ('problems' in published) {
      const { problems } = published;
      return c.json(
        { error: say(requestLanguage(c), apiSentence('draftHasProblems', { count: problems.length })), problems },
        422,
      );
    }
    await configChanged();
    return c.json(presentVersion(published.version), 201);
  });

  app.get('/:id/versions', async (c) => {
    const existing = await applications.inPath(c);
    const rows = await db
      .selectFrom('routing_application_version')
      .selectAll()
      .where('routing_application_id', '=', existing.id)
      .orderBy('number', 'desc')
      .execute();
    const groups = await acdGroupIdsOf(db, existing.client_id);
    const items = rows.map((row) => ({
      ...presentVersion(row),
      graph: undefined,
      missingAcdGroupIds: [...new Set(missingAcdGroupsOf(row.graph, groups).map((reference) => reference.acdGroupId))],
    }));
    return c.json({ items, nextCursor: null });
  });

  app.get('/:id/versions/:number', async (c) => {
    const existing = await applications.inPath(c);
    const number = Number(c.req.param('number'));
    const row = Number.isInteger(number)
      ? await db
          .selectFrom('routing_application_version')
          .selectAll()
          .where('routing_application_id', '=', existing.id)
          .where('number', '=', number)
          .executeTakeFirst()
      : undefined;
    if (!row) throw notFound('version');
    return c.json(presentVersion(row));
  });

  app.get('/:id/test-cases', async (c) => {
    const existing = await applications.inPath(c);
    const rows = await db
      .selectFrom('routing_test_case')
      .selectAll()
      .where('routing_application_id', '=', existing.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return c.json({ items: rows.map(presentTestCase), nextCursor: null });
  });

  app.post('/:id/test-cases', async (c) => {
    const existing = await applications.inPath(c);
    const { name, ...input } = await parseJsonBody(c, routingApplicationApi.createTestCase.body);
    const row = await db.transaction().execute(async (trx) => {
      // Counted under the application's row lock, so two saves cannot both take the last place.
      await trx.selectFrom('routing_application').select('id').where('id', '=', existing.id).forUpdate().execute();
      const { count } = await trx
        .selectFrom('routing_test_case')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('routing_application_id', '=', existing.id)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_TEST_CASES) throw conflict(apiSentence('tooManyTestCases', { max: MAX_TEST_CASES }));
      return trx
        .insertInto('routing_test_case')
        .values({ id: uuid7(), routing_application_id: existing.id, name, input: JSON.stringify(input) })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return c.json(presentTestCase(row), 201);
  });

  app.delete('/:id/test-cases/:testCaseId', async (c) => {
    const existing = await applications.inPath(c);
    const testCaseId = c.req.param('testCaseId');
    if (!isUuid(testCaseId)) throw notFound('testCase');
    const deleted = await db
      .deleteFrom('routing_test_case')
      .where('id', '=', testCaseId)
      .where('routing_application_id', '=', existing.id)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw notFound('testCase');
    return c.body(null, 204);
  });

  app.post('/:id/simulate', async (c) => {
    const existing = await applications.inPath(c);
    const body = await parseJsonBody(c, routingApplicationApi.simulate.body);
    return c.json(await simulateRun(db, existing, body, requestLanguage(c)));
  });

  return app;
}

export function presentApplication(row: Application): z.input<typeof routingApplication> {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    fallbackAcdGroupId: row.fallback_acd_group_id,
    activeVersionId: row.active_version_id,
    testVersionId: row.test_version_id,
    testSenders: row.test_senders,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentTestCase(row: Selectable<RoutingTestCaseTable>): z.input<typeof testCase> {
  return {
    id: row.id,
    routingApplicationId: row.routing_application_id,
    name: row.name,
    input: row.input as z.input<typeof testCase>['input'],
    createdAt: row.created_at.toISOString(),
  };
}

/** A version with its graph as stored (the graph is the output of `migrateDefinition` when it was published). */
export function presentVersion(
  row: Selectable<RoutingApplicationVersionTable>,
): z.input<typeof versionSummary> & { graph: unknown } {
  return {
    id: row.id,
    routingApplicationId: row.routing_application_id,
    number: row.number,
    graph: row.graph,
    comment: row.comment,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by,
  };
}
