import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Failed logins per throttle key (account, address), hashed: a mistyped e-mail field may hold a
  // password. In the database so that every instance counts the same failures.
  await db.schema
    .createTable('login_failure')
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('login_failure_key_idx').on('login_failure').columns(['key_hash', 'failed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failure').execute();
}
