import { sql, type SelectQueryBuilder } from 'kysely';
import { toPage, type Page } from './pagination';

/**
 * One page of a list, keyset-paged by id (ids are time-ordered UUIDs, so this is creation
 * order): `asc` oldest first, `desc` newest first; the cursor is the last id of the page before.
 */
export async function listPage<DB, TB extends keyof DB, O extends { id: string }, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: { limit: number; cursor?: string | undefined },
  present: (row: O) => T,
  order: 'asc' | 'desc' = 'asc',
): Promise<Page<T>> {
  const id = sql.ref<string>('id');
  const rows = await query
    .$if(page.cursor !== undefined, (q) => q.where(id, order === 'asc' ? '>' : '<', page.cursor!))
    .orderBy(id, order)
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, present);
}
