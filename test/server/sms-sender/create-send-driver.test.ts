import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendDriver } from '../../../server/sms-sender/create-send-driver';
import { encryptSecret, parseSecretKey } from '../../../server/sms-sender/credential-cipher';
import { gatewayTransport, startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';

// A driver built from a stored send connector: its credentials decrypted, its base URL through the
// SSRF guard; one that cannot send says why on every send. And the fake gateway's status callbacks.

let gateway: FakeSmsGateway;
const key = parseSecretKey(randomBytes(32).toString('hex'));
beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

const sms = { to: '+491701234567', from: '+4930123456', text: 'Hi', reference: 'r1' };

function twilioRow(baseUrl: string, credentials: object | null = { authToken: gateway.twilio.authToken }) {
  return {
    driver: 'twilio' as const,
    settings: { accountSid: gateway.twilio.accountSid, baseUrl },
    credentials_encrypted: credentials === null ? null : encryptSecret(key, JSON.stringify(credentials)),
  };
}

describe('a driver built from a send connector', () => {
  it('decrypts the credentials and sends', async () => {
    const { baseUrl, transport } = gatewayTransport(gateway);
    const driver = createSendDriver(twilioRow(baseUrl), { ...transport, secretKey: key });
    expect(await driver.send(sms)).toMatchObject({ kind: 'sent' });
  });

  it('cannot reach a loopback or unallowed private base URL: the guard refuses, not retryable', async () => {
    const { transport } = gatewayTransport(gateway);
    const loopback = createSendDriver(twilioRow(gateway.url), { ...transport, secretKey: key });
    expect(await loopback.send(sms)).toMatchObject({
      kind: 'failed',
      retryable: false,
      error: expect.stringContaining('internal address'),
    });
    const notAllowed = createSendDriver(twilioRow(`http://gateway.test:${gateway.port}`), {
      ...transport,
      allowedHosts: new Set(),
      secretKey: key,
    });
    expect(await notAllowed.send(sms)).toMatchObject({ kind: 'failed', retryable: false });
  });

  it('fails every send, saying why, without credentials or without the key', async () => {
    const { baseUrl, transport } = gatewayTransport(gateway);
    const none = createSendDriver(twilioRow(baseUrl, null), { ...transport, secretKey: key });
    expect(await none.send(sms)).toEqual({
      kind: 'failed',
      retryable: false,
      error: 'The send connector cannot send: it has no credentials; enter them on the send connector',
    });
    const keyless = createSendDriver(twilioRow(baseUrl), { ...transport, secretKey: undefined });
    expect(await keyless.send(sms)).toMatchObject({
      retryable: false,
      error: expect.stringContaining('SWITCHBOARD_SECRET_KEY'),
    });
    const otherKey = createSendDriver(twilioRow(baseUrl), {
      ...transport,
      secretKey: parseSecretKey(randomBytes(32).toString('hex')),
    });
    expect(await otherKey.send(sms)).toMatchObject({
      retryable: false,
      error: expect.stringContaining('cannot be decrypted'),
    });
  });
});

describe('the fake gateway’s status callbacks', () => {
  let received: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    received = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('post Twilio’s MessageStatus, Vonage’s DLR and Plivo’s status', async () => {
    expect(await gateway.sendTwilioStatus(url, { MessageSid: 'SM1', MessageStatus: 'delivered' })).toBe(200);
    expect(await gateway.sendVonageDlr(url, { messageId: 'ABC', status: 'delivered' })).toBe(200);
    expect(await gateway.sendPlivoStatus(url, { MessageUUID: 'u-1', Status: 'failed', ErrorCode: '200' })).toBe(200);
    expect(Object.fromEntries(new URLSearchParams(received[0]!.body))).toMatchObject({
      MessageSid: 'SM1',
      MessageStatus: 'delivered',
    });
    expect(received[0]!.headers['x-twilio-signature']).toBeTruthy();
    expect(JSON.parse(received[1]!.body)).toMatchObject({ messageId: 'ABC', status: 'delivered', 'err-code': '0' });
    expect(Object.fromEntries(new URLSearchParams(received[2]!.body))).toMatchObject({
      MessageUUID: 'u-1',
      Status: 'failed',
    });
    expect(received[2]!.headers['x-plivo-signature-v3']).toBeTruthy();
  });
});
