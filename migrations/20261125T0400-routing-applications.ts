import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;

  // Hosts a client's workflows may call although they resolve to private addresses.
  await db.schema
    .alterTable('client')
    .addColumn('http_allowed_hosts', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .createTable('routing_application_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('routing_application_id', 'uuid', (c) =>
      c.notNull().references('routing_application.id').onDelete('cascade'),
    )
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('graph', 'jsonb', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('published_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addUniqueConstraint('routing_application_version_number_key', ['routing_application_id', 'number'])
    .execute();

  await db.schema
    .alterTable('routing_application')
    .addColumn('draft_graph', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'{"schemaVersion":1,"nodes":[],"edges":[]}'::jsonb`),
    )
    .addColumn('active_version_id', 'uuid', (c) => c.references('routing_application_version.id').onDelete('set null'))
    .addColumn('test_version_id', 'uuid', (c) => c.references('routing_application_version.id').onDelete('set null'))
    .addColumn('test_senders', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  // An SMS waiting for the engine is leased by the instance that runs it; an expired lease
  // (the instance died) lets another instance, or the restarted one, run it again.
  await db.schema
    .alterTable('inbound_sms')
    .addColumn('routing_lease_until', 'timestamptz')
    .addColumn('routing_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('workflow_execution')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('sms_id', 'uuid', (c) => c.notNull().references('inbound_sms.id').onDelete('cascade'))
    .addColumn('routing_application_id', 'uuid', (c) => c.references('routing_application.id').onDelete('set null'))
    .addColumn('version_id', 'uuid', (c) => c.references('routing_application_version.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'waiting', 'completed', 'failed')`))
    .addColumn('outcome', 'jsonb')
    .addColumn('trace', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('snapshot', 'jsonb')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('workflow_execution_sms_key')
    .on('workflow_execution')
    .column('sms_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('workflow_execution_client_idx')
    .on('workflow_execution')
    .columns(['client_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('workflow_execution').execute();
  await db.schema.alterTable('inbound_sms').dropColumn('routing_lease_until').dropColumn('routing_attempts').execute();
  await db.schema
    .alterTable('routing_application')
    .dropColumn('draft_graph')
    .dropColumn('active_version_id')
    .dropColumn('test_version_id')
    .dropColumn('test_senders')
    .execute();
  await db.schema.dropTable('routing_application_version').execute();
  await db.schema.alterTable('client').dropColumn('http_allowed_hosts').execute();
}
