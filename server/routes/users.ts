import { Hono } from 'hono';
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../auth/secrets';
import { assertClientVisible, clientVisible, requireRole } from '../auth/tenancy';
import { roles, smsDeliveries, type AppUserTable, type Database, type Role } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { ApiError, forbidden } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { pageQuery } from '../http/pagination';
import { parseJsonBody, parseQuery } from '../http/parse-body';

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters long')
  .max(1024, 'must be at most 1024 characters long');

export const userBody = z.strictObject({
  email: z.email().max(320),
  password: passwordSchema,
  role: z.enum(roles),
  resellerId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  displayName: z.string().trim().min(1).max(200),
  smsDelivery: z.enum(smsDeliveries).optional(),
  capacity: z.number().int().min(1).max(100).optional(),
});
export const userPatchBody = z.strictObject({
  email: userBody.shape.email.optional(),
  password: passwordSchema.optional(),
  displayName: userBody.shape.displayName.optional(),
  smsDelivery: userBody.shape.smsDelivery,
  capacity: userBody.shape.capacity,
  active: z.boolean().optional(),
});
const listQuery = z.object({ ...pageQuery, clientId: z.uuid().optional(), role: z.enum(roles).optional() });

const ASSIGNABLE: Record<Role, Role[]> = {
  system_admin: ['system_admin', 'reseller_admin', 'client_admin', 'agent'],
  reseller_admin: ['reseller_admin', 'client_admin', 'agent'],
  client_admin: ['client_admin', 'agent'],
  agent: [],
};

export function userRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    requireRole(c.get('principal'), 'system_admin', 'reseller_admin', 'client_admin');
    await next();
  });

  const userVisible = (principal: Principal) =>
    principal.role === 'reseller_admin'
      ? sql<SqlBool>`(app_user.reseller_id = ${principal.resellerId} or ${clientVisible(principal, 'app_user.client_id')})`
      : clientVisible(principal, 'app_user.client_id');
  const visible = (principal: Principal) => db.selectFrom('app_user').selectAll().where(userVisible(principal));
  const findVisible = (principal: Principal, id: string) =>
    findOr404(id, 'User', (id) => visible(principal).where('id', '=', id).executeTakeFirst());

  /** Where a new user with `role` lands, checked against what the caller may touch. */
  const placement = async (principal: Principal, body: z.output<typeof userBody>) => {
    if (!ASSIGNABLE[principal.role].includes(body.role)) throw forbidden(`Your role may not create ${body.role} users`);
    if (body.role === 'system_admin') {
      if (body.resellerId || body.clientId)
        throw new ApiError(
          400,
          'A system admin belongs to no reseller or client',
          body.clientId ? 'clientId' : 'resellerId',
        );
      return { reseller_id: null, client_id: null };
    }
    if (body.role === 'reseller_admin') {
      if (body.clientId) throw new ApiError(400, 'A reseller admin belongs to no client', 'clientId');
      const resellerId = body.resellerId ?? principal.resellerId ?? undefined;
      if (!resellerId) throw new ApiError(400, 'resellerId: required for a reseller admin', 'resellerId');
      const allowed =
        principal.role === 'system_admin'
          ? await db.selectFrom('reseller').select('id').where('id', '=', resellerId).executeTakeFirst()
          : resellerId === principal.resellerId;
      if (!allowed) throw new ApiError(404, 'Reseller not found', 'resellerId');
      return { reseller_id: resellerId, client_id: null };
    }
    if (body.resellerId) throw new ApiError(400, 'resellerId: not used for client users; give clientId', 'resellerId');
    const clientId = body.clientId ?? principal.clientId ?? undefined;
    if (!clientId) throw new ApiError(400, 'clientId: required', 'clientId');
    await assertClientVisible(db, principal, clientId);
    return { reseller_id: null, client_id: clientId };
  };

  app.get('/', async (c) => {
    const { limit, cursor, clientId, role } = parseQuery(c, listQuery);
    return c.json(
      await listPage(
        visible(c.get('principal'))
          .$if(clientId !== undefined, (q) => q.where('client_id', '=', clientId!))
          .$if(role !== undefined, (q) => q.where('role', '=', role!)),
        { limit, cursor },
        presentUser,
      ),
    );
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, userBody);
    const place = await placement(principal, body);
    const row = await uniqueEmail(() =>
      db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('app_user')
          .values({
            id: uuid7(),
            email: body.email,
            password_hash: await hashPassword(body.password),
            role: body.role,
            ...place,
            display_name: body.displayName,
            ...(body.smsDelivery ? { sms_delivery: body.smsDelivery } : {}),
            ...(body.capacity ? { capacity: body.capacity } : {}),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, principal, {
          entityType: 'user',
          action: 'create',
          entityId: created.id,
          ...tenantOf(created),
          after: presentUser(created),
        });
        return created;
      }),
    );
    return c.json(presentUser(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentUser(await findVisible(c.get('principal'), c.req.param('id')))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    if (!ASSIGNABLE[principal.role].includes(existing.role))
      throw forbidden(`Your role may not change ${existing.role} users`);
    const body = await parseJsonBody(c, userPatchBody);
    if (existing.id === principal.userId && body.active === false)
      throw new ApiError(400, 'You cannot deactivate yourself', 'active');
    const row = await uniqueEmail(() =>
      db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('app_user')
          .set({
            ...(body.email !== undefined ? { email: body.email } : {}),
            ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.smsDelivery !== undefined ? { sms_delivery: body.smsDelivery } : {}),
            ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (body.password !== undefined || body.active === false) {
          await trx.deleteFrom('session').where('user_id', '=', existing.id).execute();
        }
        await recordAudit(trx, principal, {
          entityType: 'user',
          action: body.password !== undefined ? 'update.password' : 'update',
          entityId: existing.id,
          ...tenantOf(existing),
          before: presentUser(existing),
          after: presentUser(updated),
        });
        return updated;
      }),
    );
    return c.json(presentUser(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    if (!ASSIGNABLE[principal.role].includes(existing.role))
      throw forbidden(`Your role may not delete ${existing.role} users`);
    if (existing.id === principal.userId) throw new ApiError(400, 'You cannot delete yourself');
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('app_user').where('id', '=', existing.id).execute();
      await recordAudit(trx, principal, {
        entityType: 'user',
        action: 'delete',
        entityId: existing.id,
        ...tenantOf(existing),
        before: presentUser(existing),
      });
    });
    return c.body(null, 204);
  });

  return app;
}

const uniqueEmail = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, 'A user with this e-mail exists already', 'email');

function tenantOf(user: { client_id: string | null; reseller_id: string | null }) {
  return { clientId: user.client_id, resellerId: user.reseller_id };
}

export function presentUser(row: Selectable<AppUserTable>) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    resellerId: row.reseller_id,
    clientId: row.client_id,
    displayName: row.display_name,
    smsDelivery: row.sms_delivery,
    capacity: row.capacity,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
