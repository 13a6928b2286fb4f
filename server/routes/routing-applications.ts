import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import {
  routingApplicationApi,
  type routingApplication,
  type versionSummary,
} from '../../contract/routing-applications';
import { toE164 } from '../../contract/phone-number';
import {
  createMockServices,
  createWorkflowRunner,
  migrateDefinition,
  InvalidDefinitionError,
  validateWorkflow,
  type WorkflowGraph,
} from '../../workflows';
import type { Principal } from '../auth/principal';
import {
  ADMIN_ROLES,
  assertClientFilterVisible,
  clientVisible,
  requireRole,
  resolveTargetClient,
} from '../auth/tenancy';
import { recordAudit } from '../audit/record-audit';
import type { ConfigChanged } from '../config-changes';
import type { Database, RoutingApplicationTable, RoutingApplicationVersionTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { ApiError, inUse } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { findRoutingApplicationUsers, usedBySentence } from '../routing/find-references';

type Application = Selectable<RoutingApplicationTable>;

export function routingApplicationRoutes(db: Kysely<Database>, configChanged: ConfigChanged) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    requireRole(c.get('principal'), ...ADMIN_ROLES);
    await next();
  });

  const visible = (principal: Principal) =>
    db.selectFrom('routing_application').selectAll().where(clientVisible(principal, 'routing_application.client_id'));
  const findVisible = (principal: Principal, id: string) =>
    findOr404(id, 'Routing application', (id) => visible(principal).where('id', '=', id).executeTakeFirst());

  const groupIdsOf = async (clientId: string) =>
    new Set(
      (await db.selectFrom('acd_group').select('id').where('client_id', '=', clientId).execute()).map((g) => g.id),
    );
  const problemsOf = async (application: Application, graph: WorkflowGraph) =>
    validateWorkflow(graph, { acdGroupIds: await groupIdsOf(application.client_id) });

  const checkFallback = async (clientId: string, groupId: string | null | undefined) => {
    if (!groupId) return;
    const groups = await groupIdsOf(clientId);
    if (!groups.has(groupId))
      throw new ApiError(400, 'fallbackAcdGroupId: no ACD group with this id in the client', 'fallbackAcdGroupId');
  };
  const checkVersion = async (application: Application, versionId: string | null | undefined, field: string) => {
    if (!versionId) return;
    const found = await db
      .selectFrom('routing_application_version')
      .select('id')
      .where('id', '=', versionId)
      .where('routing_application_id', '=', application.id)
      .executeTakeFirst();
    if (!found) throw new ApiError(400, `${field}: no version with this id in the routing application`, field);
  };

  app.get('/', async (c) => {
    const { limit, cursor, clientId } = parseQuery(c, routingApplicationApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), clientId);
    return c.json(
      await listPage(
        visible(c.get('principal')).$if(clientId !== undefined, (q) => q.where('client_id', '=', clientId!)),
        { limit, cursor },
        presentApplication,
      ),
    );
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, routingApplicationApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    await checkFallback(clientId, body.fallbackAcdGroupId);
    const row = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('routing_application')
        .values({
          id: uuid7(),
          client_id: clientId,
          name: body.name,
          fallback_acd_group_id: body.fallbackAcdGroupId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, principal, {
        entityType: 'routing_application',
        action: 'create',
        entityId: created.id,
        clientId,
        after: presentApplication(created),
      });
      return created;
    });
    return c.json(presentApplication(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentApplication(await findVisible(c.get('principal'), c.req.param('id')))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    const body = await parseJsonBody(c, routingApplicationApi.update.body);
    await checkFallback(existing.client_id, body.fallbackAcdGroupId);
    await checkVersion(existing, body.activeVersionId, 'activeVersionId');
    await checkVersion(existing, body.testVersionId, 'testVersionId');
    const row = await db.transaction().execute(async (trx) => {
      const updated = await trx
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
        .executeTakeFirstOrThrow();
      await recordAudit(trx, principal, {
        entityType: 'routing_application',
        action: body.activeVersionId !== undefined || body.testVersionId !== undefined ? 'update.pointers' : 'update',
        entityId: existing.id,
        clientId: existing.client_id,
        before: presentApplication(existing),
        after: presentApplication(updated),
      });
      return updated;
    });
    await configChanged();
    return c.json(presentApplication(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      // The row lock holds back a connector being pointed here meanwhile (its foreign key waits).
      await trx.selectFrom('routing_application').select('id').where('id', '=', existing.id).forUpdate().execute();
      const users = await findRoutingApplicationUsers(trx, existing);
      if (users.length > 0) {
        throw inUse(
          `The routing application ${JSON.stringify(existing.name)} is ${usedBySentence(users)}; point them elsewhere first.`,
          users,
        );
      }
      await trx.deleteFrom('routing_application').where('id', '=', existing.id).execute();
      await recordAudit(trx, principal, {
        entityType: 'routing_application',
        action: 'delete',
        entityId: existing.id,
        clientId: existing.client_id,
        before: presentApplication(existing),
      });
    });
    // Caches forget it (a connector that a race pointed here has lost its target).
    await configChanged();
    return c.body(null, 204);
  });

  app.get('/:id/draft', async (c) => {
    const existing = await findVisible(c.get('principal'), c.req.param('id'));
    const graph = migrateDefinition(existing.draft_graph);
    return c.json({ graph, problems: await problemsOf(existing, graph) });
  });

  app.put('/:id/draft', async (c) => {
    const existing = await findVisible(c.get('principal'), c.req.param('id'));
    const graph = parseGraph((await parseJsonBody(c, routingApplicationApi.saveDraft.body)).graph);
    await db
      .updateTable('routing_application')
      .set({ draft_graph: JSON.stringify(graph), updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
    return c.json({ graph, problems: await problemsOf(existing, graph) });
  });

  app.post('/:id/publish', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    const { comment } = await parseJsonBody(c, routingApplicationApi.publish.body);
    const graph = migrateDefinition(existing.draft_graph);
    const problems = await problemsOf(existing, graph);
    if (problems.length > 0) {
      return c.json(
        { error: `The draft has ${problems.length} problem(s); fix them before publishing`, problems },
        422,
      );
    }
    const version = await db.transaction().execute(async (trx) => {
      // The row lock numbers concurrent publishes one after the other.
      const locked = await trx
        .selectFrom('routing_application')
        .select(['id', 'active_version_id'])
        .where('id', '=', existing.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const last = await trx
        .selectFrom('routing_application_version')
        .select((eb) => eb.fn.max('number').as('number'))
        .where('routing_application_id', '=', existing.id)
        .executeTakeFirst();
      const created = await trx
        .insertInto('routing_application_version')
        .values({
          id: uuid7(),
          routing_application_id: existing.id,
          client_id: existing.client_id,
          number: (last?.number ?? 0) + 1,
          graph: JSON.stringify(graph),
          comment,
          published_by: principal.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The first version goes live at once; later ones wait until an admin activates them.
      if (!locked.active_version_id) {
        await trx
          .updateTable('routing_application')
          .set({ active_version_id: created.id })
          .where('id', '=', existing.id)
          .execute();
      }
      await recordAudit(trx, principal, {
        entityType: 'routing_application',
        action: 'publish',
        entityId: existing.id,
        clientId: existing.client_id,
        after: { versionId: created.id, number: created.number, comment, activated: !locked.active_version_id },
      });
      return created;
    });
    await configChanged();
    return c.json(presentVersion(version), 201);
  });

  app.get('/:id/versions', async (c) => {
    const existing = await findVisible(c.get('principal'), c.req.param('id'));
    const rows = await db
      .selectFrom('routing_application_version')
      .selectAll()
      .where('routing_application_id', '=', existing.id)
      .orderBy('number', 'desc')
      .execute();
    return c.json({ items: rows.map((row) => ({ ...presentVersion(row), graph: undefined })), nextCursor: null });
  });

  app.get('/:id/versions/:number', async (c) => {
    const existing = await findVisible(c.get('principal'), c.req.param('id'));
    const number = Number(c.req.param('number'));
    const row = Number.isInteger(number)
      ? await db
          .selectFrom('routing_application_version')
          .selectAll()
          .where('routing_application_id', '=', existing.id)
          .where('number', '=', number)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new ApiError(404, 'Version not found');
    return c.json(presentVersion(row));
  });

  app.post('/:id/simulate', async (c) => {
    const existing = await findVisible(c.get('principal'), c.req.param('id'));
    const body = await parseJsonBody(c, routingApplicationApi.simulate.body);
    if (body.versionId && body.graph !== undefined)
      throw new ApiError(400, 'Give either versionId or graph, not both', 'graph');
    const graph = body.versionId
      ? await versionGraph(db, existing.id, body.versionId)
      : parseGraph(body.graph ?? existing.draft_graph);
    const problems = await problemsOf(existing, graph);
    const at = body.at ? new Date(body.at) : new Date();
    const services = createMockServices(body.mocks ?? {});
    const result = await createWorkflowRunner(graph).run(
      {
        sender: toE164(body.sender) ?? body.sender,
        receiver: '',
        text: body.message,
        keyword: body.keyword ?? null,
        connectorId: null,
        receivedAt: at.toISOString(),
      },
      services,
      { now: at },
    );
    return c.json({ ...result, problems, httpRequests: services.httpRequests, emails: services.emails });
  });

  return app;
}

function parseGraph(raw: unknown): WorkflowGraph {
  try {
    return migrateDefinition(raw);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      const issue = error.issues[0];
      const field = issue?.field ? `graph.${issue.field}` : 'graph';
      throw new ApiError(400, `${field}: ${issue?.message ?? error.message}`, field);
    }
    throw error;
  }
}

async function versionGraph(db: Kysely<Database>, applicationId: string, versionId: string): Promise<WorkflowGraph> {
  const row = await db
    .selectFrom('routing_application_version')
    .select('graph')
    .where('id', '=', versionId)
    .where('routing_application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) throw new ApiError(400, 'versionId: no version with this id in the routing application', 'versionId');
  return migrateDefinition(row.graph);
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
