import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The tenant the changed object belongs to: a client, or only a reseller, or neither (system level).
    .addColumn('client_id', 'uuid', (c) => c.references('client.id').onDelete('cascade'))
    .addColumn('reseller_id', 'uuid', (c) => c.references('reseller.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_log_client_idx').on('audit_log').columns(['client_id', 'id']).execute();
  await db.schema.createIndex('audit_log_reseller_idx').on('audit_log').columns(['reseller_id', 'id']).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
}
