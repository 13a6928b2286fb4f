import { Hono } from 'hono';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import {
  deliveryLogApi,
  type deliveryLogQuery,
  type DeliveryAttempt,
  type DeliverySummary,
} from '../../contract/delivery-log';
import type { Language } from '../../i18n/languages';
import { say, type Sentence } from '../../i18n/sentence';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, requireRole } from '../auth/tenancy';
import type { Database, DeliveryAttemptTable } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { listPage } from '../http/list-page';
import { parseQuery } from '../http/parse-body';
import { requestLanguage } from '../http/request-language';
import { visibleRows } from '../http/visible-rows';

type LogQuery = z.output<typeof deliveryLogQuery>;

/** `/api/connectors/:id/deliveries` and `/delivery-summary`: a connector's log, for the admins who see the connector. */
export function connectorDeliveryRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  const connectors = visibleRows(db, 'connector', (principal: Principal) =>
    db.selectFrom('sms_connector').select('id').where(clientVisible(principal, 'sms_connector.client_id')),
  );

  app.get('/:id/deliveries', async (c) => {
    requireRole(c.get('principal'), ...ADMIN_ROLES);
    const connector = await connectors.inPath(c);
    const q = parseQuery(c, deliveryLogApi.ofConnector.query);
    return c.json(await listPage(attempts(db, connector.id, q), q, presenter(requestLanguage(c)), 'desc'));
  });

  app.get('/:id/delivery-summary', async (c) => {
    requireRole(c.get('principal'), ...ADMIN_ROLES);
    const connector = await connectors.inPath(c);
    return c.json(await deliverySummary(db, connector.id));
  });
  return app;
}

/** `/api/delivery-log/unmatched`: requests no connector took, for system admins. */
export function unmatchedDeliveryRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.get('/unmatched', async (c) => {
    requireRole(c.get('principal'), 'system_admin');
    const q = parseQuery(c, deliveryLogApi.unknown.query);
    return c.json(await listPage(attempts(db, null, q), q, presenter(requestLanguage(c)), 'desc'));
  });
  return app;
}

/** The rows of one connector's log (null: of no connector's) that the query's filters let through. */
function attempts(db: Kysely<Database>, connectorId: string | null, q: LogQuery) {
  const status = q.status;
  const statusClass = status?.endsWith('xx') ? Number(status[0]) * 100 : undefined;
  return db
    .selectFrom('delivery_attempt')
    .selectAll()
    .where((eb) => (connectorId === null ? eb('connector_id', 'is', null) : eb('connector_id', '=', connectorId)))
    .$if(statusClass !== undefined, (b) =>
      b.where('status', '>=', statusClass!).where('status', '<', statusClass! + 100),
    )
    .$if(status !== undefined && statusClass === undefined, (b) => b.where('status', '=', Number(status)))
    .$if(q.outcome !== undefined, (b) => b.where('outcome', '=', q.outcome!))
    .$if(q.from !== undefined, (b) => b.where('received_at', '>=', new Date(q.from!)))
    .$if(q.to !== undefined, (b) => b.where('received_at', '<', new Date(q.to!)));
}

function presenter(language: Language) {
  return (row: Selectable<DeliveryAttemptTable>): DeliveryAttempt => ({
    id: row.id,
    receivedAt: row.received_at.toISOString(),
    provider: row.provider,
    connectorId: row.connector_id,
    clientId: row.client_id,
    status: row.status,
    outcome: row.outcome,
    // The sentence in the reader's language; the English text for rows written without one.
    reason: row.reason_sentence === null ? row.reason : say(language, row.reason_sentence as Sentence),
    smsId: row.sms_id,
    clientAddress: row.client_address,
    request: row.request as DeliveryAttempt['request'],
  });
}

/** A summary row (see refusal-cap.ts) stands for the refusals it counts. */
const requestsOfRow = sql<number>`case when reason_sentence->>'key' = 'delivery.summarised'
  then coalesce((reason_sentence->'params'->>'count')::integer, 1) else 1 end`;

async function deliverySummary(db: Kysely<Database>, connectorId: string): Promise<DeliverySummary> {
  const last = await db
    .selectFrom('delivery_attempt')
    .select('received_at')
    .where('connector_id', '=', connectorId)
    .where('outcome', 'in', ['accepted', 'part_stored'])
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const perStatus = await db
    .selectFrom('delivery_attempt')
    .select(['status', sql<number>`sum(${requestsOfRow})::integer`.as('count')])
    .where('connector_id', '=', connectorId)
    .where('received_at', '>=', sql<Date>`now() - interval '24 hours'`)
    .groupBy('status')
    .orderBy('status')
    .execute();
  return {
    lastDeliveryAt: last?.received_at.toISOString() ?? null,
    last24h: perStatus.map(({ status, count }) => ({ status, count })),
  };
}
