import { describe, expect, it } from 'vitest';
import { plivoAdapter } from '../../../../server/sms-receiver/providers/plivo';
import { formBody, webhookRequest } from './webhook-request';

const FORM = 'application/x-www-form-urlencoded';
const URL_ = 'https://example.com/SMSReceiver/plivo';
const token = 'MY_AUTH_TOKEN';
const nonce = '12345678901234567890';

// The parameters of https://www.plivo.com/docs/messaging/api/message/receive-an-sms.
const inbound = {
  From: '14155551234',
  To: '14155550000',
  Text: 'Hello, world',
  Type: 'sms',
  MessageUUID: '2d55a8b4-3d5b-11ee-8ec7-0242ac110003',
  TotalRate: '0',
  TotalAmount: '0',
  Units: '1',
};

/*
 * Signatures computed by plivo-python's own plivo/utils/signature_v3.py (construct_post_url,
 * construct_get_url, get_signature_v3), run unchanged on these requests; plivo-node's
 * v3Security.js builds the same strings. Neither SDK publishes a V3 vector.
 */
const postWithQuerySignature = 'vTedq0+ysw/0kshYZO/g+wsD0oYML1Tx2M85/2n4d/o=';
const postSignature = 'y1L+w7pEOMFfmmBQjfzc3T3Tu8C9GqGziS1FeO5skcs=';
const getUrl = `${URL_}?To=14155550000&From=14155551234&Text=Hi&MessageUUID=abc&Type=sms`;
const getSignature = 'wrmNOZfUHk1EQeqKHL+29bvEF5wrho342misoRX+EBI=';

const signedPost = (url: string, params: Record<string, string>, headers: Record<string, string>) =>
  webhookRequest({ url, body: formBody(params), contentType: FORM, headers });
const headers = (signature: string) => ({
  'X-Plivo-Signature-V3': signature,
  'X-Plivo-Signature-V3-Nonce': nonce,
});

describe('plivoAdapter.parse', () => {
  it('reads the documented incoming-message form', () => {
    expect(plivoAdapter.parse(signedPost(URL_, inbound, {}))).toEqual({
      kind: 'message',
      message: {
        receiver: '14155550000',
        sender: '14155551234',
        text: 'Hello, world',
        messageId: '2d55a8b4-3d5b-11ee-8ec7-0242ac110003',
        fields: inbound,
      },
    });
  });

  it('reads a GET from its query', () => {
    expect(plivoAdapter.parse(webhookRequest({ method: 'GET', url: getUrl }))).toMatchObject({
      kind: 'message',
      message: { text: 'Hi', messageId: 'abc' },
    });
  });

  it.each(['From', 'To', 'Text', 'MessageUUID'])('refuses a form without %s, naming it', (field) => {
    const { [field as keyof typeof inbound]: _dropped, ...rest } = inbound;
    expect(plivoAdapter.parse(signedPost(URL_, rest, {}))).toEqual({
      kind: 'invalid',
      reason: { key: 'delivery.field.missing', params: { field } },
      field,
    });
  });

  it('ignores a message status callback sent to the same URL', () => {
    const status = { MessageUUID: 'abc', Status: 'delivered', From: '1', To: '2' };
    expect(plivoAdapter.parse(signedPost(URL_, status, {}))).toEqual({
      kind: 'ignored',
      reason: { key: 'delivery.ignored.deliveryReport' },
    });
  });

  it.each([
    ['JSON', '{"From":1}', 'application/json'],
    ['bytes', new Uint8Array([0, 0xff]), 'application/octet-stream'],
  ])('answers invalid to %s, without throwing', (_name, body, contentType) => {
    expect(plivoAdapter.parse(webhookRequest({ url: URL_, body, contentType })).kind).toBe('invalid');
  });
});

describe('plivoAdapter.verify', () => {
  it('accepts a POST signed as the SDK signs it, with and without a query', () => {
    expect(plivoAdapter.verify(signedPost(URL_, inbound, headers(postSignature)), token)).toEqual({ valid: true });
    const withQuery = signedPost(`${URL_}?token=abc`, inbound, headers(postWithQuerySignature));
    expect(plivoAdapter.verify(withQuery, token)).toEqual({ valid: true });
  });

  it('accepts a GET signed over its sorted query', () => {
    const request = webhookRequest({ method: 'GET', url: getUrl, headers: headers(getSignature) });
    expect(plivoAdapter.verify(request, token)).toEqual({ valid: true });
  });

  it('accepts the header holding several signatures, one of them right', () => {
    const request = signedPost(URL_, inbound, headers(`c29tZXRoaW5nIGVsc2U=,${postSignature}`));
    expect(plivoAdapter.verify(request, token)).toEqual({ valid: true });
  });

  const mismatch = {
    valid: false,
    reason: { key: 'delivery.signature.mismatch', params: { header: 'X-Plivo-Signature-V3' } },
  };

  it('refuses the request checked with another auth token', () => {
    expect(plivoAdapter.verify(signedPost(URL_, inbound, headers(postSignature)), 'OTHER_TOKEN')).toEqual(mismatch);
  });

  it('refuses the request with a parameter changed', () => {
    const changed = { ...inbound, Text: 'Hello, World' };
    expect(plivoAdapter.verify(signedPost(URL_, changed, headers(postSignature)), token)).toEqual(mismatch);
  });

  it('refuses the request with another nonce', () => {
    const request = signedPost(URL_, inbound, { ...headers(postSignature), 'X-Plivo-Signature-V3-Nonce': '1' });
    expect(plivoAdapter.verify(request, token)).toEqual(mismatch);
  });

  it('refuses a request without the signature or the nonce header', () => {
    expect(plivoAdapter.verify(signedPost(URL_, inbound, {}), token)).toEqual({
      valid: false,
      reason: { key: 'delivery.signature.missing', params: { header: 'X-Plivo-Signature-V3' } },
    });
    expect(plivoAdapter.verify(signedPost(URL_, inbound, { 'X-Plivo-Signature-V3': postSignature }), token)).toEqual({
      valid: false,
      reason: { key: 'delivery.signature.missing', params: { header: 'X-Plivo-Signature-V3-Nonce' } },
    });
  });
});

describe('plivoAdapter answers', () => {
  it('answers an empty <Response/> as application/xml', () => {
    expect(plivoAdapter.accepted()).toEqual({
      status: 200,
      contentType: 'application/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    });
  });

  it('refuses with the usual statuses and redacts the signature headers', () => {
    expect(plivoAdapter.refusalStatus('invalid')).toBe(400);
    expect(plivoAdapter.refusalStatus('storeFailed')).toBe(500);
    expect(plivoAdapter.secretFields).toContain('x-plivo-signature-v3');
  });
});
