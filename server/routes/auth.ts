import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { remoteAddress } from '../http/remote-address';
import type { Kysely } from 'kysely';
import { authApi } from '../../contract/auth';
import { auditedChange, auditedWrite } from '../audit/audited-write';
import { authenticate } from '../auth/authenticate';
import { findOpenInvitation, useInvitation } from '../auth/invitations';
import { LoginThrottle } from '../auth/login-throttle';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../auth/secrets';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/sessions';
import type { Database } from '../db/schema';
import { ApiError, apiSentence, fieldError, reason } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { parseJsonBody } from '../http/parse-body';
import { setOwnLanguage } from './own-language';

export function authRoutes(
  db: Kysely<Database>,
  /** `emailConfigured`: whether this server sends e-mail, which the UI's choices depend on. */
  options: { secureCookies: boolean; emailConfigured?: boolean } = { secureCookies: false },
) {
  const throttle = new LoginThrottle(db);
  const app = new Hono<AppEnv>();
  const describeSession = async (userId: string) => ({
    ...(await describeUser(db, userId)),
    emailConfigured: options.emailConfigured ?? false,
  });

  app.post('/login', async (c) => {
    const { email, password } = await parseJsonBody(c, authApi.login.body);
    // An address gets more tries than an account, so that one user's typos (or an attacker)
    // behind a shared address cannot lock out everyone else there.
    const keys = [
      { key: `account:${email.toLowerCase()}`, maxFailures: 10 },
      { key: `address:${remoteAddress(c)}`, maxFailures: 50 },
    ];
    const decision = await throttle.reserveAttempt(keys);
    if (!decision.allowed) {
      const wait = decision.retryAfterMs;
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new ApiError(429, apiSentence('tooManyLogins', { count: Math.ceil(wait / 60000) }));
    }
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'password_hash', 'active'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    const valid = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    // A failure keeps the slot it took; a success gives it back.
    if (!user || !valid || !user.active) throw new ApiError(401, apiSentence('wrongLogin'));
    await throttle.succeeded(decision.attempt);
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    await startSession(c, db, user.id, options.secureCookies);
    return c.json(await describeSession(user.id));
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', authenticate(db), async (c) => c.json(await describeSession(c.get('principal').userId)));
  app.patch('/me', authenticate(db), async (c) => {
    await setOwnLanguage(db, c.get('principal'), (await parseJsonBody(c, authApi.setLanguage.body)).language);
    return c.json(await describeSession(c.get('principal').userId));
  });

  app.post('/logout-everywhere', authenticate(db), async (c) => {
    await db.deleteFrom('session').where('user_id', '=', c.get('principal').userId).execute();
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.post('/password', authenticate(db), async (c) => {
    const principal = c.get('principal');
    const { currentPassword, newPassword } = await parseJsonBody(c, authApi.changePassword.body);
    const user = await db
      .selectFrom('app_user')
      .select('password_hash')
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow();
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      throw fieldError('currentPassword', reason('notCurrentPassword'));
    }
    const audit = {
      entityType: 'user',
      action: 'update.own_password',
      entityId: principal.userId,
      clientId: principal.clientId,
      resellerId: principal.resellerId,
    } as const;
    await auditedChange(db, principal, audit, async (trx) => {
      await trx
        .updateTable('app_user')
        .set({ password_hash: await hashPassword(newPassword), updated_at: new Date() })
        .where('id', '=', principal.userId)
        .execute();
      // Every other session ends; this one is replaced by a fresh one below.
      await trx.deleteFrom('session').where('user_id', '=', principal.userId).execute();
    });
    await startSession(c, db, principal.userId, options.secureCookies);
    return c.body(null, 204);
  });

  // A one-time link to set one's password (see server/auth/invitations.ts). The token is the
  // only credential, so it travels in bodies, never in URLs that logs would keep.
  app.post('/password-link/check', async (c) => {
    const { token } = await parseJsonBody(c, authApi.checkPasswordLink.body);
    const open = await findOpenInvitation(db, token);
    if (!open) throw new ApiError(404, apiSentence('linkNotOpen'), 'token');
    return c.json({ email: open.email, displayName: open.displayName });
  });

  app.post('/password-link/use', async (c) => {
    const { token, password } = await parseJsonBody(c, authApi.usePasswordLink.body);
    const passwordHash = await hashPassword(password);
    // The user whose link it is sets their own password (asked only when there is an entry).
    const linkUser = (user?: { id: string; email: string }) => ({ userId: user!.id, email: user!.email });
    const user = await auditedWrite(db, linkUser, async (trx) => {
      const open = await useInvitation(trx, token);
      if (!open) return { result: undefined, audit: [] };
      const updated = await trx
        .updateTable('app_user')
        .set({ password_hash: passwordHash, updated_at: new Date() })
        .where('id', '=', open.userId)
        .returning(['id', 'email', 'role', 'client_id', 'reseller_id'])
        .executeTakeFirstOrThrow();
      // Whoever held a session with the old password holds it no longer.
      await trx.deleteFrom('session').where('user_id', '=', open.userId).execute();
      return {
        result: updated,
        audit: {
          entityType: 'user',
          action: 'update.own_password',
          entityId: updated.id,
          clientId: updated.client_id,
          resellerId: updated.reseller_id,
          after: { through: 'password link' },
        },
      };
    });
    if (!user) throw new ApiError(404, apiSentence('linkNotOpen'), 'token');
    return c.json({ email: user.email });
  });

  return app;
}

/** A new session (a fresh id at every login: no fixation) in an HttpOnly, SameSite cookie. */
async function startSession(c: Context, db: Kysely<Database>, userId: string, secure: boolean): Promise<void> {
  const session = await createSession(db, userId);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure || new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

async function describeUser(db: Kysely<Database>, userId: string) {
  const user = await db
    .selectFrom('app_user')
    .leftJoin('client', 'client.id', 'app_user.client_id')
    .leftJoin('reseller', (join) =>
      join.on((eb) => eb('reseller.id', '=', eb.fn.coalesce('app_user.reseller_id', 'client.reseller_id'))),
    )
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name as displayName',
      'app_user.role',
      'reseller.id as resellerId',
      'reseller.name as resellerName',
      'client.id as clientId',
      'client.name as clientName',
      'app_user.language',
    ])
    .where('app_user.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    reseller: user.resellerId ? { id: user.resellerId, name: user.resellerName } : null,
    client: user.clientId ? { id: user.clientId, name: user.clientName } : null,
    language: user.language,
  };
}
