import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSettings, type HttpCredentials } from '../../../contract/send-drivers';
import { httpDriver } from '../../../server/sms-sender/http-driver';
import { gatewayTransport, startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';

// The generic HTTP driver against the fake gateway over real HTTP: each placeholder escaped for
// where it stands, so that a text with quotes, ampersands, line breaks and emoji arrives as written.

let gateway: FakeSmsGateway;
beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

const hostile = 'He said "hi" & left\nline 2 😀 {{to}} ?x=1#y';
const sms = { to: '+491701234567', from: 'Acme Ltd', text: hostile, reference: 'ref/1 2' };

function driver(settings: Record<string, unknown>, credentials: HttpCredentials = {}) {
  const { baseUrl, transport } = gatewayTransport(gateway);
  const parsed = httpSettings.parse({ ...settings, url: String(settings.url).replace('{{base}}', baseUrl) });
  return httpDriver(parsed, credentials, transport);
}
const last = () => gateway.received.at(-1)!;

describe('the generic HTTP driver', () => {
  it('escapes values inside JSON strings in a JSON body', async () => {
    const result = await driver({
      url: '{{base}}/send',
      body: '{"to":"{{to}}","from":"{{from}}","text":"{{text}}","ref":"{{reference}}"}',
      bodyType: 'json',
      messageIdPath: 'messages.0.id',
    }).send(sms);
    expect(result).toMatchObject({ kind: 'sent', providerMessageId: expect.stringMatching(/^gw-/) });
    expect(last().headers['content-type']).toContain('application/json');
    expect(JSON.parse(last().body)).toEqual({ to: sms.to, from: sms.from, text: hostile, ref: sms.reference });
  });

  it('form-encodes values in a form body and URL-encodes them in the URL', async () => {
    await driver({
      method: 'POST',
      url: '{{base}}/send/{{reference}}?to={{to}}&text={{text}}',
      body: 'to={{to}}&text={{text}}&from={{from}}',
      bodyType: 'form',
    }).send(sms);
    const request = last();
    expect(request.fields).toEqual({ to: sms.to, text: hostile, from: sms.from });
    const url = new URL(request.url, 'http://x');
    expect(url.pathname).toBe(`/send/${encodeURIComponent(sms.reference)}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ to: sms.to, text: hostile });
    expect(url.hash).toBe('');
  });

  it('sends a GET without a body, headers with line breaks removed, and its secret headers', async () => {
    const secret = 'Bearer s3cr3t-gateway-key';
    const result = await driver(
      { method: 'GET', url: '{{base}}/get?text={{text}}', headers: { 'X-Text': '{{text}}' } },
      { secretHeaders: { Authorization: secret } },
    ).send(sms);
    expect(result).toMatchObject({ kind: 'sent' });
    const request = last();
    expect(request.method).toBe('GET');
    expect(request.body).toBe('');
    // Beyond ASCII is percent-encoded (headers carry no emoji), the line break is a space.
    expect(request.headers['x-text']).toBe(`He said "hi" & left line 2 ${encodeURIComponent('😀')} {{to}} ?x=1#y`);
    expect(request.headers.authorization).toBe(secret);
  });

  it('answers null as the id when there is none, and refusals with the gateway’s words', async () => {
    const settings = { url: '{{base}}/send', body: '{"text":"{{text}}"}', messageIdPath: 'nothing.here' };
    expect(await driver(settings).send(sms)).toEqual({ kind: 'sent', providerMessageId: null });
    gateway.failNext('http', { status: 422, message: 'number blocked' });
    expect(await driver(settings).send(sms)).toEqual({
      kind: 'failed',
      retryable: false,
      error: 'The gateway answered HTTP 422: {"error":"number blocked"}',
    });
    gateway.failNext('http', { status: 503 });
    expect(await driver(settings).send(sms)).toMatchObject({ kind: 'failed', retryable: true });
  });

  it('keeps basic auth and secret headers out of its errors', async () => {
    const password = 'basic-pass-123456';
    const secret = 'token-abcdef-987';
    const original = gateway.httpAnswer;
    gateway.httpAnswer = (request) => ({ status: 401, body: { echo: request.headers } });
    try {
      const result = await driver(
        { url: '{{base}}/send', body: '{}' },
        { username: 'user', password, secretHeaders: { 'X-Key': secret } },
      ).send(sms);
      expect(result).toMatchObject({ kind: 'failed', retryable: false });
      const text = JSON.stringify(result);
      expect(text).not.toContain(password);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(`user:${password}`).toString('base64'));
    } finally {
      gateway.httpAnswer = original;
    }
  });
});
