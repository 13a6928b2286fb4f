import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../auth/principal';
import { checkConnectorTarget, targetAfterPatch } from '../connectors/connector-targets';
import { newConnectorToken } from '../connectors/connector-token';
import {
  ADMIN_ROLES,
  assertClientFilterVisible,
  CONNECTOR_WRITERS,
  clientVisible,
  requireRole,
  resolveTargetClient,
} from '../auth/tenancy';
import { connectorApi, type connector } from '../../contract/connectors';
import type { z } from 'zod';
import type { Database, SmsConnectorTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { auditedWrite } from '../audit/audited-write';
import type { ConfigChanged } from '../config-changes';
import { apiSentence } from '../http/api-error';

export function connectorRoutes(db: Kysely<Database>, configChanged: ConfigChanged) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const principal = c.get('principal');
    requireRole(principal, ...ADMIN_ROLES);
    // Client admins read their connectors; creating and changing them is for the levels above.
    if (c.req.method !== 'GET') requireRole(principal, ...CONNECTOR_WRITERS);
    await next();
  });

  const visible = (principal: Principal) =>
    db.selectFrom('sms_connector').selectAll().where(clientVisible(principal, 'sms_connector.client_id'));
  const findVisible = (principal: Principal, id: string) =>
    findOr404(id, 'connector', (id) => visible(principal).where('id', '=', id).executeTakeFirst());

  app.get('/', async (c) => {
    const { limit, cursor, clientId } = parseQuery(c, connectorApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), clientId);
    return c.json(
      await listPage(
        visible(c.get('principal')).$if(clientId !== undefined, (q) => q.where('client_id', '=', clientId!)),
        { limit, cursor },
        presentConnector,
      ),
    );
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, connectorApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const target = {
      routing_type: body.routingType,
      acd_group_id: body.acdGroupId ?? null,
      routing_application_id: body.routingApplicationId ?? null,
    };
    await checkConnectorTarget(db, clientId, target);
    const { token, stored } = newConnectorToken();
    const row = await uniqueRecipient(() =>
      auditedWrite(db, principal, async (trx) => {
        const created = await trx
          .insertInto('sms_connector')
          .values({
            id: uuid7(),
            client_id: clientId,
            name: body.name,
            recipient: body.recipient,
            require_token: body.requireToken,
            subject: body.subject,
            ...target,
            ...stored,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: created,
          audit: {
            entityType: 'connector',
            action: 'create',
            entityId: created.id,
            clientId,
            after: presentConnector(created),
          },
        };
      }),
    );
    await configChanged();
    return c.json({ ...presentConnector(row), token }, 201);
  });

  app.get('/:id', async (c) => c.json(presentConnector(await findVisible(c.get('principal'), c.req.param('id')))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    const body = await parseJsonBody(c, connectorApi.update.body);
    const target = targetAfterPatch(existing, body);
    await checkConnectorTarget(db, existing.client_id, target);
    const row = await uniqueRecipient(() =>
      auditedWrite(db, principal, async (trx) => {
        const updated = await trx
          .updateTable('sms_connector')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.recipient !== undefined ? { recipient: body.recipient } : {}),
            ...(body.requireToken !== undefined ? { require_token: body.requireToken } : {}),
            ...(body.subject !== undefined ? { subject: body.subject } : {}),
            ...target,
            updated_at: new Date(),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: updated,
          audit: {
            entityType: 'connector',
            action: 'update',
            entityId: existing.id,
            clientId: existing.client_id,
            before: presentConnector(existing),
            after: presentConnector(updated),
          },
        };
      }),
    );
    await configChanged();
    return c.json(presentConnector(row));
  });

  app.post('/:id/token', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    const { token, stored } = newConnectorToken();
    const row = await auditedWrite(db, principal, async (trx) => {
      const updated = await trx
        .updateTable('sms_connector')
        .set({ ...stored, updated_at: new Date() })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        result: updated,
        audit: {
          entityType: 'connector',
          action: 'token.regenerate',
          entityId: existing.id,
          clientId: existing.client_id,
          before: { tokenHint: existing.token_hint },
          after: { tokenHint: updated.token_hint },
        },
      };
    });
    // Reloaded before answering: the old token stops working the moment the new one is shown.
    await configChanged();
    return c.json({ ...presentConnector(row), token });
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    await auditedWrite(db, principal, async (trx) => {
      await trx.deleteFrom('sms_connector').where('id', '=', existing.id).execute();
      return {
        audit: {
          entityType: 'connector',
          action: 'delete',
          entityId: existing.id,
          clientId: existing.client_id,
          before: presentConnector(existing),
        },
      };
    });
    await configChanged();
    return c.body(null, 204);
  });

  return app;
}

const uniqueRecipient = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, apiSentence('recipientTaken'), 'recipient');

export function presentConnector(row: Selectable<SmsConnectorTable>): z.input<typeof connector> {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    recipient: row.recipient,
    requireToken: row.require_token,
    tokenHint: row.token_hint,
    routingType: row.routing_type,
    acdGroupId: row.acd_group_id,
    subject: row.subject,
    routingApplicationId: row.routing_application_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
