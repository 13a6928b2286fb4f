import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentence } from '../../../../i18n/sentence';
import { telnyxAdapter } from '../../../../server/sms-receiver/providers/telnyx';
import { webhookRequest } from './webhook-request';

// Telnyx publishes no fixed signature vector (its SDK tests sign with a fresh key pair), so this
// one is built as the SDK verifies it: Ed25519 over `${timestamp}|${body}`, a fixed seed.
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const privateKey = createPrivateKey({
  key: Buffer.from(PKCS8_ED25519_PREFIX + '11'.repeat(32), 'hex'),
  format: 'der',
  type: 'pkcs8',
});
/** The raw 32-byte key, base64, as Mission Control shows it. */
const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
const otherPublicKey = createPublicKey(
  createPrivateKey({ key: Buffer.from(PKCS8_ED25519_PREFIX + '22'.repeat(32), 'hex'), format: 'der', type: 'pkcs8' }),
)
  .export({ type: 'spki', format: 'der' })
  .subarray(-32)
  .toString('base64');

const URL = 'https://switchboard.example.com/SMSReceiver/telnyx';
const TIMESTAMP = '1548267002';
const NOW = new Date(Number(TIMESTAMP) * 1000 + 30_000);

// developers.telnyx.com/api-reference/callbacks/inbound-message
const documentedPayload = {
  data: {
    record_type: 'event',
    id: 'bf6307bd-884d-4c1f-b6ea-c62b8c495d3c',
    event_type: 'message.received',
    occurred_at: '2019-01-23T18:10:02.574Z',
    payload: {
      record_type: 'message',
      direction: 'inbound',
      id: '7ee4241c-f127-47e5-9c34-3aac291f8058',
      type: 'SMS',
      messaging_profile_id: '0f512bda-ae1e-4597-8e11-e5f5686b97d3',
      organization_id: 'b448f9cc-a842-4784-98e9-03c1a5872950',
      from: { phone_number: '+18665550001', carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless' },
      to: [{ phone_number: '+18445550001', status: 'delivered', carrier: 'TELNYX LLC', line_type: 'VoIP' }],
      cc: [],
      text: 'Hello, World!',
      media: [],
      encoding: 'GSM-7',
      parts: 1,
      tags: ['Greetings'],
    },
  },
  meta: { attempt: 1, delivered_to: 'https://example.com/webhooks' },
};
const documentedBody = JSON.stringify(documentedPayload);

const signatureOf = (timestamp: string, body: string) =>
  sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), privateKey).toString('base64');

function signedRequest(body = documentedBody, headers: Record<string, string> = {}, now = NOW) {
  return webhookRequest({
    url: URL,
    contentType: 'application/json',
    body,
    headers: {
      'Telnyx-Signature-Ed25519': signatureOf(TIMESTAMP, body),
      'Telnyx-Timestamp': TIMESTAMP,
      ...headers,
    },
    now,
  });
}

describe('telnyxAdapter.parse', () => {
  it('reads the documented message.received payload', () => {
    expect(telnyxAdapter.parse(signedRequest())).toEqual({
      kind: 'message',
      message: {
        sender: '+18665550001',
        receiver: '+18445550001',
        text: 'Hello, World!',
        messageId: '7ee4241c-f127-47e5-9c34-3aac291f8058',
        fields: documentedPayload,
      },
    });
  });

  it('ignores the other event types', () => {
    const finalized = JSON.stringify({ data: { ...documentedPayload.data, event_type: 'message.finalized' } });
    expect(telnyxAdapter.parse(signedRequest(finalized))).toEqual({
      kind: 'ignored',
      reason: sentence('delivery.ignored.event', { type: 'message.finalized' }),
    });
  });

  it('names what is wrong in a hostile body, and never throws', () => {
    const payloadWith = (changes: Record<string, unknown>) =>
      JSON.stringify({
        data: { ...documentedPayload.data, payload: { ...documentedPayload.data.payload, ...changes } },
      });
    const cases: Array<[string, object]> = [
      ['not json', { reason: sentence('delivery.body.notJson') }],
      ['[1,2]', { reason: sentence('delivery.body.notObject') }],
      ['null', { reason: sentence('delivery.body.notObject') }],
      ['{}', { field: 'data', reason: sentence('delivery.field.missing', { field: 'data' }) }],
      ['{"data":"x"}', { field: 'data' }],
      ['{"data":{"event_type":7}}', { field: 'data.event_type' }],
      ['{"data":{"event_type":"message.received"}}', { field: 'data.payload' }],
      [payloadWith({ from: 'x' }), { field: 'data.payload.from' }],
      [payloadWith({ from: { phone_number: 12 } }), { field: 'data.payload.from.phone_number' }],
      [payloadWith({ to: [] }), { field: 'data.payload.to' }],
      [payloadWith({ to: {} }), { field: 'data.payload.to' }],
      [payloadWith({ to: [{}] }), { field: 'data.payload.to[0].phone_number' }],
      [payloadWith({ to: [{ phone_number: '' }] }), { field: 'data.payload.to[0].phone_number' }],
      [payloadWith({ text: ['a'] }), { field: 'data.payload.text' }],
    ];
    for (const [body, expected] of cases) {
      const parsed = telnyxAdapter.parse(webhookRequest({ url: URL, contentType: 'application/json', body }));
      expect(parsed, body).toMatchObject({ kind: 'invalid', ...expected });
    }
  });
});

describe('telnyxAdapter.verify', () => {
  it('accepts the signature made with the key pair', () => {
    expect(telnyxAdapter.verify(signedRequest(), publicKey)).toEqual({ valid: true });
  });

  it('refuses another key, a changed body and a changed timestamp', () => {
    const mismatch = {
      valid: false,
      reason: sentence('delivery.signature.mismatch', { header: 'telnyx-signature-ed25519' }),
    };
    expect(telnyxAdapter.verify(signedRequest(), otherPublicKey)).toEqual(mismatch);
    const changed = signedRequest(documentedBody, { 'Telnyx-Signature-Ed25519': signatureOf(TIMESTAMP, '{}') });
    expect(telnyxAdapter.verify(changed, publicKey)).toEqual(mismatch);
    const otherTime = signedRequest(documentedBody, { 'Telnyx-Timestamp': String(Number(TIMESTAMP) + 1) });
    expect(telnyxAdapter.verify(otherTime, publicKey)).toEqual(mismatch);
  });

  it('refuses a request without its signature headers', () => {
    for (const header of ['telnyx-signature-ed25519', 'telnyx-timestamp']) {
      const request = signedRequest();
      (request.headers as Map<string, string>).delete(header);
      expect(telnyxAdapter.verify(request, publicKey)).toEqual({
        valid: false,
        reason: sentence('delivery.signature.missing', { header }),
      });
    }
  });

  it('refuses a timestamp more than 5 minutes away, either way', () => {
    const late = new Date(Number(TIMESTAMP) * 1000 + 301_000);
    expect(telnyxAdapter.verify(signedRequest(documentedBody, {}, late), publicKey)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.stale', { seconds: 301, limit: 300 }),
    });
    const early = new Date(Number(TIMESTAMP) * 1000 - 400_000);
    expect(telnyxAdapter.verify(signedRequest(documentedBody, {}, early), publicKey)).toMatchObject({ valid: false });
    const edge = new Date(Number(TIMESTAMP) * 1000 + 300_000);
    expect(telnyxAdapter.verify(signedRequest(documentedBody, {}, edge), publicKey)).toEqual({ valid: true });
  });

  it('refuses a malformed signature or timestamp', () => {
    for (const [header, value] of [
      ['Telnyx-Signature-Ed25519', 'invalid_signature'],
      ['Telnyx-Signature-Ed25519', Buffer.alloc(63).toString('base64')],
      ['Telnyx-Timestamp', 'invalid_timestamp'],
    ] as const) {
      expect(telnyxAdapter.verify(signedRequest(documentedBody, { [header]: value }), publicKey)).toEqual({
        valid: false,
        reason: sentence('delivery.signature.malformed', { header: header.toLowerCase() }),
      });
    }
  });

  it('says when the public key cannot be used', () => {
    for (const key of ['invalid_key_format', Buffer.alloc(31).toString('base64'), 'a'.repeat(64), '']) {
      const verdict = telnyxAdapter.verify(signedRequest(), key);
      expect(verdict, key).toMatchObject({ valid: false, reason: { key: 'delivery.signature.unusableSecret' } });
    }
  });
});

describe('telnyxAdapter answers', () => {
  it('acknowledges with 200 and keeps the standard refusal statuses', () => {
    expect(telnyxAdapter.accepted()).toEqual({ status: 200, contentType: 'application/json', body: '{}' });
    expect(telnyxAdapter.refusalStatus('badSignature')).toBe(401);
    expect(telnyxAdapter.refusalStatus('storeFailed')).toBe(500);
    expect(telnyxAdapter.secretFields).toContain('telnyx-signature-ed25519');
  });
});
