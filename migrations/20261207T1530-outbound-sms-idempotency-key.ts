import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // What a message is sent at most once for: `workflow:<smsId>:<nodeId>` for a `send_sms` node, so
  // that an SMS routed again (after a crash, a lease taken over) stores no second message.
  await db.schema.alterTable('outbound_sms').addColumn('idempotency_key', 'text').execute();
  await sql`create unique index outbound_sms_idempotency_key on outbound_sms (idempotency_key)
    where idempotency_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index outbound_sms_idempotency_key`.execute(db);
  await db.schema.alterTable('outbound_sms').dropColumn('idempotency_key').execute();
}
