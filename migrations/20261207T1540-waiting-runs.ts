import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Runs paused at a "Wait for reply" node (issue 15): the XState snapshot to resume from, the
  // conversation whose next SMS wakes it, and its timer. The intake statement records a reply's
  // wake on the row in the transaction that stores the SMS; any instance's sweep claims woken and
  // expired rows (skip locked, with a lease) and resumes them.
  await db.schema
    .createTable('waiting_run')
    .addColumn('execution_id', 'uuid', (c) => c.primaryKey().references('workflow_execution.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('sms_id', 'uuid', (c) => c.notNull().references('inbound_sms.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversation.id').onDelete('cascade'))
    .addColumn('connector_id', 'uuid', (c) => c.references('sms_connector.id').onDelete('set null'))
    .addColumn('receiver', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('version_id', 'uuid', (c) => c.references('routing_application_version.id').onDelete('set null'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('waiting_since', 'timestamptz', (c) => c.notNull())
    .addColumn('wake_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('waiting')
        .check(sql`state in ('waiting', 'resumed', 'timed_out', 'failed')`),
    )
    .addColumn('wake_kind', 'text', (c) => c.check(sql`wake_kind in ('reply', 'timeout')`))
    .addColumn('wake_sms_id', 'uuid', (c) => c.references('inbound_sms.id').onDelete('set null'))
    .addColumn('wake_text', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('claim_token', 'uuid')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A conversation's next SMS wakes its waiting run: at most one waits per conversation.
  await sql`create unique index waiting_run_conversation_key on waiting_run (conversation_id) where state = 'waiting'`.execute(
    db,
  );
  await sql`create index waiting_run_due_idx on waiting_run (wake_at) where state = 'waiting'`.execute(db);
  await sql`create index waiting_run_client_idx on waiting_run (client_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('waiting_run').execute();
}
