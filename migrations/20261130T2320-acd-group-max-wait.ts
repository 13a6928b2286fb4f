import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // How long an SMS may wait in a group's queue before it expires; null: until someone takes it.
  await db.schema
    .alterTable('acd_group')
    .addColumn('max_wait_seconds', 'integer', (c) => c.check(sql`max_wait_seconds >= 60`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('acd_group').dropColumn('max_wait_seconds').execute();
}
