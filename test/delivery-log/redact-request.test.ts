import { describe, expect, it } from 'vitest';
import { LOGGED_BODY_BYTES, REDACTED, redactRequest } from '../../server/delivery-log/redact-request';
import { arrived, form } from './records';

describe('redactRequest', () => {
  it('splits the URL into path and query, and redacts a token in any case and spelling', () => {
    const logged = redactRequest(arrived({ url: '/SMSReceiver?receiver=%2B4930111&TOKEN=abc&tok%65n=def&text=a+b' }));
    expect(logged).toMatchObject({
      method: 'GET',
      path: '/SMSReceiver',
      query: { receiver: '+4930111', TOKEN: REDACTED, token: REDACTED, text: 'a b' },
    });
    expect(JSON.stringify(logged)).not.toMatch(/abc|def/);
  });

  it('redacts credential headers and the headers the request names as secret, in any case', () => {
    const logged = redactRequest(
      arrived({
        headers: new Map([
          ['Authorization', 'Bearer s3cret'],
          ['Cookie', 'sid=s3cret'],
          ['X-Switchboard-Token', 's3cret'],
          ['X-Twilio-Signature', 's3cret'],
          ['Content-Length', '0'],
        ]),
        secretNames: ['x-TWILIO-signature'],
      }),
    );
    expect(logged.headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-switchboard-token': REDACTED,
      'x-twilio-signature': REDACTED,
      'content-length': '0',
    });
  });

  it('redacts fields of a form body and keeps the rest as it arrived', () => {
    const logged = redactRequest(
      arrived({
        method: 'POST',
        headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        body: form('msisdn=4917011&text=Hallo+Welt&sig=0a1b2c&Token=xyz'),
        secretNames: ['sig'],
      }),
    );
    expect(logged.body).toBe(`msisdn=4917011&text=Hallo+Welt&sig=${REDACTED}&Token=${REDACTED}`);
  });

  it('redacts keys of a JSON body at any depth, in objects and arrays', () => {
    const body = { data: { payload: { text: 'hi', secret: 'x1' }, items: [{ Token: 'x2' }] }, password: 'x3' };
    const logged = redactRequest(
      arrived({
        method: 'POST',
        headers: new Headers({ 'content-type': 'application/json; charset=utf-8' }),
        body: form(JSON.stringify(body)),
        secretNames: ['secret'],
      }),
    );
    expect(JSON.parse(logged.body)).toEqual({
      data: { payload: { text: 'hi', secret: REDACTED }, items: [{ Token: REDACTED }] },
      password: REDACTED,
    });
  });

  it('keeps a body that is neither form nor JSON as text, cut to 4 KiB without splitting a character', () => {
    const logged = redactRequest(
      arrived({ method: 'POST', headers: new Headers({ 'content-type': 'text/plain' }), body: form('€'.repeat(3000)) }),
    );
    expect(Buffer.byteLength(logged.body)).toBeLessThanOrEqual(LOGGED_BODY_BYTES);
    expect(logged.body).toBe('€'.repeat(Math.floor(LOGGED_BODY_BYTES / 3)));
    const broken = redactRequest(
      arrived({ headers: new Headers({ 'content-type': 'application/json' }), body: form('{"token": "x1"') }),
    );
    expect(broken.body).toBe('{"token": "x1"');
  });

  it('replaces NUL and unpaired surrogates, which no column stores', () => {
    const logged = redactRequest(
      arrived({
        url: '/SMSReceiver?message=a%00b',
        headers: new Map([['x-odd', 'c\ud800d']]),
        body: form('{"text":"e\\u0000f","more":"\\udc00"}'),
      }),
    );
    expect(logged.query.message).toBe('a\ufffdb');
    expect(logged.headers['x-odd']).toBe('c\ufffdd');
    expect(JSON.parse(logged.body)).toEqual({ text: 'e\ufffdf', more: '\ufffd' });
  });
});
