import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { mediaEventApi, smsApi, type mediaEvent } from '../../contract/traffic';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, assertClientFilterVisible, clientVisible, requireRole } from '../auth/tenancy';
import type { Database, InboundSmsTable, MediaEventTable, WorkflowExecutionTable } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { conflict } from '../http/api-error';
import { auditedWrite } from '../audit/audited-write';
import type { AcdDistributor } from '../acd/acd-distributor';
import { cancelMediaEvent } from '../acd/cancel-media-event';

/** Inbound SMS (`/api/sms`), newest first, each with what it led to. */
export function smsRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(adminsOnly);
  const visible = (principal: Principal) =>
    db.selectFrom('inbound_sms').selectAll().where(clientVisible(principal, 'inbound_sms.client_id'));

  app.get('/', async (c) => {
    const q = parseQuery(c, smsApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), q.clientId);
    const filtered = visible(c.get('principal'))
      .$if(q.clientId !== undefined, (b) => b.where('client_id', '=', q.clientId!))
      .$if(q.connectorId !== undefined, (b) => b.where('connector_id', '=', q.connectorId!))
      .$if(q.status !== undefined, (b) => b.where('status', '=', q.status!))
      .$if(q.from !== undefined, (b) => b.where('received_at', '>=', new Date(q.from!)))
      .$if(q.to !== undefined, (b) => b.where('received_at', '<', new Date(q.to!)));
    const page = await listPage(filtered, q, (row) => row, 'desc');
    const ids = page.items.map((r) => r.id);
    const [events, executions] = await Promise.all([mediaEventsOf(db, ids), executionsOf(db, ids)]);
    return c.json({
      items: page.items.map((row) => presentSms(row, events.get(row.id) ?? null, executions.get(row.id) ?? null)),
      nextCursor: page.nextCursor,
    });
  });

  app.get('/:id', async (c) => {
    const row = await findOr404(c.req.param('id'), 'sms', (id) =>
      visible(c.get('principal')).where('id', '=', id).executeTakeFirst(),
    );
    const [events, executions] = await Promise.all([mediaEventsOf(db, [row.id]), executionsOf(db, [row.id])]);
    return c.json(presentSms(row, events.get(row.id) ?? null, executions.get(row.id) ?? null));
  });

  return app;
}

/**
 * Media events (`/api/media-events`), newest first; an admin can cancel one nobody works on yet
 * (spam, a duplicate). `acd` hears about agents and groups the cancellation changed.
 */
export function mediaEventRoutes(db: Kysely<Database>, acd?: Pick<AcdDistributor, 'afterCommit'>) {
  const app = new Hono<AppEnv>();
  app.use(adminsOnly);
  app.post('/:id/cancel', async (c) => {
    const principal = c.get('principal');
    const existing = await findOr404(c.req.param('id'), 'mediaEvent', (id) =>
      db
        .selectFrom('media_event')
        .selectAll()
        .where(clientVisible(principal, 'media_event.client_id'))
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    await parseJsonBody(c, mediaEventApi.cancel.body);
    const outcome = await auditedWrite(db, principal, async (trx) => {
      const result = await cancelMediaEvent(trx, existing.id);
      return {
        result,
        audit: result.cancelled
          ? {
              entityType: 'media_event',
              action: 'cancel',
              entityId: existing.id,
              clientId: existing.client_id,
              before: presentMediaEvent(existing),
              after: presentMediaEvent(result.event),
            }
          : [],
      };
    });
    if (!outcome.cancelled) throw conflict(outcome.reason);
    acd?.afterCommit(outcome.effects);
    return c.json(presentMediaEvent(outcome.event));
  });
  app.get('/', async (c) => {
    const q = parseQuery(c, mediaEventApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), q.clientId);
    const filtered = db
      .selectFrom('media_event')
      .selectAll()
      .where(clientVisible(c.get('principal'), 'media_event.client_id'))
      .$if(q.clientId !== undefined, (b) => b.where('client_id', '=', q.clientId!))
      .$if(q.acdGroupId !== undefined, (b) => b.where('acd_group_id', '=', q.acdGroupId!))
      .$if(q.state !== undefined, (b) => b.where('state', '=', q.state!))
      .$if(q.smsId !== undefined, (b) => b.where('sms_id', '=', q.smsId!));
    return c.json(await listPage(filtered, q, presentMediaEvent, 'desc'));
  });
  return app;
}

async function adminsOnly(c: { get(key: 'principal'): Principal }, next: () => Promise<void>) {
  requireRole(c.get('principal'), ...ADMIN_ROLES);
  await next();
}

async function mediaEventsOf(db: Kysely<Database>, smsIds: string[]) {
  if (smsIds.length === 0) return new Map<string, Selectable<MediaEventTable>>();
  // A transferred SMS has had several: the newest (the live one) is the SMS's.
  const rows = await db
    .selectFrom('media_event')
    .selectAll()
    .where('sms_id', 'in', smsIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return new Map(rows.map((row) => [row.sms_id, row]));
}

async function executionsOf(db: Kysely<Database>, smsIds: string[]) {
  if (smsIds.length === 0) return new Map<string, ExecutionRow>();
  const rows = await db
    .selectFrom('workflow_execution')
    .leftJoin('routing_application_version as v', 'v.id', 'workflow_execution.version_id')
    .selectAll('workflow_execution')
    .select('v.number as version_number')
    .where('sms_id', 'in', smsIds)
    .execute();
  return new Map(rows.map((row) => [row.sms_id, row]));
}

export function presentSms(
  row: Selectable<InboundSmsTable>,
  mediaEvent: Selectable<MediaEventTable> | null,
  execution: ExecutionRow | null,
) {
  return {
    id: row.id,
    clientId: row.client_id,
    connectorId: row.connector_id,
    sender: row.sender,
    senderNormalized: row.sender_normalized,
    receiver: row.receiver,
    receiverNormalized: row.receiver_normalized,
    message: row.message,
    keyword: row.keyword,
    messageId: row.message_id,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    parts:
      row.parts_total === null ? null : { total: row.parts_total, received: row.parts_received ?? row.parts_total },
    conversationId: row.conversation_id,
    mediaEvent: mediaEvent ? presentMediaEvent(mediaEvent) : null,
    execution: execution ? presentExecution(execution) : null,
  };
}

type ExecutionRow = Selectable<WorkflowExecutionTable> & { version_number: number | null };

export function presentExecution(row: ExecutionRow) {
  return {
    id: row.id,
    routingApplicationId: row.routing_application_id,
    versionId: row.version_id,
    versionNumber: row.version_number,
    status: row.status,
    outcome: row.outcome,
    trace: row.trace,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export function presentMediaEvent(row: Selectable<MediaEventTable>): z.input<typeof mediaEvent> {
  return {
    id: row.id,
    clientId: row.client_id,
    smsId: row.sms_id,
    acdGroupId: row.acd_group_id,
    subject: row.subject,
    priority: row.priority,
    state: row.state,
    agentId: row.agent_id,
    createdAt: row.created_at.toISOString(),
  };
}
