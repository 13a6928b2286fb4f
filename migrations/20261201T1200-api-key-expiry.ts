import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // When a key stops working by itself; null: until it is revoked.
  await db.schema.alterTable('api_key').addColumn('expires_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_key').dropColumn('expires_at').execute();
}
