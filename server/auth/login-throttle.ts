import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashSecret } from './secrets';

export interface ThrottleKey {
  key: string;
  /** Failures allowed within the window before further attempts are refused. */
  maxFailures: number;
}

/**
 * Counts failed logins per key (account, address) in a sliding window; successful logins are
 * not limited. Kept in the database, so several instances count together and a restart forgets
 * nothing.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds until the next attempt is allowed for any of `keys`, or 0. */
  async retryAfterMs(keys: ThrottleKey[]): Promise<number> {
    // For each key, the failure that has to leave the window before another try is allowed.
    const rows = await sql<{ wait_ms: number | null }>`
      select extract(epoch from (
        (select f.failed_at from login_failure f
          where f.key_hash = k.key_hash and f.failed_at > now() - make_interval(secs => ${this.windowMs / 1000})
          order by f.failed_at desc offset k.max_failures - 1 limit 1)
        + make_interval(secs => ${this.windowMs / 1000}) - now())) * 1000 as wait_ms
      from unnest(${keys.map((k) => hashSecret(k.key))}::text[], ${keys.map((k) => k.maxFailures)}::int[])
        as k(key_hash, max_failures)`.execute(this.db);
    return Math.max(0, ...rows.rows.map((row) => Math.ceil(Number(row.wait_ms ?? 0))));
  }

  async recordFailure(keys: ThrottleKey[]): Promise<void> {
    const hashes = keys.map((k) => hashSecret(k.key));
    // Failures that left the window go, whatever their key: guesses at ever new accounts must not
    // pile up.
    await sql`
      with old as (
        delete from login_failure where failed_at < now() - make_interval(secs => ${this.windowMs / 1000})
      )
      insert into login_failure (key_hash) select unnest(${hashes}::text[])`.execute(this.db);
  }
}
