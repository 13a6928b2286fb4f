import { describe, expect, it } from 'vitest';
import { cmAdapter } from '../../../../server/sms-receiver/providers/cm';
import type { Refusal } from '../../../../server/sms-receiver/providers/provider-adapter';
import { webhookRequest } from './webhook-request';

const URL_ = 'https://sb.example/SMSReceiver/cm';

// The fields of https://developers.cm.com/messaging/docs/incoming-messages, for an SMS.
const inbound = {
  reference: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  messageContext: 'a reply to campaign 42',
  from: { number: '+31612345678', name: '' },
  to: { number: '+3197010203040' },
  message: { text: 'Hallo, wereld' },
  groupings: ['', '', ''],
  timeUtc: '2026-12-02T19:00:00',
  channel: 'SMS',
};

const post = (body: string | Uint8Array, contentType = 'application/json') =>
  webhookRequest({ url: URL_, body, contentType });

describe('cmAdapter.parse', () => {
  it('reads the documented incoming SMS', () => {
    expect(cmAdapter.parse(post(JSON.stringify(inbound)))).toEqual({
      kind: 'message',
      message: {
        receiver: '+3197010203040',
        sender: '+31612345678',
        text: 'Hallo, wereld',
        messageId: null,
        fields: inbound,
      },
    });
  });

  it('does not take the reference, shared by all replies to one outgoing SMS, as the message id', () => {
    const parsed = cmAdapter.parse(post(JSON.stringify(inbound)));
    expect(parsed.kind === 'message' && parsed.message.messageId).toBeNull();
  });

  it('ignores a message of another channel', () => {
    expect(cmAdapter.parse(post(JSON.stringify({ ...inbound, channel: 'WhatsApp' })))).toEqual({
      kind: 'ignored',
      reason: { key: 'delivery.ignored.event', params: { type: 'WhatsApp' } },
    });
  });

  it.each([
    ['not JSON', 'from=1', 'delivery.body.notJson', undefined],
    ['a JSON array', JSON.stringify([inbound]), 'delivery.body.notObject', undefined],
    ['JSON null', 'null', 'delivery.body.notObject', undefined],
    ['no receiver', JSON.stringify({ ...inbound, to: undefined }), 'delivery.field.missing', 'to.number'],
    [
      'a receiver that is no object',
      JSON.stringify({ ...inbound, to: '+31' }),
      'delivery.field.notString',
      'to.number',
    ],
    [
      'a number as sender',
      JSON.stringify({ ...inbound, from: { number: 31612345678 } }),
      'delivery.field.notString',
      'from.number',
    ],
    ['no text', JSON.stringify({ ...inbound, message: {} }), 'delivery.field.missing', 'message.text'],
    ['an array as message', JSON.stringify({ ...inbound, message: ['x'] }), 'delivery.field.notString', 'message.text'],
    ['a number as channel', JSON.stringify({ ...inbound, channel: 1 }), 'delivery.field.notString', 'channel'],
  ])('answers invalid to %s', (_name, body, key, field) => {
    expect(cmAdapter.parse(post(body))).toEqual(
      expect.objectContaining({
        kind: 'invalid',
        reason: expect.objectContaining({ key }),
        ...(field ? { field } : {}),
      }),
    );
  });

  it('answers invalid to bytes that are no text, without throwing', () => {
    expect(cmAdapter.parse(post(new Uint8Array([0xff, 0xfe, 0x00]))).kind).toBe('invalid');
  });
});

describe('cmAdapter.verify', () => {
  it('says that CM.com signs nothing, whatever the secret', () => {
    const request = webhookRequest({
      url: URL_,
      body: JSON.stringify(inbound),
      contentType: 'application/json',
      headers: { 'X-Signature': 'anything' },
    });
    expect(cmAdapter.verify(request, 'secret')).toEqual({
      valid: false,
      reason: { key: 'delivery.signature.unsupported', params: { provider: 'CM.com' } },
    });
  });
});

describe('cmAdapter answers', () => {
  it('acknowledges with exactly 200 and an empty body', () => {
    expect(cmAdapter.accepted()).toMatchObject({ status: 200, body: '' });
  });

  it.each<Refusal>(['invalid', 'unknownNumber', 'badSignature', 'badToken', 'tooLarge', 'unrouted'])(
    'answers 200 to %s, so CM.com does not retry it for a month',
    (refusal) => expect(cmAdapter.refusalStatus(refusal)).toBe(200),
  );

  it('answers 500 to a failed store, so CM.com retries it', () => {
    expect(cmAdapter.refusalStatus('storeFailed')).toBe(500);
  });
});
