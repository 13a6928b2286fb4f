import { Hono } from 'hono';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Principal } from '../auth/principal';
import { checkConnectorTarget, targetAfterPatch } from '../connectors/connector-targets';
import { newConnectorToken } from '../connectors/connector-token';
import { providerSettingsAfter, webhookPath } from '../connectors/provider-settings';
import type { SecretKey } from '../sms-sender/credential-cipher';
import { ADMIN_ROLES, CONNECTOR_WRITERS, clientVisible, requireRole, resolveTargetClient } from '../auth/tenancy';
import { connectorApi, type connector } from '../../contract/connectors';
import type { z } from 'zod';
import type { Database, SmsConnectorTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { ConfigChanged } from '../config-changes';
import { apiSentence, fieldError, reason } from '../http/api-error';

export function connectorRoutes(db: Kysely<Database>, configChanged: ConfigChanged, secretKey?: SecretKey) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    const principal = c.get('principal');
    requireRole(principal, ...ADMIN_ROLES);
    // Client admins read their connectors; creating and changing them is for the levels above.
    if (c.req.method !== 'GET') requireRole(principal, ...CONNECTOR_WRITERS);
    await next();
  });

  const connectors = visibleRows(db, 'connector', (principal: Principal) =>
    db.selectFrom('sms_connector').selectAll().where(clientVisible(principal, 'sms_connector.client_id')),
  );

  app.get('/', async (c) => c.json(await connectors.page(c, connectorApi.list.query, presentConnector, 'clientId')));

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
    const providerSettings = providerSettingsAfter(undefined, body, secretKey);
    await checkSendConnector(db, clientId, body.sendConnectorId);
    const { token, stored } = newConnectorToken();
    const row = await uniqueRecipient(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .insertInto('sms_connector')
            .values({
              id: uuid7(),
              client_id: clientId,
              name: body.name,
              recipient: body.recipient,
              require_token: body.requireToken,
              subject: body.subject,
              multipart_window_seconds: body.multipartWindowSeconds,
              send_connector_id: body.sendConnectorId,
              ...providerSettings,
              ...target,
              ...stored,
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
        (created) => ({
          entityType: 'connector',
          action: 'create',
          entityId: created.id,
          clientId,
          after: presentConnector(created),
        }),
      ),
    );
    await configChanged();
    return c.json({ ...presentConnector(row), token }, 201);
  });

  app.get('/:id', async (c) => c.json(presentConnector(await connectors.inPath(c))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await connectors.inPath(c);
    const body = await parseJsonBody(c, connectorApi.update.body);
    const target = targetAfterPatch(existing, body);
    await checkConnectorTarget(db, existing.client_id, target);
    const providerSettings = providerSettingsAfter(existing, body, secretKey);
    if (body.sendConnectorId !== undefined) await checkSendConnector(db, existing.client_id, body.sendConnectorId);
    const row = await uniqueRecipient(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          updateConnector(trx, existing.id, {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.recipient !== undefined ? { recipient: body.recipient } : {}),
            ...(body.requireToken !== undefined ? { require_token: body.requireToken } : {}),
            ...(body.subject !== undefined ? { subject: body.subject } : {}),
            ...(body.multipartWindowSeconds !== undefined
              ? { multipart_window_seconds: body.multipartWindowSeconds }
              : {}),
            ...(body.sendConnectorId !== undefined ? { send_connector_id: body.sendConnectorId } : {}),
            ...providerSettings,
            ...target,
          }),
        (updated) => ({
          ...connectorAudit(existing, 'update'),
          before: presentConnector(existing),
          after: presentConnector(updated),
        }),
      ),
    );
    await configChanged();
    return c.json(presentConnector(row));
  });

  app.post('/:id/token', async (c) => {
    const principal = c.get('principal');
    const existing = await connectors.inPath(c);
    const { token, stored } = newConnectorToken();
    const row = await auditedRow(
      db,
      principal,
      (trx) => updateConnector(trx, existing.id, stored),
      (updated) => ({
        ...connectorAudit(existing, 'token.regenerate'),
        before: { tokenHint: existing.token_hint },
        after: { tokenHint: updated.token_hint },
      }),
    );
    // Reloaded before answering: the old token stops working the moment the new one is shown.
    await configChanged();
    return c.json({ ...presentConnector(row), token });
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await connectors.inPath(c);
    await auditedChange(
      db,
      principal,
      { ...connectorAudit(existing, 'delete'), before: presentConnector(existing) },
      (trx) => trx.deleteFrom('sms_connector').where('id', '=', existing.id).execute(),
    );
    await configChanged();
    return c.body(null, 204);
  });

  return app;
}

type Connector = Selectable<SmsConnectorTable>;

/** Changes a connector's columns (and its `updated_at`), answering the row as written. */
const updateConnector = (trx: Transaction<Database>, id: string, set: Updateable<SmsConnectorTable>) =>
  trx
    .updateTable('sms_connector')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The audit entry's head for a change of this connector. */
const connectorAudit = (existing: Connector, action: 'update' | 'token.regenerate' | 'delete') =>
  ({ entityType: 'connector', action, entityId: existing.id, clientId: existing.client_id }) as const;

/** A receive connector replies through a send connector of its own client, or none. */
async function checkSendConnector(db: Kysely<Database>, clientId: string, sendConnectorId: string | null) {
  if (sendConnectorId === null) return;
  const found = await db
    .selectFrom('sms_send_connector')
    .select('id')
    .where('id', '=', sendConnectorId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!found) throw fieldError('sendConnectorId', reason('sendConnectorOfOtherClient'));
}

const uniqueRecipient = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, apiSentence('recipientTaken'), 'recipient');

export function presentConnector(row: Connector): z.input<typeof connector> {
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
    provider: row.provider,
    hasProviderSecret: row.provider_secret !== null,
    signatureCheck: row.signature_check,
    multipartWindowSeconds: row.multipart_window_seconds,
    sendConnectorId: row.send_connector_id,
    webhookPath: webhookPath(row.provider, row.recipient),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
