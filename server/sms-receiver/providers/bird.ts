/**
 * Bird (the new MessageBird platform) Channels API webhooks for inbound SMS.
 *
 * Payload: a webhook subscription's event `{ service: 'channels', event: 'sms.inbound', payload }`
 * (docs.bird.com/api/notifications-api/api-reference/webhook-subscriptions), `payload` the Channels
 * API message of docs.bird.com/api/channels-api/supported-channels/programmable-sms/receiving-messages:
 * `id`, `sender.contact.identifierValue` (the sender's number), `body.text.text`. The number it was
 * sent to is not in it: `receiver.connector` has the channel connector's id only. So the webhook
 * URL names it, `/SMSReceiver/bird?receiver=%2B4930…` (the connector page shows that URL; the
 * signature covers it); a `receiver.connector.identifierValue`, where Bird sends one, comes first.
 * Other events (sms.outbound, interactions, other channels) are acknowledged and ignored.
 * Signature: docs.bird.com/api/notifications-api/api-reference/webhooks/verifying-a-webhook:
 * `messagebird-signature` is the base64 HMAC-SHA256, with the subscription's signing key, of
 * `${messagebird-request-timestamp}\n${URL}\n${SHA-256 of the body as raw bytes}`. Bird names no
 * time window; the timestamp (Unix seconds) is held to 5 minutes here against replays.
 * Answer: any 2xx. Bird retries anything else at growing intervals for 8 hours, so the standard
 * refusal statuses start no long retry series.
 */
import { sentence } from '../../../i18n/sentence';
import {
  isObject,
  jsonObjectOf,
  objectField,
  optionalString,
  readPayload,
  refuse,
  requiredString,
} from './payload-reader';
import {
  standardRefusalStatus,
  type ParsedWebhook,
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
  sha256,
  timestampProblem,
  utf8,
  VALID,
} from './signature-checks';

const SIGNATURE_HEADER = 'messagebird-signature';
const TIMESTAMP_HEADER = 'messagebird-request-timestamp';
const INBOUND_SMS_EVENT = 'sms.inbound';

function parse(request: WebhookRequest): ParsedWebhook {
  return readPayload(() => {
    const body = jsonObjectOf(request);
    const event = requiredString(body, 'event', 'event');
    if (event !== INBOUND_SMS_EVENT) {
      return { kind: 'ignored', reason: sentence('delivery.ignored.event', { type: event }) };
    }
    const payload = objectField(body, 'payload', 'payload');
    const contact = objectField(objectField(payload, 'sender', 'payload.sender'), 'contact', 'payload.sender.contact');
    const connector = objectField(
      objectField(payload, 'receiver', 'payload.receiver'),
      'connector',
      'payload.receiver.connector',
    );
    return {
      kind: 'message',
      message: {
        sender: requiredString(contact, 'identifierValue', 'payload.sender.contact.identifierValue'),
        receiver: receiverOf(connector, request),
        text: textOf(payload),
        messageId: optionalString(payload, 'id', 'payload.id') ?? null,
        fields: body,
      },
    };
  });
}

function receiverOf(connector: Record<string, unknown>, request: WebhookRequest): string {
  const named = optionalString(connector, 'identifierValue', 'payload.receiver.connector.identifierValue');
  if (named) return named;
  const inUrl = request.query.get('receiver')?.trim();
  if (inUrl) return inUrl;
  return refuse(sentence('delivery.receiverNotInPayload'), 'receiver');
}

/** `body.text.text` of a text message; other body types (an MMS's media) carry no text here. */
function textOf(payload: Record<string, unknown>): string {
  const content = payload.body;
  if (!isObject(content) || !isObject(content.text)) return '';
  return optionalString(content.text, 'text', 'payload.body.text.text') ?? '';
}

function verify(request: WebhookRequest, secret: string): SignatureVerdict {
  if (secret === '') return emptySecret();
  const signatureHeader = request.headers.get(SIGNATURE_HEADER);
  if (signatureHeader === undefined) return missingHeader(SIGNATURE_HEADER);
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  if (timestamp === undefined) return missingHeader(TIMESTAMP_HEADER);
  const stale = timestampProblem(TIMESTAMP_HEADER, timestamp, request.now);
  if (stale) return stale;
  const signature = base64Bytes(signatureHeader.trim());
  if (!signature) return malformedHeader(SIGNATURE_HEADER);
  const signed = Buffer.concat([utf8(`${timestamp}\n${request.url}\n`), sha256(request.body)]);
  return equalInConstantTime(signature, hmac('sha256', secret, signed)) ? VALID : mismatch(SIGNATURE_HEADER);
}

export const birdAdapter: ProviderAdapter = {
  provider: 'bird',
  parse,
  verify,
  accepted: () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: '' }),
  refusalStatus: (refusal) => standardRefusalStatus[refusal],
  secretFields: [SIGNATURE_HEADER],
};
