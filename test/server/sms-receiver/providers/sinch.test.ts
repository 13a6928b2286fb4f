import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentence } from '../../../../i18n/sentence';
import { sinchAdapter } from '../../../../server/sms-receiver/providers/sinch';
import { webhookRequest } from './webhook-request';

const URL = 'https://switchboard.example.com/SMSReceiver/sinch';

// sinch-sdk-node packages/sms/tests/rest/v1/callbacks/callbacks-webhook.test.ts
const SDK_VECTOR = {
  body: '{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}',
  nonce: '01JHFFHWYY7HSS4FWTMDTQEK8V',
  timestamp: '1736760161',
  secret: 'SMSWebhooksSecret',
  signature: 'ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=',
};
// sinch-sdk-node packages/sdk-client/tests/utils/authorization.helper.test.ts (Conversation API, same scheme)
const CONVERSATION_VECTOR = {
  body: '{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}',
  nonce: '01FJA8B4A7BM43YGWSG9GBV067',
  timestamp: '1634579353',
  secret: 'foo_secret1234',
  signature: '6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=',
};
type Vector = typeof SDK_VECTOR;

const atTimestamp = (timestamp: string, seconds = 0) => new Date((Number(timestamp) + seconds) * 1000);

function vectorRequest(vector: Vector, headers: Record<string, string> = {}, body = vector.body, now?: Date) {
  return webhookRequest({
    url: URL,
    contentType: 'application/json',
    body,
    headers: {
      'x-sinch-webhook-signature': vector.signature,
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
      'x-sinch-webhook-signature-nonce': vector.nonce,
      'x-sinch-webhook-signature-timestamp': vector.timestamp,
      ...headers,
    },
    now: now ?? atTimestamp(vector.timestamp, 2),
  });
}

/** A request signed as the SDK computes it, for payloads the SDK has no vector for. */
function signedRequest(payload: object) {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', SDK_VECTOR.secret)
    .update(`${body}.${SDK_VECTOR.nonce}.${SDK_VECTOR.timestamp}`)
    .digest('base64');
  return vectorRequest({ ...SDK_VECTOR, body, signature });
}

// sinch-sdk-node packages/sms/tests/rest/v1/callbacks/callbacks-webhook.test.ts
const moText = {
  id: '01XXXXX21XXXXX119Z8P1XXXXX',
  type: 'mo_text',
  from: '16051234567',
  to: '13185551234',
  body: 'This is the SMS body',
  operator_id: 'operator',
  sent_at: '2024-01-10T08:49:58.429Z',
  received_at: '2024-01-10T08:49:58.429Z',
};

describe('sinchAdapter.parse', () => {
  it('reads the documented mo_text payload', () => {
    expect(sinchAdapter.parse(signedRequest(moText))).toEqual({
      kind: 'message',
      message: {
        sender: '16051234567',
        receiver: '13185551234',
        text: 'This is the SMS body',
        messageId: '01XXXXX21XXXXX119Z8P1XXXXX',
        fields: moText,
      },
    });
  });

  it('reads a mo_binary without a concatenation header as one SMS', () => {
    // The SDK's example: its udh is not a real header ("UserDataHeader" in hex).
    const moBinary = {
      ...moText,
      type: 'mo_binary',
      body: 'VGhpcyBpcyB0aGUgU01TIGJvZHk=',
      udh: '5573657244617461486561646572',
    };
    const parsed = sinchAdapter.parse(signedRequest(moBinary));
    expect(parsed).toEqual({
      kind: 'message',
      message: expect.objectContaining({ text: 'This is the SMS body', fields: moBinary }),
    });
    expect(parsed.kind === 'message' && parsed.message.part).toBeUndefined();
  });

  it('gives each part of a binary multipart SMS its place from the header', () => {
    const parts = [
      { id: 'part-a', udh: '050003CC0201', body: Buffer.from('Grüße aus ').toString('base64') },
      { id: 'part-b', udh: '050003CC0202', body: Buffer.from('Köln').toString('base64') },
    ];
    const parsed = parts.map((part) => sinchAdapter.parse(signedRequest({ ...moText, type: 'mo_binary', ...part })));
    expect(parsed).toEqual([
      {
        kind: 'message',
        message: expect.objectContaining({
          text: 'Grüße aus ',
          messageId: 'part-a',
          part: { ref: '204', total: 2, index: 1 },
        }),
      },
      {
        kind: 'message',
        message: expect.objectContaining({
          text: 'Köln',
          messageId: 'part-b',
          part: { ref: '204', total: 2, index: 2 },
        }),
      },
    ]);
    const sixteenBit = sinchAdapter.parse(
      signedRequest({
        ...moText,
        type: 'mo_binary',
        udh: '0608040001 0302',
        body: Buffer.from('x').toString('base64'),
      }),
    );
    expect(sixteenBit).toMatchObject({ message: { part: { ref: '1', total: 3, index: 2 } } });
  });

  it('reads bytes that are not UTF-8 as replacement characters, NUL too', () => {
    const body = Buffer.from([0x00, 0x48, 0x00, 0x69, 0xff]).toString('base64');
    const parsed = sinchAdapter.parse(signedRequest({ ...moText, type: 'mo_binary', body, udh: '' }));
    expect(parsed).toMatchObject({ kind: 'message', message: { text: '\ufffdH\ufffdi\ufffd' } });
  });

  it('reads the text of an MMS (mo_media)', () => {
    const moMedia = {
      ...moText,
      type: 'mo_media',
      body: { subject: 'Subject', message: 'This is the message', media: [{ url: 'https://example.com/a.png' }] },
    };
    expect(sinchAdapter.parse(signedRequest(moMedia))).toMatchObject({
      kind: 'message',
      message: { text: 'This is the message', fields: moMedia },
    });
  });

  it('ignores delivery reports and other types', () => {
    expect(sinchAdapter.parse(vectorRequest(SDK_VECTOR))).toEqual({
      kind: 'ignored',
      reason: sentence('delivery.ignored.deliveryReport'),
    });
    expect(sinchAdapter.parse(signedRequest({ type: 'delivery_report_sms', batch_id: 'b', statuses: [] }))).toEqual({
      kind: 'ignored',
      reason: sentence('delivery.ignored.deliveryReport'),
    });
    expect(sinchAdapter.parse(signedRequest({ type: 'mt_text' }))).toEqual({
      kind: 'ignored',
      reason: sentence('delivery.ignored.event', { type: 'mt_text' }),
    });
  });

  it('names what is wrong in a hostile body, and never throws', () => {
    const cases: Array<[string, object]> = [
      ['<xml/>', { reason: sentence('delivery.body.notJson') }],
      ['["mo_text"]', { reason: sentence('delivery.body.notObject') }],
      ['{}', { field: 'type', reason: sentence('delivery.field.missing', { field: 'type' }) }],
      ['{"type":["mo_text"]}', { field: 'type' }],
      [JSON.stringify({ ...moText, from: undefined }), { field: 'from' }],
      [JSON.stringify({ ...moText, to: 13185551234 }), { field: 'to' }],
      [
        JSON.stringify({ ...moText, id: '' }),
        { field: 'id', reason: sentence('delivery.field.empty', { field: 'id' }) },
      ],
      [JSON.stringify({ ...moText, body: { text: 'x' } }), { field: 'body' }],
      [JSON.stringify({ ...moText, type: 'mo_binary', body: 'not base64!' }), { field: 'body' }],
      [JSON.stringify({ ...moText, type: 'mo_binary', body: 'AAAA', udh: 5 }), { field: 'udh' }],
    ];
    for (const [body, expected] of cases) {
      const parsed = sinchAdapter.parse(webhookRequest({ url: URL, contentType: 'application/json', body }));
      expect(parsed, body).toMatchObject({ kind: 'invalid', ...expected });
    }
  });
});

describe('sinchAdapter.verify', () => {
  const mismatch = {
    valid: false,
    reason: sentence('delivery.signature.mismatch', { header: 'x-sinch-webhook-signature' }),
  };

  it("accepts the SDKs' signature vectors", () => {
    expect(sinchAdapter.verify(vectorRequest(SDK_VECTOR), SDK_VECTOR.secret)).toEqual({ valid: true });
    expect(sinchAdapter.verify(vectorRequest(CONVERSATION_VECTOR), CONVERSATION_VECTOR.secret)).toEqual({
      valid: true,
    });
    expect(sinchAdapter.verify(signedRequest(moText), SDK_VECTOR.secret)).toEqual({ valid: true });
  });

  it('accepts a request without the algorithm header, and refuses another algorithm', () => {
    const request = vectorRequest(SDK_VECTOR);
    (request.headers as Map<string, string>).delete('x-sinch-webhook-signature-algorithm');
    expect(sinchAdapter.verify(request, SDK_VECTOR.secret)).toEqual({ valid: true });
    const sha1 = vectorRequest(SDK_VECTOR, { 'x-sinch-webhook-signature-algorithm': 'HmacSHA1' });
    expect(sinchAdapter.verify(sha1, SDK_VECTOR.secret)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.malformed', { header: 'x-sinch-webhook-signature-algorithm' }),
    });
  });

  it('refuses a wrong secret, a changed body, nonce or timestamp', () => {
    expect(sinchAdapter.verify(vectorRequest(SDK_VECTOR), 'OtherSecret')).toEqual(mismatch);
    const changedBody = vectorRequest(SDK_VECTOR, {}, SDK_VECTOR.body.replace('Delivered', 'Failed'));
    expect(sinchAdapter.verify(changedBody, SDK_VECTOR.secret)).toEqual(mismatch);
    const changedNonce = vectorRequest(SDK_VECTOR, { 'x-sinch-webhook-signature-nonce': 'another' });
    expect(sinchAdapter.verify(changedNonce, SDK_VECTOR.secret)).toEqual(mismatch);
    const changedTime = vectorRequest(SDK_VECTOR, { 'x-sinch-webhook-signature-timestamp': '1736760162' });
    expect(sinchAdapter.verify(changedTime, SDK_VECTOR.secret)).toEqual(mismatch);
    const invalid = vectorRequest(SDK_VECTOR, { 'x-sinch-webhook-signature': 'invalid-signature' });
    expect(sinchAdapter.verify(invalid, SDK_VECTOR.secret)).toMatchObject({ valid: false });
  });

  it('refuses a request without a signature header', () => {
    for (const header of [
      'x-sinch-webhook-signature',
      'x-sinch-webhook-signature-nonce',
      'x-sinch-webhook-signature-timestamp',
    ]) {
      const request = vectorRequest(SDK_VECTOR);
      (request.headers as Map<string, string>).delete(header);
      expect(sinchAdapter.verify(request, SDK_VECTOR.secret)).toEqual({
        valid: false,
        reason: sentence('delivery.signature.missing', { header }),
      });
    }
  });

  it('refuses a timestamp more than 5 minutes from now', () => {
    const late = vectorRequest(SDK_VECTOR, {}, SDK_VECTOR.body, atTimestamp(SDK_VECTOR.timestamp, 600));
    expect(sinchAdapter.verify(late, SDK_VECTOR.secret)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.stale', { seconds: 600, limit: 300 }),
    });
  });

  it('refuses an empty secret as unusable', () => {
    expect(sinchAdapter.verify(vectorRequest(SDK_VECTOR), '')).toMatchObject({
      valid: false,
      reason: { key: 'delivery.signature.unusableSecret' },
    });
  });
});

describe('sinchAdapter answers', () => {
  it('answers 200, and refuses only with statuses Sinch does not retry, except a store failure', () => {
    expect(sinchAdapter.accepted().status).toBe(200);
    expect(sinchAdapter.refusalStatus('invalid')).toBe(400);
    expect(sinchAdapter.refusalStatus('badSignature')).toBe(401);
    expect(sinchAdapter.refusalStatus('unknownNumber')).toBe(404);
    expect(sinchAdapter.refusalStatus('storeFailed')).toBe(500);
    expect(sinchAdapter.secretFields).toContain('x-sinch-webhook-signature');
  });
});
