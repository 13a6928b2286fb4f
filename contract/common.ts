import { z } from 'zod';
import type { RouteDefinition } from './define-route';

// Shapes every resource shares: ids, times, pages, errors.

export const id = z.uuid();
/** A time the client sends: ISO 8601 with an offset (`Z` or `+02:00`). */
export const isoTime = z.iso.datetime({ offset: true });
/** A time the server answers: ISO 8601 UTC. */
export const timestamp = z.iso.datetime();

export const idParams = z.object({ id: z.uuid().describe('The object’s id (a malformed one is 404 too)') });

/** `limit` and `cursor` of every list (keyset paging by id). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional().describe('The last id of the page before'),
};
export const pagedQuery = z.object(pageQuery);
/** A list that pages and may be narrowed to one client. */
export const clientPageQuery = z.object({
  ...pageQuery,
  clientId: z.uuid().optional().describe('Only this client’s (one the caller may see)'),
});

/** `{items, nextCursor}`: a list, with the cursor of the next page or null on the last. */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const usedBy = z.object({
  kind: z.enum(['routing_application', 'connector']),
  id: z.string(),
  name: z.string(),
  usage: z.enum([
    'active_version',
    'test_version',
    'fallback_acd_group',
    'acd_group',
    'routing_application',
    'send_connector',
  ]),
});
export type UsedBy = z.output<typeof usedBy>;
/** What uses an object now ("where used"): the same list a refused delete names. */
export const usedByList = z.object({ items: z.array(usedBy) });
export type UsedByList = z.output<typeof usedByList>;

/** Every error answer: a sentence, the field it concerns, and what still uses an object a delete refused. */
export const apiError = z.object({
  error: z.string(),
  field: z.string().optional(),
  usedBy: z.array(usedBy).optional(),
});
export type ApiErrorBody = z.output<typeof apiError>;

/** The JSON a route answers with `status`, inferred from its contract entry. */
export type ResponseOf<
  R extends RouteDefinition,
  S extends keyof R['responses'] = 200 & keyof R['responses'],
> = R['responses'][S] extends z.ZodType ? z.output<R['responses'][S]> : never;
/** The body a client sends to a route (before defaults are applied). */
export type BodyOf<R extends RouteDefinition> = R['body'] extends z.ZodType ? z.input<R['body']> : never;
