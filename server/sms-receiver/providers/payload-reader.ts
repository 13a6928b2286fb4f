import { sentence, type Sentence } from '../../../i18n/sentence';
import { decodeBytes } from '../decode-text';
import type { ParsedWebhook, WebhookRequest } from './provider-adapter';

type Invalid = Extract<ParsedWebhook, { kind: 'invalid' }>;
export type JsonObject = Record<string, unknown>;

/** Thrown by the readers below and turned into an `invalid` answer by `readPayload`, never further. */
class PayloadProblem extends Error {
  constructor(readonly invalid: Invalid) {
    super('invalid payload');
  }
}

/**
 * Runs an adapter's reading of its payload: a reader that finds the payload unusable stops it,
 * and the problem becomes the answer. So `parse` never throws on hostile input, and reads
 * top-down without an `if` after every field.
 */
export function readPayload(read: () => ParsedWebhook): ParsedWebhook {
  try {
    return read();
  } catch (error) {
    if (error instanceof PayloadProblem) return error.invalid;
    throw error;
  }
}

/** Ends the reading: the payload is refused for `reason`. */
export function refuse(reason: Sentence, field?: string): never {
  throw new PayloadProblem(field === undefined ? { kind: 'invalid', reason } : { kind: 'invalid', reason, field });
}

const mustBe = (expected: 'string' | 'object' | 'array') =>
  sentence('validation.mustBe', { expected: sentence(`validation.expected.${expected}`) });

/** The body as a JSON object (its charset, else UTF-8). */
export function jsonObjectOf(request: WebhookRequest): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(decodeBytes(request.body, request.charset));
  } catch {
    refuse(sentence('delivery.body.notJson'));
  }
  if (!isObject(value)) refuse(sentence('delivery.body.notObject'));
  return value;
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `parent[key]` as an object; `path` names it in the answer (`data.payload`). */
export function objectField(parent: JsonObject, key: string, path: string): JsonObject {
  const value = parent[key];
  if (value === undefined || value === null) refuse(sentence('delivery.field.missing', { field: path }), path);
  if (!isObject(value)) refuse(sentence('delivery.field.invalid', { field: path, why: mustBe('object') }), path);
  return value;
}

/** `parent[key]` as a list. */
export function arrayField(parent: JsonObject, key: string, path: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) refuse(sentence('delivery.field.missing', { field: path }), path);
  if (!Array.isArray(value)) refuse(sentence('delivery.field.invalid', { field: path, why: mustBe('array') }), path);
  return value;
}

/** `parent[key]` as a text that is there and not empty. */
export function requiredString(parent: JsonObject, key: string, path: string): string {
  const value = optionalString(parent, key, path);
  if (value === undefined) refuse(sentence('delivery.field.missing', { field: path }), path);
  if (value === '') refuse(sentence('delivery.field.empty', { field: path }), path);
  return value;
}

/** `parent[key]` as a text, or undefined when it is absent or null. */
export function optionalString(parent: JsonObject, key: string, path: string): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    refuse(sentence('delivery.field.invalid', { field: path, why: mustBe('string') }), path);
  return value;
}

/** Refuses the payload because `path` holds a value of the right type but unusable content. */
export function refuseField(path: string, why: Sentence): never {
  refuse(sentence('delivery.field.invalid', { field: path, why }), path);
}

export function refuseMissing(path: string): never {
  refuse(sentence('delivery.field.missing', { field: path }), path);
}

export function refuseEmpty(path: string): never {
  refuse(sentence('delivery.field.empty', { field: path }), path);
}
