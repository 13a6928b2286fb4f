/**
 * Telnyx Messaging (API v2) inbound SMS webhooks.
 *
 * Payload: the `message.received` event of developers.telnyx.com/api-reference/callbacks/inbound-message
 * (`data.event_type`, `data.payload.{id,from.phone_number,to[].phone_number,text}`); every other
 * event type (message.sent, message.finalized, ...) is acknowledged and ignored.
 * Signature: team-telnyx/telnyx-node `src/lib/webhooks.ts` (`TelnyxWebhook.verify`): Ed25519 over
 * `${telnyx-timestamp}|${raw body}`, the signature base64 in `telnyx-signature-ed25519` (64 bytes),
 * the key the account's base64 public key from Mission Control (32 bytes), and the timestamp at
 * most 300 s from now either way.
 * Answer: any 2xx within 2 s (docs/messaging/messages/receiving-webhooks). Telnyx retries a failed
 * delivery a few times and then tries the failover URL, so the standard refusal statuses start no
 * long retry series.
 */
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { sentence } from '../../../i18n/sentence';
import {
  arrayField,
  isObject,
  jsonObjectOf,
  objectField,
  optionalString,
  readPayload,
  refuseField,
  requiredString,
} from './payload-reader';
import {
  standardRefusalStatus,
  type ProviderAdapter,
  type SignatureVerdict,
  type WebhookRequest,
} from './provider-adapter';
import {
  base64Bytes,
  emptySecret,
  malformedHeader,
  mismatch,
  missingHeader,
  timestampProblem,
  unusableSecret,
  utf8,
  VALID,
} from './signature-checks';

const SIGNATURE_HEADER = 'telnyx-signature-ed25519';
const TIMESTAMP_HEADER = 'telnyx-timestamp';
const INBOUND_EVENT = 'message.received';

/** The DER prefix that makes a raw 32-byte Ed25519 public key an SPKI key (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function parse(request: WebhookRequest) {
  return readPayload(() => {
    const body = jsonObjectOf(request);
    const data = objectField(body, 'data', 'data');
    const eventType = requiredString(data, 'event_type', 'data.event_type');
    if (eventType !== INBOUND_EVENT) {
      return { kind: 'ignored', reason: sentence('delivery.ignored.event', { type: eventType }) } as const;
    }
    const payload = objectField(data, 'payload', 'data.payload');
    const from = objectField(payload, 'from', 'data.payload.from');
    const to = arrayField(payload, 'to', 'data.payload.to');
    const firstTo = to[0];
    if (!isObject(firstTo)) {
      refuseField('data.payload.to', sentence('validation.listAtLeast', { count: 1 }));
    }
    return {
      kind: 'message',
      message: {
        sender: requiredString(from, 'phone_number', 'data.payload.from.phone_number'),
        receiver: requiredString(firstTo, 'phone_number', 'data.payload.to[0].phone_number'),
        // An MMS may carry media and no text.
        text: optionalString(payload, 'text', 'data.payload.text') ?? '',
        messageId: optionalString(payload, 'id', 'data.payload.id') ?? null,
        fields: body,
      },
    } as const;
  });
}

function publicKeyOf(secret: string): KeyObject | null {
  const raw = base64Bytes(secret.trim());
  if (!raw || raw.length !== 32) return null;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

function verify(request: WebhookRequest, secret: string): SignatureVerdict {
  if (secret.trim() === '') return emptySecret();
  const publicKey = publicKeyOf(secret);
  if (!publicKey) {
    return unusableSecret(sentence('validation.format.other', { format: 'base64, 32 bytes (Ed25519 public key)' }));
  }
  const signatureHeader = request.headers.get(SIGNATURE_HEADER);
  if (signatureHeader === undefined) return missingHeader(SIGNATURE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  if (timestamp === undefined) return missingHeader(TIMESTAMP_HEADER);
  const stale = timestampProblem(TIMESTAMP_HEADER, timestamp, request.now);
  if (stale) return stale;
  const signature = base64Bytes(signatureHeader.trim());
  if (!signature || signature.length !== 64) return malformedHeader(SIGNATURE_HEADER);
  const signed = Buffer.concat([utf8(`${timestamp}|`), request.body]);
  // Ed25519 verification recomputes nothing secret that could be compared byte by byte.
  return verifySignature(null, signed, publicKey, signature) ? VALID : mismatch(SIGNATURE_HEADER);
}

export const telnyxAdapter: ProviderAdapter = {
  provider: 'telnyx',
  parse,
  verify,
  accepted: () => ({ status: 200, contentType: 'application/json', body: '{}' }),
  refusalStatus: (refusal) => standardRefusalStatus[refusal],
  secretFields: [SIGNATURE_HEADER],
};
