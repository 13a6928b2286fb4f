import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Woken waits (by a reply, or claimed at their timeout): the claim reads them on their own, without
  // walking the timeout index past every wait that no reply has woken yet (issue 15).
  await sql`create index waiting_run_woken_idx on waiting_run (updated_at)
    where state = 'waiting' and wake_kind is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index waiting_run_woken_idx`.execute(db);
}
