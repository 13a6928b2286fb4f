import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // The reasons an agent may give for a pause (lunch, meeting, training), per client, in the
  // order the desk offers them (position, then name).
  await db.schema
    .createTable('pause_reason')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pause_reason_client_name_key', ['client_id', 'name'])
    .execute();

  // The reason's name as it was when the agent paused, not a link: the live view and the status
  // history stay readable when the reason is renamed or deleted later (issue 16). The history's
  // `reason` column keeps the system's reasons (not responding, set by an administrator).
  for (const table of ['agent_state', 'agent_status_history']) {
    await db.schema
      .alterTable(table)
      .addColumn('pause_reason', 'text', (c) => c.check(sql`pause_reason is null or status = 'pause'`))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['agent_state', 'agent_status_history']) {
    await db.schema.alterTable(table).dropColumn('pause_reason').execute();
  }
  await db.schema.dropTable('pause_reason').execute();
}
