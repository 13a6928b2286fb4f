import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import { auditLogApi } from '../../contract/audit-log';
import { auditNames } from '../audit/audit-names';
import { ADMIN_ROLES, assertClientFilterVisible, requireRole, tenantVisible } from '../auth/tenancy';
import type { AuditLogTable, Database } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { listPage } from '../http/list-page';
import { parseQuery } from '../http/parse-body';

/** The audit log (`/api/audit-log`), newest first: each client's to its admins and above. */
export function auditLogRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const principal = c.get('principal');
    requireRole(principal, ...ADMIN_ROLES);
    const q = parseQuery(c, auditLogApi.list.query);
    await assertClientFilterVisible(db, principal, q.clientId);
    const page = await listPage(
      db
        .selectFrom('audit_log')
        .selectAll()
        .where(tenantVisible(principal, 'audit_log.client_id', 'audit_log.reseller_id'))
        .$if(q.clientId !== undefined, (b) => b.where('client_id', '=', q.clientId!))
        .$if(q.entityType !== undefined, (b) => b.where('entity_type', '=', q.entityType!))
        .$if(q.entityId !== undefined, (b) => b.where('entity_id', '=', q.entityId!))
        .$if(q.action !== undefined, (b) => b.where('action', '=', q.action!))
        .$if(q.actorUserId !== undefined, (b) => b.where('actor_user_id', '=', q.actorUserId!))
        .$if(q.from !== undefined, (b) => b.where('created_at', '>=', new Date(q.from!)))
        .$if(q.to !== undefined, (b) => b.where('created_at', '<', new Date(q.to!))),
      q,
      presentAuditEntry,
      'desc',
    );
    return c.json({ ...page, names: await auditNames(db, principal, page.items) });
  });
  return app;
}

export function presentAuditEntry(row: Selectable<AuditLogTable>) {
  return {
    id: row.id,
    clientId: row.client_id,
    resellerId: row.reseller_id,
    actor: { userId: row.actor_user_id, email: row.actor_email },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    at: row.created_at.toISOString(),
  };
}
