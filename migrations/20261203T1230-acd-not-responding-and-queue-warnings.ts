import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

const before = sql`('available', 'busy', 'pause', 'wrap_up', 'logged_off')`;
const after = sql`('available', 'busy', 'pause', 'wrap_up', 'not_responding', 'logged_off')`;

export async function up(db: Kysely<any>): Promise<void> {
  // An agent who let an offer time out is "not responding" until they set another status (issue 16).
  for (const table of ['agent_state', 'agent_status_history']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_status_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_status_check`)}
      check (status in ${after})`.execute(db);
  }
  // When the live group view warns: the queue longer than this, or its oldest SMS waiting longer; null: never.
  await db.schema
    .alterTable('acd_group')
    .addColumn('warn_queue_length', 'integer', (c) => c.check(sql`warn_queue_length >= 1`))
    .addColumn('warn_wait_seconds', 'integer', (c) => c.check(sql`warn_wait_seconds >= 1`))
    .execute();
  // An SMS an admin reassigned to one agent waits for that agent alone (the live group view).
  await db.schema
    .alterTable('media_event')
    .addColumn('reserved_agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await sql`create index media_event_reserved_idx on media_event (reserved_agent_id)
    where reserved_agent_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media_event').dropColumn('reserved_agent_id').execute();
  await db.schema.alterTable('acd_group').dropColumn('warn_queue_length').dropColumn('warn_wait_seconds').execute();
  for (const table of ['agent_state', 'agent_status_history']) {
    await sql`update ${sql.table(table)} set status = 'available' where status = 'not_responding'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_status_check`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_status_check`)}
      check (status in ${before})`.execute(db);
  }
}
