/*
 * Plivo Messaging, the incoming-message webhook (the number's application `message_url`).
 * - Payload: https://www.plivo.com/docs/messaging/api/message/receive-an-sms (From, To, Text,
 *   Type, MessageUUID; POST form by default, GET when the application says so).
 * - Signature: https://www.plivo.com/docs/voice/concepts/signature-validation and plivo-node
 *   lib/utils/v3Security.js (validateV3Signature; plivo-python plivo/utils/signature_v3.py is the
 *   same): base64 HMAC-SHA256 keyed by the auth token over the signed URL + '.' + the nonce of
 *   X-Plivo-Signature-V3-Nonce. The signed URL is origin + path, then for a GET '?' + the query
 *   parameters sorted as name=value joined by '&'; for a POST '?' + the sorted query (if any) +
 *   '.' (when there was a query) + the body parameters sorted as name + value. The header may hold
 *   several signatures separated by commas (one per auth token during a rotation).
 */
import { createHmac } from 'node:crypto';
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

const SIGNATURE_HEADER = 'X-Plivo-Signature-V3';
const NONCE_HEADER = 'X-Plivo-Signature-V3-Nonce';

const paramsOf = (request: WebhookRequest): ReadonlyMap<string, string> =>
  request.method === 'GET' ? request.query : request.form;

function parsePlivo(request: WebhookRequest): ParsedWebhook {
  const params = paramsOf(request);
  // A message status callback (Status, no Text) may be pointed at the same URL.
  if (!params.has('Text') && params.has('Status'))
    return { kind: 'ignored', reason: sentence('delivery.ignored.deliveryReport') };
  for (const field of ['From', 'To', 'Text', 'MessageUUID']) if (!params.has(field)) return missingField(field);
  return {
    kind: 'message',
    message: {
      receiver: params.get('To')!,
      sender: params.get('From')!,
      text: params.get('Text')!,
      messageId: params.get('MessageUUID')!,
      fields: storableParams(params),
    },
  };
}

const sortedNames = (params: ReadonlyMap<string, string>): string[] => [...params.keys()].sort();

/** The URL Plivo signs, built as plivo-node's construct_get_url / construct_post_url build it. */
export function plivoSignedUrl(method: 'GET' | 'POST', url: string, form: ReadonlyMap<string, string>): string {
  const parsed = new URL(url);
  const query = new Map(parsed.searchParams);
  const sortedQuery = sortedNames(query)
    .map((name) => `${name}=${query.get(name)!}`)
    .join('&');
  const base = `${parsed.origin}${parsed.pathname}`;
  if (method === 'GET') return sortedQuery === '' ? base : `${base}?${sortedQuery}`;
  if (form.size === 0) return sortedQuery === '' ? base : `${base}?${sortedQuery}`;
  const body = sortedNames(form)
    .map((name) => name + form.get(name)!)
    .join('');
  return `${base}?${sortedQuery}${sortedQuery === '' ? '' : '.'}${body}`;
}

export function plivoSignature(authToken: string, signedUrl: string, nonce: string): string {
  return createHmac('sha256', authToken).update(`${signedUrl}.${nonce}`, 'utf8').digest('base64');
}

function verifyPlivo(request: WebhookRequest, secret: string): SignatureVerdict {
  const received = request.headers.get(SIGNATURE_HEADER.toLowerCase());
  if (!received) return { valid: false, reason: sentence('delivery.signature.missing', { header: SIGNATURE_HEADER }) };
  const nonce = request.headers.get(NONCE_HEADER.toLowerCase());
  if (!nonce) return { valid: false, reason: sentence('delivery.signature.missing', { header: NONCE_HEADER }) };
  let expected: string;
  try {
    expected = plivoSignature(secret, plivoSignedUrl(request.method, request.url, paramsOf(request)), nonce);
  } catch {
    return { valid: false, reason: sentence('delivery.signature.mismatch', { header: SIGNATURE_HEADER }) };
  }
  const matched = received
    .split(',')
    .map((signature) => constantTimeEqual(signature.trim(), expected))
    .includes(true);
  return matched
    ? { valid: true }
    : { valid: false, reason: sentence('delivery.signature.mismatch', { header: SIGNATURE_HEADER }) };
}

export const plivoAdapter: ProviderAdapter = {
  provider: 'plivo',
  parse: parsePlivo,
  verify: verifyPlivo,
  accepted: () => emptyXmlResponse('application/xml'),
  // The usual statuses: Plivo documents no retry schedule for the message URL that a 4xx would start.
  refusalStatus: (refusal) => standardRefusalStatus[refusal],
  secretFields: [
    'x-plivo-signature-v3',
    'x-plivo-signature-v3-nonce',
    'x-plivo-signature-v2',
    'x-plivo-signature-v2-nonce',
  ],
};
