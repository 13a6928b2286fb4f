import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { fallbackLanguage, type Language } from '../../i18n/languages';
import { say, sentence, type KeysOf, type Sentence } from '../../i18n/sentence';
import type { EnglishMessages } from '../../i18n/messages/messages';

/** An object that still uses the one a request would delete (see `inUse`). */
export interface UsedBy {
  kind: 'routing_application' | 'connector';
  id: string;
  name: string;
  /**
   * How it uses it: a routing application's `active_version` or `test_version` routes to (or
   * reads the status of) the group, or the group is its `fallback_acd_group`; a connector's
   * direct target `acd_group` or its `routing_application`, or the `send_connector` its replies go through.
   */
  usage:
    'active_version' | 'test_version' | 'fallback_acd_group' | 'acd_group' | 'routing_application' | 'send_connector';
}

/** What an answer may carry besides the sentence and the field. */
export interface ApiErrorDetails {
  usedBy?: readonly UsedBy[];
}

/** A key of the API's own sentences (`i18n/messages/api-error-messages.ts`), without `apiError.`. */
export type ApiErrorKey = KeysOf<EnglishMessages['apiError']>;
/** What the API can be missing: `notFound('client')` says "Client not found". */
export type Thing = keyof EnglishMessages['apiError']['thing'];

/** One of the API's sentences, with its placeholders' values. */
export const apiSentence = (key: ApiErrorKey, params?: Parameters<typeof sentence>[1]): Sentence =>
  sentence(`apiError.${key}`, params);
/** A field's reason (`apiError.reason.*`): `fieldError('clientId', reason('noAcdGroup'))`. */
export const reason = (key: keyof EnglishMessages['apiError']['reason'], params?: Parameters<typeof sentence>[1]) =>
  apiSentence(`reason.${key}`, params);

/**
 * An error with the status and the sentence the API answers; `field` names the culprit. The
 * sentence is kept unsaid until the answer, which says it in the request's language
 * (`message` is the English, for logs).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly sentence: Sentence,
    readonly field?: string,
    readonly details?: ApiErrorDetails,
  ) {
    super(say(fallbackLanguage, sentence));
  }

  /** The answer's body in `language`: `{error, field?, usedBy?}`. */
  toBody(language: Language = fallbackLanguage): { error: string; field?: string } & ApiErrorDetails {
    return { error: say(language, this.sentence), ...(this.field ? { field: this.field } : {}), ...this.details };
  }
}

/** A 400 naming the field at fault; `message` is the whole sentence (see `fieldError` for the usual one). */
export class FieldError extends ApiError {
  constructor(
    override readonly field: string,
    message: Sentence,
  ) {
    super(400, message, field);
  }
}

/** A 400 for one field, the sentence led by its name: `field: reason`. */
export const fieldError = (field: string, why: Sentence) =>
  new FieldError(field, sentence('validation.field', { field, reason: why }));

/** 404 `<what> not found`; `field` names the body or query field that named it. */
export const notFound = (what: Thing, field?: string) =>
  new ApiError(404, apiSentence('notFound', { what: apiSentence(`thing.${what}`) }), field);
export const forbidden = (message: Sentence = apiSentence('forbidden')) => new ApiError(403, message);
/** A 400 that no one field is at fault for. */
export const badRequest = (message: Sentence) => new ApiError(400, message);
export const conflict = (message: Sentence, field?: string) => new ApiError(409, message, field);
/** A delete refused because something live still uses the object; `usedBy` lists what. */
export const inUse = (message: Sentence, usedBy: readonly UsedBy[]) =>
  new ApiError(409, message, undefined, { usedBy });
