import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../contract';
import { startTestServer, type TestServer } from '../support/test-server';

// The HTTP contract (contract/) is the one declaration of every route: a route the app mounts
// without an entry, or an entry for a route that does not exist, fails here.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

/** The routes the app's router really has, without middleware and the web UI's static files. */
function mountedRoutes(): string[] {
  const routes = server.switchboard.routes
    .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)];
}

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const entry = (mounted: string) => allRoutes.find((route) => key(route) === mounted);

describe('the HTTP contract', () => {
  it('finds the routes of the router', () => {
    expect(mountedRoutes()).toEqual(expect.arrayContaining(['GET /api/connectors', 'POST /SMSReceiver']));
    expect(mountedRoutes().length).toBeGreaterThan(60);
  });

  it('has an entry with a success response schema for every mounted route', () => {
    const undocumented = mountedRoutes().filter((mounted) => {
      const route = entry(mounted);
      return !route || !Object.keys(route.responses).some((status) => Number(status) < 300);
    });
    expect(undocumented).toEqual([]);
  });

  it('says what body each POST, PUT and PATCH route takes (a schema, or null for none)', () => {
    const withoutBody = mountedRoutes().filter(
      (mounted) => /^(POST|PUT|PATCH) /.test(mounted) && entry(mounted)?.body === undefined,
    );
    expect(withoutBody).toEqual([]);
  });

  it('has no entry for a route the app does not mount', () => {
    const mounted = new Set(mountedRoutes());
    expect(allRoutes.map(key).filter((route) => !mounted.has(route))).toEqual([]);
  });
});
