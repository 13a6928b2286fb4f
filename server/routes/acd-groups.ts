import { Hono } from 'hono';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import { acdGroupApi, WAITING_SHOWN, type acdGroup, type acdGroupLive } from '../../contract/acd-groups';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, onlyRoles, resolveTargetClient } from '../auth/tenancy';
import type { AcdGroupTable, AcdStrategy, AgentStatus, Database, SmsDelivery } from '../db/schema';
import { canTakeOfferNow } from '../acd/offer-eligibility';
import { deleteLocked } from '../db/delete-locked';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';
import { auditedChange, auditedWrite } from '../audit/audited-write';
import type { ConfigChanged } from '../config-changes';
import { refuseWhileInUse } from '../acd/group-in-use';
import { findAcdGroupUsers } from '../routing/find-references';
import type { UsedByList } from '../../contract/common';
import { replaceMembers } from '../acd/group-members';
import { chosenWrapUpCodes, replaceWrapUpCodes } from '../acd/group-wrap-up';
import { apiSentence } from '../http/api-error';

export function acdGroupRoutes(
  db: Kysely<Database>,
  configChanged: ConfigChanged,
  /** Members or settings changed: the group's queue may be dispatched now. */
  groupChanged: (acdGroupId: string) => void = () => {},
  /** `emailAgents`: whether this server has a mail server, so agents who take SMS by e-mail can be offered one. */
  offers: { emailAgents: boolean } = { emailAgents: false },
) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const groups = visibleRows(db, 'acdGroup', (principal: Principal) =>
    db.selectFrom('acd_group').selectAll().where(clientVisible(principal, 'acd_group.client_id')),
  );

  const withMembers = async (rows: Selectable<AcdGroupTable>[]) => {
    const members = rows.length
      ? await db
          .selectFrom('acd_group_member')
          .select(['acd_group_id', 'agent_id', 'priority'])
          .where(
            'acd_group_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('priority', 'desc')
          .orderBy('agent_id')
          .execute()
      : [];
    const wrapUpCodes = await chosenWrapUpCodes(
      db,
      rows.filter((r) => !r.wrap_up_all_codes).map((r) => r.id),
    );
    return rows.map((row) =>
      presentAcdGroup(
        row,
        members.filter((m) => m.acd_group_id === row.id).map((m) => ({ agentId: m.agent_id, priority: m.priority })),
        wrapUpCodes.get(row.id),
      ),
    );
  };

  app.get('/', async (c) => {
    const page = await groups.page(c, acdGroupApi.list.query, (row) => row, 'clientId');
    return c.json({ items: await withMembers(page.items), nextCursor: page.nextCursor });
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, acdGroupApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const row = await uniqueName(() =>
      auditedWrite(db, principal, async (trx) => {
        const group = await trx
          .insertInto('acd_group')
          .values({
            id: uuid7(),
            client_id: clientId,
            name: body.name,
            strategy: body.strategy,
            offer_timeout_seconds: body.offerTimeoutSeconds,
            max_wait_seconds: body.maxWaitSeconds,
            wrap_up_required: body.wrapUpRequired,
            wrap_up_all_codes: body.wrapUpCodeIds === null,
            reopen_window_hours: body.reopenWindowHours,
            warn_queue_length: body.warnQueueLength,
            warn_wait_seconds: body.warnWaitSeconds,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await replaceMembers(trx, group.id, clientId, body.members);
        await replaceWrapUpCodes(trx, group.id, clientId, body.wrapUpCodeIds);
        return {
          result: group,
          audit: {
            entityType: 'acd_group',
            action: 'create',
            entityId: group.id,
            clientId,
            after: { ...presentAcdGroup(group, [], body.wrapUpCodeIds ?? undefined), members: body.members },
          },
        };
      }),
    );
    groupChanged(row.id);
    return c.json((await withMembers([row]))[0], 201);
  });

  app.get('/:id', async (c) => {
    const row = await groups.inPath(c);
    return c.json((await withMembers([row]))[0]);
  });

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await groups.inPath(c);
    const [before] = await withMembers([existing]);
    const body = await parseJsonBody(c, acdGroupApi.update.body);
    const row = await uniqueName(() =>
      auditedWrite(db, principal, async (trx) => {
        const group = await trx
          .updateTable('acd_group')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.strategy !== undefined ? { strategy: body.strategy } : {}),
            ...(body.offerTimeoutSeconds !== undefined ? { offer_timeout_seconds: body.offerTimeoutSeconds } : {}),
            ...(body.maxWaitSeconds !== undefined ? { max_wait_seconds: body.maxWaitSeconds } : {}),
            ...(body.wrapUpRequired !== undefined ? { wrap_up_required: body.wrapUpRequired } : {}),
            ...(body.wrapUpCodeIds !== undefined ? { wrap_up_all_codes: body.wrapUpCodeIds === null } : {}),
            ...(body.reopenWindowHours !== undefined ? { reopen_window_hours: body.reopenWindowHours } : {}),
            ...(body.warnQueueLength !== undefined ? { warn_queue_length: body.warnQueueLength } : {}),
            ...(body.warnWaitSeconds !== undefined ? { warn_wait_seconds: body.warnWaitSeconds } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (body.members) await replaceMembers(trx, group.id, group.client_id, body.members);
        if (body.wrapUpCodeIds !== undefined)
          await replaceWrapUpCodes(trx, group.id, group.client_id, body.wrapUpCodeIds);
        const wrapUpCodeIds =
          body.wrapUpCodeIds !== undefined ? (body.wrapUpCodeIds ?? undefined) : (before?.wrapUpCodeIds ?? undefined);
        return {
          result: group,
          audit: {
            entityType: 'acd_group',
            action: 'update',
            entityId: group.id,
            clientId: group.client_id,
            before: before ?? null,
            after: {
              ...presentAcdGroup(group, [], wrapUpCodeIds),
              members: body.members ?? before?.members ?? [],
            },
          },
        };
      }),
    );
    groupChanged(row.id);
    return c.json((await withMembers([row]))[0]);
  });

  app.get('/:id/live', async (c) => {
    const group = await groups.inPath(c);
    const [queue, waiting, agents] = await Promise.all([
      sql<{ queued: number; oldest: Date | null; offered: number; accepted: number }>`
        select count(*) filter (where state = 'queued')::int as queued,
          min(created_at) filter (where state = 'queued') as oldest,
          count(*) filter (where state = 'offered')::int as offered,
          count(*) filter (where state = 'accepted')::int as accepted
        from media_event where acd_group_id = ${group.id} and state in ('queued', 'offered', 'accepted')`.execute(db),
      // The queue index's order: what dispatch takes first is listed first.
      sql<{
        id: string;
        subject: string;
        priority: number;
        created_at: Date;
        reserved_agent_id: string | null;
        reserved_name: string | null;
        sms_id: string;
        sender: string;
        message: string;
        received_at: Date;
      }>`
        select e.id, e.subject, e.priority, e.created_at, e.reserved_agent_id, r.display_name as reserved_name,
          s.id as sms_id, s.sender, s.message, s.received_at
        from media_event e
        join inbound_sms s on s.id = e.sms_id
        left join app_user r on r.id = e.reserved_agent_id
        where e.acd_group_id = ${group.id} and e.state = 'queued'
        order by e.priority desc, e.created_at, e.id
        limit ${WAITING_SHOWN}`.execute(db),
      sql<{
        id: string;
        display_name: string;
        status: AgentStatus | null;
        status_since: Date | null;
        pause_reason: string | null;
        load: number;
        capacity: number;
        priority: number;
        sms_delivery: SmsDelivery;
        can_take_offer: boolean;
      }>`
        select u.id, u.display_name, a.status, a.status_since, a.pause_reason, u.capacity, m.priority, u.sms_delivery,
          (select count(*)::int from media_event e where e.agent_id = u.id and e.state in ('offered', 'accepted')) as load,
          -- The rule dispatch uses, so the view never counts an agent dispatch passes over.
          coalesce(${canTakeOfferNow(offers)}, false) as can_take_offer
        from acd_group_member m join app_user u on u.id = m.agent_id left join agent_state a on a.agent_id = u.id
        where m.acd_group_id = ${group.id}
        order by m.priority desc, u.display_name`.execute(db),
    ]);
    const totals = queue.rows[0]!;
    return c.json<z.input<typeof acdGroupLive>>({
      group: {
        id: group.id,
        name: group.name,
        strategy: group.strategy as AcdStrategy,
        offerTimeoutSeconds: group.offer_timeout_seconds,
        warnQueueLength: group.warn_queue_length,
        warnWaitSeconds: group.warn_wait_seconds,
      },
      queueLength: totals.queued,
      oldestQueuedAt: totals.oldest ? new Date(totals.oldest).toISOString() : null,
      waiting: waiting.rows.map((row) => ({
        id: row.id,
        subject: row.subject,
        priority: row.priority,
        queuedAt: row.created_at.toISOString(),
        reservedFor: row.reserved_agent_id ? { id: row.reserved_agent_id, displayName: row.reserved_name ?? '' } : null,
        sms: { id: row.sms_id, sender: row.sender, message: row.message, receivedAt: row.received_at.toISOString() },
      })),
      offered: totals.offered,
      accepted: totals.accepted,
      emailConfigured: offers.emailAgents,
      agents: agents.rows.map((agent) => ({
        id: agent.id,
        displayName: agent.display_name,
        status: agent.status ?? 'logged_off',
        statusSince: agent.status_since?.toISOString() ?? null,
        pauseReason: agent.pause_reason,
        load: agent.load,
        capacity: agent.capacity,
        priority: agent.priority,
        smsDelivery: agent.sms_delivery,
        canTakeOffer: agent.can_take_offer,
      })),
    });
  });

  app.get('/:id/used-by', async (c) => {
    const group = await groups.inPath(c);
    return c.json<UsedByList>({ items: await findAcdGroupUsers(db, group) });
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await groups.inPath(c);
    const audit = {
      entityType: 'acd_group',
      action: 'delete',
      entityId: existing.id,
      clientId: existing.client_id,
      before: presentAcdGroup(existing, []),
    } as const;
    // The row lock holds back whatever would start using the group meanwhile: a connector or
    // application pointed at it, a media event put in it.
    await auditedChange(db, principal, audit, (trx) =>
      deleteLocked(trx, 'acd_group', existing.id, () => refuseWhileInUse(trx, existing)),
    );
    // Caches forget it (a connector that a race pointed here has lost its target).
    await configChanged();
    return c.body(null, 204);
  });

  return app;
}

const uniqueName = <T>(write: () => Promise<T>) => conflictOnDuplicate(write, apiSentence('groupNameTaken'), 'name');

export function presentAcdGroup(
  row: Selectable<AcdGroupTable>,
  members: Array<{ agentId: string; priority: number }>,
  /** The codes it offers when not all of its client's. */
  wrapUpCodeIds: readonly string[] = [],
): z.input<typeof acdGroup> {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    strategy: row.strategy,
    offerTimeoutSeconds: row.offer_timeout_seconds,
    maxWaitSeconds: row.max_wait_seconds,
    members,
    wrapUpRequired: row.wrap_up_required,
    wrapUpCodeIds: row.wrap_up_all_codes ? null : [...wrapUpCodeIds],
    reopenWindowHours: row.reopen_window_hours,
    warnQueueLength: row.warn_queue_length,
    warnWaitSeconds: row.warn_wait_seconds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
