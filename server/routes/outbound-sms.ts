import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { outboundSmsApi, type outboundSms } from '../../contract/outbound-sms';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, assertClientFilterVisible, clientVisible, requireRole } from '../auth/tenancy';
import type { Database, OutboundSmsTable } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseQuery } from '../http/parse-body';

/** Outbound SMS (`/api/outbound-sms`), newest first: read by the admins of their clients. */
export function outboundSmsRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    requireRole(c.get('principal'), ...ADMIN_ROLES);
    await next();
  });
  const visible = (principal: Principal) =>
    db.selectFrom('outbound_sms').selectAll().where(clientVisible(principal, 'outbound_sms.client_id'));

  app.get('/', async (c) => {
    const q = parseQuery(c, outboundSmsApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), q.clientId);
    const filtered = visible(c.get('principal'))
      .$if(q.clientId !== undefined, (b) => b.where('client_id', '=', q.clientId!))
      .$if(q.sendConnectorId !== undefined, (b) => b.where('send_connector_id', '=', q.sendConnectorId!))
      .$if(q.status !== undefined, (b) => b.where('status', '=', q.status!));
    return c.json(await listPage(filtered, q, presentOutboundSms, 'desc'));
  });

  app.get('/:id', async (c) => {
    const row = await findOr404(c.req.param('id'), 'outboundSms', (id) =>
      visible(c.get('principal')).where('id', '=', id).executeTakeFirst(),
    );
    return c.json(presentOutboundSms(row));
  });

  return app;
}

export function presentOutboundSms(row: Selectable<OutboundSmsTable>): z.input<typeof outboundSms> {
  return {
    id: row.id,
    clientId: row.client_id,
    sendConnectorId: row.send_connector_id,
    conversationId: row.conversation_id,
    origin: row.origin,
    to: row.to,
    from: row.from,
    text: row.text,
    segments: row.segments,
    encoding: row.encoding,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at.toISOString() : null,
    providerMessageId: row.provider_message_id,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    statusAt: row.status_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
