/*
 * Vonage SMS API, the inbound-message webhook.
 * - Payload: https://developer.vonage.com/messaging/sms/guides/inbound-sms (msisdn, to, text,
 *   messageId, message-timestamp, keyword, type; concat, concat-ref, concat-total, concat-part for
 *   a multipart SMS; type=binary carries `data` and `udh` in hex). GET, or POST as a form or JSON.
 *   A 200 or 204 acknowledges it; anything else is resent for 24 hours.
 * - Delivery receipts (https://developer.vonage.com/messaging/sms/guides/delivery-receipts) carry
 *   `status` and `err-code` and no text; they may be pointed at the same URL.
 * - Signature: https://developer.vonage.com/getting-started/concepts/signing-messages and
 *   vonage-node-sdk packages/sms/lib/sms.ts (verifySignature): every parameter but `sig`, sorted,
 *   as `&name=value` with `&` and `=` in values replaced by `_`; md5hash is MD5(that + secret), the
 *   others HMAC (md5, sha1, sha256, sha512) keyed by the secret; hex, compared case-insensitively.
 *   Test vectors: packages/sms/__tests__/__dataSets__/signature.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { sentence } from '../../../i18n/sentence';
import { decodeBytes } from '../decode-text';
import { constantTimeEqual } from './constant-time-equal';
import {
  isInvalid,
  missingField,
  optionalString,
  readJsonObject,
  requiredString,
  storableParams,
} from './payload-fields';
import {
  standardRefusalStatus,
  type ParsedWebhook,
  type PartOf,
  type ProviderAdapter,
  type Refusal,
  type SignatureVerdict,
  type WebhookRequest,
} from './provider-adapter';

const SIGNATURE_FIELD = 'sig';
const MAX_CLOCK_SKEW_SECONDS = 300;
/** Vonage splits an SMS into at most 255 parts (the UDH counts them in one byte). */
const MAX_PARTS = 255;

type Params = Readonly<Record<string, unknown>>;
type Invalid = Extract<ParsedWebhook, { kind: 'invalid' }>;

/** The query and the body together, the body winning, as the SDK's example merges them. */
function paramsOf(request: WebhookRequest): Params | Invalid {
  const query = Object.fromEntries(request.query);
  if (request.method === 'GET') return query;
  if (request.contentType === 'application/json') {
    const body = readJsonObject(request);
    return isInvalid(body) ? body : { ...query, ...body };
  }
  return { ...query, ...Object.fromEntries(request.form) };
}

function parseVonage(request: WebhookRequest): ParsedWebhook {
  const params = paramsOf(request);
  if (isInvalid(params)) return params;
  if (params.text === undefined && (params.status !== undefined || params['err-code'] !== undefined))
    return { kind: 'ignored', reason: sentence('delivery.ignored.deliveryReport') };
  const receiver = requiredString(params, 'to');
  if (isInvalid(receiver)) return receiver;
  const sender = requiredString(params, 'msisdn');
  if (isInvalid(sender)) return sender;
  const messageId = requiredString(params, 'messageId');
  if (isInvalid(messageId)) return messageId;
  const text = textOf(params);
  if (isInvalid(text)) return text;
  const keyword = optionalString(params, 'keyword');
  if (isInvalid(keyword)) return keyword;
  const part = partOf(params);
  if (isInvalid(part)) return part;
  const fields = storableParams(Object.entries(params).filter(([name]) => name !== SIGNATURE_FIELD));
  return {
    kind: 'message',
    message: {
      receiver,
      sender,
      text,
      messageId,
      ...(keyword === undefined ? {} : { keyword }),
      ...(part === undefined ? {} : { part }),
      fields,
    },
  };
}

/** The text, or for a binary message its `data` bytes (hex) decoded. */
function textOf(params: Params): string | Invalid {
  if (params.type !== 'binary' || params.text !== undefined) return requiredString(params, 'text');
  const data = requiredString(params, 'data');
  if (isInvalid(data)) return data;
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(data))
    return { kind: 'invalid', reason: sentence('delivery.field.notHex', { field: 'data' }), field: 'data' };
  return decodeBytes(Buffer.from(data, 'hex'));
}

function partOf(params: Params): PartOf | undefined | Invalid {
  if (params.concat !== 'true' && params.concat !== true) return undefined;
  const ref = requiredString(params, 'concat-ref');
  if (isInvalid(ref)) return ref;
  const total = wholeNumber(params, 'concat-total', 2, MAX_PARTS);
  if (isInvalid(total)) return total;
  const index = wholeNumber(params, 'concat-part', 1, total);
  if (isInvalid(index)) return index;
  return { ref, total, index };
}

/** Vonage writes these numbers as strings; a JSON number is taken as well. */
function wholeNumber(params: Params, field: string, min: number, max: number): number | Invalid {
  const value = params[field];
  if (value === undefined || value === null) return missingField(field);
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? +value : NaN;
  if (Number.isInteger(number) && number >= min && number <= max) return number;
  return { kind: 'invalid', reason: sentence('delivery.field.notWholeNumber', { field, min, max }), field };
}

/** The string Vonage signs: every parameter but `sig`, sorted by name, as `&name=value`. */
export function vonageSignedString(params: Params): string {
  return Object.keys(params)
    .filter((name) => name !== SIGNATURE_FIELD)
    .sort()
    .map((name) => `&${name}=${String(params[name]).replace(/[&=]/g, '_')}`)
    .join('');
}

/**
 * The signatures the secret can produce for this string, by the hex length of the received one:
 * the connector stores the secret but not the method chosen in the Vonage dashboard.
 */
function candidateSignatures(signed: string, secret: string, length: number): string[] {
  const hmac = (algorithm: string) => createHmac(algorithm, secret).update(signed, 'utf8').digest('hex');
  switch (length) {
    case 32:
      return [
        createHash('md5')
          .update(signed + secret, 'utf8')
          .digest('hex'),
        hmac('md5'),
      ];
    case 40:
      return [hmac('sha1')];
    case 64:
      return [hmac('sha256')];
    case 128:
      return [hmac('sha512')];
    default:
      return [];
  }
}

/**
 * The connector's token may ride in the query of the configured URL; whether Vonage counts it
 * among the parameters it signs is not documented, so the string is tried with and without it.
 */
function signedStrings(params: Params): string[] {
  const withToken = vonageSignedString(params);
  const withoutToken = vonageSignedString(storableParams(Object.entries(params)));
  return withToken === withoutToken ? [withToken] : [withToken, withoutToken];
}

function verifyVonage(request: WebhookRequest, secret: string): SignatureVerdict {
  const params = paramsOf(request);
  if (isInvalid(params)) return { valid: false, reason: params.reason };
  const received = params[SIGNATURE_FIELD];
  if (received === undefined || received === '')
    return { valid: false, reason: sentence('delivery.signature.missing', { header: SIGNATURE_FIELD }) };
  const candidates =
    typeof received === 'string' && /^[0-9a-fA-F]+$/.test(received)
      ? signedStrings(params).flatMap((signed) => candidateSignatures(signed, secret, received.length))
      : [];
  if (candidates.length === 0)
    return { valid: false, reason: sentence('delivery.signature.malformed', { header: SIGNATURE_FIELD }) };
  const normalized = String(received).toLowerCase();
  // Every candidate is compared, so the time taken does not tell which method matched.
  const matched = candidates.map((candidate) => constantTimeEqual(normalized, candidate)).includes(true);
  if (!matched) return { valid: false, reason: sentence('delivery.signature.mismatch', { header: SIGNATURE_FIELD }) };
  return freshness(params.timestamp, request.now);
}

/** The signed `timestamp` (Unix seconds) must be within five minutes of the arrival. */
function freshness(timestamp: unknown, now: Date): SignatureVerdict {
  const seconds = typeof timestamp === 'string' && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (Number.isNaN(seconds))
    return { valid: false, reason: sentence('delivery.signature.missing', { header: 'timestamp' }) };
  const skew = Math.abs(Math.round(now.getTime() / 1000 - seconds));
  return skew <= MAX_CLOCK_SKEW_SECONDS
    ? { valid: true }
    : { valid: false, reason: sentence('delivery.signature.stale', { seconds: skew, limit: MAX_CLOCK_SKEW_SECONDS }) };
}

/**
 * Vonage resends anything but a 200 or 204 for 24 hours. A payload that is unusable or too large
 * stays so, so it is acknowledged with 200 (the delivery log keeps the refusal). A wrong number,
 * signature or token, or a connector without a route, is a configuration the admin can fix: the
 * usual 4xx/502 keeps Vonage retrying for a bounded day, long enough to fix it without losing the SMS.
 */
function vonageRefusalStatus(refusal: Refusal): number {
  return refusal === 'invalid' || refusal === 'tooLarge' ? 200 : standardRefusalStatus[refusal];
}

export const vonageAdapter: ProviderAdapter = {
  provider: 'vonage',
  parse: parseVonage,
  verify: verifyVonage,
  accepted: () => ({ status: 204, contentType: 'text/plain', body: '' }),
  refusalStatus: vonageRefusalStatus,
  secretFields: [SIGNATURE_FIELD],
};
