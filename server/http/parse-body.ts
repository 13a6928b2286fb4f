import type { Context } from 'hono';
import { z } from 'zod';
import { zodIssueSentence } from '../../i18n/zod-issue-sentence';
import { ApiError, apiSentence, badRequest, FieldError } from './api-error';

/** Reads a JSON body and validates it strictly: unknown fields and bad values are 400, field named. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, apiSentence('notJsonBody'));
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest(apiSentence('invalidJson'));
  }
  return validate(schema, body);
}

/** A JSON body that may be left out: no body (or no content type) reads as `{}`. */
export async function optionalJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type');
  const length = c.req.header('content-length');
  if (!type && (length === undefined || length === '0')) return validate(schema, {});
  return parseJsonBody(c, schema);
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // The input is reported so that a missing value reads `required`, not as a wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw zodToApiError(result.error);
}

export function zodToApiError(error: z.ZodError): ApiError {
  const { field, sentence } = zodIssueSentence(error.issues[0]!);
  return field ? new FieldError(field, sentence) : badRequest(sentence);
}

/** Validates query parameters (all strings) against a schema. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(schema, c.req.query());
}
