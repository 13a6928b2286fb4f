import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { AcdDistributor } from '../acd/acd-distributor';
import { replaceAgentGroups } from '../acd/agent-groups';
import { agentApi, type AgentStatusChange, type AgentView } from '../../contract/agents';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, assertClientFilterVisible, clientVisible, onlyRoles } from '../auth/tenancy';
import type { AgentStatus, Database, SmsDelivery } from '../db/schema';
import { apiSentence, conflict, notFound } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { toPage } from '../http/pagination';
import { parseJsonBody, parseQuery } from '../http/parse-body';

interface AgentRow {
  id: string;
  client_id: string;
  display_name: string;
  email: string;
  sms_delivery: SmsDelivery;
  capacity: number;
  active: boolean;
  status: AgentStatus | null;
  status_since: Date | null;
  pause_reason: string | null;
  load: number;
}

/** Agents of the caller's clients with their ACD status (users with role `agent`). */
export function agentRoutes(db: Kysely<Database>, acd: AcdDistributor) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const select = async (
    principal: Principal,
    filter: { id?: string; clientId?: string; status?: AgentStatus; acdGroupId?: string; cursor?: string },
    limit: number,
  ) => {
    const conditions = [
      sql`u.role = 'agent'`,
      sql`${clientVisible(principal, 'u.client_id')}`,
      ...(filter.id ? [sql`u.id = ${filter.id}`] : []),
      ...(filter.clientId ? [sql`u.client_id = ${filter.clientId}`] : []),
      ...(filter.status ? [sql`coalesce(a.status, 'logged_off') = ${filter.status}`] : []),
      ...(filter.acdGroupId
        ? [
            sql`exists (select 1 from acd_group_member m where m.agent_id = u.id and m.acd_group_id = ${filter.acdGroupId})`,
          ]
        : []),
      ...(filter.cursor ? [sql`u.id > ${filter.cursor}`] : []),
    ];
    const rows = await sql<AgentRow>`
      select u.id, u.client_id, u.display_name, u.email, u.sms_delivery, u.capacity, u.active,
        a.status, a.status_since, a.pause_reason,
        (select count(*)::int from media_event e where e.agent_id = u.id and e.state in ('offered', 'accepted')) as load
      from app_user u left join agent_state a on a.agent_id = u.id
      where ${sql.join(conditions, sql` and `)}
      order by u.id limit ${limit}`.execute(db);
    const groups = rows.rows.length
      ? await db
          .selectFrom('acd_group_member as m')
          .innerJoin('acd_group as g', 'g.id', 'm.acd_group_id')
          .select(['m.agent_id', 'm.acd_group_id', 'g.name', 'm.priority'])
          .where(
            'm.agent_id',
            'in',
            rows.rows.map((row) => row.id),
          )
          .orderBy('g.name')
          .execute()
      : [];
    return rows.rows.map((row): AgentView => ({
      id: row.id,
      clientId: row.client_id,
      displayName: row.display_name,
      email: row.email,
      smsDelivery: row.sms_delivery,
      capacity: row.capacity,
      active: row.active,
      status: row.status ?? 'logged_off',
      statusSince: row.status_since?.toISOString() ?? null,
      pauseReason: row.pause_reason,
      load: row.load,
      groups: groups
        .filter((group) => group.agent_id === row.id)
        .map((group) => ({ acdGroupId: group.acd_group_id, name: group.name, priority: group.priority })),
    }));
  };

  const findVisible = async (principal: Principal, id: string) => {
    const parsed = agentApi.get.params.shape.id.safeParse(id);
    const [agent] = parsed.success ? await select(principal, { id: parsed.data }, 1) : [];
    if (!agent) throw notFound('agent');
    return agent;
  };

  app.get('/', async (c) => {
    const { limit, cursor, ...filter } = parseQuery(c, agentApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), filter.clientId);
    const rows = await select(c.get('principal'), { ...filter, ...(cursor ? { cursor } : {}) }, limit + 1);
    return c.json(toPage(rows, limit, (row) => row));
  });

  app.get('/:id', async (c) => c.json(await findVisible(c.get('principal'), c.req.param('id'))));

  app.put('/:id/status', async (c) => {
    const principal = c.get('principal');
    const agent = await findVisible(principal, c.req.param('id'));
    const { status } = await parseJsonBody(c, agentApi.setStatus.body);
    if (!agent.active && status !== 'logged_off') {
      throw conflict(apiSentence('agentDeactivated'), 'status');
    }
    await acd.setStatus({ agentId: agent.id, status, changedBy: principal.userId, reason: 'set by an administrator' });
    return c.json(await findVisible(principal, agent.id));
  });

  app.put('/:id/groups', async (c) => {
    const principal = c.get('principal');
    const agent = await findVisible(principal, c.req.param('id'));
    const { groups } = await parseJsonBody(c, agentApi.setGroups.body);
    const changed = await replaceAgentGroups(db, principal, agent, groups);
    if (changed.length > 0) acd.groupsChanged(changed);
    return c.json(await findVisible(principal, agent.id));
  });

  app.get('/:id/status-history', async (c) => {
    const agent = await findVisible(c.get('principal'), c.req.param('id'));
    const rows = await db
      .selectFrom('agent_status_history as h')
      .leftJoin('app_user as by', 'by.id', 'h.changed_by')
      .select([
        'h.status',
        'h.entered_at',
        'h.reason',
        'h.pause_reason',
        'by.id as by_id',
        'by.display_name as by_name',
      ])
      .where('h.agent_id', '=', agent.id)
      .orderBy('h.entered_at', 'desc')
      .orderBy('h.id', 'desc')
      .limit(200)
      .execute();
    return c.json({
      items: rows.map((row): AgentStatusChange => ({
        status: row.status,
        enteredAt: row.entered_at.toISOString(),
        changedBy: row.by_id ? { id: row.by_id, displayName: row.by_name } : null,
        reason: row.reason,
        pauseReason: row.pause_reason,
      })),
    });
  });

  return app;
}
