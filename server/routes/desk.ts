import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { sql, type Kysely } from 'kysely';
import { deskActions, deskApi, type DeskSnapshot, type HistoryOutcome } from '../../contract/desk';
import type { AcdDistributor } from '../acd/acd-distributor';
import {
  continueFromMemory,
  DeskLogReader,
  deskLogBounds,
  type DeskEventBus,
  type StoredDeskEvent,
} from '../acd/desk-events';
import { selectDeskMediaEvents, type DeskMediaEvent } from '../acd/desk-media-event';
import { requireRole } from '../auth/tenancy';
import type { Database } from '../db/schema';
import { ApiError, conflict } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { parseJsonBody } from '../http/parse-body';

const HEARTBEAT_MS = 15_000;
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
    const [user, state, offers, accepted, history] = await Promise.all([
      db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'sms_delivery', 'capacity'])
        .where('id', '=', agentId)
        .executeTakeFirstOrThrow(),
      db.selectFrom('agent_state').selectAll().where('agent_id', '=', agentId).executeTakeFirst(),
      selectDeskMediaEvents(db, sql`e.agent_id = ${agentId} and e.state = 'offered'`, sql`e.offered_at, e.id`),
      selectDeskMediaEvents(db, sql`e.agent_id = ${agentId} and e.state = 'accepted'`, sql`e.accepted_at, e.id`),
      deskHistory(db, agentId),
    ]);
    return c.json({
      agent: { id: user.id, displayName: user.display_name, smsDelivery: user.sms_delivery, capacity: user.capacity },
      status: state?.status ?? 'logged_off',
      statusSince: state?.status_since.toISOString() ?? null,
      lastEventId: Number(state?.event_seq ?? 0),
      offers,
      accepted,
      history,
    } satisfies DeskSnapshot);
  });

  app.put('/status', async (c) => {
    const { status } = await parseJsonBody(c, deskApi.setStatus.body);
    const principal = c.get('principal');
    const state = await acd.setStatus({ agentId: principal.userId, status, changedBy: principal.userId });
    if (!state) throw new ApiError(404, 'Agent not found');
    return c.json({ status: state.status, statusSince: state.status_since.toISOString() });
  });

  for (const action of deskActions) {
    app.post(`/media-events/:id/${action}`, async (c) => {
      const parsed = deskApi[action].params.shape.id.safeParse(c.req.param('id'));
      if (!parsed.success) throw new ApiError(404, 'Media event not found');
      const agentId = c.get('principal').userId;
      const done = await acd.act(agentId, parsed.data, action);
      if (!done && !(await sameClient(parsed.data, c.get('principal').clientId))) {
        throw new ApiError(404, 'Media event not found');
      }
      if (!done) {
        throw conflict(
          action === 'complete'
            ? 'This media event is not held by you (it was never accepted, or is finished already)'
            : 'This media event is no longer offered to you (the offer expired, was withdrawn or was answered)',
        );
      }
      const [event] = await selectDeskMediaEvents(db, sql`e.id = ${parsed.data}`);
      return c.json(event);
    });
  }

  app.get('/stream', (c) => {
    const agentId = c.get('principal').userId;
    const resumeFrom = parseEventId(c.req.header('last-event-id') ?? c.req.query('lastEventId'));
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let pending = true;
      // Reading the log is needed at the start, after a heartbeat, and when woken without the
      // events (by another instance); events this instance committed are handed over instead.
      let mustRead = true;
      const handed: StoredDeskEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = bus.subscribe(agentId, (events) => {
        if (events.length === 0) mustRead = true;
        else handed.push(...events);
        pending = true;
        wake?.();
      });
      stream.onAbort(() => wake?.());
      const send = (event: StoredDeskEvent) =>
        stream.writeSSE({ id: String(event.seq), event: event.kind, data: JSON.stringify(event.payload) });
      try {
        let last = await startingPoint(stream, agentId, resumeFrom);
        while (!stream.aborted && !bus.isClosed) {
          if (pending) {
            pending = false;
            const { next, gap } = continueFromMemory(handed.splice(0), last);
            for (const event of next) {
              await send(event);
              last = event.seq;
            }
            if (gap || mustRead) {
              mustRead = false;
              for (;;) {
                const events = await deskLog.read(agentId, last, 200);
                for (const event of events) {
                  await send(event);
                  last = event.seq;
                }
                if (events.length < 200) break;
              }
            }
            continue;
          }
          const timedOut = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), HEARTBEAT_MS);
            wake = () => {
              clearTimeout(timer);
              resolve(false);
            };
          });
          wake = undefined;
          if (timedOut && !stream.aborted) {
            await stream.write(': keep-alive\n\n');
            // In case a wake from another instance was lost.
            pending = true;
            mustRead = true;
          }
        }
      } finally {
        unsubscribe();
      }
    });
  });

  const sameClient = async (mediaEventId: string, clientId: string | null) =>
    (await db
      .selectFrom('media_event')
      .select('id')
      .where('id', '=', mediaEventId)
      .where('client_id', '=', clientId)
      .executeTakeFirst()) !== undefined;

  /**
   * Where a stream starts: after the event the client last applied, or (without one) at the end
   * of the log. A client whose last event was pruned is told to reload its desk.
   */
  async function startingPoint(stream: SSEStreamingApi, agentId: string, resumeFrom: number | undefined) {
    const bounds = await deskLogBounds(db, agentId);
    if (resumeFrom === undefined) return bounds.last;
    const lost = resumeFrom < bounds.last && (bounds.oldestKept === null || resumeFrom + 1 < bounds.oldestKept);
    if (resumeFrom > bounds.last || lost) {
      await stream.writeSSE({ id: String(bounds.last), event: 'reset', data: '{}' });
      return bounds.last;
    }
    return resumeFrom;
  }

  return app;
}

function parseEventId(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value);
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
