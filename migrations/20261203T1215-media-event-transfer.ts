import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  // An agent hands a conversation on: their media event ends as `transferred` and a new one,
  // for the same SMS, waits in the target group. So an SMS has at most one media event that is
  // not transferred (the live one, or how its work ended), and any number of transferred ones.
  await sql`alter table media_event drop constraint media_event_state_check`.execute(db);
  await sql`alter table media_event add constraint media_event_state_check check (state in
    ('queued', 'offered', 'accepted', 'completed', 'delivered', 'expired', 'cancelled', 'transferred'))`.execute(db);
  await sql`drop index media_event_sms_key`.execute(db);
  await sql`create unique index media_event_sms_key on media_event (sms_id) where state <> 'transferred'`.execute(db);

  // On the new event: who handed it on, their note, and the agent it goes to first when
  // transferred to an agent (as a reopened conversation goes to its last agent first).
  await db.schema
    .alterTable('media_event')
    .addColumn('transferred_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('transfer_note', 'text')
    .addColumn('preferred_agent_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('media_event')
    .dropColumn('transferred_by')
    .dropColumn('transfer_note')
    .dropColumn('preferred_agent_id')
    .execute();
  await sql`delete from media_event where state = 'transferred'`.execute(db);
  await sql`drop index media_event_sms_key`.execute(db);
  await sql`create unique index media_event_sms_key on media_event (sms_id)`.execute(db);
  await sql`alter table media_event drop constraint media_event_state_check`.execute(db);
  await sql`alter table media_event add constraint media_event_state_check check (state in
    ('queued', 'offered', 'accepted', 'completed', 'delivered', 'expired', 'cancelled'))`.execute(db);
}
