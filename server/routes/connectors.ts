import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../auth/principal';
import { generateSecret, hashSecret, secretHint } from '../auth/secrets';
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
import { ApiError } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { recordAudit } from '../audit/record-audit';
import type { ConfigChanged } from '../config-changes';

export const TOKEN_PREFIX = 'sbt';

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
    findOr404(id, 'Connector', (id) => visible(principal).where('id', '=', id).executeTakeFirst());

  /** Checks that the targets belong to the connector's client and fit its routing type. */
  const checkTargets = async (
    clientId: string,
    target: Pick<SmsConnectorTable, 'routing_type' | 'acd_group_id' | 'routing_application_id'>,
  ) => {
    if (target.routing_type === 'direct_acd_group' && target.routing_application_id) {
      throw new ApiError(
        400,
        'routingApplicationId: only used with routing type routing_application',
        'routingApplicationId',
      );
    }
    if (target.routing_type === 'routing_application' && target.acd_group_id) {
      throw new ApiError(400, 'acdGroupId: only used with routing type direct_acd_group', 'acdGroupId');
    }
    if (target.acd_group_id) {
      const group = await db
        .selectFrom('acd_group')
        .select('id')
        .where('id', '=', target.acd_group_id)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      if (!group) throw new ApiError(400, 'acdGroupId: no ACD group with this id in the client', 'acdGroupId');
    }
    if (target.routing_application_id) {
      const application = await db
        .selectFrom('routing_application')
        .select('id')
        .where('id', '=', target.routing_application_id)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      if (!application) {
        throw new ApiError(
          400,
          'routingApplicationId: no routing application with this id in the client',
          'routingApplicationId',
        );
      }
    }
  };

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
    await checkTargets(clientId, target);
    const token = generateSecret(TOKEN_PREFIX);
    const row = await uniqueRecipient(() =>
      db.transaction().execute(async (trx) => {
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
            token_hash: hashSecret(token),
            token_hint: secretHint(token),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, principal, {
          entityType: 'connector',
          action: 'create',
          entityId: created.id,
          clientId,
          after: presentConnector(created),
        });
        return created;
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
    const routingType = body.routingType ?? existing.routing_type;
    // Switching the routing type drops the target of the other type unless the body sets it.
    const keep = routingType === existing.routing_type;
    const target = {
      routing_type: routingType,
      acd_group_id: body.acdGroupId !== undefined ? body.acdGroupId : keep ? existing.acd_group_id : null,
      routing_application_id:
        body.routingApplicationId !== undefined
          ? body.routingApplicationId
          : keep
            ? existing.routing_application_id
            : null,
    };
    await checkTargets(existing.client_id, target);
    const row = await uniqueRecipient(() =>
      db.transaction().execute(async (trx) => {
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
        await recordAudit(trx, principal, {
          entityType: 'connector',
          action: 'update',
          entityId: existing.id,
          clientId: existing.client_id,
          before: presentConnector(existing),
          after: presentConnector(updated),
        });
        return updated;
      }),
    );
    await configChanged();
    return c.json(presentConnector(row));
  });

  app.post('/:id/token', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    const token = generateSecret(TOKEN_PREFIX);
    const row = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('sms_connector')
        .set({ token_hash: hashSecret(token), token_hint: secretHint(token), updated_at: new Date() })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, principal, {
        entityType: 'connector',
        action: 'token.regenerate',
        entityId: existing.id,
        clientId: existing.client_id,
        before: { tokenHint: existing.token_hint },
        after: { tokenHint: updated.token_hint },
      });
      return updated;
    });
    // Reloaded before answering: the old token stops working the moment the new one is shown.
    await configChanged();
    return c.json({ ...presentConnector(row), token });
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sms_connector').where('id', '=', existing.id).execute();
      await recordAudit(trx, principal, {
        entityType: 'connector',
        action: 'delete',
        entityId: existing.id,
        clientId: existing.client_id,
        before: presentConnector(existing),
      });
    });
    await configChanged();
    return c.body(null, 204);
  });

  return app;
}

const uniqueRecipient = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, 'Another connector has this recipient number already', 'recipient');

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
