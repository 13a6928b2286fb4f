import type { Context } from 'hono';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { assertClientFilterVisible, assertResellerFilterVisible } from '../auth/tenancy';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import type { Thing } from './api-error';
import type { AppEnv } from './app-env';
import { findOr404 } from './find-or-404';
import { listPage } from './list-page';
import { parseQuery } from './parse-body';

/** A list's tenant filter in its query: the column it narrows, and the 404 for a tenant the caller cannot see. */
const tenantFilters = {
  clientId: { column: 'client_id', assertVisible: assertClientFilterVisible },
  resellerId: { column: 'reseller_id', assertVisible: assertResellerFilterVisible },
} as const;
export type TenantFilter = keyof typeof tenantFilters;

/** A list route's query: a page, and perhaps the tenant to narrow it to. */
type ListQuery = z.ZodType<
  { limit: number; cursor?: string | undefined } & { [F in TenantFilter]?: string | undefined }
>;

/**
 * The rows of one table a caller may see (`visible`, narrowed by tenant), and the two ways the
 * routes read them: one by its path id (`find`, 404 for a malformed id or another tenant's row)
 * and a list route's page (`page`).
 */
export function visibleRows<DB, TB extends keyof DB, O extends { id: string }>(
  db: Kysely<Database>,
  what: Thing,
  visible: (principal: Principal) => SelectQueryBuilder<DB, TB, O>,
) {
  const id = sql.ref<string>('id');
  const find = (principal: Principal, rowId: string): Promise<O> =>
    findOr404<O>(rowId, what, (rowId) => visible(principal).where(id, '=', rowId).executeTakeFirst());
  return {
    visible,
    find,
    /** The row the request's `:id` names, as `find` for its caller (a route without one finds nothing). */
    inPath: (c: Context<AppEnv>) => find(c.get('principal'), c.req.param('id') ?? ''),
    /** A page as the list's query asks, narrowed to the tenant its `filter` field names (checked first). */
    page: async <T>(c: Context<AppEnv>, query: ListQuery, present: (row: O) => T, filter?: TenantFilter) => {
      const principal = c.get('principal');
      const { limit, cursor, ...filters } = parseQuery(c, query);
      const tenant = filter && tenantFilters[filter];
      const tenantId = filter && filters[filter];
      if (tenant) await tenant.assertVisible(db, principal, tenantId);
      return listPage(
        visible(principal).$if(tenant !== undefined && tenantId !== undefined, (q) =>
          q.where(sql.ref<string>(tenant!.column), '=', tenantId!),
        ),
        { limit, cursor },
        present,
      );
    },
  };
}
