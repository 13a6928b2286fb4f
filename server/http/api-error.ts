import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error with the status and the sentence the API answers; `field` names the culprit. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const forbidden = (message = 'Your role may not do this') => new ApiError(403, message);
export const badRequest = (message: string, field?: string) => new ApiError(400, message, field);
export const conflict = (message: string, field?: string) => new ApiError(409, message, field);
