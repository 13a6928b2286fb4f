import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The SMS outbox: a message to send is written here in the transaction of what caused it, and a
  // worker (server/sms-sender/outbox-worker.ts) sends it through its send connector. The row is
  // also the message's record afterwards: the provider's id, delivery status and error.
  await db.schema
    .createTable('outbound_sms')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('send_connector_id', 'uuid', (c) => c.notNull().references('sms_send_connector.id').onDelete('cascade'))
    // The conversation the message belongs to. No foreign key yet: conversations are being built
    // (issue 14, part 3) and their table does not exist; the migration that adds it adds the key.
    .addColumn('conversation_id', 'uuid')
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('agent', 'workflow', 'system')`))
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('from', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('segments', 'integer', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull().check(sql`encoding in ('GSM-7', 'UCS-2')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'sending', 'sent', 'delivered', 'failed')`),
    )
    // Attempts started; also the fencing token of a claim (an instance whose lease was taken over
    // finds the number changed and records nothing).
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // While 'sending': until when the claiming instance owns the row.
    .addColumn('lease_until', 'timestamptz')
    // When the last attempt started: the connector's rate limit counts these across instances.
    .addColumn('attempted_at', 'timestamptz')
    .addColumn('provider_message_id', 'text')
    // The provider's own words when it refused the message or reported it failed.
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // When the status last changed (a delivery report's arrival for 'delivered').
    .addColumn('status_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The worker's claim: due queued rows, oldest first.
  await db.schema
    .createIndex('outbound_sms_due_idx')
    .on('outbound_sms')
    .columns(['next_attempt_at'])
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  // Sending rows whose lease may have expired (a crashed instance's), and the rate limit's count of
  // a connector's recent attempts.
  await db.schema
    .createIndex('outbound_sms_sending_idx')
    .on('outbound_sms')
    .columns(['lease_until'])
    .where(sql.ref('status'), '=', 'sending')
    .execute();
  await db.schema
    .createIndex('outbound_sms_attempted_idx')
    .on('outbound_sms')
    .columns(['send_connector_id', 'attempted_at'])
    .where(sql.ref('attempted_at'), 'is not', null)
    .execute();
  // A delivery report names the provider's id; ids are unique per provider account only.
  await db.schema
    .createIndex('outbound_sms_provider_message_idx')
    .on('outbound_sms')
    .columns(['send_connector_id', 'provider_message_id'])
    .where(sql.ref('provider_message_id'), 'is not', null)
    .execute();
  // The admin list, narrowed to a client.
  await db.schema.createIndex('outbound_sms_client_idx').on('outbound_sms').columns(['client_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbound_sms').execute();
}
