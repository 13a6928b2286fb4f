import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { userApi } from '../../contract/users';
import type { AcdDistributor } from '../acd/acd-distributor';
import { auditedWrite } from '../audit/audited-write';
import { findApiKeyOf, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { nextPurpose, type InvitationMail } from '../auth/invitations';
import type { Principal } from '../auth/principal';
import { assertClientFilterVisible, assertResellerFilterVisible, onlyRoles, tenantVisible } from '../auth/tenancy';
import type { Database } from '../db/schema';
import { apiSentence, badRequest, conflict, fieldError, reason } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { assertPasswordOrInvite, createUser } from '../users/create-user';
import { deleteUser } from '../users/delete-user';
import { sendPasswordLink } from '../users/password-link';
import { assertMayAssign } from '../users/place-user';
import { presentUser } from '../users/present-user';
import { updateUser } from '../users/update-user';

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
      const why = reason('noMail');
      throw field ? fieldError(field, why) : badRequest(apiSentence('notSent', { reason: why }));
    }
    return mail;
  };
  const app = new Hono<AppEnv>();
  app.use(onlyRoles('system_admin', 'reseller_admin', 'client_admin'));

  const visible = (principal: Principal) =>
    db
      .selectFrom('app_user')
      .selectAll()
      .where(tenantVisible(principal, 'app_user.client_id', 'app_user.reseller_id'));
  const findVisible = (principal: Principal, id: string) =>
    findOr404(id, 'user', (id) => visible(principal).where('id', '=', id).executeTakeFirst());
  /** A user the caller may manage: 404 when not theirs to see, 403 when their role is above the caller's reach. */
  const findManaged = async (principal: Principal, id: string, verb: 'change' | 'manage' | 'delete') => {
    const user = await findVisible(principal, id);
    assertMayAssign(principal, user.role, apiSentence(`roleMayNot.${verb}`, { role: user.role }));
    return user;
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
    assertMayAssign(principal, body.role, apiSentence('roleMayNot.create', { role: body.role }));
    assertPasswordOrInvite(body);
    const invitation = body.invite ? mailOrRefuse('invite') : undefined;
    const row = await createUser(db, principal, body, invitation);
    invitation?.kick();
    return c.json(presentUser(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentUser(await findVisible(c.get('principal'), c.req.param('id')))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findManaged(principal, c.req.param('id'), 'change');
    const body = await parseJsonBody(c, userApi.update.body);
    const { user, effects } = await updateUser(db, principal, existing, body);
    acd?.afterCommit(effects);
    return c.json(presentUser(user));
  });

  app.post('/:id/password-link', async (c) => {
    const principal = c.get('principal');
    const existing = await findManaged(principal, c.req.param('id'), 'manage');
    await parseJsonBody(c, userApi.sendPasswordLink.body);
    const linkMail = mailOrRefuse();
    if (!existing.active) throw conflict(apiSentence('reactivateFirst'));
    const purpose = await nextPurpose(db, existing.id);
    const { expiresAt } = await auditedWrite(db, principal, async (trx) => {
      const sent = await sendPasswordLink(trx, principal, existing, purpose, linkMail);
      return { result: sent, audit: sent.audit };
    });
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
    await auditedWrite(db, principal, async (trx) => ({
      audit: await revokeApiKey(trx, user, key, 'revoke.by_admin'),
    }));
    return c.body(null, 204);
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findManaged(principal, c.req.param('id'), 'delete');
    acd?.afterCommit(await deleteUser(db, principal, existing));
    return c.body(null, 204);
  });

  return app;
}
