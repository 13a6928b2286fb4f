import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { mediaEventReassignApi } from '../../contract/media-event-reassign';
import { ADMIN_ROLES, clientVisible, onlyRoles } from '../auth/tenancy';
import type { Database } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { parseJsonBody } from '../http/parse-body';
import { conflict, fieldError, reason } from '../http/api-error';
import { auditedWrite } from '../audit/audited-write';
import type { AcdDistributor } from '../acd/acd-distributor';
import { reassignMediaEvent } from '../acd/reassign-media-event';
import { presentMediaEvent } from './traffic';

/**
 * `POST /api/media-events/:id/reassign`: an admin sends a waiting SMS to another group of its
 * client, or to one member of a group (the live group view). `acd` dispatches the groups it changed.
 */
export function mediaEventReassignRoutes(db: Kysely<Database>, acd?: Pick<AcdDistributor, 'afterCommit'>) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));
  app.post('/:id/reassign', async (c) => {
    const principal = c.get('principal');
    const existing = await findOr404(c.req.param('id'), 'mediaEvent', (id) =>
      db
        .selectFrom('media_event')
        .selectAll()
        .where(clientVisible(principal, 'media_event.client_id'))
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    const body = await parseJsonBody(c, mediaEventReassignApi.reassign.body);
    if (body.acdGroupId === undefined && body.agentId == null) throw fieldError('acdGroupId', reason('reassignTarget'));
    // The target lies in the event's own client: a group or agent of another is as good as none.
    const acdGroupId = body.acdGroupId ?? existing.acd_group_id;
    const group =
      acdGroupId &&
      (await db
        .selectFrom('acd_group')
        .select('id')
        .where('id', '=', acdGroupId)
        .where('client_id', '=', existing.client_id)
        .executeTakeFirst());
    if (!group) throw fieldError('acdGroupId', reason('noAcdGroup'));
    const agentId = body.agentId ?? null;
    if (agentId !== null) {
      const agent = await db
        .selectFrom('app_user as u')
        .leftJoin('acd_group_member as m', (join) =>
          join.onRef('m.agent_id', '=', 'u.id').on('m.acd_group_id', '=', group.id),
        )
        .select(['u.active', 'm.agent_id as member'])
        .where('u.id', '=', agentId)
        .where('u.role', '=', 'agent')
        .where('u.client_id', '=', existing.client_id)
        .executeTakeFirst();
      if (!agent) throw fieldError('agentId', reason('noAgent'));
      if (!agent.active) throw fieldError('agentId', reason('agentInactive'));
      if (!agent.member) throw fieldError('agentId', reason('notGroupMember'));
    }
    const outcome = await auditedWrite(db, principal, async (trx) => {
      const result = await reassignMediaEvent(trx, existing.id, { acdGroupId: group.id, agentId });
      return {
        result,
        audit: result.reassigned
          ? {
              entityType: 'media_event',
              action: 'reassign',
              entityId: existing.id,
              clientId: existing.client_id,
              before: { ...presentMediaEvent(result.before), reservedAgentId: result.before.reserved_agent_id },
              after: { ...presentMediaEvent(result.event), reservedAgentId: result.event.reserved_agent_id },
            }
          : [],
      };
    });
    if (!outcome.reassigned) throw conflict(outcome.reason);
    acd?.afterCommit(outcome.effects);
    return c.json(presentMediaEvent(outcome.event));
  });
  return app;
}
