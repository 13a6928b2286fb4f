import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  await db.schema
    .createTable('reseller')
    .addColumn('id', 'uuid', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('client')
    .addColumn('id', 'uuid', id)
    .addColumn('reseller_id', 'uuid', (c) => c.notNull().references('reseller.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('client_reseller_idx').on('client').column('reseller_id').execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', id)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('system_admin', 'reseller_admin', 'client_admin', 'agent')`),
    )
    .addColumn('reseller_id', 'uuid', (c) => c.references('reseller.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.references('client.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sms_delivery', 'text', (c) =>
      c
        .notNull()
        .defaultTo('web')
        .check(sql`sms_delivery in ('web', 'email')`),
    )
    .addColumn('capacity', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`capacity between 1 and 100`),
    )
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'app_user_scope_matches_role',
      sql`(role = 'system_admin' and reseller_id is null and client_id is null)
        or (role = 'reseller_admin' and reseller_id is not null and client_id is null)
        or (role in ('client_admin', 'agent') and client_id is not null)`,
    )
    .execute();
  await sql`create unique index app_user_email_idx on app_user (lower(email))`.execute(db);
  await db.schema.createIndex('app_user_client_idx').on('app_user').column('client_id').execute();

  await db.schema
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_key_user_idx').on('api_key').column('user_id').execute();

  await db.schema
    .createTable('acd_group')
    .addColumn('id', 'uuid', id)
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) =>
      c
        .notNull()
        .defaultTo('longest_idle')
        .check(sql`strategy in ('longest_idle', 'round_robin')`),
    )
    .addColumn('offer_timeout_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('acd_group_client_name_key', ['client_id', 'name'])
    .execute();

  await db.schema
    .createTable('acd_group_member')
    .addColumn('acd_group_id', 'uuid', (c) => c.notNull().references('acd_group.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('acd_group_member_pkey', ['acd_group_id', 'agent_id'])
    .execute();

  // Routing applications get their versions and pointers with the workflow engine.
  await db.schema
    .createTable('routing_application')
    .addColumn('id', 'uuid', id)
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fallback_acd_group_id', 'uuid', (c) => c.references('acd_group.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('routing_application_client_idx').on('routing_application').column('client_id').execute();

  await db.schema
    .createTable('sms_connector')
    .addColumn('id', 'uuid', id)
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('require_token', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('routing_type', 'text', (c) =>
      c.notNull().check(sql`routing_type in ('direct_acd_group', 'routing_application')`),
    )
    .addColumn('acd_group_id', 'uuid', (c) => c.references('acd_group.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('routing_application_id', 'uuid', (c) => c.references('routing_application.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('sms_connector_client_idx').on('sms_connector').column('client_id').execute();

  await db.schema
    .createTable('inbound_sms')
    .addColumn('id', 'uuid', id)
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    // Deleting a connector keeps its traffic: what was acknowledged is never lost.
    .addColumn('connector_id', 'uuid', (c) => c.references('sms_connector.id').onDelete('set null'))
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('sender_normalized', 'text', (c) => c.notNull())
    .addColumn('receiver', 'text', (c) => c.notNull())
    .addColumn('receiver_normalized', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('keyword', 'text')
    .addColumn('message_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('received', 'routed', 'queued', 'dropped', 'failed')`),
    )
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('inbound_sms_message_id_key')
    .on('inbound_sms')
    .columns(['connector_id', 'message_id'])
    .unique()
    .where(sql.ref('message_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('inbound_sms_client_idx').on('inbound_sms').columns(['client_id', 'id']).execute();
  await db.schema
    .createIndex('inbound_sms_received_idx')
    .on('inbound_sms')
    .columns(['status'])
    .where(sql.ref('status'), '=', 'received')
    .execute();

  await db.schema
    .createTable('media_event')
    .addColumn('id', 'uuid', id)
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('client.id').onDelete('cascade'))
    .addColumn('sms_id', 'uuid', (c) => c.notNull().references('inbound_sms.id').onDelete('cascade'))
    .addColumn('acd_group_id', 'uuid', (c) => c.references('acd_group.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(sql`state in ('queued', 'offered', 'accepted', 'completed', 'delivered', 'expired', 'cancelled')`),
    )
    .addColumn('agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('media_event_sms_key').on('media_event').column('sms_id').unique().execute();
  await db.schema.createIndex('media_event_client_idx').on('media_event').columns(['client_id', 'id']).execute();
  await db.schema
    .createIndex('media_event_group_state_idx')
    .on('media_event')
    .columns(['acd_group_id', 'state'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'media_event',
    'inbound_sms',
    'sms_connector',
    'routing_application',
    'acd_group_member',
    'acd_group',
    'api_key',
    'session',
    'app_user',
    'client',
    'reseller',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
