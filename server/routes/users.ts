import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { z } from 'zod';
import { userApi, type user } from '../../contract/users';
import type { AcdDistributor } from '../acd/acd-distributor';
import { noEffects, type AcdEffects } from '../acd/acd-effects';
import { releaseAgent } from '../acd/agent-status';
import type { Principal } from '../auth/principal';
import type { AuditAction } from '../../contract/audit-actions';
import { recordAudit } from '../audit/record-audit';
import { findApiKeyOf, listApiKeys, revokeAllApiKeysOf, revokeApiKey } from './api-keys';
import { issueInvitation, nextPurpose, type InvitationMail, type InvitationPurpose } from '../auth/invitations';
import { hashPassword } from '../auth/secrets';
import {
  assertClientFilterVisible,
  assertClientVisible,
  assertResellerFilterVisible,
  clientVisible,
  requireRole,
} from '../auth/tenancy';
import { ASSIGNABLE_ROLES } from '../../contract/user-rules';
import type { AppUserTable, Database, Role } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { ApiError, forbidden } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';

type Placement = { reseller_id: string | null; client_id: string | null };

/**
 * Users of the caller's scope. `acd` hears about agents who stop being agents (their work went
 * back to the queue); without it the distributor's sweep finds that work within a second.
 */
export function userRoutes(
  db: Kysely<Database>,
  options: { acd?: Pick<AcdDistributor, 'afterCommit'>; mail?: InvitationMail | undefined } = {},
) {
  const { acd, mail } = options;
  const mailOrRefuse = (field?: string): InvitationMail => {
    if (!mail) {
      const why = 'this server sends no e-mail (SMTP_URL is not set), so it cannot send a link; set a password instead';
      throw field ? new ApiError(400, `${field}: ${why}`, field) : new ApiError(400, `Not sent: ${why}`);
    }
    return mail;
  };
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
  /** A user the caller may manage: 404 when not theirs to see, 403 when their role is above the caller's reach. */
  const findManaged = async (principal: Principal, id: string, verb: string) => {
    const user = await findVisible(principal, id);
    if (!ASSIGNABLE_ROLES[principal.role].includes(user.role))
      throw forbidden(`Your role may not ${verb} ${user.role} users`);
    return user;
  };

  /**
   * Where a user with `target.role` lands, checked against what the caller may touch. A reseller
   * or client not named in `target` comes from `fallback` (the user's own, then the caller's).
   */
  const placement = async (
    principal: Principal,
    target: { role: Role; resellerId?: string | undefined; clientId?: string | undefined },
    fallback: { resellerId: string | null; clientId: string | null },
  ): Promise<Placement> => {
    if (target.role === 'system_admin') {
      if (target.resellerId || target.clientId)
        throw new ApiError(
          400,
          'A system admin belongs to no reseller or client',
          target.clientId ? 'clientId' : 'resellerId',
        );
      return { reseller_id: null, client_id: null };
    }
    if (target.role === 'reseller_admin') {
      if (target.clientId) throw new ApiError(400, 'A reseller admin belongs to no client', 'clientId');
      const resellerId = target.resellerId ?? fallback.resellerId ?? principal.resellerId ?? undefined;
      if (!resellerId) throw new ApiError(400, 'resellerId: required for a reseller admin', 'resellerId');
      const allowed =
        principal.role === 'system_admin'
          ? await db.selectFrom('reseller').select('id').where('id', '=', resellerId).executeTakeFirst()
          : resellerId === principal.resellerId;
      if (!allowed) throw new ApiError(404, 'Reseller not found', 'resellerId');
      return { reseller_id: resellerId, client_id: null };
    }
    if (target.resellerId)
      throw new ApiError(400, 'resellerId: not used for client users; give clientId', 'resellerId');
    const clientId = target.clientId ?? fallback.clientId ?? principal.clientId ?? undefined;
    if (!clientId) throw new ApiError(400, 'clientId: required', 'clientId');
    await assertClientVisible(db, principal, clientId);
    return { reseller_id: null, client_id: clientId };
  };

  /**
   * The role and place a PATCH gives a user, or undefined when it leaves them as they are.
   * Client users stay in their client: their ACD history, group memberships and media events
   * belong to it, so a user for another client is a new user.
   */
  const newRole = async (
    principal: Principal,
    existing: Selectable<AppUserTable>,
    body: z.output<typeof userApi.update.body>,
  ): Promise<(Placement & { role: Role }) | undefined> => {
    if (body.role === undefined) {
      const field = body.clientId !== undefined ? 'clientId' : body.resellerId !== undefined ? 'resellerId' : undefined;
      if (field)
        throw new ApiError(400, `${field}: only together with role (a user changes place only with their role)`, field);
      return undefined;
    }
    if (!ASSIGNABLE_ROLES[principal.role].includes(body.role))
      throw forbidden(`Your role may not give users the role ${body.role}`);
    const place = await placement(
      principal,
      { role: body.role, resellerId: body.resellerId, clientId: body.clientId },
      { resellerId: existing.reseller_id, clientId: existing.client_id },
    );
    if (
      body.role === existing.role &&
      place.client_id === existing.client_id &&
      place.reseller_id === existing.reseller_id
    )
      return undefined;
    if (existing.id === principal.userId) throw new ApiError(400, 'You cannot change your own role', 'role');
    if (existing.client_id && place.client_id && place.client_id !== existing.client_id)
      throw new ApiError(400, 'clientId: a user never moves to another client; create a new user there', 'clientId');
    return { role: body.role, ...place };
  };

  app.get('/', async (c) => {
    const { limit, cursor, clientId, resellerId, role, active } = parseQuery(c, userApi.list.query);
    await assertClientFilterVisible(db, c.get('principal'), clientId);
    await assertResellerFilterVisible(db, c.get('principal'), resellerId);
    return c.json(
      await listPage(
        visible(c.get('principal'))
          .$if(clientId !== undefined, (q) => q.where('client_id', '=', clientId!))
          .$if(resellerId !== undefined, (q) => q.where('reseller_id', '=', resellerId!))
          .$if(role !== undefined, (q) => q.where('role', '=', role!))
          .$if(active !== undefined, (q) => q.where('active', '=', active!)),
        { limit, cursor },
        presentUser,
      ),
    );
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, userApi.create.body);
    if (!ASSIGNABLE_ROLES[principal.role].includes(body.role))
      throw forbidden(`Your role may not create ${body.role} users`);
    if (body.invite && body.password !== undefined)
      throw new ApiError(400, 'password: not together with invite (the invited user chooses it)', 'password');
    if (!body.invite && body.password === undefined)
      throw new ApiError(400, 'password: required, unless invite is true', 'password');
    const invitationMail = body.invite ? mailOrRefuse('invite') : undefined;
    const place = await placement(principal, body, { resellerId: null, clientId: null });
    // An invited user has no password until they choose one: a random one nobody knows.
    const password = body.password ?? randomBytes(32).toString('base64url');
    const row = await uniqueEmail(() =>
      db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('app_user')
          .values({
            id: uuid7(),
            email: body.email,
            password_hash: await hashPassword(password),
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
        if (invitationMail) await sendPasswordLink(trx, principal, created, 'invite', invitationMail);
        return created;
      }),
    );
    if (invitationMail) invitationMail.kick();
    return c.json(presentUser(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentUser(await findVisible(c.get('principal'), c.req.param('id')))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findManaged(principal, c.req.param('id'), 'change');
    const body = await parseJsonBody(c, userApi.update.body);
    if (existing.id === principal.userId && body.active === false)
      throw new ApiError(400, 'You cannot deactivate yourself', 'active');
    const role = await newRole(principal, existing, body);
    const deactivated = body.active === false && existing.active;
    let effects: AcdEffects = noEffects();
    const row = await uniqueEmail(() =>
      db.transaction().execute(async (trx) => {
        // An agent who leaves (another role, or deactivated) gives back what they were offered
        // or held, first, while they are still an agent.
        const leaves = existing.role === 'agent' && ((role && role.role !== 'agent') || deactivated);
        if (leaves) effects = await releaseAgent(trx, existing.id, principal.userId);
        if (existing.role === 'agent' && role && role.role !== 'agent') {
          await trx.deleteFrom('acd_group_member').where('agent_id', '=', existing.id).execute();
        }
        const updated = await trx
          .updateTable('app_user')
          .set({
            ...(body.email !== undefined ? { email: body.email } : {}),
            ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.smsDelivery !== undefined ? { sms_delivery: body.smsDelivery } : {}),
            ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            ...(role ?? {}),
            updated_at: new Date(),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (role?.role === 'agent' && role.client_id) {
          // An earlier agent life elsewhere left a state row: it now counts for this client.
          await trx
            .updateTable('agent_state')
            .set({ client_id: role.client_id })
            .where('agent_id', '=', existing.id)
            .execute();
        }
        if (body.password !== undefined || deactivated) {
          await trx.deleteFrom('session').where('user_id', '=', existing.id).execute();
        }
        // Keys end for good: reactivating a user brings back none, and none carries a new role.
        if (deactivated) await revokeAllApiKeysOf(trx, principal, existing, 'revoke.user_deactivated');
        else if (role) await revokeAllApiKeysOf(trx, principal, existing, 'revoke.role_changed');
        // Seen by both the old and the new tenant of a user whose role moved them.
        const tenant = {
          clientId: existing.client_id ?? updated.client_id,
          resellerId: existing.reseller_id ?? updated.reseller_id,
        };
        for (const action of userChangeActions(existing, updated, body)) {
          await recordAudit(trx, principal, {
            entityType: 'user',
            action,
            entityId: existing.id,
            ...tenant,
            before: presentUser(existing),
            after: presentUser(updated),
          });
        }
        return updated;
      }),
    );
    acd?.afterCommit(effects);
    return c.json(presentUser(row));
  });

  app.post('/:id/password-link', async (c) => {
    const principal = c.get('principal');
    const existing = await findManaged(principal, c.req.param('id'), 'manage');
    await parseJsonBody(c, userApi.sendPasswordLink.body);
    const linkMail = mailOrRefuse();
    if (!existing.active)
      throw new ApiError(409, 'This user is deactivated: reactivate them first, then send the link');
    const purpose = await nextPurpose(db, existing.id);
    const { expiresAt } = await db
      .transaction()
      .execute((trx) => sendPasswordLink(trx, principal, existing, purpose, linkMail));
    linkMail.kick();
    return c.json({ purpose, email: existing.email, expiresAt: expiresAt.toISOString() }, 202);
  });

  // The API keys of a user the caller manages, to see what acts as them and revoke it.
  app.get('/:id/api-keys', async (c) => {
    const user = await findManaged(c.get('principal'), c.req.param('id'), 'manage');
    return c.json({ items: await listApiKeys(db, user.id), nextCursor: null });
  });

  app.delete('/:id/api-keys/:keyId', async (c) => {
    const principal = c.get('principal');
    const user = await findManaged(principal, c.req.param('id'), 'manage');
    const key = await findApiKeyOf(db, user.id, c.req.param('keyId'));
    await db.transaction().execute((trx) => revokeApiKey(trx, principal, user, key, 'revoke.by_admin'));
    return c.body(null, 204);
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findManaged(principal, c.req.param('id'), 'delete');
    if (existing.id === principal.userId) throw new ApiError(400, 'You cannot delete yourself');
    const effects = await db.transaction().execute(async (trx) => {
      // Their offered and held media events would otherwise stay with nobody.
      const released = existing.role === 'agent' ? await releaseAgent(trx, existing.id, principal.userId) : noEffects();
      await trx.deleteFrom('app_user').where('id', '=', existing.id).execute();
      await recordAudit(trx, principal, {
        entityType: 'user',
        action: 'delete',
        entityId: existing.id,
        ...tenantOf(existing),
        before: presentUser(existing),
      });
      return released;
    });
    acd?.afterCommit(effects);
    return c.body(null, 204);
  });

  return app;
}

/** E-mails `user` a one-time link to set their password, and records that it was sent. */
async function sendPasswordLink(
  trx: Transaction<Database>,
  principal: Principal,
  user: Selectable<AppUserTable>,
  purpose: InvitationPurpose,
  mail: InvitationMail,
): Promise<{ expiresAt: Date }> {
  const sent = await issueInvitation(trx, user, { purpose, createdBy: principal.userId, mail });
  await recordAudit(trx, principal, {
    entityType: 'user',
    action: purpose === 'invite' ? 'invite' : 'password_link.send',
    entityId: user.id,
    ...tenantOf(user),
    after: { email: user.email, expiresAt: sent.expiresAt.toISOString() },
  });
  return sent;
}

const uniqueEmail = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, 'A user with this e-mail exists already', 'email');

/**
 * What a PATCH did, most telling first: one audit entry for the change, and a separate one for
 * a new password (which the before/after fields never show).
 */
function userChangeActions(
  before: Selectable<AppUserTable>,
  after: Selectable<AppUserTable>,
  body: z.output<typeof userApi.update.body>,
): AuditAction<'user'>[] {
  const main: AuditAction<'user'> | undefined =
    before.role !== after.role || before.client_id !== after.client_id || before.reseller_id !== after.reseller_id
      ? 'update.role'
      : before.active !== after.active
        ? after.active
          ? 'reactivate'
          : 'deactivate'
        : undefined;
  const otherFields =
    body.email !== undefined ||
    body.displayName !== undefined ||
    body.smsDelivery !== undefined ||
    body.capacity !== undefined ||
    (body.active !== undefined && !main);
  const actions: AuditAction<'user'>[] = main ? [main] : otherFields || body.password === undefined ? ['update'] : [];
  if (body.password !== undefined) actions.push('update.password');
  return actions;
}

function tenantOf(user: { client_id: string | null; reseller_id: string | null }) {
  return { clientId: user.client_id, resellerId: user.reseller_id };
}

export function presentUser(row: Selectable<AppUserTable>): z.input<typeof user> {
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
