import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sentence } from '../../../../i18n/sentence';
import { messagebirdAdapter } from '../../../../server/sms-receiver/providers/messagebird';
import references from './messagebird-signature-jwt-reference.json';
import { webhookRequest } from './webhook-request';

const HEADER = 'messagebird-signature-jwt';

/**
 * The GET and POST cases of messagebird-nodejs `lib/testdata/webhook-signature-jwt-reference.json`
 * (BSD-2-Clause, MessageBird B.V.), the table its own `lib/test.js` runs `verify` against, each
 * with its clock set to `timestamp`. Its reasons in our words:
 */
const reasonOf = (sdkReason: string) => {
  if (/nbf is in the future|exp is in the past/.test(sdkReason)) return 'delivery.signature.stale';
  if (/signing method none/.test(sdkReason)) return 'delivery.signature.malformed';
  return 'delivery.signature.mismatch';
};

describe('messagebirdAdapter.verify: the SDK reference table', () => {
  it.each(references.map((reference) => [reference.name, reference] as const))('%s', (_name, reference) => {
    const request = webhookRequest({
      method: reference.method as 'GET' | 'POST',
      url: reference.url,
      body: reference.payload ?? '',
      headers: { 'MessageBird-Signature-JWT': reference.token },
      now: new Date(reference.timestamp),
    });
    // The `none` case has no secret: the adapter must refuse it whatever the key.
    const secret = reference.secret ?? 'any key';
    const verdict = messagebirdAdapter.verify(request, secret);
    if (reference.valid) {
      expect(verdict).toEqual({ valid: true });
    } else {
      expect(verdict).toMatchObject({ valid: false, reason: { key: reasonOf(reference.reason!) } });
    }
  });
});

// A webhook as MessageBird sends it, signed the way the SDK verifies it (HS256, url_hash and
// payload_hash hex SHA-256): the SDK's table has no SMS payload.
const SIGNING_KEY = 'PlLrKaqvZNRR5zAjm42ZT6q1SQxgbbGd';
const NOW = new Date('2026-12-02T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const base64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');
const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');

function jwtFor(url: string, body: string, claims: Record<string, unknown> = {}, key = SIGNING_KEY, alg = 'HS256') {
  const header = base64url({ alg, typ: 'JWT' });
  const payload = base64url({
    iss: 'MessageBird',
    nbf: nowSeconds - 10,
    exp: nowSeconds + 50,
    jti: 'f9f8c382-2449-4311-b72b-1df71687931e',
    url_hash: sha256Hex(url),
    ...(body === '' ? {} : { payload_hash: sha256Hex(body) }),
    ...claims,
  });
  const hash = alg === 'HS512' ? 'sha512' : alg === 'HS384' ? 'sha384' : 'sha256';
  const signature = base64url(createHmac(hash, key).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

const QUERY =
  'originator=31612345678&recipient=3197004499999&incomingMessage=Hallo+Welt+%C3%A4&message_id=4f3c5a1e&reference=ref-1&createdDatetime=2026-12-02T09%3A59%3A50%2B00%3A00';
const GET_URL = `https://switchboard.example.com/SMSReceiver/messagebird?${QUERY}`;
const POST_URL = 'https://switchboard.example.com/SMSReceiver/messagebird';

const getRequest = (headers: Record<string, string> = { [HEADER]: jwtFor(GET_URL, '') }, now = NOW) =>
  webhookRequest({ method: 'GET', url: GET_URL, headers, now });

const expectedFields = {
  originator: '31612345678',
  recipient: '3197004499999',
  incomingMessage: 'Hallo Welt ä',
  message_id: '4f3c5a1e',
  reference: 'ref-1',
  createdDatetime: '2026-12-02T09:59:50+00:00',
};

describe('messagebirdAdapter.parse', () => {
  it('reads an SMS forwarded as a GET query', () => {
    expect(messagebirdAdapter.parse(getRequest())).toEqual({
      kind: 'message',
      message: {
        sender: '31612345678',
        receiver: '3197004499999',
        text: 'Hallo Welt ä',
        messageId: '4f3c5a1e',
        fields: expectedFields,
      },
    });
  });

  it('reads an SMS POSTed as a form, and as JSON with numbers', () => {
    const form = webhookRequest({ url: POST_URL, contentType: 'application/x-www-form-urlencoded', body: QUERY });
    expect(messagebirdAdapter.parse(form)).toMatchObject({ kind: 'message', message: { fields: expectedFields } });
    const payload = {
      originator: 31612345678,
      recipient: 3197004499999,
      body: 'Hi',
      id: 'abc',
      keyword: 'INFO',
      contact: { id: 'c-1', msisdn: 31612345678 },
    };
    const json = webhookRequest({ url: POST_URL, contentType: 'application/json', body: JSON.stringify(payload) });
    expect(messagebirdAdapter.parse(json)).toEqual({
      kind: 'message',
      message: {
        sender: '31612345678',
        receiver: '3197004499999',
        text: 'Hi',
        messageId: 'abc',
        keyword: 'INFO',
        fields: payload,
      },
    });
  });

  it('ignores a status report', () => {
    const url = `${POST_URL}?id=eef0ab57a9e049be946f3821568c2b2e&recipient=31612345678&reference=FOO&status=delivered&statusDatetime=2019-01-11T09%3A17%3A11%2B00%3A00`;
    expect(messagebirdAdapter.parse(webhookRequest({ method: 'GET', url }))).toEqual({
      kind: 'ignored',
      reason: sentence('delivery.ignored.deliveryReport'),
    });
  });

  it('names what is wrong in a hostile request, and never throws', () => {
    const cases: Array<[string, string, object]> = [
      ['application/json', 'not json', { reason: sentence('delivery.body.notJson') }],
      ['application/json', '[]', { reason: sentence('delivery.body.notObject') }],
      ['application/json', '{"originator":{"a":1},"recipient":"1","body":"x"}', { field: 'originator' }],
      ['application/json', '{"recipient":"1","body":"x"}', { field: 'originator' }],
      ['application/json', '{"originator":"1","body":"x"}', { field: 'recipient' }],
      ['application/json', '{"originator":"1","recipient":"","body":"x"}', { field: 'recipient' }],
      ['application/json', '{"originator":"1","recipient":"2"}', { field: 'incomingMessage' }],
      ['application/x-www-form-urlencoded', '', { field: 'originator' }],
      ['text/plain', 'originator=1', { field: 'originator' }],
    ];
    for (const [contentType, body, expected] of cases) {
      const parsed = messagebirdAdapter.parse(webhookRequest({ url: POST_URL, contentType, body }));
      expect(parsed, body).toMatchObject({ kind: 'invalid', ...expected });
    }
  });
});

describe('messagebirdAdapter.verify', () => {
  const mismatch = { valid: false, reason: sentence('delivery.signature.mismatch', { header: HEADER }) };

  it('accepts a signed GET and a signed POST', () => {
    expect(messagebirdAdapter.verify(getRequest(), SIGNING_KEY)).toEqual({ valid: true });
    const post = webhookRequest({
      url: POST_URL,
      contentType: 'application/x-www-form-urlencoded',
      body: QUERY,
      headers: { [HEADER]: jwtFor(POST_URL, QUERY) },
      now: NOW,
    });
    expect(messagebirdAdapter.verify(post, SIGNING_KEY)).toEqual({ valid: true });
  });

  it('refuses a wrong key, a changed URL and a changed body', () => {
    expect(messagebirdAdapter.verify(getRequest(), 'another signing key')).toEqual(mismatch);
    const otherUrl = webhookRequest({
      method: 'GET',
      url: GET_URL.replace('Hallo', 'Hello'),
      headers: { [HEADER]: jwtFor(GET_URL, '') },
      now: NOW,
    });
    expect(messagebirdAdapter.verify(otherUrl, SIGNING_KEY)).toEqual(mismatch);
    const changedBody = webhookRequest({
      url: POST_URL,
      contentType: 'application/x-www-form-urlencoded',
      body: QUERY.replace('Hallo', 'Hello'),
      headers: { [HEADER]: jwtFor(POST_URL, QUERY) },
      now: NOW,
    });
    expect(messagebirdAdapter.verify(changedBody, SIGNING_KEY)).toEqual(mismatch);
  });

  it('refuses a request without the header, or with a token that is not one', () => {
    expect(messagebirdAdapter.verify(getRequest({}), SIGNING_KEY)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.missing', { header: HEADER }),
    });
    const malformed = { valid: false, reason: sentence('delivery.signature.malformed', { header: HEADER }) };
    for (const token of ['', 'a.b', 'a.b.c.d', '!!.??.##', `${base64url({ typ: 'JWT' })}.${base64url({})}.`]) {
      expect(messagebirdAdapter.verify(getRequest({ [HEADER]: token }), SIGNING_KEY), token).toEqual(malformed);
    }
  });

  it('refuses an expired token and one not valid yet, beyond 5 s of tolerance', () => {
    const expired = getRequest({ [HEADER]: jwtFor(GET_URL, '', { exp: nowSeconds - 6 }) });
    expect(messagebirdAdapter.verify(expired, SIGNING_KEY)).toEqual({
      valid: false,
      reason: sentence('delivery.signature.stale', { seconds: 6, limit: 5 }),
    });
    const early = getRequest({ [HEADER]: jwtFor(GET_URL, '', { nbf: nowSeconds + 30 }) });
    expect(messagebirdAdapter.verify(early, SIGNING_KEY)).toMatchObject({
      valid: false,
      reason: { key: 'delivery.signature.stale' },
    });
    const withinTolerance = getRequest({ [HEADER]: jwtFor(GET_URL, '', { exp: nowSeconds - 4 }) });
    expect(messagebirdAdapter.verify(withinTolerance, SIGNING_KEY)).toEqual({ valid: true });
  });

  it('refuses what the SDK refuses: another issuer, no jti, no url_hash, claims of the wrong type, other algorithms', () => {
    const malformed = { valid: false, reason: sentence('delivery.signature.malformed', { header: HEADER }) };
    const withClaims = (claims: Record<string, unknown>) => getRequest({ [HEADER]: jwtFor(GET_URL, '', claims) });
    expect(messagebirdAdapter.verify(withClaims({ iss: 'Someone' }), SIGNING_KEY)).toEqual(malformed);
    expect(messagebirdAdapter.verify(withClaims({ jti: undefined }), SIGNING_KEY)).toEqual(malformed);
    expect(messagebirdAdapter.verify(withClaims({ exp: 'tomorrow' }), SIGNING_KEY)).toEqual(malformed);
    expect(messagebirdAdapter.verify(withClaims({ url_hash: undefined }), SIGNING_KEY)).toEqual(mismatch);
    expect(messagebirdAdapter.verify(withClaims({ url_hash: 'zz' }), SIGNING_KEY)).toEqual(mismatch);
    const rs256 = getRequest({ [HEADER]: jwtFor(GET_URL, '', {}, SIGNING_KEY, 'RS256') });
    expect(messagebirdAdapter.verify(rs256, SIGNING_KEY)).toEqual(malformed);
    const hs512 = getRequest({ [HEADER]: jwtFor(GET_URL, '', {}, SIGNING_KEY, 'HS512') });
    expect(messagebirdAdapter.verify(hs512, SIGNING_KEY)).toEqual({ valid: true });
  });
});

describe('messagebirdAdapter answers', () => {
  it('takes GET and POST, answers 200, and keeps the standard refusal statuses', () => {
    expect(messagebirdAdapter.accepted()).toMatchObject({ status: 200 });
    expect(messagebirdAdapter.refusalStatus('unknownNumber')).toBe(404);
    expect(messagebirdAdapter.secretFields).toContain(HEADER);
  });
});
