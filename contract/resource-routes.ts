import type { z } from 'zod';
import { idParams, page } from './common';
import { defineRoute, type HttpMethod, type RouteDefinition } from './define-route';

/** What a route says about itself besides its shapes. */
export interface RouteWords {
  summary: string;
  description?: string;
  errors?: Readonly<Record<number, string>>;
}

/** A route on one object, less its method and path (given apart) and its `:id` (added). */
type OneObjectRoute = Omit<RouteDefinition, 'method' | 'path' | 'params'>;

/**
 * The routes of a resource under `base` (`/api/connectors`) whose objects answer as `item`: the
 * list (a page of items), create (201), get, update (PATCH) and delete (204) that most resources
 * have, and `ofOne` for the others on one object (`/api/connectors/:id/token`). Each is a
 * `defineRoute` literal, so the schemas keep their types for the server and the web UI.
 */
export function resourceRoutes<const Base extends string, const Item extends z.ZodType>(base: Base, item: Item) {
  const one = `${base}/:id` as const;
  return {
    list<const Query extends z.ZodObject>(query: Query, words: RouteWords) {
      return defineRoute({ method: 'GET', path: base, ...words, query, responses: { 200: page(item) } });
    },
    create<const Body extends z.ZodType>(body: Body, words: RouteWords) {
      return defineRoute({ method: 'POST', path: base, ...words, body, responses: { 201: item } });
    },
    get(words: RouteWords) {
      return defineRoute({ method: 'GET', path: one, ...words, params: idParams, responses: { 200: item } });
    },
    update<const Body extends z.ZodType>(body: Body, words: RouteWords) {
      return defineRoute({ method: 'PATCH', path: one, ...words, params: idParams, body, responses: { 200: item } });
    },
    delete(words: RouteWords) {
      return defineRoute({ method: 'DELETE', path: one, ...words, params: idParams, responses: { 204: null } });
    },
    /** Another route on one object: `path` is what follows `/:id/` (`'token'`). */
    ofOne<const Method extends HttpMethod, const Path extends string, const R extends OneObjectRoute>(
      method: Method,
      path: Path,
      route: R,
    ) {
      return defineRoute({ method, path: `${one}/${path}` as const, ...route, params: idParams });
    },
  };
}
