/*
 * CM.com Business Messaging, the incoming-message (MO) webhook.
 * - Payload and retries: https://developers.cm.com/messaging/docs/incoming-messages — a JSON POST
 *   in UTF-8 with `from.number`, `to.number`, `message.text`, `reference`, `groupings`, `timeUtc`,
 *   `channel` and `messageContext`. "If your web service returns anything else other than
 *   response code 200 OK ... retry delivery every 5 minutes (for a maximum of one month)." No
 *   content is needed in the answer.
 * - `reference` is "a reference to an outgoing message that this message is a response to" (the
 *   older docs.cmtelecom.com page: "for replies, both 'reference' and 'groupings' return
 *   information sent with the original message"): every reply to one campaign SMS shares it, so
 *   it cannot deduplicate deliveries and is kept in the fields only.
 * - The same webhook receives WhatsApp, RCS, Viber... messages; only `channel` SMS is an SMS.
 * - Signature: none. The page offers IP allow-listing ("Whitelisting") and nothing that signs a
 *   request, so `verify` can never vouch for one; the connector's URL token is the only check.
 */
import { sentence } from '../../../i18n/sentence';
import { isInvalid, missingField, notString, optionalString, readJsonObject, requiredString } from './payload-fields';
import type { ParsedWebhook, ProviderAdapter, Refusal, SignatureVerdict, WebhookRequest } from './provider-adapter';

type Invalid = Extract<ParsedWebhook, { kind: 'invalid' }>;

/** `object.field` of a nested payload object, named by its dotted path when wrong. */
function nestedString(payload: Readonly<Record<string, unknown>>, object: string, field: string): string | Invalid {
  const value = payload[object];
  const path = `${object}.${field}`;
  if (value === undefined || value === null) return missingField(path);
  if (typeof value !== 'object' || Array.isArray(value)) return notString(path);
  return requiredString({ [path]: (value as Record<string, unknown>)[field] }, path);
}

function parseCm(request: WebhookRequest): ParsedWebhook {
  const payload = readJsonObject(request);
  if (isInvalid(payload)) return payload;
  const channel = optionalString(payload, 'channel');
  if (isInvalid(channel)) return channel;
  if (channel !== undefined && channel.toUpperCase() !== 'SMS')
    return { kind: 'ignored', reason: sentence('delivery.ignored.event', { type: channel }) };
  const receiver = nestedString(payload, 'to', 'number');
  if (isInvalid(receiver)) return receiver;
  const sender = nestedString(payload, 'from', 'number');
  if (isInvalid(sender)) return sender;
  const text = nestedString(payload, 'message', 'text');
  if (isInvalid(text)) return text;
  return { kind: 'message', message: { receiver, sender, text, messageId: null, fields: payload } };
}

function verifyCm(): SignatureVerdict {
  return { valid: false, reason: sentence('delivery.signature.unsupported', { provider: 'CM.com' }) };
}

/**
 * CM.com retries anything but exactly 200 every five minutes for a month, so every refusal a
 * retry cannot cure in minutes is answered 200 (the delivery log keeps the refusal). Only a
 * failed store asks for the retry, which is what it is for.
 */
const cmRefusalStatus = (refusal: Refusal): number => (refusal === 'storeFailed' ? 500 : 200);

export const cmAdapter: ProviderAdapter = {
  provider: 'cm',
  parse: parseCm,
  verify: verifyCm,
  accepted: () => ({ status: 200, contentType: 'text/plain', body: '' }),
  refusalStatus: cmRefusalStatus,
  secretFields: [],
};
