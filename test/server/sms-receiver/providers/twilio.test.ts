import { describe, expect, it } from 'vitest';
import { twilioAdapter } from '../../../../server/sms-receiver/providers/twilio';
import { formBody, webhookRequest } from './webhook-request';

const FORM = 'application/x-www-form-urlencoded';

// The example of https://www.twilio.com/docs/usage/security, and twilio-node spec/validation.spec.js.
const token = '12345';
const requestUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const documentedParams = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};
const documentedSignature = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
const sdkParams = { ...documentedParams, Caller: '+14158675309', From: '+14158675309' };
const sdkSignature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

const signedPost = (url: string, params: Record<string, string>, signature: string) =>
  webhookRequest({ url, body: formBody(params), contentType: FORM, headers: { 'X-Twilio-Signature': signature } });

// An incoming SMS as https://www.twilio.com/docs/messaging/guides/webhook-request lists its parameters.
const inboundSms = {
  ToCountry: 'US',
  SmsMessageSid: 'SM1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  NumMedia: '0',
  SmsSid: 'SM1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  SmsStatus: 'received',
  Body: 'Hello from Twilio, ä€',
  To: '+15005550006',
  NumSegments: '2',
  MessageSid: 'SM1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+14155552671',
  ApiVersion: '2010-04-01',
};

describe('twilioAdapter.parse', () => {
  it('reads the documented incoming-SMS form into a message', () => {
    const parsed = twilioAdapter.parse(
      webhookRequest({ url: 'https://sb.example/SMSReceiver/twilio', body: formBody(inboundSms), contentType: FORM }),
    );
    expect(parsed).toEqual({
      kind: 'message',
      message: {
        receiver: '+15005550006',
        sender: '+14155552671',
        text: 'Hello from Twilio, ä€',
        messageId: 'SM1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
        fields: inboundSms,
      },
    });
  });

  it('reads a GET from its query', () => {
    const query = formBody({ MessageSid: 'SM1', From: '+14155552671', To: '+15005550006', Body: 'Hi there' });
    const parsed = twilioAdapter.parse(
      webhookRequest({ method: 'GET', url: `https://sb.example/SMSReceiver/twilio?${query}` }),
    );
    expect(parsed).toMatchObject({ kind: 'message', message: { text: 'Hi there', messageId: 'SM1' } });
  });

  it('leaves the connector token of the query out of the stored fields', () => {
    const query = formBody({
      token: 's3cret',
      MessageSid: 'SM1',
      From: '+14155552671',
      To: '+15005550006',
      Body: 'Hi',
    });
    const parsed = twilioAdapter.parse(
      webhookRequest({ method: 'GET', url: `https://sb.example/SMSReceiver/twilio?${query}` }),
    );
    expect(parsed.kind === 'message' && parsed.message.fields).toEqual({
      MessageSid: 'SM1',
      From: '+14155552671',
      To: '+15005550006',
      Body: 'Hi',
    });
  });

  it('ignores a status callback sent to the same URL', () => {
    const parsed = twilioAdapter.parse(
      webhookRequest({
        url: 'https://sb.example/SMSReceiver/twilio',
        body: formBody({ MessageSid: 'SM1', MessageStatus: 'delivered', From: '+1', To: '+2' }),
        contentType: FORM,
      }),
    );
    expect(parsed).toEqual({ kind: 'ignored', reason: { key: 'delivery.ignored.deliveryReport' } });
  });

  it.each(['From', 'To', 'Body', 'MessageSid'])('refuses a form without %s, naming it', (field) => {
    const { [field as keyof typeof inboundSms]: _dropped, ...rest } = inboundSms;
    const parsed = twilioAdapter.parse(
      webhookRequest({ url: 'https://sb.example/SMSReceiver/twilio', body: formBody(rest), contentType: FORM }),
    );
    expect(parsed).toEqual({ kind: 'invalid', reason: { key: 'delivery.field.missing', params: { field } }, field });
  });

  it.each([
    ['JSON', '{"From":"+1","To":"+2"}', 'application/json'],
    ['binary', new Uint8Array([0xff, 0x00, 0xfe]), 'application/octet-stream'],
    ['an empty body', '', FORM],
  ])('answers invalid to %s, without throwing', (_name, body, contentType) => {
    const parsed = twilioAdapter.parse(
      webhookRequest({ url: 'https://sb.example/SMSReceiver/twilio', body, contentType }),
    );
    expect(parsed.kind).toBe('invalid');
  });
});

describe('twilioAdapter.verify', () => {
  it('accepts the example of Twilio’s security page', () => {
    expect(twilioAdapter.verify(signedPost(requestUrl, documentedParams, documentedSignature), token)).toEqual({
      valid: true,
    });
  });

  it.each([
    ['the SDK’s own vector', requestUrl, sdkSignature],
    ['a URL with a port, signed without it', requestUrl.replace('.com', '.com:1234'), sdkSignature],
    [
      'an http URL with its port, signed with it',
      'http://mycompany.com:1234/myapp.php?foo=1&bar=2',
      'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=',
    ],
    ['an https URL signed with port 443 added', requestUrl, 'kvajT1Ptam85bY51eRf/AJRuM3w='],
    ['an http URL signed with port 80 added', requestUrl.replace('https', 'http'), '0ZXoZLH/DfblKGATFgpif+LLRf4='],
    ['a URL with credentials', 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2', 'CukzLTc1tT5dXEDIHm/tKBanW10='],
    [
      'a URL with credentials, signed with port 443',
      'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2',
      'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=',
    ],
    ['a query with special characters', `${requestUrl}&Body=It's+amazing`, 'TfZzewPq8wqrGlMfyAud8+/IvJ0='],
  ])('accepts twilio-node’s vector for %s', (_name, url, signature) => {
    expect(twilioAdapter.verify(signedPost(url, sdkParams, signature), token)).toEqual({ valid: true });
  });

  it('accepts a JSON body signed through bodySHA256 (twilio-node’s vector)', () => {
    const body = '{"property": "value", "boolean": true}';
    const url = `${requestUrl}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620`;
    const signedJson = (json: string) =>
      webhookRequest({
        url,
        body: json,
        contentType: 'application/json',
        headers: { 'X-Twilio-Signature': 'a9nBmqA0ju/hNViExpshrM61xv4=' },
      });
    expect(twilioAdapter.verify(signedJson(body), token)).toEqual({ valid: true });
    const tampered = signedJson(body.replace('value', 'other'));
    expect(twilioAdapter.verify(tampered, token).valid).toBe(false);
  });

  const mismatch = {
    valid: false,
    reason: { key: 'delivery.signature.mismatch', params: { header: 'X-Twilio-Signature' } },
  };

  it('refuses the documented request checked with another auth token', () => {
    expect(twilioAdapter.verify(signedPost(requestUrl, documentedParams, documentedSignature), '54321')).toEqual(
      mismatch,
    );
  });

  it('refuses the documented request with one parameter changed', () => {
    const changed = { ...documentedParams, Digits: '1235' };
    expect(twilioAdapter.verify(signedPost(requestUrl, changed, documentedSignature), token)).toEqual(mismatch);
  });

  it('refuses the documented request at another URL', () => {
    const url = requestUrl.replace('foo=1', 'foo=2');
    expect(twilioAdapter.verify(signedPost(url, documentedParams, documentedSignature), token)).toEqual(mismatch);
  });

  it('refuses a request without X-Twilio-Signature', () => {
    const request = webhookRequest({ url: requestUrl, body: formBody(documentedParams), contentType: FORM });
    expect(twilioAdapter.verify(request, token)).toEqual({
      valid: false,
      reason: { key: 'delivery.signature.missing', params: { header: 'X-Twilio-Signature' } },
    });
  });
});

describe('twilioAdapter answers', () => {
  it('answers empty TwiML as text/xml', () => {
    expect(twilioAdapter.accepted()).toEqual({
      status: 200,
      contentType: 'text/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    });
  });

  it('refuses with the usual statuses (Twilio does not retry messaging webhooks)', () => {
    expect(twilioAdapter.refusalStatus('badSignature')).toBe(401);
    expect(twilioAdapter.refusalStatus('storeFailed')).toBe(500);
  });

  it('redacts the signature header', () => {
    expect(twilioAdapter.secretFields).toContain('x-twilio-signature');
  });
});
