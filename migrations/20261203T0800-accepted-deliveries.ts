import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new migration instead.

/**
 * The delivery log's line of a stored SMS becomes part of the SMS: what the log shows of the
 * request (provider, status, client address, method, path, content type, user agent) is kept in
 * inbound_sms.delivery, and the log reads those lines from there. A row of its own in
 * delivery_attempt, with its two index entries, cost the intake 10–15 % of its throughput.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inbound_sms').addColumn('delivery', 'jsonb').execute();
  // The lines written with their SMS so far move onto it (the writer's lines stay where they are),
  // in the short form of delivery-log/accepted-line.ts: what is as usual is left out.
  await sql`
    update inbound_sms s set delivery = jsonb_strip_nulls(jsonb_build_object(
      'p', nullif(a.provider, 'generic'), 's', nullif(a.status, 200), 'm', nullif(a.request->>'method', 'POST'),
      'path', nullif(a.request->>'path', ${usualPath('a.provider')}), 'a', a.client_address,
      'ct', a.request->'headers'->>'content-type', 'ua', a.request->'headers'->>'user-agent'))
    from delivery_attempt a
    where a.sms_id = s.id and a.outcome = 'accepted' and a.reason_sentence->>'key' = 'delivery.accepted'`.execute(db);
  await sql`delete from delivery_attempt a
    where a.outcome = 'accepted' and a.reason_sentence->>'key' = 'delivery.accepted'
      and exists (select 1 from inbound_sms s where s.id = a.sms_id and s.delivery is not null)`.execute(db);
}

const usualPath = (provider: string) =>
  sql.raw(`case when ${provider} = 'generic' then '/SMSReceiver' else '/SMSReceiver/' || ${provider} end`);

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    insert into delivery_attempt (id, received_at, provider, connector_id, client_id, status, outcome, reason,
      reason_sentence, sms_id, client_address, request)
    select s.id, s.received_at, p.provider, s.connector_id, s.client_id, coalesce((s.delivery->>'s')::int, 200),
      'accepted', 'Stored', '{"key":"delivery.accepted"}'::jsonb, s.id, s.delivery->>'a',
      jsonb_build_object('method', coalesce(s.delivery->>'m', 'POST'),
        'path', coalesce(s.delivery->>'path', ${usualPath('p.provider')}), 'query', '{}'::jsonb, 'body', '',
        'headers', jsonb_strip_nulls(jsonb_build_object('content-type', s.delivery->>'ct',
          'user-agent', s.delivery->>'ua')))
    from inbound_sms s, lateral (select coalesce(s.delivery->>'p', 'generic') as provider) p
    where s.delivery is not null`.execute(db);
  await db.schema.alterTable('inbound_sms').dropColumn('delivery').execute();
}
