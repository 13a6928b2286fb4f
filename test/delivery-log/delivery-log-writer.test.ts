import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentence } from '../../i18n/sentence';
import { migrateToLatest } from '../../server/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../server/db/open-database';
import { DeliveryLogSweeper } from '../../server/delivery-log/delivery-log-sweeper';
import { DeliveryLogWriter, type DeliveryLogWriterOptions } from '../../server/delivery-log/delivery-log-writer';
import { createLogger } from '../../server/logging/logger';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-database';
import { arrived, deliveryRecord, form, refusal } from './records';

let location: TestDatabaseLocation;
let database: DatabaseHandle;
const db = () => database.db;

beforeAll(async () => {
  location = await createTestDatabaseLocation();
  database = await openDatabase({
    databaseUrl: location.databaseUrl,
    schema: location.schema,
    dataDir: location.dataDir,
  });
  await migrateToLatest(database.db, database.schema);
}, 60_000);

afterAll(async () => {
  await database?.close();
  await location?.drop();
});

/** A writer whose log lines are kept; not started, so only `drain` writes. */
function writer(options: DeliveryLogWriterOptions = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: new DeliveryLogWriter(db(), { logger: createLogger('info', sink), ...options }), lines };
}

const rowsOf = (connectorId: string) =>
  db().selectFrom('delivery_attempt').selectAll().where('connector_id', '=', connectorId).orderBy('id').execute();

/** A second well in the past: its refusal bucket has ended by the time the writer drains. */
/** The start of a second a minute ago, taken once: a test's records must not straddle two seconds as the clock ticks. */
const PAST_SECOND = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const pastSecond = (offsetMs: number) => new Date(PAST_SECOND + offsetMs);

describe('the delivery log writer', () => {
  it('writes what was recorded once it drains, with the request redacted', async () => {
    const { log } = writer();
    const connectorId = randomUUID();
    log.record(
      refusal({
        connectorId,
        receivedAt: pastSecond(0),
        request: arrived({
          url: '/SMSReceiver?receiver=%2B4930111&token=query-secret',
          headers: new Headers({ authorization: 'Bearer header-secret', 'x-twilio-signature': 'sig-secret' }),
          secretNames: ['x-twilio-signature'],
        }),
      }),
    );
    log.record(
      refusal({
        connectorId,
        receivedAt: pastSecond(1),
        provider: 'telnyx',
        request: arrived({
          method: 'POST',
          headers: new Headers({ 'content-type': 'application/json' }),
          body: form(JSON.stringify({ data: { payload: { text: 'hi', api_secret: 'json-secret' } } })),
          secretNames: ['api_secret'],
        }),
      }),
    );
    log.record(
      refusal({
        connectorId,
        receivedAt: pastSecond(2),
        provider: 'vonage',
        request: arrived({
          method: 'POST',
          headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
          body: form('msisdn=4917011&text=hi&sig=form-secret'),
          secretNames: ['sig'],
        }),
      }),
    );
    expect(await rowsOf(connectorId)).toHaveLength(0);
    await log.drain();

    const rows = await rowsOf(connectorId);
    expect(rows.map((row) => row.provider)).toEqual(['generic', 'telnyx', 'vonage']);
    expect(rows[0]).toMatchObject({ status: 401, outcome: 'refused', client_address: '127.0.0.1' });
    expect(rows[0]!.reason_sentence).toEqual({ key: 'delivery.badToken' });
    expect(rows[0]!.request).toMatchObject({
      path: '/SMSReceiver',
      query: { receiver: '+4930111', token: '[redacted]' },
      headers: { authorization: '[redacted]', 'x-twilio-signature': '[redacted]' },
    });
    expect(JSON.parse((rows[1]!.request as { body: string }).body)).toEqual({
      data: { payload: { text: 'hi', api_secret: '[redacted]' } },
    });
    expect((rows[2]!.request as { body: string }).body).toBe('msisdn=4917011&text=hi&sig=[redacted]');
    expect(JSON.stringify(rows)).not.toMatch(/query-secret|header-secret|sig-secret|json-secret|form-secret/);
  });

  it('keeps of a request whose SMS was stored only its method, path and sender headers (the SMS holds the rest)', async () => {
    const { log } = writer();
    const connectorId = randomUUID();
    log.record(
      deliveryRecord({
        connectorId,
        request: arrived({
          method: 'POST',
          url: 'http://127.0.0.1:3000/SMSReceiver?token=query-secret&message=hi',
          headers: new Headers({
            'content-type': 'application/x-www-form-urlencoded',
            'user-agent': 'Provider/1.0',
            authorization: 'Bearer x',
          }),
          body: form('sender=%2B4917011&message=hello'),
        }),
      }),
    );
    await log.drain();
    const [row] = await rowsOf(connectorId);
    expect(row).toMatchObject({ status: 200, outcome: 'accepted', reason: 'Stored' });
    expect(row!.request).toEqual({
      method: 'POST',
      path: '/SMSReceiver',
      query: {},
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Provider/1.0' },
      body: '',
    });
  });

  it('stores a request with NUL and unpaired surrogates in every part of it', async () => {
    const { log } = writer();
    const connectorId = randomUUID();
    log.record(
      refusal({
        connectorId,
        reason: sentence('delivery.field.invalid', { field: 'receiver', why: 'a\u0000b' }),
        clientAddress: 'x\ud800',
        request: arrived({
          url: '/SMSReceiver?receiver=%00&message=%ED%A0%80',
          headers: new Map([['x-odd', '\udc00']]),
          body: form('a\u0000b'),
        }),
      }),
    );
    await log.drain();
    const [row] = await rowsOf(connectorId);
    expect(row).toMatchObject({ reason: 'receiver is not valid: a\ufffdb', client_address: 'x\ufffd' });
    expect(row!.request).toMatchObject({
      query: { receiver: '\ufffd' },
      headers: { 'x-odd': '\ufffd' },
      body: 'a\ufffdb',
    });
  });

  it('drops an entry the database refuses and writes its neighbours, and never throws to the caller', async () => {
    const { log, lines } = writer();
    const connectorId = randomUUID();
    log.record(deliveryRecord({ connectorId, status: 201, receivedAt: pastSecond(0) }));
    log.record(deliveryRecord({ connectorId, status: 202, smsId: 'not a uuid' }));
    log.record(deliveryRecord({ connectorId, status: 203, receivedAt: new Date(Number.NaN) }));
    log.record(refusal({ connectorId, status: 401, receivedAt: new Date(Number.NaN) }));
    log.record(deliveryRecord({ connectorId, status: 204, receivedAt: pastSecond(1) }));
    await log.drain();
    expect((await rowsOf(connectorId)).map((row) => row.status)).toEqual([201, 204]);
    expect(lines.filter((line) => line.level === 50)).toHaveLength(3);
    expect(JSON.stringify(lines)).not.toContain('not a uuid');
  });

  it('records 5 refusals of a connector in one second one by one and the rest as one summary row, and every accepted delivery', async () => {
    const { log } = writer();
    const flooded = randomUUID();
    const neighbour = randomUUID();
    for (let i = 0; i < 50; i++) {
      log.record(refusal({ connectorId: flooded, receivedAt: pastSecond(i * 10), status: i === 49 ? 403 : 401 }));
      log.record(deliveryRecord({ connectorId: flooded, receivedAt: pastSecond(i * 10 + 1) }));
    }
    for (let i = 0; i < 3; i++) log.record(refusal({ connectorId: neighbour, receivedAt: pastSecond(i) }));
    // The next second starts a new count.
    log.record(refusal({ connectorId: flooded, receivedAt: pastSecond(1500) }));
    await log.drain();

    const rows = await rowsOf(flooded);
    expect(rows.filter((row) => row.outcome === 'accepted')).toHaveLength(50);
    const refused = rows.filter((row) => row.outcome === 'refused');
    const summaries = refused.filter((row) => (row.reason_sentence as { key: string }).key === 'delivery.summarised');
    expect(refused).toHaveLength(5 + 1 + 1);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      status: 403,
      reason: '45 more refusals in this second, not recorded one by one',
      reason_sentence: { key: 'delivery.summarised', params: { count: 45 } },
    });
    expect(await rowsOf(neighbour)).toHaveLength(3);
  });

  it('counts refusals without a connector in one shared bucket', async () => {
    const { log } = writer({ refusalsPerSecond: 2 });
    const receivedAt = pastSecond(0);
    const provider = 'cm';
    const before = await unmatchedCount(receivedAt);
    for (let i = 0; i < 4; i++) log.record(refusal({ provider, receivedAt, status: 404 }));
    await log.drain();
    expect((await unmatchedCount(receivedAt)) - before).toBe(3);
  });

  it('keeps what it could not write while the database is away, and writes it once it is back', async () => {
    const { log, lines } = writer({ maxQueued: 3 });
    const connectorId = randomUUID();
    await sql`alter table delivery_attempt rename to delivery_attempt_away`.execute(db());
    try {
      for (let i = 0; i < 5; i++) log.record(deliveryRecord({ connectorId, status: 200 + i }));
      await log.drain();
      await log.drain();
    } finally {
      await sql`alter table delivery_attempt_away rename to delivery_attempt`.execute(db());
    }
    const failures = lines.filter((line) => String(line.msg).includes('writing failed'));
    expect(failures).toHaveLength(1);
    expect(await rowsOf(connectorId)).toHaveLength(0);

    log.record(deliveryRecord({ connectorId, status: 299 }));
    await log.drain();
    // The oldest entries went when the queue was full; the rest, and what came later, are written.
    expect((await rowsOf(connectorId)).map((row) => row.status).sort()).toEqual([203, 204, 299]);
    const recovered = lines.filter((line) => line.level === 40 && String(line.msg).includes('written again'));
    expect(recovered).toEqual([expect.objectContaining({ dropped: 3 })]);
    expect(JSON.stringify(lines)).not.toContain(connectorId);
  });

  it('writes what is queued when stopped, the summary of the current second too', async () => {
    const { log } = writer({ refusalsPerSecond: 1 });
    const connectorId = randomUUID();
    log.start();
    const now = new Date();
    for (let i = 0; i < 3; i++) log.record(refusal({ connectorId, receivedAt: now }));
    await log.stop();
    const rows = await rowsOf(connectorId);
    expect(rows.map((row) => row.reason).sort()).toEqual([
      '2 more refusals in this second, not recorded one by one',
      'The token is missing or wrong',
    ]);
  });
});

async function unmatchedCount(receivedAt: Date): Promise<number> {
  const { count } = await db()
    .selectFrom('delivery_attempt')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('connector_id', 'is', null)
    .where('received_at', '=', receivedAt)
    .executeTakeFirstOrThrow();
  return Number(count);
}

describe('the delivery log sweeper', () => {
  it('deletes rows older than the retention period, in chunks, and keeps the rest', async () => {
    const { log } = writer();
    const connectorId = randomUUID();
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    for (const days of [30, 9, 8, 7.01, 6.9, 1, 0])
      log.record(deliveryRecord({ connectorId, receivedAt: daysAgo(days) }));
    await log.drain();
    expect(await rowsOf(connectorId)).toHaveLength(7);

    const sweeper = new DeliveryLogSweeper(db(), { retentionDays: 7, chunkSize: 2 });
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(4);
    const kept = (await rowsOf(connectorId)).map((row) =>
      Math.round((Date.now() - row.received_at.getTime()) / 8.64e6),
    );
    expect(kept).toEqual([69, 10, 0]);
  });

  it('sweeps once when the writer starts with a retention period', async () => {
    const connectorId = randomUUID();
    const { log: filler } = writer();
    filler.record(deliveryRecord({ connectorId, receivedAt: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000) }));
    filler.record(deliveryRecord({ connectorId }));
    await filler.drain();
    const { log } = writer({ retentionDays: 2 });
    log.start();
    await log.stop();
    expect(await rowsOf(connectorId)).toHaveLength(1);
  });
});
