import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import * as acceptedDeliveries from '../../migrations/20261203T0800-accepted-deliveries';
import { migrateToLatest } from '../../server/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../server/db/open-database';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-database';

// The delivery log's lines of stored SMS moved from rows of their own onto the SMS: what was
// logged before the migration must still be in the log after it, and back after its `down`.

const opened: { handle: DatabaseHandle; location: TestDatabaseLocation }[] = [];
afterEach(async () => {
  for (const { handle, location } of opened.splice(0)) {
    await handle.close();
    await location.drop();
  }
});

async function migratedDatabase(): Promise<Kysely<any>> {
  const location = await createTestDatabaseLocation();
  const handle = await openDatabase({
    databaseUrl: location.databaseUrl,
    schema: location.schema,
    dataDir: location.dataDir,
  });
  opened.push({ handle, location });
  await migrateToLatest(handle.db, handle.schema);
  return handle.db as Kysely<any>;
}

async function insertSms(db: Kysely<any>, ids: { client: string; connector: string }, delivery: object | null) {
  const id = randomUUID();
  await sql`insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
      receiver_normalized, message, status, raw, delivery)
    values (${id}, ${ids.client}, ${ids.connector}, '+49170', '+49170', '+4930', '+4930', 'Hi', 'routed', '{}',
      ${delivery === null ? null : JSON.stringify(delivery)})`.execute(db);
  return id;
}

const logged = (db: Kysely<any>) =>
  sql<{ sms_id: string; reason_key: string; status: number; client_address: string | null; request: unknown }>`
    select sms_id, reason_sentence->>'key' as reason_key, status, client_address, request
    from delivery_attempt order by sms_id`
    .execute(db)
    .then((r) => r.rows);

describe('the migration of accepted deliveries onto their SMS', { timeout: 60_000 }, () => {
  it('moves the lines written with their SMS, back and forth, and leaves the writer’s lines', async () => {
    const db = await migratedDatabase();
    const reseller = randomUUID();
    const client = randomUUID();
    const connector = randomUUID();
    await sql`insert into reseller (id, name) values (${reseller}, 'R')`.execute(db);
    await sql`insert into client (id, reseller_id, name) values (${client}, ${reseller}, 'C')`.execute(db);
    await sql`insert into sms_connector (id, client_id, name, recipient, token_hash, token_hint, routing_type)
      values (${connector}, ${client}, 'N', ${`+49${Date.now()}`}, 'h', 'hint', 'direct_acd_group')`.execute(db);
    const ids = { client, connector };
    // The short form (delivery-log/accepted-line.ts): POST and the provider's own path left out.
    const delivery = {
      p: 'twilio',
      a: '192.0.2.7',
      ct: 'application/x-www-form-urlencoded',
      ua: 'TwilioProxy/1.1',
    };
    const stored = await insertSms(db, ids, delivery);
    // Let in by `log` mode: the writer's line, which says so, stays a row of its own.
    const letIn = await insertSms(db, ids, null);
    await sql`insert into delivery_attempt (id, received_at, provider, connector_id, client_id, status, outcome,
        reason, reason_sentence, sms_id, client_address, request)
      values (${randomUUID()}, now(), 'twilio', ${connector}, ${client}, 200, 'accepted', 'let in',
        '{"key":"delivery.signature.loggedOnly"}', ${letIn}, null, '{"method":"POST","path":"/x","query":{},"headers":{},"body":"B"}')`.execute(
      db,
    );

    await acceptedDeliveries.down(db);
    const before = await logged(db);
    expect(before).toHaveLength(2);
    expect(before.find((line) => line.sms_id === stored)).toEqual({
      sms_id: stored,
      reason_key: 'delivery.accepted',
      status: 200,
      client_address: '192.0.2.7',
      request: {
        method: 'POST',
        path: '/SMSReceiver/twilio',
        query: {},
        body: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1' },
      },
    });

    await acceptedDeliveries.up(db);
    expect((await logged(db)).map((line) => [line.sms_id, line.reason_key])).toEqual([
      [letIn, 'delivery.signature.loggedOnly'],
    ]);
    const kept = await sql<{ id: string; delivery: unknown }>`select id, delivery from inbound_sms`.execute(db);
    expect(Object.fromEntries(kept.rows.map((row) => [row.id, row.delivery]))).toEqual({
      [stored]: delivery,
      [letIn]: null,
    });
  });
});
