import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // An agent going to pause looks up the unsent e-mail of their offers.
  await sql`create index email_outbox_unsent_offer_idx on email_outbox (offer_id)
    where sent_at is null and failed_at is null`.execute(db);
  // Failed logins that left the window are deleted whatever their key.
  await db.schema.createIndex('login_failure_failed_at_idx').on('login_failure').column('failed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index email_outbox_unsent_offer_idx, login_failure_failed_at_idx`.execute(db);
}
