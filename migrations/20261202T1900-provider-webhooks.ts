import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sms_connector')
    // The webhook format the connector answers: 'generic' is /SMSReceiver, the others /SMSReceiver/<provider>.
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo('generic'))
    // The provider's auth token, signature secret or (Telnyx) public key; never answered.
    .addColumn('provider_secret', 'text')
    .addColumn('signature_check', 'text', (c) =>
      c
        .notNull()
        .defaultTo('off')
        .check(sql`signature_check in ('off', 'log', 'enforce')`),
    )
    // How long the parts of a multipart SMS are waited for before it is joined from what arrived.
    .addColumn('multipart_window_seconds', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(300)
        .check(sql`multipart_window_seconds between 10 and 86400`),
    )
    .execute();

  // The country a national number (0170 1234567) is read in; ISO 3166 alpha-2, null: none.
  await db.schema.alterTable('client').addColumn('default_country', 'text').execute();

  // Parts of a multipart SMS; null: a whole SMS. Set on the joined SMS: how many parts it has and how many arrived.
  await db.schema
    .alterTable('inbound_sms')
    .addColumn('parts_total', 'integer')
    .addColumn('parts_received', 'integer')
    .execute();

  // The parts of multipart SMS: waiting for their siblings, then kept for a day as tombstones of
  // the joined SMS, so that a part the provider repeats after the join (Vonage retries for 24 h)
  // is still known as a repeat.
  await db.schema
    .createTable('sms_part')
    // No foreign key: an acknowledged part outlives its connector (the joined SMS is stored anyway).
    .addColumn('connector_id', 'uuid', (c) => c.notNull())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('sender_normalized', 'text', (c) => c.notNull())
    // The provider's reference of the whole message (Vonage concat-ref, the UDH's reference).
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('part_index', 'integer', (c) => c.notNull())
    .addColumn('parts_total', 'integer', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('receiver', 'text', (c) => c.notNull())
    .addColumn('receiver_normalized', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text')
    .addColumn('message_id', 'text')
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set once the part is joined: the inbound_sms it became part of, and when.
    .addColumn('joined_sms_id', 'uuid')
    .addColumn('joined_at', 'timestamptz')
    .addPrimaryKeyConstraint('sms_part_pkey', ['connector_id', 'sender_normalized', 'ref', 'part_index'])
    .execute();
  await db.schema
    .createIndex('sms_part_waiting_idx')
    .on('sms_part')
    .column('received_at')
    .where(sql.ref('joined_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('sms_part_joined_idx')
    .on('sms_part')
    .column('joined_at')
    .where(sql.ref('joined_at'), 'is not', null)
    .execute();

  // Every request to a receiver endpoint, accepted or refused; swept after the retention period.
  await db.schema
    .createTable('delivery_attempt')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    // No foreign keys: the log outlives what it names, and writing it must stay cheap.
    .addColumn('connector_id', 'uuid')
    .addColumn('client_id', 'uuid')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // The reason in English (for searching the log) and as a catalog sentence (for showing it in the reader's language).
    .addColumn('reason_sentence', 'jsonb')
    .addColumn('sms_id', 'uuid')
    .addColumn('client_address', 'text')
    // The request with secrets redacted: method, path, query, headers, body (cut to a size).
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('delivery_attempt_connector_idx')
    .on('delivery_attempt')
    .columns(['connector_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('delivery_attempt_unknown_idx')
    .on('delivery_attempt')
    .column('received_at')
    .where(sql.ref('connector_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_attempt').execute();
  await db.schema.dropTable('sms_part').execute();
  await db.schema.alterTable('inbound_sms').dropColumn('parts_total').dropColumn('parts_received').execute();
  await db.schema.alterTable('client').dropColumn('default_country').execute();
  await db.schema
    .alterTable('sms_connector')
    .dropColumn('provider')
    .dropColumn('provider_secret')
    .dropColumn('signature_check')
    .dropColumn('multipart_window_seconds')
    .execute();
}
