import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vonageDriver } from '../../../server/sms-sender/vonage-driver';
import { gatewayTransport, startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';

// The Vonage driver against the fake gateway over real HTTP.

let gateway: FakeSmsGateway;
beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

const sms = { to: '+491701234567', from: 'Acme', text: 'Your order is on its way', reference: 'out-7' };

function driver(apiSecret = gateway.vonage.apiSecret) {
  const { baseUrl, transport } = gatewayTransport(gateway);
  return vonageDriver({ baseUrl }, { apiKey: gateway.vonage.apiKey, apiSecret }, transport);
}

const last = () => gateway.received.at(-1)!;

describe('the Vonage driver', () => {
  it('sends a GSM-7 text as text, numbers without +, and answers the message-id', async () => {
    const result = await driver().send({ ...sms, statusCallbackUrl: 'https://switchboard.example/status/vonage' });
    expect(result).toMatchObject({ kind: 'sent', providerMessageId: expect.stringMatching(/^[0-9A-F]{16}$/) });
    expect(last().url).toBe('/sms/json');
    expect(last().fields).toEqual({
      api_key: gateway.vonage.apiKey,
      api_secret: gateway.vonage.apiSecret,
      from: 'Acme',
      to: '491701234567',
      text: sms.text,
      'client-ref': 'out-7',
      callback: 'https://switchboard.example/status/vonage',
    });
  });

  it('sends type=unicode when the text is not GSM-7', async () => {
    await driver().send({ ...sms, text: 'Danke 😀' });
    expect(last().fields).toMatchObject({ text: 'Danke 😀', type: 'unicode' });
    await driver().send({ ...sms, text: 'Grüße für 5 €' });
    expect(last().fields).not.toHaveProperty('type');
  });

  it('says Vonage’s error-text for a refused message, not retryable', async () => {
    gateway.failNext('vonage', { code: '6', message: 'Invalid Message' });
    expect(await driver().send(sms)).toEqual({
      kind: 'failed',
      retryable: false,
      error: 'Vonage status 6: Invalid Message',
    });
  });

  it('retries status 1 (throttled), 429 and 5xx', async () => {
    gateway.failNext('vonage', { code: '1', message: 'Throughput Rate Exceeded - please wait [ 30 ] and retry' });
    expect(await driver().send(sms)).toMatchObject({
      kind: 'failed',
      retryable: true,
      error: expect.stringContaining('status 1'),
    });
    gateway.failNext('vonage', { status: 429, message: 'Too Many Requests' });
    expect(await driver().send(sms)).toMatchObject({ kind: 'failed', retryable: true });
    gateway.failNext('vonage', { status: 500 });
    expect(await driver().send(sms)).toMatchObject({ kind: 'failed', retryable: true });
    expect(await driver().send(sms)).toMatchObject({ kind: 'sent' });
  });

  it('refuses bad credentials without putting them in the error', async () => {
    const wrong = 'wrongsecret987654';
    const result = await driver(wrong).send(sms);
    expect(result).toEqual({ kind: 'failed', retryable: false, error: 'Vonage status 4: Bad Credentials' });
    expect(JSON.stringify(result)).not.toContain(wrong);
  });
});
