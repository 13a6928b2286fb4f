import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // A reply can arrive before its run has stored the wait (issue 15): the wait then looks for it.
  // `replies_after_sms_id` is the SMS after which an SMS of the conversation counts as a reply to
  // this wait: the one that started the run, or the reply that last resumed it.
  await db.schema
    .alterTable('waiting_run')
    .addColumn('replies_after_sms_id', 'uuid', (c) => c.references('inbound_sms.id').onDelete('set null'))
    .execute();
  await sql`update waiting_run set replies_after_sms_id = coalesce(wake_sms_id, sms_id)`.execute(db);
  // An SMS that woke a wait is taken: no other wait looks at it again (and its deletion sets it null).
  await sql`create index waiting_run_wake_sms_idx on waiting_run (wake_sms_id) where wake_sms_id is not null`.execute(
    db,
  );
  // Waits stored a moment ago and not woken: every sweep looks once more for a reply that was committed
  // by an intake statement running while the wait was stored (see waiting-run-store.ts).
  await sql`create index waiting_run_unwoken_idx on waiting_run (updated_at)
    where state = 'waiting' and wake_kind is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index waiting_run_unwoken_idx`.execute(db);
  await sql`drop index waiting_run_wake_sms_idx`.execute(db);
  await db.schema.alterTable('waiting_run').dropColumn('replies_after_sms_id').execute();
}
