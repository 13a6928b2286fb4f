import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentence } from '../../../../i18n/sentence';
import { birdAdapter } from '../../../../server/sms-receiver/providers/bird';
import { webhookRequest } from './webhook-request';

const URL = 'https://switchboard.example.com/SMSReceiver/bird?receiver=%2B3197010254390';
const SIGNING_KEY = 'secureSigningKey';
const TIMESTAMP = '1719823259';
const NOW = new Date(Number(TIMESTAMP) * 1000 + 1_000);

// The text message of docs.bird.com/api/channels-api/supported-channels/programmable-sms/receiving-messages
// in the webhook subscription's envelope, as documented: the receiving connector by its id only,
// so the number it was sent to comes from the webhook URL (`?receiver=`).
const documentedEvent = {
  service: 'channels',
  event: 'sms.inbound',
  payload: {
    id: '96a0b5fa-a986-453d-be5c-3117f989f025',
    channelId: '614208aa-b153-4d5d-9989-2fddfc0ce4c3',
    sender: {
      contact: {
        id: '32cf5eee-f940-422c-ab8c-5f753aad5efd',
        identifierKey: 'phonenumber',
        identifierValue: '+31612345678',
      },
    },
    receiver: { connector: { id: '86cc4dc0-3dc0-41b7-ac43-8ec829ead56f' } },
    body: { type: 'text', text: { text: 'Sample incoming text message' } },
    parts: [{ platformReference: 'e8077d803532c0b5937c639b60216938' }],
    status: 'delivered',
    direction: 'incoming',
    lastStatusAt: '2022-12-22T08:32:50.736Z',
    createdAt: '2022-12-22T08:32:50.736Z',
    updatedAt: '2022-12-22T08:32:50.736Z',
  },
};
const documentedBody = JSON.stringify(documentedEvent);

// Bird publishes no vector with its key; this one is built as docs.bird.com's verifying-a-webhook
// examples (PHP, Go) compute it: HMAC-SHA256(key, timestamp \n url \n raw SHA-256 of the body).
function signatureOf(body: string, timestamp = TIMESTAMP, url = URL, key = SIGNING_KEY) {
  const bodyHash = createHash('sha256').update(body).digest();
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`), bodyHash]))
    .digest('base64');
}

function signedRequest(body = documentedBody, headers: Record<string, string> = {}, now = NOW) {
  return webhookRequest({
    url: URL,
    contentType: 'application/json',
    body,
    headers: { 'messagebird-signature': signatureOf(body), 'messagebird-request-timestamp': TIMESTAMP, ...headers },
    now,
  });
}

describe('birdAdapter.parse', () => {
  it('reads the documented sms.inbound message', () => {
    expect(birdAdapter.parse(signedRequest())).toEqual({
      kind: 'message',
      message: {
        sender: '+31612345678',
        receiver: '+3197010254390',
        text: 'Sample incoming text message',
        messageId: '96a0b5fa-a986-453d-be5c-3117f989f025',
        fields: documentedEvent,
      },
    });
  });

  it('takes the number from the payload where Bird names it there, and refuses a payload and URL without one', () => {
    const named = {
      ...documentedEvent,
      payload: { ...documentedEvent.payload, receiver: { connector: { id: 'c', identifierValue: '+3197000000001' } } },
    };
    const body = JSON.stringify(named);
    expect(birdAdapter.parse(signedRequest(body))).toMatchObject({ message: { receiver: '+3197000000001' } });
    const withoutNumber = webhookRequest({
      url: 'https://switchboard.example.com/SMSReceiver/bird',
      contentType: 'application/json',
      body: documentedBody,
    });
    expect(birdAdapter.parse(withoutNumber)).toEqual({
      kind: 'invalid',
      reason: sentence('delivery.receiverNotInPayload'),
      field: 'receiver',
    });
  });

  it('ignores the other events', () => {
    for (const event of ['sms.outbound', 'whatsapp.inbound', 'sms.interaction']) {
      expect(birdAdapter.parse(signedRequest(JSON.stringify({ ...documentedEvent, event })))).toEqual({
        kind: 'ignored',
        reason: sentence('delivery.ignored.event', { type: event }),
      });
    }
  });

  it('names what is wrong in a hostile body, and never throws', () => {
    const withPayload = (payload: Record<string, unknown>) =>
      JSON.stringify({ ...documentedEvent, payload: { ...documentedEvent.payload, ...payload } });
    const cases: Array<[string, object]> = [
      ['', { reason: sentence('delivery.body.notJson') }],
      ['"sms.inbound"', { reason: sentence('delivery.body.notObject') }],
      ['{"service":"channels"}', { field: 'event' }],
      ['{"event":"sms.inbound"}', { field: 'payload' }],
      ['{"event":"sms.inbound","payload":[]}', { field: 'payload' }],
      [withPayload({ sender: null }), { field: 'payload.sender' }],
      [withPayload({ sender: { contact: 'x' } }), { field: 'payload.sender.contact' }],
      [withPayload({ receiver: { connector: 'c' } }), { field: 'payload.receiver.connector' }],
      [
        withPayload({ receiver: { connector: { identifierValue: 5 } } }),
        { field: 'payload.receiver.connector.identifierValue' },
      ],
      [withPayload({ body: { type: 'text', text: { text: 5 } } }), { field: 'payload.body.text.text' }],
      [withPayload({ id: 7 }), { field: 'payload.id' }],
    ];
    for (const [body, expected] of cases) {
      const parsed = birdAdapter.parse(webhookRequest({ url: URL, contentType: 'application/json', body }));
      expect(parsed, body).toMatchObject({ kind: 'invalid', ...expected });
    }
  });
});

describe('birdAdapter.verify', () => {
  const mismatch = {
    valid: false,
    reason: sentence('delivery.signature.mismatch', { header: 'messagebird-signature' }),
  };

  it('accepts the signature built as Bird documents it', () => {
    expect(birdAdapter.verify(signedRequest(), SIGNING_KEY)).toEqual({ valid: true });
  });

  it('hashes the body into raw digest bytes, not its hex', () => {
    const hexBodyHash = createHash('sha256').update(documentedBody).digest('hex');
    const hexSignature = createHmac('sha256', SIGNING_KEY)
      .update(`${TIMESTAMP}\n${URL}\n${hexBodyHash}`)
      .digest('base64');
    expect(
      birdAdapter.verify(signedRequest(documentedBody, { 'messagebird-signature': hexSignature }), SIGNING_KEY),
    ).toEqual(mismatch);
  });

  it('refuses a wrong key, a changed body, URL or timestamp', () => {
    expect(birdAdapter.verify(signedRequest(), 'anotherKey')).toEqual(mismatch);
    const changedBody = signedRequest(documentedBody.replace('Sample', 'Simple'), {
      'messagebird-signature': signatureOf(documentedBody),
    });
    expect(birdAdapter.verify(changedBody, SIGNING_KEY)).toEqual(mismatch);
    const otherUrl = signedRequest(documentedBody, {
      'messagebird-signature': signatureOf(documentedBody, TIMESTAMP, 'https://elsewhere.example.com/hook'),
    });
    expect(birdAdapter.verify(otherUrl, SIGNING_KEY)).toEqual(mismatch);
    const otherTime = signedRequest(documentedBody, { 'messagebird-request-timestamp': String(Number(TIMESTAMP) + 1) });
    expect(birdAdapter.verify(otherTime, SIGNING_KEY)).toEqual(mismatch);
  });

  it('refuses a request without its signature headers', () => {
    for (const header of ['messagebird-signature', 'messagebird-request-timestamp']) {
      const request = signedRequest();
      (request.headers as Map<string, string>).delete(header);
      expect(birdAdapter.verify(request, SIGNING_KEY)).toEqual({
        valid: false,
        reason: sentence('delivery.signature.missing', { header }),
      });
    }
  });

  it('refuses a timestamp more than 5 minutes from now, and malformed headers', () => {
    const late = signedRequest(documentedBody, {}, new Date(Number(TIMESTAMP) * 1000 + 3_600_000));
    expect(birdAdapter.verify(late, SIGNING_KEY)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.stale', { seconds: 3600, limit: 300 }),
    });
    expect(
      birdAdapter.verify(signedRequest(documentedBody, { 'messagebird-request-timestamp': 'soon' }), SIGNING_KEY),
    ).toEqual({
      valid: false,
      reason: sentence('delivery.signature.malformed', { header: 'messagebird-request-timestamp' }),
    });
    expect(birdAdapter.verify(signedRequest(documentedBody, { 'messagebird-signature': '%%%' }), SIGNING_KEY)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.malformed', { header: 'messagebird-signature' }),
    });
  });
});

describe('birdAdapter answers', () => {
  it('answers 200 and keeps the standard refusal statuses', () => {
    expect(birdAdapter.accepted().status).toBe(200);
    expect(birdAdapter.refusalStatus('tooLarge')).toBe(413);
    expect(birdAdapter.secretFields).toContain('messagebird-signature');
  });
});
