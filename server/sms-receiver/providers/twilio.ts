/*
 * Twilio Programmable Messaging, the incoming-message webhook.
 * - Payload: https://www.twilio.com/docs/messaging/guides/webhook-request (MessageSid, From, To,
 *   Body, NumSegments: Twilio joins a multipart SMS before it calls).
 * - Signature: https://www.twilio.com/docs/usage/security and twilio-node src/webhooks/webhooks.ts
 *   (validateRequest, validateRequestWithBody): base64 HMAC-SHA1 keyed by the auth token over the
 *   URL followed by every POST parameter sorted by name, as name + value. The SDK accepts the URL
 *   without its port, with the scheme's standard port, and both with the query re-encoded the way
 *   Node's legacy `querystring` does; a JSON body is signed through its SHA-256 in `bodySHA256`.
 */
import { createHash, createHmac } from 'node:crypto';
import { parse as parseLegacyQuery, stringify as stringifyLegacyQuery } from 'node:querystring';
import { sentence } from '../../../i18n/sentence';
import { constantTimeEqual } from './constant-time-equal';
import { missingField, storableParams } from './payload-fields';
import {
  emptyXmlResponse,
  standardRefusalStatus,
  type ParsedWebhook,
  type ProviderAdapter,
  type SignatureVerdict,
  type WebhookRequest,
} from './provider-adapter';

const SIGNATURE_HEADER = 'X-Twilio-Signature';

/** Twilio sends the parameters in the query for a GET and in the form body for a POST. */
const paramsOf = (request: WebhookRequest): ReadonlyMap<string, string> =>
  request.method === 'GET' ? request.query : request.form;

function parseTwilio(request: WebhookRequest): ParsedWebhook {
  const params = paramsOf(request);
  const fields = storableParams(params);
  // A status callback pointed at the same URL carries MessageStatus and no Body.
  if (!params.has('Body') && params.has('MessageStatus'))
    return { kind: 'ignored', reason: sentence('delivery.ignored.deliveryReport') };
  for (const field of ['From', 'To', 'Body', 'MessageSid']) if (!params.has(field)) return missingField(field);
  return {
    kind: 'message',
    message: {
      receiver: params.get('To')!,
      sender: params.get('From')!,
      text: params.get('Body')!,
      messageId: params.get('MessageSid')!,
      fields,
    },
  };
}

/** Concatenates the URL and the sorted parameters as twilio-node's getExpectedTwilioSignature does. */
export function twilioSignature(authToken: string, url: string, params: ReadonlyMap<string, string>): string {
  const names = [...params.keys()].sort();
  const data = names.reduce((acc, name) => acc + name + params.get(name)!, url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function withoutPort(url: URL): string {
  const copy = new URL(url);
  copy.port = '';
  return copy.toString();
}

function withStandardPort(url: URL): string {
  if (url.port) return url.toString();
  const port = url.protocol === 'https:' ? ':443' : ':80';
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${credentials}${url.host}${port}${url.pathname}${url.search}${url.hash}`;
}

function withLegacyQuerystring(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search) return url;
  const query = stringifyLegacyQuery(parseLegacyQuery(parsed.search.slice(1)));
  parsed.search = '';
  return `${parsed.toString()}?${query}`;
}

/**
 * The URL forms twilio-node's validateRequest tries: the URL as it reached us first (what the
 * admin pasted into Twilio's console, so nearly always the one signed), then without the port,
 * with the scheme's standard port, and each with the query re-encoded. Built one at a time: a
 * request signed over the URL as it arrived costs one HMAC and no URL parsing.
 */
function* urlCandidates(url: string): Generator<string> {
  yield url;
  const parsed = new URL(url);
  const plain = [withoutPort(parsed), withStandardPort(parsed)];
  const seen = new Set([url]);
  for (const candidate of [...plain, ...plain.map(withLegacyQuerystring)]) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    yield candidate;
  }
}

function verifyTwilio(request: WebhookRequest, secret: string): SignatureVerdict {
  const mismatch: SignatureVerdict = {
    valid: false,
    reason: sentence('delivery.signature.mismatch', { header: SIGNATURE_HEADER }),
  };
  const received = request.headers.get(SIGNATURE_HEADER.toLowerCase());
  if (received === undefined || received === '')
    return { valid: false, reason: sentence('delivery.signature.missing', { header: SIGNATURE_HEADER }) };
  // A body that is not a form (JSON) is signed by its hash in the URL instead of as parameters.
  let signedBodyHash: string | null = null;
  if (request.form.size === 0) {
    try {
      signedBodyHash = new URL(request.url).searchParams.get('bodySHA256');
    } catch {
      return mismatch;
    }
  }
  const params = signedBodyHash === null ? request.form : new Map<string, string>();
  const bodyMatches =
    signedBodyHash === null ||
    constantTimeEqual(signedBodyHash, createHash('sha256').update(request.body).digest('hex'));
  try {
    for (const url of urlCandidates(request.url))
      if (constantTimeEqual(received, twilioSignature(secret, url, params)))
        return bodyMatches ? { valid: true } : mismatch;
  } catch {
    // A URL that does not parse has no other form to try.
  }
  return mismatch;
}

export const twilioAdapter: ProviderAdapter = {
  provider: 'twilio',
  parse: parseTwilio,
  verify: verifyTwilio,
  accepted: () => emptyXmlResponse('text/xml'),
  // Twilio does not retry a messaging webhook on a 4xx or 5xx (it records error 11200 and moves
  // on), so the usual statuses cannot start a retry storm and tell the admin what went wrong.
  refusalStatus: (refusal) => standardRefusalStatus[refusal],
  secretFields: ['x-twilio-signature'],
};
