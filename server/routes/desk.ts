import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import {
  deskActions,
  deskApi,
  deskCompleteBody,
  type deskStatus,
  type AgentStatus,
  type DeskSnapshot,
  type DeskTransferBody,
  type DeskTransferResult,
  type HistoryOutcome,
  type TransferTargets,
} from '../../contract/desk';
import { checkWrapUp } from '../../contract/wrap-up-rule';
import { sentence } from '../../i18n/sentence';
import { wrapUpRuleOfGroup } from '../acd/group-wrap-up';
import type { AcdDistributor } from '../acd/acd-distributor';
import type { TransferTarget } from '../acd/transfer-media-event';
import { DeskLogReader, type DeskEventBus } from '../acd/desk-events';
import { parseEventId, streamDeskEvents } from '../acd/desk-stream';
import { selectDeskMediaEvents, type DeskMediaEvent } from '../acd/desk-media-event';
import { selectDeskHeldConversations } from '../conversations/email-held-conversation';
import { requireRole } from '../auth/tenancy';
import type { Database } from '../db/schema';
import { apiSentence, conflict, fieldError, notFound, reason } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { optionalJsonBody, parseJsonBody } from '../http/parse-body';

const HISTORY_LENGTH = 20;

export interface DeskRouteDeps {
  db: Kysely<Database>;
  acd: AcdDistributor;
  bus: DeskEventBus;
}

/** The agent desk: an agent's own status and work (../shared/design/admin-api.md). */
export function deskRoutes({ db, acd, bus }: DeskRouteDeps) {
  const app = new Hono<AppEnv>();
  const deskLog = new DeskLogReader(db);
  app.use(async (c, next) => {
    requireRole(c.get('principal'), 'agent');
    await next();
  });

  app.get('/', async (c) => {
    const principal = c.get('principal');
    const agentId = principal.userId;
    const [user, state, offers, accepted, heldByEmail, history] = await Promise.all([
      db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'sms_delivery', 'capacity'])
        .where('id', '=', agentId)
        .executeTakeFirstOrThrow(),
      db.selectFrom('agent_state').selectAll().where('agent_id', '=', agentId).executeTakeFirst(),
      selectDeskMediaEvents(db, sql`e.agent_id = ${agentId} and e.state = 'offered'`, sql`e.offered_at, e.id`),
      selectDeskMediaEvents(db, sql`e.agent_id = ${agentId} and e.state = 'accepted'`, sql`e.accepted_at, e.id`),
      selectDeskHeldConversations(db, agentId),
      deskHistory(db, agentId),
    ]);
    return c.json({
      agent: { id: user.id, displayName: user.display_name, smsDelivery: user.sms_delivery, capacity: user.capacity },
      status: state?.status ?? 'logged_off',
      statusSince: state?.status_since.toISOString() ?? null,
      pauseReason: state?.pause_reason ?? null,
      lastEventId: Number(state?.event_seq ?? 0),
      offers,
      accepted,
      heldByEmail,
      history,
    } satisfies DeskSnapshot);
  });

  app.put('/status', async (c) => {
    const { status, pauseReasonId } = await parseJsonBody(c, deskApi.setStatus.body);
    const principal = c.get('principal');
    const pauseReason = await pauseReasonName(principal.clientId, status, pauseReasonId);
    const state = await acd.setStatus({ agentId: principal.userId, status, changedBy: principal.userId, pauseReason });
    if (!state) throw notFound('agent');
    return c.json({
      status: state.status,
      statusSince: state.status_since.toISOString(),
      pauseReason: state.pause_reason,
    } satisfies z.input<typeof deskStatus>);
  });

  /**
   * The name a pause is recorded with: a reason of the agent's own client, given with `pause`
   * only (a 400 naming `pauseReasonId` otherwise). Pausing without one is allowed: the list is
   * offered, not forced, so an agent can always step away.
   */
  const pauseReasonName = async (clientId: string | null, status: AgentStatus, id: string | null | undefined) => {
    if (id === undefined || id === null) return null;
    if (status !== 'pause') throw fieldError('pauseReasonId', sentence('pauseReasons.refusal.onlyWithPause'));
    const row = clientId
      ? await db
          .selectFrom('pause_reason')
          .select('name')
          .where('id', '=', id)
          .where('client_id', '=', clientId)
          .executeTakeFirst()
      : undefined;
    if (!row) throw fieldError('pauseReasonId', sentence('pauseReasons.refusal.unknown'));
    return row.name;
  };

  for (const action of deskActions) {
    app.post(`/media-events/:id/${action}`, async (c) => {
      const parsed = deskApi[action].params.shape.id.safeParse(c.req.param('id'));
      if (!parsed.success) throw notFound('mediaEvent');
      const agentId = c.get('principal').userId;
      const options = action === 'complete' ? { wrapUpCodeId: await checkedWrapUp(c, agentId, parsed.data) } : {};
      const done = await acd.act(agentId, parsed.data, action, options);
      if (!done && !(await sameClient(parsed.data, c.get('principal').clientId))) {
        throw notFound('mediaEvent');
      }
      if (!done) {
        throw conflict(action === 'complete' ? apiSentence('notHeld') : apiSentence('noLongerOffered'));
      }
      const [event] = await selectDeskMediaEvents(db, sql`e.id = ${parsed.data}`);
      return c.json(event);
    });
  }

  app.post('/media-events/:id/transfer', async (c) => {
    const { userId, clientId } = c.get('principal');
    const parsed = deskApi.transfer.params.shape.id.safeParse(c.req.param('id'));
    // Another client's event is not found, whatever the body says.
    if (!parsed.success || !clientId || !(await sameClient(parsed.data, clientId))) throw notFound('mediaEvent');
    const body = await parseJsonBody(c, deskApi.transfer.body);
    const result = await acd.transfer({
      agentId: userId,
      clientId,
      mediaEventId: parsed.data,
      target: transferTarget(body),
      note: body.note ? body.note : null,
    });
    if (!result.transferred) throw conflict(apiSentence('notHeld'));
    const [event] = await selectDeskMediaEvents(db, sql`e.id = ${parsed.data}`);
    return c.json({ mediaEvent: event!, queued: result.queued } satisfies DeskTransferResult);
  });

  app.get('/transfer-targets', async (c) => {
    const { clientId } = c.get('principal');
    const rows = await sql<{
      group_id: string;
      group_name: string;
      agent_id: string | null;
      display_name: string | null;
      status: AgentStatus;
    }>`
      select g.id as group_id, g.name as group_name, u.id as agent_id, u.display_name,
        coalesce(a.status, 'logged_off') as status
      from acd_group g
      left join acd_group_member m on m.acd_group_id = g.id
      left join app_user u on u.id = m.agent_id and u.active and u.role = 'agent'
      left join agent_state a on a.agent_id = u.id
      where g.client_id = ${clientId}
      order by g.name, g.id, u.display_name, u.id`.execute(db);
    // One row per membership (or one for a group without members), in the order shown.
    const groups = new Map<string, TransferTargets['groups'][number]>();
    for (const row of rows.rows) {
      const group = groups.get(row.group_id) ?? { id: row.group_id, name: row.group_name, agents: [] };
      groups.set(row.group_id, group);
      if (row.agent_id && row.display_name !== null) {
        group.agents.push({
          id: row.agent_id,
          displayName: row.display_name,
          status: row.status,
        });
      }
    }
    return c.json({ groups: [...groups.values()] } satisfies TransferTargets);
  });

  app.get('/stream', (c) => {
    const agentId = c.get('principal').userId;
    const resumeFrom = parseEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, (stream) => streamDeskEvents({ db, bus, deskLog }, stream, agentId, resumeFrom));
  });

  /**
   * The wrap-up code a complete closes the conversation with, checked against the rule of the
   * event's group: a 400 naming `wrapUpCodeId` when one is required and missing, or not offered.
   * An event the agent does not hold is left to the action (409 or 404).
   */
  const checkedWrapUp = async (c: Context<AppEnv>, agentId: string, mediaEventId: string) => {
    const body = await optionalJsonBody(c, deskCompleteBody);
    const held = await db
      .selectFrom('media_event')
      .select('acd_group_id')
      .where('id', '=', mediaEventId)
      .where('agent_id', '=', agentId)
      .where('state', '=', 'accepted')
      .executeTakeFirst();
    if (!held?.acd_group_id) return body.wrapUpCodeId ?? null;
    const rule = await wrapUpRuleOfGroup(db, held.acd_group_id);
    if (!rule) return null;
    const check = checkWrapUp(rule, body.wrapUpCodeId);
    if (!check.ok) throw fieldError('wrapUpCodeId', sentence(`wrapUpCodes.refusal.${check.reason}`));
    return check.code?.id ?? null;
  };

  const sameClient = async (mediaEventId: string, clientId: string | null) =>
    (await db
      .selectFrom('media_event')
      .select('id')
      .where('id', '=', mediaEventId)
      .where('client_id', '=', clientId)
      .executeTakeFirst()) !== undefined;

  return app;
}

/** The agent's last finished work: completed or delivered, and offers they let pass. */
async function deskHistory(
  db: Kysely<Database>,
  agentId: string,
): Promise<Array<DeskMediaEvent & { outcome: HistoryOutcome }>> {
  const rows = await sql<{ media_event_id: string; outcome: HistoryOutcome; ended_at: Date }>`
    select o.media_event_id, case when o.outcome = 'accepted' then e.state else o.outcome end as outcome,
      coalesce(case when o.outcome = 'accepted' then e.finished_at end, o.ended_at) as ended_at
    from media_event_offer o join media_event e on e.id = o.media_event_id
    where o.agent_id = ${agentId} and o.outcome is not null
      and not (o.outcome = 'accepted' and e.state = 'accepted')
    order by 3 desc limit ${HISTORY_LENGTH}`.execute(db);
  if (rows.rows.length === 0) return [];
  const events = await selectDeskMediaEvents(
    db,
    sql`e.id = any(${rows.rows.map((row) => row.media_event_id)}::uuid[])`,
  );
  const byId = new Map(events.map((event) => [event.id, event]));
  return rows.rows.flatMap((row) => {
    const event = byId.get(row.media_event_id);
    return event ? [{ ...event, outcome: row.outcome, finishedAt: new Date(row.ended_at).toISOString() }] : [];
  });
}

/** The one target of a transfer: a 400 naming the field when there is none, or two. */
function transferTarget(body: DeskTransferBody): TransferTarget {
  if (body.acdGroupId && body.agentId) throw fieldError('agentId', reason('oneTransferTarget'));
  if (body.acdGroupId) return { acdGroupId: body.acdGroupId };
  if (body.agentId) return { agentId: body.agentId };
  throw fieldError('acdGroupId', reason('transferTarget'));
}
