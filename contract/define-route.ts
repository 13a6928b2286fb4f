import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One answer of a route: a JSON body (a zod schema), no body (`null`), or another content type. */
export type RouteResponse = z.ZodType | null | { contentType: string; description: string; schema?: z.ZodType };

export interface RouteDefinition {
  method: HttpMethod;
  /** As the router mounts it, with `:name` path parameters. */
  path: string;
  /** One sentence: what the route does. */
  summary: string;
  /** More, when one sentence is not enough: who may call it, what is refused. */
  description?: string;
  /** Needs no caller (no session, no API key). */
  public?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads besides authentication. */
  headers?: z.ZodObject;
  /** The request body; `null`: the route reads none. Every POST, PUT and PATCH says which. */
  body?: z.ZodType | null;
  /** How the body may be sent, when not only as JSON. */
  bodyContentTypes?: readonly string[];
  /** The answers by status: each success the route gives, and errors that carry more than `{error, field?}`. */
  responses: Readonly<Record<number, RouteResponse>>;
  /** Error statuses this route gives for its own reasons, with when. */
  errors?: Readonly<Record<number, string>>;
}

/**
 * Declares a route once: the server validates with its schemas, the OpenAPI document is built
 * from it and the web UI infers its types from it. The literal is kept as given (`const`), so
 * `route.body` is the schema itself, not the `z.ZodType` of the interface.
 */
export function defineRoute<const R extends RouteDefinition>(route: R): R {
  return route;
}

/** `/api/users/:id/api-keys/:keyId` → `['id', 'keyId']`. */
export function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
}
