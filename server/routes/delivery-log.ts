import { Hono } from 'hono';
import { sql, type AliasedSelectQueryBuilder, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import {
  deliveryLogApi,
  type deliveryLogQuery,
  type DeliveryAttempt,
  type DeliverySummary,
} from '../../contract/delivery-log';
import type { Language } from '../../i18n/languages';
import { say, sentence, type Sentence } from '../../i18n/sentence';
import type { DeliveryOutcome } from '../../contract/domain';
import { storedLine } from '../delivery-log/accepted-line';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, requireRole } from '../auth/tenancy';
import type { Database, DeliveryAttemptTable } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { listPage } from '../http/list-page';
import { parseQuery } from '../http/parse-body';
import { requestLanguage } from '../http/request-language';
import { visibleRows } from '../http/visible-rows';

type LogQuery = z.output<typeof deliveryLogQuery>;

/**
 * `/api/connectors/:id/deliveries` and `/delivery-summary`: a connector's log, for the admins who
 * see the connector. Its lines are delivery_attempt's, and, for the SMS it stored, the line kept
 * with each SMS (see delivery-log/accepted-line.ts), within the same retention.
 */
export function connectorDeliveryRoutes(db: Kysely<Database>, retentionDays: number) {
  const app = new Hono<AppEnv>();
  const connectors = visibleRows(db, 'connector', (principal: Principal) =>
    db
      .selectFrom('sms_connector')
      .select(['id', 'client_id'])
      .where(clientVisible(principal, 'sms_connector.client_id')),
  );

  app.get('/:id/deliveries', async (c) => {
    requireRole(c.get('principal'), ...ADMIN_ROLES);
    const connector = await connectors.inPath(c);
    const q = parseQuery(c, deliveryLogApi.ofConnector.query);
    const lines = filtered(connectorLines(db, connector.id, retentionDays), q);
    return c.json(await listPage(lines, q, presenter(requestLanguage(c)), 'desc'));
  });

  app.get('/:id/delivery-summary', async (c) => {
    requireRole(c.get('principal'), ...ADMIN_ROLES);
    const connector = await connectors.inPath(c);
    return c.json(await deliverySummary(db, connector, retentionDays));
  });
  return app;
}

/** `/api/delivery-log/unmatched`: requests no connector took, for system admins. */
export function unmatchedDeliveryRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.get('/unmatched', async (c) => {
    requireRole(c.get('principal'), 'system_admin');
    const q = parseQuery(c, deliveryLogApi.unknown.query);
    const unmatched = db.selectFrom('delivery_attempt').selectAll().where('connector_id', 'is', null);
    const lines = filtered(linesOf(db, unmatched.as('line')), q);
    return c.json(await listPage(lines, q, presenter(requestLanguage(c)), 'desc'));
  });
  return app;
}

const ACCEPTED = sentence('delivery.accepted');

/** A connector's lines: those of delivery_attempt, and those kept with the SMS it stored. */
function connectorLines(db: Kysely<Database>, connectorId: string, retentionDays: number) {
  const logged = db.selectFrom('delivery_attempt').selectAll().where('connector_id', '=', connectorId);
  const line = storedLine('delivery');
  const stored = db
    .selectFrom('inbound_sms')
    .select([
      'id',
      'received_at',
      line.provider.as('provider'),
      'connector_id',
      'client_id',
      line.status.as('status'),
      sql<DeliveryOutcome>`'accepted'`.as('outcome'),
      sql<string>`${say('en', ACCEPTED)}::text`.as('reason'),
      sql<unknown>`${JSON.stringify(ACCEPTED)}::jsonb`.as('reason_sentence'),
      sql<string | null>`id`.as('sms_id'),
      line.clientAddress.as('client_address'),
      line.request.as('request'),
    ])
    .where('connector_id', '=', connectorId)
    .where('delivery', 'is not', null)
    .where('received_at', '>=', sql<Date>`now() - make_interval(days => ${retentionDays})`);
  return linesOf(db, logged.unionAll(stored).as('line'));
}

type Line = Selectable<DeliveryAttemptTable>;
const linesOf = (db: Kysely<Database>, source: AliasedSelectQueryBuilder<Line, 'line'>) =>
  db.selectFrom(source).selectAll();

/** The lines the query's filters let through. */
function filtered(lines: ReturnType<typeof linesOf>, q: LogQuery) {
  const status = q.status;
  const statusClass = status?.endsWith('xx') ? Number(status[0]) * 100 : undefined;
  return lines
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

async function deliverySummary(
  db: Kysely<Database>,
  connector: { id: string; client_id: string },
  retentionDays: number,
): Promise<DeliverySummary> {
  // The last SMS at any time (the SMS stay; the log's lines are swept), by the client's index.
  const lastSms = await db
    .selectFrom('inbound_sms')
    .select('received_at')
    .where('client_id', '=', connector.client_id)
    .where('connector_id', '=', connector.id)
    .where('delivery', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastLogged = await db
    .selectFrom('delivery_attempt')
    .select('received_at')
    .where('connector_id', '=', connector.id)
    .where('outcome', 'in', ['accepted', 'part_stored'])
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const perStatus = await connectorLines(db, connector.id, retentionDays)
    .clearSelect()
    .select(['status', sql<number>`sum(${requestsOfRow})::integer`.as('count')])
    .where('received_at', '>=', sql<Date>`now() - interval '24 hours'`)
    .groupBy('status')
    .orderBy('status')
    .execute();
  const last = [lastSms?.received_at, lastLogged?.received_at].filter((at) => at !== undefined);
  return {
    lastDeliveryAt: last.length === 0 ? null : new Date(Math.max(...last.map((at) => at.getTime()))).toISOString(),
    last24h: perStatus.map(({ status, count }) => ({ status, count })),
  };
}
