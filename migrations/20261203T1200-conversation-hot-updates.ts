import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Every SMS into an open conversation moves its last_message_at. No index may cover that
  // column, so the update stays a heap-only tuple (HOT) that touches none of the indexes, and
  // pages keep room for the new versions. Nothing read by last_message_at: lists page by id.
  await sql`drop index conversation_client_last_idx`.execute(db);
  await sql`alter table conversation set (fillfactor = 70)`.execute(db);
  // The admin list, newest first (keyset on the time-ordered id) …
  await sql`create index conversation_client_idx on conversation (client_id, id desc)`.execute(db);
  // … and a customer's conversations with a client on any of its numbers (the desk's "earlier",
  // the admin filter by customer), which the (client, our number, customer) keys cannot serve.
  await sql`create index conversation_customer_idx on conversation (client_id, customer_number, id desc)`.execute(db);
}
