import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

const now = sql`now()`;
const agentStatuses = sql`('available', 'busy', 'pause', 'wrap_up', 'logged_off')`;

export async function up(db: Kysely<any>): Promise<void> {
  // One row per agent that ever set a status; an agent without a row is logged off. Every change
  // to an agent's work or status locks this row first, which is what keeps capacity and the
  // order of desk events right with several server instances.
  await db.schema
    .createTable('agent_state')
    .addColumn('agent_id', 'uuid', (c) => c.primaryKey().references('app_user.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${agentStatuses}`))
    .addColumn('status_since', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // When the agent last got work or became available: "longest idle first" orders by it.
    .addColumn('idle_since', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // The last sequence number of the agent's desk events (the SSE event id).
    .addColumn('event_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('agent_state_client_idx').on('agent_state').column('client_id').execute();

  await db.schema
    .createTable('agent_status_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${agentStatuses}`))
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('changed_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('agent_status_history_agent_idx')
    .on('agent_status_history')
    .columns(['agent_id', 'entered_at'])
    .execute();

  // What an agent's desk is told (offer, withdrawn, status, …), in order, so a dropped stream
  // resumes from its Last-Event-ID without losing or repeating anything.
  await db.schema
    .createTable('desk_event')
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('desk_event_pkey', ['agent_id', 'seq'])
    .execute();
  await db.schema.createIndex('desk_event_created_idx').on('desk_event').column('created_at').execute();

  await db.schema
    .alterTable('media_event')
    .addColumn('offered_at', 'timestamptz')
    .addColumn('offer_deadline', 'timestamptz')
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index media_event_queue_idx on media_event (acd_group_id, priority desc, created_at, id)
    where state = 'queued'`.execute(db);
  await sql`create index media_event_agent_work_idx on media_event (agent_id)
    where state in ('offered', 'accepted')`.execute(db);
  await sql`create index media_event_offer_deadline_idx on media_event (offer_deadline)
    where state = 'offered'`.execute(db);

  // Every offer made, and how it ended; agents who let an event pass are asked last for it.
  await db.schema
    .createTable('media_event_offer')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('media_event_id', 'uuid', (c) => c.notNull().references('media_event.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'email')`))
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('deadline', 'timestamptz')
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome in ('accepted', 'declined', 'expired', 'withdrawn', 'delivered', 'failed')`),
    )
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('media_event_offer_event_idx').on('media_event_offer').column('media_event_id').execute();
  // The database itself refuses a second open offer of one event: never offered to two at once.
  await sql`create unique index media_event_offer_open_key on media_event_offer (media_event_id)
    where outcome is null`.execute(db);
  await db.schema
    .createIndex('media_event_offer_agent_idx')
    .on('media_event_offer')
    .columns(['agent_id', 'offered_at'])
    .execute();

  // Round robin: the member the group offered to last.
  await db.schema
    .alterTable('acd_group')
    .addColumn('last_offered_agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();

  // E-mail waiting to be sent (to agents, and from the "send e-mail" workflow node). A row is
  // written in the same transaction as what caused it; `message_id` is stable, so a retry after
  // a crash repeats the same message rather than sending a different one.
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('media_event_id', 'uuid', (c) => c.references('media_event.id').onDelete('cascade'))
    .addColumn('offer_id', 'uuid', (c) => c.references('media_event_offer.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create index email_outbox_due_idx on email_outbox (next_attempt_at)
    where sent_at is null and failed_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_outbox').execute();
  await db.schema.alterTable('acd_group').dropColumn('last_offered_agent_id').execute();
  await db.schema.dropTable('media_event_offer').execute();
  await sql`drop index media_event_queue_idx, media_event_agent_work_idx, media_event_offer_deadline_idx`.execute(db);
  await db.schema
    .alterTable('media_event')
    .dropColumn('offered_at')
    .dropColumn('offer_deadline')
    .dropColumn('accepted_at')
    .dropColumn('finished_at')
    .execute();
  await db.schema.dropTable('desk_event').execute();
  await db.schema.dropTable('agent_status_history').execute();
  await db.schema.dropTable('agent_state').execute();
}
