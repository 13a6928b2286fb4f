import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The codes an agent chooses from when closing a conversation; an inactive one is offered no more.
  await db.schema
    .createTable('wrap_up_code')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('wrap_up_code_client_code_key', ['client_id', 'code'])
    .execute();

  // Whether closing in the group asks for a code, and whether the group offers all of its client's
  // codes (true) or only those in acd_group_wrap_up_code.
  await db.schema
    .alterTable('acd_group')
    .addColumn('wrap_up_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('wrap_up_all_codes', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createTable('acd_group_wrap_up_code')
    .addColumn('acd_group_id', 'uuid', (c) => c.notNull().references('acd_group.id').onDelete('cascade'))
    .addColumn('wrap_up_code_id', 'uuid', (c) => c.notNull().references('wrap_up_code.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('acd_group_wrap_up_code_pkey', ['acd_group_id', 'wrap_up_code_id'])
    .execute();
  await sql`create index acd_group_wrap_up_code_code_idx on acd_group_wrap_up_code (wrap_up_code_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('acd_group_wrap_up_code').execute();
  await db.schema.alterTable('acd_group').dropColumn('wrap_up_required').dropColumn('wrap_up_all_codes').execute();
  await db.schema.dropTable('wrap_up_code').execute();
}
