import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // A customer's exchange with a client on one of its numbers: waiting in a group, with an agent,
  // or closed. Inbound SMS (and later outbound messages) belong to one.
  await db.schema
    .createTable('conversation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('connector_id', 'uuid', (c) => c.references('sms_connector.id').onDelete('set null'))
    .addColumn('our_number', 'text', (c) => c.notNull())
    .addColumn('customer_number', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('waiting', 'assigned', 'closed')`))
    .addColumn('acd_group_id', 'uuid', (c) => c.references('acd_group.id').onDelete('set null'))
    .addColumn('agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('last_agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_message_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('wrap_up_code_id', 'uuid', (c) => c.references('wrap_up_code.id').onDelete('set null'))
    .execute();
  // One open conversation per client, number and customer: the intake's upsert arbitrates on it.
  await sql`create unique index conversation_open_key on conversation (client_id, our_number, customer_number)
    where state <> 'closed'`.execute(db);
  // The latest closed one of a key, to reopen within the group's window.
  await sql`create index conversation_closed_idx on conversation (client_id, our_number, customer_number, closed_at desc)
    where state = 'closed'`.execute(db);
  // The admin list (newest activity first) and a customer's earlier conversations.
  await sql`create index conversation_client_last_idx on conversation (client_id, last_message_at desc, id desc)`.execute(
    db,
  );
  await sql`create index conversation_agent_idx on conversation (agent_id) where agent_id is not null`.execute(db);

  await db.schema
    .alterTable('inbound_sms')
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversation.id').onDelete('set null'))
    .execute();
  await sql`create index inbound_sms_conversation_idx on inbound_sms (conversation_id, received_at)
    where conversation_id is not null`.execute(db);
  await db.schema
    .alterTable('media_event')
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversation.id').onDelete('set null'))
    .execute();
  await sql`create index media_event_conversation_idx on media_event (conversation_id)
    where conversation_id is not null`.execute(db);

  // Outbound SMS (replies) were made before this table: their conversation gets its key now.
  await sql`alter table outbound_sms add constraint outbound_sms_conversation_id_fkey
    foreign key (conversation_id) references conversation (id) on delete set null`.execute(db);
  await sql`create index outbound_sms_conversation_idx on outbound_sms (conversation_id, created_at)
    where conversation_id is not null`.execute(db);

  // How long after closing an SMS of the customer reopens the conversation (Genesys' default).
  await db.schema
    .alterTable('acd_group')
    .addColumn('reopen_window_hours', 'integer', (c) => c.notNull().defaultTo(72))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('acd_group').dropColumn('reopen_window_hours').execute();
  await sql`drop index outbound_sms_conversation_idx`.execute(db);
  await sql`alter table outbound_sms drop constraint outbound_sms_conversation_id_fkey`.execute(db);
  await db.schema.alterTable('media_event').dropColumn('conversation_id').execute();
  await db.schema.alterTable('inbound_sms').dropColumn('conversation_id').execute();
  await db.schema.dropTable('conversation').execute();
}
