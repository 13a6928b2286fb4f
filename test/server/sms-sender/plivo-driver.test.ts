import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plivoDriver } from '../../../server/sms-sender/plivo-driver';
import { gatewayTransport, startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';

// The Plivo driver against the fake gateway over real HTTP.

let gateway: FakeSmsGateway;
beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

const sms = { to: '+491701234567', from: '+4930123456', text: 'Wir melden uns 😀', reference: 'out-9' };

function driver(authToken = gateway.plivo.authToken) {
  const { baseUrl, transport } = gatewayTransport(gateway);
  return plivoDriver({ authId: gateway.plivo.authId, baseUrl }, { authToken }, transport);
}

describe('the Plivo driver', () => {
  it('sends src, dst, text and the status url as JSON with basic auth, and answers message_uuid[0]', async () => {
    const result = await driver().send({ ...sms, statusCallbackUrl: 'https://switchboard.example/status/plivo' });
    expect(result).toMatchObject({ kind: 'sent', providerMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const request = gateway.received.at(-1)!;
    expect(request.url).toBe(`/v1/Account/${gateway.plivo.authId}/Message/`);
    expect(request.fields).toEqual({
      src: sms.from,
      dst: sms.to,
      text: sms.text,
      url: 'https://switchboard.example/status/plivo',
      method: 'POST',
    });
  });

  it('says Plivo’s error when it refuses, not retryable', async () => {
    gateway.failNext('plivo', { status: 400, message: 'dst number is not a valid number' });
    expect(await driver().send(sms)).toEqual({
      kind: 'failed',
      retryable: false,
      error: 'Plivo: dst number is not a valid number (HTTP 400)',
    });
  });

  it('retries 429 and 5xx', async () => {
    gateway.failNext('plivo', { status: 429, message: 'too many requests', times: 2 });
    expect(await driver().send(sms)).toMatchObject({ kind: 'failed', retryable: true });
    expect(await driver().send(sms)).toMatchObject({ kind: 'failed', retryable: true });
    gateway.failNext('plivo', { status: 502, message: 'bad gateway' });
    expect(await driver().send(sms)).toMatchObject({ kind: 'failed', retryable: true });
    expect(await driver().send(sms)).toMatchObject({ kind: 'sent' });
  });

  it('refuses wrong credentials without putting them in the error', async () => {
    const wrong = 'wrong-plivo-token-42';
    const result = await driver(wrong).send(sms);
    expect(result).toEqual({
      kind: 'failed',
      retryable: false,
      error: 'Plivo: Authentication credentials invalid (HTTP 401)',
    });
    expect(JSON.stringify(result)).not.toContain(wrong);
  });
});
