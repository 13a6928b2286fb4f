import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

const statusesBefore = sql`('received', 'routed', 'queued', 'dropped', 'failed')`;
const statusesAfter = sql`('received', 'routed', 'queued', 'dropped', 'failed', 'opted_out', 'opted_in')`;

export async function up(db: Kysely<any>): Promise<void> {
  // The numbers of a client that receive nothing until they opt in again (issue 15).
  await db.schema
    .createTable('opt_out')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('keyword', 'admin')`))
    .addColumn('since', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('opt_out_client_number_key', ['client_id', 'number'])
    .execute();

  // A client's keywords and confirmation texts; a client without a row has the defaults.
  await db.schema
    .createTable('opt_out_settings')
    .addColumn('client_id', 'uuid', (c) => c.primaryKey().references('client.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('opt_out_keywords', 'jsonb', (c) => c.notNull())
    .addColumn('opt_in_keywords', 'jsonb', (c) => c.notNull())
    .addColumn('opt_out_confirmation', 'text')
    .addColumn('opt_in_confirmation', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A keyword SMS is stored with what it did to the list, and is routed nowhere.
  await sql`alter table inbound_sms drop constraint inbound_sms_status_check`.execute(db);
  await sql`alter table inbound_sms add constraint inbound_sms_status_check check (status in ${statusesAfter})`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update inbound_sms set status = 'dropped' where status in ('opted_out', 'opted_in')`.execute(db);
  await sql`alter table inbound_sms drop constraint inbound_sms_status_check`.execute(db);
  await sql`alter table inbound_sms add constraint inbound_sms_status_check check (status in ${statusesBefore})`.execute(
    db,
  );
  await db.schema.dropTable('opt_out_settings').execute();
  await db.schema.dropTable('opt_out').execute();
}
