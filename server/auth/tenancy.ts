import type { MiddlewareHandler } from 'hono';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database, Role } from '../db/schema';
import { fieldError, notFound, forbidden } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import type { Principal } from './principal';
import { sentence } from '../../i18n/sentence';

/**
 * Tenancy in one place: which clients a caller may see, as a SQL condition on a client id
 * column. Every client-owned query goes through `clientVisible`, so an object of another client
 * is simply not found.
 */
export function clientVisible(principal: Principal, clientIdColumn: string): Expression<SqlBool> {
  const column = sql.ref(clientIdColumn);
  switch (principal.role) {
    case 'system_admin':
      return sql<SqlBool>`true`;
    case 'reseller_admin':
      return sql<SqlBool>`${column} in (select id from client where reseller_id = ${principal.resellerId})`;
    default:
      return sql<SqlBool>`${column} = ${principal.clientId}`;
  }
}

/**
 * The same for what may belong to a reseller alone (a reseller admin, an audit entry of a
 * reseller): a reseller admin sees their reseller's too, everyone else what `clientVisible` says.
 */
export function tenantVisible(
  principal: Principal,
  clientIdColumn: string,
  resellerIdColumn: string,
): Expression<SqlBool> {
  if (principal.role !== 'reseller_admin') return clientVisible(principal, clientIdColumn);
  return sql<SqlBool>`(${sql.ref(resellerIdColumn)} = ${principal.resellerId} or ${clientVisible(principal, clientIdColumn)})`;
}

/** 404 unless the caller may see this client. */
export async function assertClientVisible(
  db: Kysely<Database>,
  principal: Principal,
  clientId: string,
  field = 'clientId',
): Promise<void> {
  const found = await db
    .selectFrom('client')
    .select('id')
    .where('id', '=', clientId)
    .where(clientVisible(principal, 'client.id'))
    .executeTakeFirst();
  if (!found) throw notFound('client', field);
}

/**
 * A list's `clientId` filter: 404 naming it unless the caller may see that client, the same
 * answer as for a `clientId` in a body (an object of another client is simply not found).
 */
export async function assertClientFilterVisible(
  db: Kysely<Database>,
  principal: Principal,
  clientId: string | undefined,
): Promise<void> {
  if (clientId !== undefined) await assertClientVisible(db, principal, clientId);
}

/**
 * A list's `resellerId` filter: 404 naming it unless the caller may see that reseller (a system
 * admin any that exists, a reseller admin their own; nobody below), as for a `clientId` filter.
 */
export async function assertResellerFilterVisible(
  db: Kysely<Database>,
  principal: Principal,
  resellerId: string | undefined,
): Promise<void> {
  if (resellerId === undefined) return;
  const visible =
    principal.role === 'system_admin'
      ? (await db.selectFrom('reseller').select('id').where('id', '=', resellerId).executeTakeFirst()) !== undefined
      : principal.role === 'reseller_admin' && principal.resellerId === resellerId;
  if (!visible) throw notFound('reseller', 'resellerId');
}

/**
 * The client a new object goes to: the one named in the body (checked), or the caller's own.
 * Callers above client level must name one.
 */
export async function resolveTargetClient(
  db: Kysely<Database>,
  principal: Principal,
  requested: string | undefined,
): Promise<string> {
  if (principal.clientId && (requested === undefined || requested === principal.clientId)) return principal.clientId;
  if (requested === undefined) throw fieldError('clientId', sentence('validation.required'));
  await assertClientVisible(db, principal, requested);
  return requested;
}

/** 403 unless the caller's role is one of `allowed`. */
export function requireRole(principal: Principal, ...allowed: Role[]): void {
  if (!allowed.includes(principal.role)) throw forbidden();
}

/** A router's gate: every request below it is 403 unless the caller's role is one of `allowed`. */
export const onlyRoles =
  (...allowed: Role[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    requireRole(c.get('principal'), ...allowed);
    await next();
  };

export const ADMIN_ROLES: Role[] = ['system_admin', 'reseller_admin', 'client_admin'];
export const CONNECTOR_WRITERS: Role[] = ['system_admin', 'reseller_admin'];
