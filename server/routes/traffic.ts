import { Hono } from 'hono';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import { mediaEventApi, smsApi, type HandlingStep, type mediaEvent } from '../../contract/traffic';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, assertClientFilterVisible, clientVisible, requireRole } from '../auth/tenancy';
import type {
  Database,
  InboundSmsTable,
  MediaEventState,
  MediaEventTable,
  OfferOutcome,
  WorkflowExecutionTable,
} from '../db/schema';
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
      .$if(q.to !== undefined, (b) => b.where('received_at', '<', new Date(q.to!)))
      .$if(q.sender !== undefined, (b) =>
        b.where((eb) =>
          eb.or([containing(sql.ref('sender'), q.sender!), containing(sql.ref('sender_normalized'), q.sender!)]),
        ),
      )
      .$if(q.text !== undefined, (b) => b.where(containing(sql.ref('message'), q.text!)));
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
    const event = events.get(row.id) ?? null;
    return c.json({
      ...presentSms(row, event, executions.get(row.id) ?? null),
      handling: event ? await handlingOf(db, row.id) : [],
    });
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

/** `column` contains `part` literally, in any letter case: LIKE's wildcards and escape in it are escaped. */
function containing(column: ReturnType<typeof sql.ref>, part: string) {
  const pattern = `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${column} ilike ${pattern} escape '\\'`;
}

/** An offer's outcome as a step of the time line (an offer that timed out is the agent's silence, not the event's). */
const OFFER_END_STEPS = {
  accepted: 'accepted',
  declined: 'declined',
  expired: 'timed_out',
  withdrawn: 'withdrawn',
  delivered: 'delivered',
  failed: 'failed',
} as const satisfies Record<OfferOutcome, HandlingStep['kind']>;

/** How the media event itself ended, where that is a step of its own (accepted ends with its offer). */
const EVENT_END_STEPS: Partial<Record<MediaEventState, HandlingStep['kind']>> = {
  completed: 'completed',
  expired: 'wait_exceeded',
  cancelled: 'cancelled',
};

/**
 * Who handled the SMS and when, oldest first: for each of its media events (one, unless it was
 * handed on), queued, each offer and how it ended, and how the event ended. Read from the events
 * and their offers, which the ACD keeps anyway; agents' names as they are now.
 */
async function handlingOf(db: Kysely<Database>, smsId: string): Promise<HandlingStep[]> {
  const [events, offers] = await Promise.all([
    db
      .selectFrom('media_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.agent_id')
      .select(['e.id', 'e.state', 'e.agent_id', 'e.created_at', 'e.finished_at', 'u.display_name'])
      .where('e.sms_id', '=', smsId)
      .execute(),
    db
      .selectFrom('media_event_offer as o')
      .innerJoin('media_event as e', 'e.id', 'o.media_event_id')
      .leftJoin('app_user as u', 'u.id', 'o.agent_id')
      .select([
        'o.media_event_id',
        'o.agent_id',
        'o.channel',
        'o.offered_at',
        'o.outcome',
        'o.ended_at',
        'u.display_name',
      ])
      .where('e.sms_id', '=', smsId)
      .execute(),
  ]);
  const step = (
    at: Date,
    kind: HandlingStep['kind'],
    agent: { id: string; name: string | null } | null,
    channel: HandlingStep['channel'],
    order: number,
  ) => ({ at: at.toISOString(), kind, agentId: agent?.id ?? null, agentName: agent?.name ?? null, channel, order });
  const steps: Array<HandlingStep & { order: number }> = [];
  // An offer's time is its dispatch transaction's start, which can precede the SMS's arrival by a
  // little (the transaction began before it was stored, then offered it): the event counts as
  // queued by its first offer at the latest, so that it is never shown offered before queued.
  const firstOffer = new Map<string, Date>();
  for (const offer of offers) {
    const first = firstOffer.get(offer.media_event_id);
    if (!first || offer.offered_at < first) firstOffer.set(offer.media_event_id, offer.offered_at);
  }
  for (const event of events) {
    const offered = firstOffer.get(event.id);
    const queued = offered && offered < event.created_at ? offered : event.created_at;
    steps.push(step(queued, 'queued', null, null, 0));
    const end = EVENT_END_STEPS[event.state];
    if (end && event.finished_at) {
      const agent = end === 'completed' && event.agent_id ? { id: event.agent_id, name: event.display_name } : null;
      steps.push(step(event.finished_at, end, agent, null, 3));
    }
  }
  for (const offer of offers) {
    const agent = { id: offer.agent_id, name: offer.display_name };
    steps.push(step(offer.offered_at, 'offered', agent, offer.channel, 2));
    if (offer.outcome && offer.ended_at) {
      steps.push(step(offer.ended_at, OFFER_END_STEPS[offer.outcome], agent, offer.channel, 1));
    }
  }
  // By time; within one transaction's instant, an offer's end before the next offer it made room for.
  return steps.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order).map(({ order: _order, ...rest }) => rest);
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
    // The wait of a waiting run: what it waits for (a reply from whom, until when).
    .leftJoin('waiting_run as w', (join) =>
      join.onRef('w.execution_id', '=', 'workflow_execution.id').on('w.state', '=', 'waiting'),
    )
    .selectAll('workflow_execution')
    .select([
      'v.number as version_number',
      'w.node_id as wait_node_id',
      'w.sender as wait_sender',
      'w.receiver as wait_receiver',
      'w.waiting_since as wait_since',
      'w.wake_at as wait_until',
    ])
    .where('workflow_execution.sms_id', 'in', smsIds)
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

type ExecutionRow = Selectable<WorkflowExecutionTable> & {
  version_number: number | null;
  wait_node_id?: string | null;
  wait_sender?: string | null;
  wait_receiver?: string | null;
  wait_since?: Date | null;
  wait_until?: Date | null;
};

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
    waitingFor:
      row.status === 'waiting' &&
      row.wait_node_id &&
      row.wait_sender &&
      row.wait_receiver &&
      row.wait_since &&
      row.wait_until
        ? {
            nodeId: row.wait_node_id,
            sender: row.wait_sender,
            receiver: row.wait_receiver,
            since: row.wait_since.toISOString(),
            until: row.wait_until.toISOString(),
          }
        : null,
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
