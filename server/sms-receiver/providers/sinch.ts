/**
 * Sinch SMS REST API inbound callbacks (mobile originated messages).
 *
 * Payload: `mo_text`, `mo_binary` and `mo_media` of sinch/sinch-sdk-node
 * `packages/sms/src/models/v1/{mo-text,mo-binary,mo-media,api-mo-message}` (`id`, `from`, `to`,
 * `body`, `received_at`, `operator_id`, `client_reference`; binary: `body` base64 and `udh` hex,
 * "max 140 bytes together"); delivery reports (`delivery_report_*`,
 * `recipient_delivery_report_*`) are acknowledged and ignored (`callbacks-webhook.ts`).
 * Signature: sinch-sdk-node `packages/sdk-client/src/utils/authorization.helper.ts`
 * (`validateWebhookSignature`) and sinch-sdk-java `HmacAuthenticationValidation`: base64
 * HMAC-SHA256 with the callback secret over `${raw body}.${nonce}.${timestamp}`, in
 * `x-sinch-webhook-signature`, `-nonce`, `-timestamp` and `-algorithm` (HmacSHA256). The SDKs check
 * no time window; the timestamp is in seconds, and is held to 5 minutes here against replays.
 * Answer: developers.sinch.com/docs/sms/api-reference/sms/tag/Webhooks: Sinch retries only 5xx
 * (and 429, slower), every other 4xx is final. So the standard statuses are right: a permanent
 * refusal (400, 401, 404, 413) is not retried, a store failure (500) and 502 are, for up to 22 h.
 */
import { sentence } from '../../../i18n/sentence';
import {
  isObject,
  jsonObjectOf,
  optionalString,
  readPayload,
  refuseField,
  requiredString,
  type JsonObject,
} from './payload-reader';
import {
  standardRefusalStatus,
  type ParsedWebhook,
  type PartOf,
  type ProviderAdapter,
  type SignatureVerdict,
  type WebhookRequest,
} from './provider-adapter';
import {
  base64Bytes,
  emptySecret,
  equalInConstantTime,
  hmac,
  malformedHeader,
  mismatch,
  missingHeader,
  timestampProblem,
  utf8,
  VALID,
} from './signature-checks';
import { parseUserDataHeader } from './user-data-header';

const SIGNATURE_HEADER = 'x-sinch-webhook-signature';
const NONCE_HEADER = 'x-sinch-webhook-signature-nonce';
const TIMESTAMP_HEADER = 'x-sinch-webhook-signature-timestamp';
const ALGORITHM_HEADER = 'x-sinch-webhook-signature-algorithm';

function parse(request: WebhookRequest): ParsedWebhook {
  return readPayload(() => {
    const body = jsonObjectOf(request);
    const type = requiredString(body, 'type', 'type');
    if (/^(recipient_)?delivery_report_/.test(type)) {
      return { kind: 'ignored', reason: sentence('delivery.ignored.deliveryReport') };
    }
    if (type !== 'mo_text' && type !== 'mo_binary' && type !== 'mo_media') {
      return { kind: 'ignored', reason: sentence('delivery.ignored.event', { type }) };
    }
    const content = type === 'mo_text' ? textOf(body) : type === 'mo_binary' ? binaryOf(body) : mediaTextOf(body);
    return {
      kind: 'message',
      message: {
        sender: requiredString(body, 'from', 'from'),
        receiver: requiredString(body, 'to', 'to'),
        messageId: requiredString(body, 'id', 'id'),
        ...content,
        fields: body,
      },
    };
  });
}

const textOf = (body: JsonObject) => ({ text: optionalString(body, 'body', 'body') ?? '' });

/** An MMS: its text is `body.message` (the media stay in the stored fields). */
function mediaTextOf(body: JsonObject): { text: string } {
  const content = body.body;
  if (!isObject(content)) return { text: '' };
  return { text: optionalString(content, 'message', 'body.message') ?? '' };
}

/**
 * A binary SMS: its bytes, and where it belongs when its header says it is one part of several.
 * Sinch sends no data coding scheme, so the text encoding cannot be known: the bytes are read as
 * UTF-8, anything else becomes U+FFFD (and NUL too, which no text column stores); the exact
 * bytes stay in the stored fields (`body`, `udh`).
 */
function binaryOf(body: JsonObject): { text: string; part?: PartOf } {
  const encoded = requiredString(body, 'body', 'body');
  const bytes = base64Bytes(encoded.replace(/\s+/g, ''));
  if (!bytes) refuseField('body', sentence('validation.format.other', { format: 'base64' }));
  const text = new TextDecoder('utf-8').decode(bytes).replace(/\0/g, '\ufffd');
  const udh = optionalString(body, 'udh', 'udh');
  const concatenation = udh === undefined ? null : parseUserDataHeader(udh);
  if (!concatenation || concatenation.total < 2) return { text };
  return {
    text,
    part: { ref: String(concatenation.ref), total: concatenation.total, index: concatenation.index },
  };
}

function verify(request: WebhookRequest, secret: string): SignatureVerdict {
  if (secret === '') return emptySecret();
  const signatureHeader = request.headers.get(SIGNATURE_HEADER);
  if (signatureHeader === undefined) return missingHeader(SIGNATURE_HEADER);
  const nonce = request.headers.get(NONCE_HEADER);
  if (nonce === undefined) return missingHeader(NONCE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  if (timestamp === undefined) return missingHeader(TIMESTAMP_HEADER);
  const algorithm = request.headers.get(ALGORITHM_HEADER);
  if (algorithm !== undefined && algorithm.toLowerCase() !== 'hmacsha256') return malformedHeader(ALGORITHM_HEADER);
  const stale = timestampProblem(TIMESTAMP_HEADER, timestamp, request.now);
  if (stale) return stale;
  const signature = base64Bytes(signatureHeader.trim());
  if (!signature) return malformedHeader(SIGNATURE_HEADER);
  const expected = hmac('sha256', secret, request.body, utf8(`.${nonce}.${timestamp}`));
  return equalInConstantTime(signature, expected) ? VALID : mismatch(SIGNATURE_HEADER);
}

export const sinchAdapter: ProviderAdapter = {
  provider: 'sinch',
  parse,
  verify,
  accepted: () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: '' }),
  refusalStatus: (refusal) => standardRefusalStatus[refusal],
  secretFields: [SIGNATURE_HEADER],
};
