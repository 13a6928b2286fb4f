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

export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const forbidden = (message = 'Your role may not do this') => new ApiError(403, message);
export const badRequest = (message: string, field?: string) => new ApiError(400, message, field);
export const conflict = (message: string, field?: string) => new ApiError(409, message, field);
/** A delete refused because something live still uses the object; `usedBy` lists what. */
export const inUse = (message: string, usedBy: readonly UsedBy[]) => new ApiError(409, message, undefined, { usedBy });
