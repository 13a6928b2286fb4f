import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashSecret } from './secrets';

export interface ThrottleKey {
  key: string;
  /** Failures allowed within the window before further attempts are refused. */
  maxFailures: number;
}

/**
 * A login attempt that may check its password: it holds one slot of each of its keys, counted
 * as a failure until `succeeded` gives the slots back.
 */
export interface ReservedAttempt {
  keyHashes: string[];
  /** When the slots were taken, as PostgreSQL wrote it (full precision, to find the rows again). */
  reservedAt: string;
}

export type AttemptDecision = { allowed: true; attempt: ReservedAttempt } | { allowed: false; retryAfterMs: number };

/**
 * Counts failed logins per key (account, address) in a sliding window; successful logins are
 * not limited. Kept in the database, so several instances count together and a restart forgets
 * nothing.
 *
 * An attempt takes its slot before the password is checked, under a lock per key, so however
 * many attempts arrive at once, no more than `maxFailures` passwords are checked per key and
 * window: counting after the check would let every attempt that arrived before the first
 * failure was written through.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Takes a slot of every key for one attempt, or says how long to wait when a key has none left. */
  async reserveAttempt(keys: ThrottleKey[]): Promise<AttemptDecision> {
    await this.forgetOldFailures();
    const hashed = keys
      .map((k) => ({ keyHash: hashSecret(k.key), maxFailures: k.maxFailures }))
      .sort((a, b) => a.keyHash.localeCompare(b.keyHash));
    const windowSecs = this.windowMs / 1000;
    return this.db.transaction().execute(async (trx) => {
      // One attempt per key at a time, held until commit. Always in the same order (sorted), so
      // two attempts sharing both keys never wait for each other in a circle.
      for (const { keyHash } of hashed) {
        await sql`select pg_advisory_xact_lock(hashtextextended(${keyHash}, 0))`.execute(trx);
      }
      // A statement of its own after the locks: its snapshot sees every slot taken before.
      const result = await sql<{ wait_ms: number | null; reserved_at: string | null }>`
        with k as (
          select * from unnest(${hashed.map((k) => k.keyHash)}::text[], ${hashed.map((k) => k.maxFailures)}::int[])
            as k(key_hash, max_failures)
        ), waits as (
          -- For each key, the failure that has to leave the window before another try is allowed.
          select extract(epoch from (
            (select f.failed_at from login_failure f
              where f.key_hash = k.key_hash and f.failed_at > now() - make_interval(secs => ${windowSecs})
              order by f.failed_at desc offset k.max_failures - 1 limit 1)
            + make_interval(secs => ${windowSecs}) - now())) * 1000 as wait_ms
          from k
        ), reserved as (
          insert into login_failure (key_hash)
          select key_hash from k where not exists (select 1 from waits where wait_ms > 0)
          returning failed_at
        )
        select (select max(wait_ms) from waits) as wait_ms,
          (select failed_at::text from reserved limit 1) as reserved_at`.execute(trx);
      const row = result.rows[0]!;
      if (row.reserved_at === null) {
        return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(Number(row.wait_ms ?? 0))) };
      }
      return { allowed: true, attempt: { keyHashes: hashed.map((k) => k.keyHash), reservedAt: row.reserved_at } };
    });
  }

  /** The password was right: the attempt's slots are given back (successful logins are not limited). */
  async succeeded(attempt: ReservedAttempt): Promise<void> {
    // Rows of one key written at the same instant are alike, so removing any one of them is exact.
    await sql`
      delete from login_failure where ctid in (
        select (select f.ctid from login_failure f
          where f.key_hash = k.key_hash and f.failed_at = ${attempt.reservedAt}::timestamptz limit 1)
        from unnest(${attempt.keyHashes}::text[]) as k(key_hash))`.execute(this.db);
  }

  /**
   * Failures that left the window go, whatever their key: guesses at ever new accounts must not
   * pile up. Rows another attempt is removing meanwhile are left to it.
   */
  private async forgetOldFailures(): Promise<void> {
    await sql`
      delete from login_failure where ctid = any(array(
        select ctid from login_failure
        where failed_at < now() - make_interval(secs => ${this.windowMs / 1000})
        for update skip locked))`.execute(this.db);
  }
}
