import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Where a client's outbound SMS go out: one provider account (or HTTP gateway) each.
  await db.schema
    .createTable('sms_send_connector')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull().check(sql`driver in ('http', 'twilio', 'vonage', 'plivo')`))
    // The driver's settings that are no secret (URL templates, account ids in the path, …).
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The driver's credentials as one JSON document, AES-256-GCM encrypted with SWITCHBOARD_SECRET_KEY
    // (see server/sms-sender/credential-cipher.ts); null: none stored. Never answered nor logged.
    .addColumn('credentials_encrypted', 'text')
    // The sender when a message names none: a number in E.164, or an alphanumeric id where the driver allows it.
    .addColumn('default_sender', 'text')
    .addColumn('rate_per_second', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(10)
        .check(sql`rate_per_second between 1 and 1000`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sms_send_connector_client_name_key', ['client_id', 'name'])
    .execute();

  // The send connector a receive connector's replies go through; null: none (replies cannot be sent).
  // A send connector in use is not deleted (the API refuses, naming the receive connectors).
  await db.schema
    .alterTable('sms_connector')
    .addColumn('send_connector_id', 'uuid', (c) => c.references('sms_send_connector.id').onDelete('restrict'))
    .execute();
  await db.schema
    .createIndex('sms_connector_send_connector_idx')
    .on('sms_connector')
    .column('send_connector_id')
    .where(sql.ref('send_connector_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sms_connector').dropColumn('send_connector_id').execute();
  await db.schema.dropTable('sms_send_connector').execute();
}
