import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Woken waits (by a reply, or claimed at their timeout): the claim reads them on their own, without
  // walking the timeout index past every wait that no reply has woken yet (issue 15).
  await sql`create index waiting_run_woken_idx on waiting_run (updated_at)
    where state = 'waiting' and wake_kind is not null`.execute(db);
  // Waits not woken, in timeout order: the claim of those whose timeout passed reads only them (the
  // planner would otherwise take the index of unwoken waits by updated_at and filter every one).
  await sql`create index waiting_run_unwoken_due_idx on waiting_run (wake_at)
    where state = 'waiting' and wake_kind is null`.execute(db);
  // The result of a resumed run ends its wait by the SMS (execution-writer.ts), as the SMS's deletion does.
  await sql`create index waiting_run_sms_idx on waiting_run (sms_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index waiting_run_sms_idx`.execute(db);
  await sql`drop index waiting_run_unwoken_due_idx`.execute(db);
  await sql`drop index waiting_run_woken_idx`.execute(db);
}
