import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An object that still uses the one a request would delete (see `inUse`). */
export interface UsedBy {
  kind: 'routing_application' | 'connector';
  id: string;
  name: string;
  /**
   * How it uses it: a routing application's `active_version` or `test_version` routes to (or
   * reads the status of) the group, or the group is its `fallback_acd_group`; a connector's
   * direct target `acd_group` or its `routing_application`.
   */
  usage: 'active_version' | 'test_version' | 'fallback_acd_group' | 'acd_group' | 'routing_application';
}

/** What an answer may carry besides the sentence and the field. */
export interface ApiErrorDetails {
  usedBy?: readonly UsedBy[];
}

/** An error with the status and the sentence the API answers; `field` names the culprit. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(message);
  }

  /** The answer's body: `{error, field?, usedBy?}`. */
  toBody(): { error: string; field?: string } & ApiErrorDetails {
    return { error: this.message, ...(this.field ? { field: this.field } : {}), ...this.details };
  }
}

/** A 400 naming the field at fault; `message` is the whole sentence (see `fieldError` for the usual one). */
export class FieldError extends ApiError {
  constructor(
    override readonly field: string,
    message: string,
  ) {
    super(400, message, field);
  }
}

/** A 400 for one field, the sentence led by its name: `field: reason`. */
export const fieldError = (field: string, reason: string) => new FieldError(field, `${field}: ${reason}`);

/** 404 `<what> not found`; `field` names the body or query field that named it. */
export const notFound = (what: string, field?: string) => new ApiError(404, `${what} not found`, field);
export const forbidden = (message = 'Your role may not do this') => new ApiError(403, message);
/** A 400 that no one field is at fault for. */
export const badRequest = (message: string) => new ApiError(400, message);
export const conflict = (message: string, field?: string) => new ApiError(409, message, field);
/** A delete refused because something live still uses the object; `usedBy` lists what. */
export const inUse = (message: string, usedBy: readonly UsedBy[]) => new ApiError(409, message, undefined, { usedBy });
