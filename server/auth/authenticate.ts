import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ApiError, apiSentence } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import type { Principal } from './principal';
import { hashSecret } from './secrets';
import { SESSION_COOKIE } from './sessions';

const API_KEY_PREFIX = 'sbk_';

/** Resolves the caller from the session cookie or an API key; 401 when there is neither. */
export function authenticate(db: Kysely<Database>): MiddlewareHandler<AppEnv> {
  return async function authenticateRequest(c, next) {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const principal = bearer?.startsWith(API_KEY_PREFIX)
      ? await principalFromApiKey(db, bearer)
      : await principalFromSession(db, getCookie(c, SESSION_COOKIE));
    if (!principal) throw new ApiError(401, apiSentence('logInFirst'));
    if (!bearer && isCrossSiteWrite(c.req.method, c.req.header('origin'), c.req.header('sec-fetch-site'), c.req.url)) {
      // The session cookie rides along on requests from any site; only our own pages may write with it.
      throw new ApiError(403, apiSentence('crossSite'));
    }
    c.set('principal', principal);
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isCrossSiteWrite(
  method: string,
  origin: string | undefined,
  fetchSite: string | undefined,
  url: string,
): boolean {
  if (SAFE_METHODS.has(method)) return false;
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  if (!origin) return false; // not a browser, or a same-origin request of an old one
  try {
    return new URL(origin).host !== new URL(url).host;
  } catch {
    return true;
  }
}

const userColumns = [
  'app_user.id as userId',
  'app_user.email',
  'app_user.display_name as displayName',
  'app_user.role',
  'app_user.reseller_id as resellerId',
  'app_user.client_id as clientId',
  'app_user.language',
] as const;

async function principalFromSession(db: Kysely<Database>, token: string | undefined): Promise<Principal | undefined> {
  if (!token) return undefined;
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select(userColumns)
    .where('session.token_hash', '=', hashSecret(token))
    .where('session.expires_at', '>', new Date())
    .where('app_user.active', '=', true)
    .executeTakeFirst();
}

async function principalFromApiKey(db: Kysely<Database>, key: string): Promise<Principal | undefined> {
  // The lookup is by the key's hash, so an index comparison never sees the key itself.
  const keyHash = hashSecret(key);
  const now = new Date();
  // An expired key is answered like one never issued.
  const principal = await db
    .selectFrom('api_key')
    .innerJoin('app_user', 'app_user.id', 'api_key.user_id')
    .select(userColumns)
    .where('api_key.key_hash', '=', keyHash)
    .where((eb) => eb.or([eb('api_key.expires_at', 'is', null), eb('api_key.expires_at', '>', now)]))
    .where('app_user.active', '=', true)
    .executeTakeFirst();
  if (principal) {
    await db.updateTable('api_key').set({ last_used_at: now }).where('key_hash', '=', keyHash).execute();
  }
  return principal;
}

export { API_KEY_PREFIX };
