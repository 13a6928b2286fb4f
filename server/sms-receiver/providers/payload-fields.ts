import { sentence } from '../../../i18n/sentence';
import { decodeBytes } from '../decode-text';
import { deliveryFieldOf } from '../delivery-fields';
import type { ParsedWebhook, WebhookRequest } from './provider-adapter';

type Invalid = Extract<ParsedWebhook, { kind: 'invalid' }>;

/** A JSON object read from the body, or why there is none. Never throws. */
export function readJsonObject(request: WebhookRequest): Record<string, unknown> | Invalid {
  let value: unknown;
  try {
    value = JSON.parse(decodeBytes(request.body, request.charset));
  } catch {
    return { kind: 'invalid', reason: sentence('delivery.body.notJson') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'invalid', reason: sentence('delivery.body.notObject') };
  return value as Record<string, unknown>;
}

export const isInvalid = (value: unknown): value is Invalid =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'invalid';

export const missingField = (field: string): Invalid => ({
  kind: 'invalid',
  reason: sentence('delivery.field.missing', { field }),
  field,
});

export const notString = (field: string): Invalid => ({
  kind: 'invalid',
  reason: sentence('delivery.field.notString', { field }),
  field,
});

/** A field that must be a string (a JSON number where a string belongs is refused, naming the field). */
export function requiredString(fields: Readonly<Record<string, unknown>>, field: string): string | Invalid {
  const value = fields[field];
  if (value === undefined || value === null) return missingField(field);
  if (typeof value !== 'string') return notString(field);
  return value;
}

/** A field that may be absent; present, it must be a string. */
export function optionalString(fields: Readonly<Record<string, unknown>>, field: string): string | undefined | Invalid {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return notString(field);
  return value;
}

/**
 * The parameters as they may be stored with the SMS: the connector's token (any of its aliases,
 * which may ride in the query of the URL the provider calls) left out.
 */
export function storableParams<V>(params: Iterable<readonly [string, V]>): Record<string, V> {
  // fromEntries defines properties, so a parameter named __proto__ stays a plain field.
  return Object.fromEntries([...params].filter(([name]) => deliveryFieldOf(name) !== 'token'));
}
