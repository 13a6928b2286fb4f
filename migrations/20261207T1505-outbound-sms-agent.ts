import { type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Who wrote a reply: the thread names them (after a transfer, the next agent sees who answered
  // before), and it is on record. Null for messages no agent wrote (workflows, the system).
  await db.schema
    .alterTable('outbound_sms')
    .addColumn('agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_sms').dropColumn('agent_id').execute();
}
