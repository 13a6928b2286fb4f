import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // Test cases saved with a routing application: a made-up SMS and its fake answers, run again on
  // the graph on the canvas with one click. They go with their application.
  await db.schema
    .createTable('routing_test_case')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('routing_application_id', 'uuid', (c) =>
      c.notNull().references('routing_application.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('input', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index routing_test_case_application_idx on routing_test_case (routing_application_id, created_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('routing_test_case').execute();
}
