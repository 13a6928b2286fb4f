import { createHash, createHmac, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import type { NativeProvider } from '../../contract/domain';

// SMS providers as the tests' counterpart: each builds an inbound SMS webhook in its own format and
// signs it as its documentation says. Written apart from the server's adapters
// (server/sms-receiver/providers/), so that a misread rule shows as a refused delivery.

/** One inbound SMS as the provider knows it. */
export interface ProviderSms {
  from: string;
  to: string;
  text: string;
  /** The provider's id of the message; a fresh one unless given. */
  id?: string;
  /** More parameters, as a provider may add any (Twilio only: FromCity, AddOns, …). */
  extra?: Record<string, string>;
}

export interface ProviderDelivery {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/SMSReceiver/twilio`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface DeliveryOptions {
  /** The origin the provider calls (and signs): the server's, or the public URL behind a proxy. */
  origin: string;
  /** The signing time (for providers that sign one); now unless given. */
  now?: Date;
  /** Sign with another secret than the connector's. */
  wrongSecret?: boolean;
  /** Leave the signature out. */
  unsigned?: boolean;
}

export interface FakeProvider {
  provider: NativeProvider;
  /** What the connector is given as `providerSecret`. */
  secret: string;
  /** Whether the provider signs its webhooks at all, and whether the URL is part of what it signs. */
  signs: boolean;
  signsUrl: boolean;
  /** Whether what it signs carries the time (so that an old request can be told from a fresh one). */
  signsTime: boolean;
  deliver(sms: ProviderSms, options: DeliveryOptions): ProviderDelivery;
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const otherSecret = (secret: string, options: DeliveryOptions) => (options.wrongSecret ? `${secret}-wrong` : secret);
const unixSeconds = (options: DeliveryOptions) => String(Math.floor((options.now ?? new Date()).getTime() / 1000));

/** Twilio: a form POST, X-Twilio-Signature = base64 HMAC-SHA1(auth token, URL + params sorted by name as name+value). */
export function fakeTwilio(authToken = randomBytes(16).toString('hex')): FakeProvider {
  return {
    provider: 'twilio',
    signsTime: false,
    signsUrl: true,
    secret: authToken,
    signs: true,
    deliver(sms, options) {
      const path = '/SMSReceiver/twilio';
      const params: Record<string, string> = {
        ToCountry: 'DE',
        SmsMessageSid: sms.id ?? `SM${randomBytes(16).toString('hex')}`,
        NumMedia: '0',
        SmsSid: sms.id ?? '',
        SmsStatus: 'received',
        Body: sms.text,
        To: sms.to,
        NumSegments: '1',
        MessageSid: sms.id ?? `SM${randomBytes(16).toString('hex')}`,
        AccountSid: `AC${'0'.repeat(32)}`,
        From: sms.from,
        ApiVersion: '2010-04-01',
        ...sms.extra,
      };
      params.SmsSid = params.MessageSid!;
      params.SmsMessageSid = params.MessageSid!;
      const signed =
        options.origin +
        path +
        Object.keys(params)
          .sort()
          .map((name) => name + params[name])
          .join('');
      const signature = createHmac('sha1', otherSecret(authToken, options)).update(signed).digest('base64');
      return {
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(options.unsigned ? {} : { 'x-twilio-signature': signature }),
        },
        body: form(params),
      };
    },
  };
}

/** Telnyx: JSON, telnyx-signature-ed25519 = Ed25519 over `timestamp|body`; the secret is the base64 public key. */
export function fakeTelnyx(): FakeProvider {
  const keys = generateKeyPairSync('ed25519');
  const wrongKeys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  return {
    provider: 'telnyx',
    signsTime: true,
    signsUrl: false,
    secret: publicKey,
    signs: true,
    deliver(sms, options) {
      const id = sms.id ?? randomUUID();
      const body = JSON.stringify({
        data: {
          event_type: 'message.received',
          id: randomUUID(),
          occurred_at: (options.now ?? new Date()).toISOString(),
          payload: {
            id,
            direction: 'inbound',
            type: 'SMS',
            from: { phone_number: sms.from, carrier: 'Telekom', line_type: 'Wireless' },
            to: [{ phone_number: sms.to, status: 'webhook_delivered' }],
            text: sms.text,
            encoding: 'GSM-7',
            parts: 1,
            received_at: (options.now ?? new Date()).toISOString(),
            record_type: 'message',
          },
          record_type: 'event',
        },
        meta: { attempt: 1, delivered_to: `${options.origin}/SMSReceiver/telnyx` },
      });
      const timestamp = unixSeconds(options);
      const key = options.wrongSecret ? wrongKeys.privateKey : keys.privateKey;
      const signature = sign(null, Buffer.from(`${timestamp}|${body}`), key).toString('base64');
      return {
        method: 'POST',
        path: '/SMSReceiver/telnyx',
        headers: {
          'content-type': 'application/json',
          'telnyx-timestamp': timestamp,
          ...(options.unsigned ? {} : { 'telnyx-signature-ed25519': signature }),
        },
        body,
      };
    },
  };
}

/** Sinch: JSON `mo_text`; x-sinch-webhook-signature = base64 HMAC-SHA256(secret, `body.nonce.timestamp`). */
export function fakeSinch(secret = randomBytes(16).toString('hex')): FakeProvider {
  return {
    provider: 'sinch',
    signsTime: true,
    signsUrl: false,
    secret,
    signs: true,
    deliver(sms, options) {
      const received = (options.now ?? new Date()).toISOString();
      const body = JSON.stringify({
        type: 'mo_text',
        id: sms.id ?? randomBytes(12).toString('hex'),
        from: sms.from.replace(/^\+/, ''),
        to: sms.to.replace(/^\+/, ''),
        body: sms.text,
        received_at: received,
        operator_id: '26201',
      });
      const nonce = randomBytes(12).toString('base64');
      const timestamp = unixSeconds(options);
      const signature = createHmac('sha256', otherSecret(secret, options))
        .update(`${body}.${nonce}.${timestamp}`)
        .digest('base64');
      return {
        method: 'POST',
        path: '/SMSReceiver/sinch',
        headers: {
          'content-type': 'application/json',
          'x-sinch-webhook-signature-nonce': nonce,
          'x-sinch-webhook-signature-timestamp': timestamp,
          'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
          ...(options.unsigned ? {} : { 'x-sinch-webhook-signature': signature }),
        },
        body,
      };
    },
  };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** MessageBird (legacy): a GET query, MessageBird-Signature-JWT an HS256 JWT with `url_hash` (SHA-256 of the URL). */
export function fakeMessageBird(signingKey = randomBytes(16).toString('hex')): FakeProvider {
  return {
    provider: 'messagebird',
    signsTime: true,
    signsUrl: true,
    secret: signingKey,
    signs: true,
    deliver(sms, options) {
      const query = new URLSearchParams({
        id: sms.id ?? randomBytes(16).toString('hex'),
        originator: sms.from.replace(/^\+/, ''),
        recipient: sms.to.replace(/^\+/, ''),
        incomingMessage: sms.text,
        createdDatetime: (options.now ?? new Date()).toISOString(),
      }).toString();
      const path = `/SMSReceiver/messagebird?${query}`;
      const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
      const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      const claims = base64url(
        JSON.stringify({
          iss: 'MessageBird',
          nbf: now,
          exp: now + 300,
          jti: randomUUID(),
          url_hash: sha256Hex(options.origin + path),
        }),
      );
      const mac = createHmac('sha256', otherSecret(signingKey, options)).update(`${header}.${claims}`).digest();
      return {
        method: 'GET',
        path,
        headers: options.unsigned
          ? {}
          : ({ 'messagebird-signature-jwt': `${header}.${claims}.${base64url(mac)}` } as Record<string, string>),
      };
    },
  };
}

/** Bird: JSON `sms.inbound`; messagebird-signature = base64 HMAC-SHA256(key, `timestamp\nURL\n` + SHA-256 of the body, raw). */
export function fakeBird(signingKey = randomBytes(16).toString('hex')): FakeProvider {
  return {
    provider: 'bird',
    signsTime: true,
    signsUrl: true,
    secret: signingKey,
    signs: true,
    deliver(sms, options) {
      // The documented payload names the receiving channel connector by id only: the URL names the number.
      const path = `/SMSReceiver/bird?receiver=${encodeURIComponent(sms.to)}`;
      const body = JSON.stringify({
        service: 'channels',
        event: 'sms.inbound',
        payload: {
          id: sms.id ?? randomUUID(),
          channelId: randomUUID(),
          sender: { contact: { id: randomUUID(), identifierKey: 'phonenumber', identifierValue: sms.from } },
          receiver: { connector: { id: randomUUID() } },
          body: { type: 'text', text: { text: sms.text } },
          status: 'delivered',
          direction: 'incoming',
          createdAt: (options.now ?? new Date()).toISOString(),
        },
      });
      const timestamp = unixSeconds(options);
      const digest = createHash('sha256').update(body).digest();
      const signature = createHmac('sha256', otherSecret(signingKey, options))
        .update(Buffer.concat([Buffer.from(`${timestamp}\n${options.origin}${path}\n`), digest]))
        .digest('base64');
      return {
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          'messagebird-request-timestamp': timestamp,
          ...(options.unsigned ? {} : { 'messagebird-signature': signature }),
        },
        body,
      };
    },
  };
}

/**
 * Vonage SMS API: a GET query; `sig` = HMAC-SHA256(secret, every other parameter sorted as
 * `&name=value`, `&` and `=` in values as `_`), hex, with the signed `timestamp`.
 * `part` sends one part of a multipart SMS (concat-ref, concat-total, concat-part).
 */
export function fakeVonage(secret = randomBytes(16).toString('hex')): FakeProvider & {
  deliverPart(
    sms: ProviderSms,
    part: { ref: string; total: number; index: number },
    options: DeliveryOptions,
  ): ProviderDelivery;
} {
  const deliverWith = (sms: ProviderSms, options: DeliveryOptions, extra: Record<string, string>): ProviderDelivery => {
    const params: Record<string, string> = {
      msisdn: sms.from.replace(/^\+/, ''),
      to: sms.to.replace(/^\+/, ''),
      messageId: sms.id ?? randomBytes(8).toString('hex').toUpperCase(),
      text: sms.text,
      type: 'unicode',
      keyword: sms.text.split(' ')[0]!.toUpperCase(),
      'api-key': 'abcd1234',
      'message-timestamp': (options.now ?? new Date()).toISOString().slice(0, 19).replace('T', ' '),
      timestamp: unixSeconds(options),
      ...extra,
    };
    const signed = Object.keys(params)
      .sort()
      .map((name) => `&${name}=${params[name]!.replace(/[&=]/g, '_')}`)
      .join('');
    const sig = createHmac('sha256', otherSecret(secret, options)).update(signed).digest('hex');
    const query = new URLSearchParams({ ...params, ...(options.unsigned ? {} : { sig }) }).toString();
    return { method: 'GET', path: `/SMSReceiver/vonage?${query}`, headers: {} };
  };
  return {
    provider: 'vonage',
    signsUrl: false,
    signsTime: true,
    secret,
    signs: true,
    deliver: (sms, options) => deliverWith(sms, options, {}),
    deliverPart: (sms, part, options) =>
      deliverWith(sms, options, {
        concat: 'true',
        'concat-ref': part.ref,
        'concat-total': String(part.total),
        'concat-part': String(part.index),
      }),
  };
}

/**
 * Plivo: a form POST; X-Plivo-Signature-V3 = base64 HMAC-SHA256(auth token, URL + '?' + the body
 * parameters sorted as name+value, '.', the nonce of X-Plivo-Signature-V3-Nonce).
 */
export function fakePlivo(authToken = randomBytes(20).toString('hex')): FakeProvider {
  return {
    provider: 'plivo',
    signsUrl: true,
    signsTime: false,
    secret: authToken,
    signs: true,
    deliver(sms, options) {
      const path = '/SMSReceiver/plivo';
      const params: Record<string, string> = {
        From: sms.from.replace(/^\+/, ''),
        To: sms.to.replace(/^\+/, ''),
        Text: sms.text,
        Type: 'sms',
        MessageUUID: sms.id ?? randomUUID(),
        TotalRate: '0',
        TotalAmount: '0',
        Units: '1',
        MessageIntent: '',
      };
      const signedUrl =
        `${options.origin}${path}?` +
        Object.keys(params)
          .sort()
          .map((name) => name + params[name])
          .join('');
      const nonce = randomBytes(10).toString('hex');
      const signature = createHmac('sha256', otherSecret(authToken, options))
        .update(`${signedUrl}.${nonce}`)
        .digest('base64');
      return {
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-plivo-signature-v3-nonce': nonce,
          ...(options.unsigned ? {} : { 'x-plivo-signature-v3': signature }),
        },
        body: form(params),
      };
    },
  };
}

/** CM.com: JSON with from.number, to.number and message.text; it signs nothing. */
export function fakeCm(): FakeProvider {
  // A retry repeats the payload as it was first sent (CM sends no message id of its own).
  const sent = new Map<string, string>();
  return {
    provider: 'cm',
    signsUrl: false,
    signsTime: false,
    secret: '',
    signs: false,
    deliver(sms, options) {
      const body = JSON.stringify({
        reference: sms.id ?? randomUUID(),
        messageContext: '',
        from: { number: sms.from.replace(/^\+/, '00'), name: '' },
        to: { number: sms.to.replace(/^\+/, '00') },
        message: { text: sms.text, media: { mediaUri: '', contentType: '', title: '' }, custom: {} },
        groupings: ['', '', ''],
        time: (options.now ?? new Date()).toISOString(),
        timeUtc: (options.now ?? new Date()).toISOString(),
        channel: 'SMS',
      });
      if (sms.id && !sent.has(sms.id)) sent.set(sms.id, body);
      const payload = (sms.id && sent.get(sms.id)) || body;
      return {
        method: 'POST',
        path: '/SMSReceiver/cm',
        headers: { 'content-type': 'application/json' },
        body: payload,
      };
    },
  };
}

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** One fake of every provider, each with secrets of its own. */
export function fakeProviders(): FakeProvider[] {
  return [fakeTwilio(), fakeVonage(), fakeTelnyx(), fakePlivo(), fakeSinch(), fakeMessageBird(), fakeBird(), fakeCm()];
}
