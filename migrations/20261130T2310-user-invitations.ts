import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // A one-time link to set one's password, sent by e-mail: to a new user (an invitation) or to
  // one who lost theirs. Only the token's hash is kept.
  await db.schema
    .createTable('user_invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invite', 'reset')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('user_invitation_user_idx').on('user_invitation').column('user_id').execute();
  // Mail to system and reseller admins belongs to no client; and a mail holding such a link is
  // emptied once sent, so the database keeps no usable token.
  await db.schema
    .alterTable('email_outbox')
    .alterColumn('client_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('email_outbox')
    .addColumn('erase_body_when_done', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('erase_body_when_done').execute();
  await db.deleteFrom('email_outbox').where('client_id', 'is', null).execute();
  await db.schema
    .alterTable('email_outbox')
    .alterColumn('client_id', (c) => c.setNotNull())
    .execute();
  await db.schema.dropTable('user_invitation').execute();
}
