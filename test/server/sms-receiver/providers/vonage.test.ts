import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { vonageAdapter } from '../../../../server/sms-receiver/providers/vonage';
import { formBody, webhookRequest } from './webhook-request';

const FORM = 'application/x-www-form-urlencoded';
const URL_ = 'https://sb.example/SMSReceiver/vonage';

// The inbound message of https://developer.vonage.com/messaging/sms/guides/inbound-sms.
const inbound = {
  msisdn: '447700900001',
  to: '447700900000',
  messageId: '0A0000000123ABCD1',
  text: 'Hello world',
  type: 'text',
  keyword: 'HELLO',
  'message-timestamp': '2020-01-01 12:00:00',
};

const post = (params: Record<string, string>, now?: Date) =>
  webhookRequest({ url: URL_, body: formBody(params), contentType: FORM, now });

describe('vonageAdapter.parse', () => {
  it('reads the documented inbound message, from a form, a query or JSON', () => {
    const expected = {
      kind: 'message',
      message: {
        receiver: '447700900000',
        sender: '447700900001',
        text: 'Hello world',
        messageId: '0A0000000123ABCD1',
        keyword: 'HELLO',
        fields: inbound,
      },
    };
    expect(vonageAdapter.parse(post(inbound))).toEqual(expected);
    expect(vonageAdapter.parse(webhookRequest({ method: 'GET', url: `${URL_}?${formBody(inbound)}` }))).toEqual(
      expected,
    );
    const json = webhookRequest({ url: URL_, body: JSON.stringify(inbound), contentType: 'application/json' });
    expect(vonageAdapter.parse(json)).toEqual(expected);
  });

  it('reads a part of a concatenated message into part', () => {
    const part = { ...inbound, concat: 'true', 'concat-ref': '1', 'concat-total': '3', 'concat-part': '2' };
    expect(vonageAdapter.parse(post(part))).toMatchObject({
      kind: 'message',
      message: { part: { ref: '1', total: 3, index: 2 } },
    });
  });

  it.each([
    ['concat-part', { 'concat-part': '4' }],
    ['concat-part', { 'concat-part': '0' }],
    ['concat-total', { 'concat-total': '1' }],
    ['concat-total', { 'concat-total': 'two' }],
  ])('refuses a part whose %s is out of range', (field, change) => {
    const part = { ...inbound, concat: 'true', 'concat-ref': '1', 'concat-total': '3', 'concat-part': '2', ...change };
    expect(vonageAdapter.parse(post(part))).toMatchObject({
      kind: 'invalid',
      reason: { key: 'delivery.field.notWholeNumber' },
      field,
    });
  });

  it('decodes a binary message’s data', () => {
    const { text: _text, ...rest } = inbound;
    const binary = { ...rest, type: 'binary', data: Buffer.from('Grüße', 'utf8').toString('hex'), udh: '050003CC0201' };
    expect(vonageAdapter.parse(post(binary))).toMatchObject({ kind: 'message', message: { text: 'Grüße' } });
  });

  it('ignores a delivery receipt sent to the same URL', () => {
    // https://developer.vonage.com/messaging/sms/guides/delivery-receipts
    const receipt = {
      msisdn: '447700900000',
      to: 'AcmeInc',
      'network-code': '12345',
      messageId: '0A0000001234567B',
      price: '0.03330000',
      status: 'delivered',
      scts: '2001011400',
      'err-code': '0',
      'message-timestamp': '2020-01-01 12:00:00',
    };
    expect(vonageAdapter.parse(post(receipt))).toEqual({
      kind: 'ignored',
      reason: { key: 'delivery.ignored.deliveryReport' },
    });
  });

  it('leaves the connector token of the query out of the stored fields', () => {
    const request = webhookRequest({ url: `${URL_}?token=s3cret`, body: formBody(inbound), contentType: FORM });
    const parsed = vonageAdapter.parse(request);
    expect(parsed.kind === 'message' && parsed.message.fields).toEqual(inbound);
  });

  it('keeps a JSON field named __proto__ a plain field', () => {
    const body = `{"__proto__":{"polluted":true},${JSON.stringify(inbound).slice(1)}`;
    const parsed = vonageAdapter.parse(webhookRequest({ url: URL_, body, contentType: 'application/json' }));
    const fields = parsed.kind === 'message' ? parsed.message.fields : {};
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields)).toContain('__proto__');
  });

  it('keeps sig out of the stored fields', () => {
    const parsed = vonageAdapter.parse(post({ ...inbound, sig: 'd2e7b1dc968737c5998ad624e02f90b7', timestamp: '1' }));
    expect(parsed.kind === 'message' && parsed.message.fields).not.toHaveProperty('sig');
    expect(vonageAdapter.secretFields).toContain('sig');
  });

  it.each([
    ['not JSON', 'msisdn=1', 'delivery.body.notJson', undefined],
    ['a JSON array', '[1,2]', 'delivery.body.notObject', undefined],
    ['a JSON number', '42', 'delivery.body.notObject', undefined],
    ['a number where the text belongs', JSON.stringify({ ...inbound, text: 42 }), 'delivery.field.notString', 'text'],
    [
      'an object where the sender belongs',
      JSON.stringify({ ...inbound, msisdn: {} }),
      'delivery.field.notString',
      'msisdn',
    ],
    ['no receiver', JSON.stringify({ ...inbound, to: undefined }), 'delivery.field.missing', 'to'],
  ])('answers invalid to %s', (_name, body, key, field) => {
    const parsed = vonageAdapter.parse(webhookRequest({ url: URL_, body, contentType: 'application/json' }));
    expect(parsed).toEqual(
      expect.objectContaining({
        kind: 'invalid',
        reason: expect.objectContaining({ key }),
        ...(field ? { field } : {}),
      }),
    );
  });
});

describe('vonageAdapter.verify', () => {
  // vonage-node-sdk packages/sms/__tests__/__dataSets__/signature.ts
  const signed = {
    'message-timestamp': '2013-11-21 15:27:30',
    messageId: '020000001B0FE827',
    msisdn: '14843472194',
    text: 'Test again',
    timestamp: '1385047698',
    to: '13239877404',
    type: 'text',
  };
  const secret = 'my_secret_key_for_testing';
  const signedAt = new Date(1385047698 * 1000);
  const vectors = [
    ['md5hash', 'd2e7b1dc968737c5998ad624e02f90b7'],
    ['md5 HMAC', 'DDEBD46008C2D4E93CCE578A332A52D5'],
    ['sha1 HMAC', '27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A'],
    ['sha256 HMAC', 'DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330'],
    [
      'sha512 HMAC',
      'E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82',
    ],
  ];
  const mismatch = { valid: false, reason: { key: 'delivery.signature.mismatch', params: { header: 'sig' } } };

  it.each(vectors)('accepts the SDK’s %s vector', (_method, sig) => {
    expect(vonageAdapter.verify(post({ ...signed, sig }, signedAt), secret)).toEqual({ valid: true });
    const get = webhookRequest({ method: 'GET', url: `${URL_}?${formBody({ ...signed, sig })}`, now: signedAt });
    expect(vonageAdapter.verify(get, secret)).toEqual({ valid: true });
  });

  it.each(vectors)('refuses the %s vector checked with another secret', (_method, sig) => {
    expect(vonageAdapter.verify(post({ ...signed, sig }, signedAt), 'another_secret')).toEqual(mismatch);
  });

  it.each(vectors)('refuses the %s vector with the text changed', (_method, sig) => {
    expect(vonageAdapter.verify(post({ ...signed, text: 'Test agaiN', sig }, signedAt), secret)).toEqual(mismatch);
  });

  it('accepts a vector whether or not the connector token in the query was signed', () => {
    const sig = vectors[0]![1]!;
    const unsigned = webhookRequest({
      url: `${URL_}?token=s3cret`,
      body: formBody({ ...signed, sig }),
      contentType: FORM,
      now: signedAt,
    });
    expect(vonageAdapter.verify(unsigned, secret)).toEqual({ valid: true });
    const withToken = { ...signed, token: 's3cret' };
    const signedToken = createHash('md5')
      .update(
        `&message-timestamp=2013-11-21 15:27:30&messageId=020000001B0FE827&msisdn=14843472194&text=Test again&timestamp=1385047698&to=13239877404&token=s3cret&type=text${secret}`,
      )
      .digest('hex');
    expect(vonageAdapter.verify(post({ ...withToken, sig: signedToken }, signedAt), secret)).toEqual({ valid: true });
  });

  it('refuses a request without sig', () => {
    expect(vonageAdapter.verify(post(signed, signedAt), secret)).toEqual({
      valid: false,
      reason: { key: 'delivery.signature.missing', params: { header: 'sig' } },
    });
  });

  it('refuses a sig of no known length, or not hex', () => {
    const malformed = { valid: false, reason: { key: 'delivery.signature.malformed', params: { header: 'sig' } } };
    expect(vonageAdapter.verify(post({ ...signed, sig: 'abc123' }, signedAt), secret)).toEqual(malformed);
    expect(vonageAdapter.verify(post({ ...signed, sig: 'z'.repeat(32) }, signedAt), secret)).toEqual(malformed);
  });

  it('refuses a correctly signed timestamp more than five minutes away', () => {
    const later = new Date(signedAt.getTime() + 301_000);
    expect(vonageAdapter.verify(post({ ...signed, sig: vectors[0]![1]! }, later), secret)).toEqual({
      valid: false,
      reason: { key: 'delivery.signature.stale', params: { seconds: 301, limit: 300 } },
    });
    const justInTime = new Date(signedAt.getTime() - 300_000);
    expect(vonageAdapter.verify(post({ ...signed, sig: vectors[0]![1]! }, justInTime), secret)).toEqual({
      valid: true,
    });
  });

  it('replaces & and = in values before signing, as the SDK does', () => {
    // The md5hash of '&a=x_y_z&timestamp=1385047698' + secret, by the SDK's verifySignature.
    const params = { a: 'x&y=z', timestamp: '1385047698' };
    const sig = createHash('md5').update(`&a=x_y_z&timestamp=1385047698${secret}`).digest('hex');
    expect(vonageAdapter.verify(post({ ...params, sig }, signedAt), secret)).toEqual({ valid: true });
  });
});

describe('vonageAdapter answers', () => {
  it('acknowledges with 204 and no body', () => {
    expect(vonageAdapter.accepted()).toMatchObject({ status: 204, body: '' });
  });

  it('answers 200 to what a retry cannot fix, and keeps configuration problems retried', () => {
    expect(vonageAdapter.refusalStatus('invalid')).toBe(200);
    expect(vonageAdapter.refusalStatus('tooLarge')).toBe(200);
    expect(vonageAdapter.refusalStatus('unknownNumber')).toBe(404);
    expect(vonageAdapter.refusalStatus('badSignature')).toBe(401);
    expect(vonageAdapter.refusalStatus('badToken')).toBe(401);
    expect(vonageAdapter.refusalStatus('unrouted')).toBe(502);
    expect(vonageAdapter.refusalStatus('storeFailed')).toBe(500);
  });
});
