import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The language the user chose for the web UI and their e-mails; null: the browser's, English in e-mails.
  await db.schema.alterTable('app_user').addColumn('language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('language').execute();
}
