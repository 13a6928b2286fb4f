import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema';

/** Reports that configuration the hot paths cache (connectors, routing applications) changed. */
export type ConfigChanged = () => Promise<void>;

export const CONFIG_CHANGED_CHANNEL = 'switchboard_config_changed';

/**
 * Refreshes this instance's caches before answering the change (so the old token stops working
 * the moment the new one is shown) and tells the other instances through NOTIFY.
 */
export function configChangeReporter(db: Kysely<Database>, refreshLocal: () => Promise<void>): ConfigChanged {
  return async function configChanged() {
    await refreshLocal();
    await sql`select pg_notify(${CONFIG_CHANGED_CHANNEL}, '')`.execute(db);
  };
}
