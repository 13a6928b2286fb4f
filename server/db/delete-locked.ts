import type { Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Deletes a row that something live may still use: the row is locked first, so whatever would
 * start using it meanwhile waits (its foreign key does), then `refuse` may throw (still in use),
 * and only then is it deleted, all in the caller's transaction.
 */
export async function deleteLocked(
  trx: Transaction<Database>,
  table: 'acd_group' | 'routing_application' | 'sms_send_connector',
  id: string,
  refuse: () => Promise<void>,
): Promise<void> {
  await trx.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
  await refuse();
  await trx.deleteFrom(table).where('id', '=', id).execute();
}
