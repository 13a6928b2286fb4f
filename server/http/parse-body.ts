import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, FieldError, fieldError, badRequest } from './api-error';

/** Reads a JSON body and validates it strictly: unknown fields and bad values are 400, field named. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'Send the body as application/json');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest('The body is not valid JSON');
  }
  return validate(schema, body);
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw zodToApiError(result.error);
}

export function zodToApiError(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0]].join('.');
    return new FieldError(field, `${field} is not a known field`);
  }
  const field = issue.path.join('.');
  return field ? fieldError(field, issue.message) : badRequest(issue.message);
}

/** Validates query parameters (all strings) against a schema. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(schema, c.req.query());
}
