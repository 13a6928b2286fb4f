import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { sendConnectorApi, type sendConnector } from '../../contract/send-connectors';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, CONNECTOR_WRITERS, clientVisible, requireRole, resolveTargetClient } from '../auth/tenancy';
import { deleteLocked } from '../db/delete-locked';
import type { Database, SmsSendConnectorTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { apiSentence, inUse } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';
import { findSendConnectorUsers, usedBySentence } from '../routing/find-references';
import type { UsedByList } from '../../contract/common';
import type { SecretKey } from '../sms-sender/credential-cipher';
import { sendConnectorColumns } from '../sms-sender/send-connector-values';

/**
 * `/api/send-connectors`: managed like receive connectors (client admins read, reseller and
 * system admins write, each within their tenants). Credentials go in encrypted and never come out:
 * answers and audit entries carry `hasCredentials` only.
 */
export function sendConnectorRoutes(db: Kysely<Database>, options: { secretKey: SecretKey | undefined }) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const principal = c.get('principal');
    requireRole(principal, ...ADMIN_ROLES);
    if (c.req.method !== 'GET') requireRole(principal, ...CONNECTOR_WRITERS);
    await next();
  });

  const connectors = visibleRows(db, 'sendConnector', (principal: Principal) =>
    db.selectFrom('sms_send_connector').selectAll().where(clientVisible(principal, 'sms_send_connector.client_id')),
  );

  app.get('/', async (c) =>
    c.json(await connectors.page(c, sendConnectorApi.list.query, presentSendConnector, 'clientId')),
  );

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, sendConnectorApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const columns = sendConnectorColumns(undefined, body, options.secretKey);
    const row = await uniqueName(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .insertInto('sms_send_connector')
            .values({
              id: uuid7(),
              client_id: clientId,
              name: body.name,
              rate_per_second: body.ratePerSecond,
              ...columns,
              settings: JSON.stringify(columns.settings),
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
        (created) => ({
          entityType: 'send_connector',
          action: 'create',
          entityId: created.id,
          clientId,
          after: presentSendConnector(created),
        }),
      ),
    );
    return c.json(presentSendConnector(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentSendConnector(await connectors.inPath(c))));

  app.get('/:id/used-by', async (c) => {
    const existing = await connectors.inPath(c);
    return c.json<UsedByList>({ items: await findSendConnectorUsers(db, existing) });
  });

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await connectors.inPath(c);
    const body = await parseJsonBody(c, sendConnectorApi.update.body);
    const columns = sendConnectorColumns(existing, body, options.secretKey);
    const row = await uniqueName(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .updateTable('sms_send_connector')
            .set({
              ...(body.name !== undefined ? { name: body.name } : {}),
              ...(body.ratePerSecond !== undefined ? { rate_per_second: body.ratePerSecond } : {}),
              ...columns,
              settings: JSON.stringify(columns.settings),
              updated_at: new Date(),
            })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow(),
        (updated) => ({
          ...audit(existing, 'update'),
          before: presentSendConnector(existing),
          after: presentSendConnector(updated),
        }),
      ),
    );
    return c.json(presentSendConnector(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await connectors.inPath(c);
    // Refused while a receive connector replies through it; the row lock holds back one being pointed here meanwhile.
    await auditedChange(
      db,
      principal,
      { ...audit(existing, 'delete'), before: presentSendConnector(existing) },
      (trx) =>
        deleteLocked(trx, 'sms_send_connector', existing.id, async () => {
          const users = await findSendConnectorUsers(trx, existing);
          if (users.length === 0) return;
          throw inUse(
            apiSentence('sendConnectorInUse', { name: JSON.stringify(existing.name), users: usedBySentence(users) }),
            users,
          );
        }),
    );
    return c.body(null, 204);
  });

  return app;
}

type SendConnectorRow = Selectable<SmsSendConnectorTable>;

const audit = (existing: SendConnectorRow, action: 'update' | 'delete') =>
  ({ entityType: 'send_connector', action, entityId: existing.id, clientId: existing.client_id }) as const;

const uniqueName = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, apiSentence('sendConnectorNameTaken'), 'name');

/** A send connector as answered (and audited): its credentials only as whether there are any. */
export function presentSendConnector(row: SendConnectorRow): z.input<typeof sendConnector> {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    driver: row.driver,
    settings: row.settings,
    hasCredentials: row.credentials_encrypted !== null,
    defaultSender: row.default_sender,
    ratePerSecond: row.rate_per_second,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
