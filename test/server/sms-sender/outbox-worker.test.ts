import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../server/http/api-error';
import { MAX_SEGMENTS } from '../../../server/sms-sender/enqueue-sms';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import { createTenant, waitFor } from '../../support/fixtures';
import { useTestServer } from '../../support/test-server';
import {
  enqueue,
  enqueueAsLeftByDeadInstance,
  gatewayConnector,
  gatewayNetwork,
  outbound,
  untilStatus,
} from './outbox-support';

// The SMS outbox on one server, over real HTTP: messages enqueued in a transaction reach the fake
// gateway once, are retried on passing failures, fail for good with the provider's words, keep
// to the connector's rate, and move on with the provider's signed delivery reports.

const key = randomBytes(32).toString('base64');
const MAX_ATTEMPTS = 4;
const server = useTestServer({
  env: {
    SWITCHBOARD_SECRET_KEY: key,
    SWITCHBOARD_SMS_RETRY_BASE_MS: '50',
    SWITCHBOARD_SMS_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  },
  httpNetwork: gatewayNetwork(),
});
let gateway: FakeSmsGateway;
let clientId: string;
const db = () => server.switchboard.database.db;

beforeAll(async () => {
  gateway = await startFakeSmsGateway();
  clientId = (await createTenant(server.admin, { client: 'Outbox client' })).clientId;
});
afterAll(() => gateway.close());

let serial = 0;
/** Enqueues one message through `sendConnectorId` and wakes the worker (PGlite has no notifications). */
async function send(sendConnectorId: string, text = `Reply ${++serial} ${randomUUID()}`) {
  const row = await enqueue(db(), { clientId, sendConnectorId, to: '+491701112222', text, origin: 'agent' });
  server.switchboard.smsOutbox.kick();
  return row;
}
const receivedWith = (text: string) =>
  gateway.received.filter((r) => JSON.stringify(r.fields ?? {}).includes(JSON.stringify(text).slice(1, -1)));
const callbackOf = (driver: string, connectorId: string) => `${server.url}/SMSReceiver/${driver}/status/${connectorId}`;

describe('the SMS outbox with Twilio', () => {
  let connector: { id: string };
  beforeAll(async () => {
    connector = await gatewayConnector(server.admin, gateway, clientId, 'twilio');
  });

  it('sends a message once, records the provider id, and is delivered by a status callback', async () => {
    const row = await send(connector.id, 'Your parcel is on its way');
    expect(row).toMatchObject({ status: 'queued', from: '+4930999000', segments: 1, encoding: 'GSM-7' });
    const sent = await untilStatus(server.admin, row.id, 'sent');
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const received = receivedWith('Your parcel is on its way');
    expect(received).toHaveLength(1);
    expect(received[0]!.fields).toMatchObject({
      To: '+491701112222',
      From: '+4930999000',
      StatusCallback: callbackOf('twilio', connector.id),
    });

    const status = await gateway.sendTwilioStatus(callbackOf('twilio', connector.id), {
      MessageSid: sent.providerMessageId!,
      MessageStatus: 'delivered',
    });
    expect(status).toBe(200);
    expect(await outbound(server.admin, row.id)).toMatchObject({ status: 'delivered', error: null });

    // Late and out of order: a 'sent' and a 'failed' after 'delivered' change nothing.
    for (const MessageStatus of ['sent', 'failed'])
      expect(
        await gateway.sendTwilioStatus(callbackOf('twilio', connector.id), {
          MessageSid: sent.providerMessageId!,
          MessageStatus,
          ErrorCode: '30003',
        }),
      ).toBe(200);
    expect(await outbound(server.admin, row.id)).toMatchObject({ status: 'delivered', error: null });
    expect(receivedWith('Your parcel is on its way')).toHaveLength(1);
  });

  it('refuses a status callback with a wrong signature and leaves the message as it was', async () => {
    const row = await send(connector.id);
    const sent = await untilStatus(server.admin, row.id, 'sent');
    const response = await fetch(callbackOf('twilio', connector.id), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGl0' },
      body: new URLSearchParams({ MessageSid: sent.providerMessageId!, MessageStatus: 'delivered' }).toString(),
    });
    expect(response.status).toBe(401);
    expect(await outbound(server.admin, row.id)).toMatchObject({ status: 'sent' });
  });

  it('answers a report for an unknown id 200 and logs it as ignored', async () => {
    const status = await gateway.sendTwilioStatus(callbackOf('twilio', connector.id), {
      MessageSid: 'SMffffffffffffffffffffffffffffffff',
      MessageStatus: 'delivered',
    });
    expect(status).toBe(200);
    const logged = await waitFor('the ignored report in the delivery log', async () => {
      const rows = await db()
        .selectFrom('delivery_attempt')
        .select(['outcome', 'reason', 'client_id', 'status'])
        .where('reason', 'like', '%SMffffffffffffffffffffffffffffffff%')
        .execute();
      return rows[0];
    });
    expect(logged).toMatchObject({ outcome: 'ignored', client_id: clientId, status: 200 });
  });

  it('answers 404 for a report to a send connector that does not exist', async () => {
    const status = await gateway.sendTwilioStatus(callbackOf('twilio', randomUUID()), {
      MessageSid: 'SM00000000000000000000000000000000',
      MessageStatus: 'delivered',
    });
    expect(status).toBe(404);
  });

  it('retries 429 and 5xx with backoff, then sends', async () => {
    gateway.failNext('twilio', { status: 429, code: 20429, message: 'Too Many Requests', times: 1 });
    const first = await send(connector.id, 'Retried once');
    await untilStatus(server.admin, first.id, 'sent');
    gateway.failNext('twilio', { status: 503, code: 20500, message: 'Service unavailable', times: 2 });
    const row = await send(connector.id, 'Retried twice');
    const sent = await untilStatus(server.admin, row.id, 'sent');
    expect(sent).toMatchObject({ attempts: 3, error: null, providerMessageId: expect.stringMatching(/^SM/) });
    expect(receivedWith('Retried twice')).toHaveLength(3);
    const stored = await db().selectFrom('outbound_sms').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    // The third attempt waited for two backoffs (50 ms, then 100 ms, each ±25 %).
    expect(stored.attempted_at!.getTime() - stored.created_at.getTime()).toBeGreaterThanOrEqual(100);
  });

  it('fails at once, with the provider’s words, when the provider refuses the message', async () => {
    gateway.failNext('twilio', { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const row = await send(connector.id, 'Refused');
    const failed = await untilStatus(server.admin, row.id, 'failed');
    expect(failed.attempts).toBe(1);
    expect(failed.error).toContain('21211');
    expect(failed.error).toContain("The 'To' number is not a valid phone number.");
  });

  it(`fails after ${MAX_ATTEMPTS} passing failures, visibly, and sends no more`, async () => {
    gateway.failNext('twilio', { status: 500, code: 20500, message: 'Internal Server Error', times: MAX_ATTEMPTS });
    const row = await send(connector.id, 'Never through');
    const failed = await untilStatus(server.admin, row.id, 'failed');
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, error: expect.stringContaining('Internal Server Error') });
    const list = await server.admin.get(`/api/outbound-sms?clientId=${clientId}&status=failed`);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(row.id);
    expect(receivedWith('Never through')).toHaveLength(MAX_ATTEMPTS);
  });

  it('keeps to the connector’s rate: 20 messages at 5/s start over more than 3 s, at most 5 in any second', async () => {
    const slow = await gatewayConnector(server.admin, gateway, clientId, 'twilio', { ratePerSecond: 5 });
    const rows = await db()
      .transaction()
      .execute(async (trx) => {
        const { enqueueSms } = await import('../../../server/sms-sender/enqueue-sms');
        const made = [];
        for (let i = 0; i < 20; i++)
          made.push(
            await enqueueSms(trx, {
              clientId,
              sendConnectorId: slow.id,
              to: '+491701112222',
              text: `Rate ${i}`,
              origin: 'system',
            }),
          );
        return made;
      });
    server.switchboard.smsOutbox.kick();
    await waitFor(
      'all 20 sent',
      async () => {
        const sent = await db()
          .selectFrom('outbound_sms')
          .select('id')
          .where('send_connector_id', '=', slow.id)
          .where('status', '=', 'sent')
          .execute();
        return sent.length === 20;
      },
      30_000,
    );
    const times = await db()
      .selectFrom('outbound_sms')
      .select(['attempted_at', 'sent_at'])
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const attempted = times.map((t) => t.attempted_at!.getTime()).sort((x, y) => x - y);
    expect(attempted.at(-1)! - attempted[0]!).toBeGreaterThanOrEqual(3000);
    for (const start of attempted)
      expect(attempted.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    const sentTimes = times.map((t) => t.sent_at!.getTime());
    expect(Math.max(...sentTimes) - Math.min(...sentTimes)).toBeGreaterThanOrEqual(2500);
  }, 40_000);

  it('sends nothing of a transaction that rolled back', async () => {
    const text = `Rolled back ${randomUUID()}`;
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          const { enqueueSms } = await import('../../../server/sms-sender/enqueue-sms');
          await enqueueSms(trx, {
            clientId,
            sendConnectorId: connector.id,
            to: '+491701112222',
            text,
            origin: 'agent',
          });
          throw new Error('the cause failed');
        }),
    ).rejects.toThrow('the cause failed');
    const marker = await send(connector.id);
    await untilStatus(server.admin, marker.id, 'sent');
    expect(await db().selectFrom('outbound_sms').select('id').where('text', '=', text).execute()).toEqual([]);
    expect(receivedWith(text)).toHaveLength(0);
  });

  it('marks a message whose sending instance died mid-send as failed, outcome unknown, and does not resend it', async () => {
    const row = await enqueueAsLeftByDeadInstance(db(), {
      clientId,
      sendConnectorId: connector.id,
      to: '+491701112222',
      text: 'Lost answer',
      origin: 'agent',
    });
    server.switchboard.smsOutbox.kick();
    const failed = await untilStatus(server.admin, row.id, 'failed');
    expect(failed.error).toMatch(/^Outcome unknown/);
    expect(failed.error).toContain(row.id);
  });
});

describe('the SMS outbox with a generic gateway given the reference', () => {
  it('sends again a message whose sending instance died mid-send: the gateway can recognise the copy', async () => {
    const connector = await gatewayConnector(server.admin, gateway, clientId, 'http');
    const row = await enqueueAsLeftByDeadInstance(db(), {
      clientId,
      sendConnectorId: connector.id,
      to: '+491701112222',
      text: 'Resent',
      origin: 'agent',
    });
    server.switchboard.smsOutbox.kick();
    const sent = await untilStatus(server.admin, row.id, 'sent');
    expect(sent).toMatchObject({ attempts: 2, providerMessageId: expect.stringMatching(/^gw-/) });
    expect(receivedWith('Resent')[0]!.fields).toMatchObject({ reference: row.id });
  });
});

describe('the SMS outbox with Plivo', () => {
  it('passes its status URL, and a signed report of failure fails the message with Plivo’s error', async () => {
    const connector = await gatewayConnector(server.admin, gateway, clientId, 'plivo');
    const row = await send(connector.id, 'Plivo message');
    const sent = await untilStatus(server.admin, row.id, 'sent');
    expect(receivedWith('Plivo message')[0]!.fields).toMatchObject({
      url: callbackOf('plivo', connector.id),
      method: 'POST',
    });
    const url = callbackOf('plivo', connector.id);
    expect(await gateway.sendPlivoStatus(url, { MessageUUID: sent.providerMessageId!, Status: 'sent' })).toBe(200);
    expect(await outbound(server.admin, row.id)).toMatchObject({ status: 'sent' });
    expect(
      await gateway.sendPlivoStatus(url, {
        MessageUUID: sent.providerMessageId!,
        Status: 'undelivered',
        ErrorCode: '200',
      }),
    ).toBe(200);
    expect(await outbound(server.admin, row.id)).toMatchObject({
      status: 'failed',
      error: 'Plivo reported undelivered, error code 200',
    });
  });
});

describe('the SMS outbox with Vonage', () => {
  it('passes a callback URL with its token; a receipt with it is applied, one without is refused', async () => {
    const connector = await gatewayConnector(server.admin, gateway, clientId, 'vonage');
    const row = await send(connector.id, 'Vonage message');
    const sent = await untilStatus(server.admin, row.id, 'sent');
    const callback = receivedWith('Vonage message')[0]!.fields!.callback as string;
    expect(callback).toMatch(new RegExp(`^${callbackOf('vonage', connector.id)}\\?token=[A-Za-z0-9_-]{32}$`));
    expect(
      await gateway.sendVonageDlr(callbackOf('vonage', connector.id), {
        messageId: sent.providerMessageId!,
        status: 'delivered',
      }),
    ).toBe(401);
    expect(
      await gateway.sendVonageDlr(`${callbackOf('vonage', connector.id)}?token=${'x'.repeat(32)}`, {
        messageId: sent.providerMessageId!,
        status: 'delivered',
      }),
    ).toBe(401);
    expect(await outbound(server.admin, row.id)).toMatchObject({ status: 'sent' });
    expect(await gateway.sendVonageDlr(callback, { messageId: sent.providerMessageId!, status: 'delivered' })).toBe(
      204,
    );
    expect(await outbound(server.admin, row.id)).toMatchObject({ status: 'delivered' });
  });
});

describe('enqueueing', () => {
  const refusal = async (fields: Partial<Parameters<typeof enqueue>[1]>) => {
    const connector = await gatewayConnector(server.admin, gateway, clientId, 'twilio');
    try {
      await enqueue(db(), {
        clientId,
        sendConnectorId: connector.id,
        to: '+491701112222',
        text: 'Hi',
        origin: 'agent',
        ...fields,
      });
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, field: error.field, message: error.message };
      throw error;
    }
    throw new Error('not refused');
  };

  it('refuses, naming the field and why', async () => {
    const other = (await createTenant(server.admin, { client: 'Other client' })).clientId;
    const foreign = await gatewayConnector(server.admin, gateway, other, 'twilio');
    expect(await refusal({ sendConnectorId: randomUUID() })).toMatchObject({
      field: 'sendConnectorId',
      message: expect.stringContaining('no send connector'),
    });
    expect(await refusal({ sendConnectorId: foreign.id })).toMatchObject({
      field: 'sendConnectorId',
      message: expect.stringContaining('another client'),
    });
    expect(await refusal({ text: '  ' })).toMatchObject({ field: 'text', message: 'The text is empty' });
    expect(await refusal({ text: 'a'.repeat(153 * MAX_SEGMENTS + 1) })).toMatchObject({
      field: 'text',
      message: `The text needs 11 SMS; at most ${MAX_SEGMENTS} go out as one message`,
    });
    expect(await refusal({ to: '0170 1112222' })).toMatchObject({ field: 'to' });
    expect(await refusal({ from: 'Far too long a sender' })).toMatchObject({ field: 'from' });
  });

  it('counts segments and takes the encoding from the text; an alphanumeric sender where the driver allows one', async () => {
    const connector = await gatewayConnector(server.admin, gateway, clientId, 'twilio');
    const row = await enqueue(db(), {
      clientId,
      sendConnectorId: connector.id,
      to: '+491701112222',
      from: 'Acme',
      text: 'Grüße 😀'.repeat(10),
      origin: 'workflow',
    });
    expect(row).toMatchObject({ from: 'Acme', encoding: 'UCS-2', segments: 2, origin: 'workflow' });
    server.switchboard.smsOutbox.kick();
    await untilStatus(server.admin, row.id, 'sent');
  });
});
