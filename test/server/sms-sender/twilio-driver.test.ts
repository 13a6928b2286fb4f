import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioDriver } from '../../../server/sms-sender/twilio-driver';
import { gatewayTransport, startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';

// The Twilio driver against the fake gateway over real HTTP.

let gateway: FakeSmsGateway;
beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

const sms = { to: '+491701234567', from: '+4930123456', text: 'Hello & "welcome"\n😀', reference: 'out-1' };

function driver(authToken = gateway.twilio.authToken) {
  const { baseUrl, transport } = gatewayTransport(gateway);
  return twilioDriver({ accountSid: gateway.twilio.accountSid, baseUrl }, { authToken }, transport);
}

describe('the Twilio driver', () => {
  it('sends To, From, Body and StatusCallback as a form with basic auth, and answers the sid', async () => {
    const before = gateway.received.length;
    const result = await driver().send({ ...sms, statusCallbackUrl: 'https://switchboard.example/status/twilio' });
    expect(result).toMatchObject({ kind: 'sent' });
    expect(result.kind === 'sent' && result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    const request = gateway.received[before]!;
    expect(request.api).toBe('twilio');
    expect(request.url).toBe(`/2010-04-01/Accounts/${gateway.twilio.accountSid}/Messages.json`);
    expect(request.fields).toEqual({
      To: sms.to,
      From: sms.from,
      Body: sms.text,
      StatusCallback: 'https://switchboard.example/status/twilio',
    });
  });

  it('says Twilio’s code and message when it refuses, not retryable', async () => {
    gateway.failNext('twilio', {
      status: 400,
      code: 21211,
      message: "The 'To' number +49 is not a valid phone number.",
    });
    const result = await driver().send(sms);
    expect(result).toEqual({
      kind: 'failed',
      retryable: false,
      error: "Twilio 21211: The 'To' number +49 is not a valid phone number. (HTTP 400)",
    });
  });

  it('retries 429 and 5xx', async () => {
    gateway.failNext('twilio', { status: 429, code: 20429, message: 'Too Many Requests', times: 1 });
    expect(await driver().send(sms)).toMatchObject({
      kind: 'failed',
      retryable: true,
      error: expect.stringContaining('20429'),
    });
    gateway.failNext('twilio', { status: 503, code: 20503, message: 'Service unavailable', times: 1 });
    expect(await driver().send(sms)).toMatchObject({ kind: 'failed', retryable: true });
    expect(await driver().send(sms)).toMatchObject({ kind: 'sent' });
  });

  it('refuses wrong credentials without putting them in the error', async () => {
    const wrong = 'wrong-token-0123456789';
    const result = await driver(wrong).send(sms);
    expect(result).toMatchObject({ kind: 'failed', retryable: false, error: 'Twilio 20003: Authenticate (HTTP 401)' });
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(JSON.stringify(result)).not.toContain(
      Buffer.from(`${gateway.twilio.accountSid}:${wrong}`).toString('base64'),
    );
  });
});
