import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { createTenant, deliver, type Tenant } from './admin-api/fixtures';

/**
 * Tenant isolation for every route the app has. The routes come from the router itself, so a
 * route added without an entry here fails this suite until someone decides how it is scoped.
 */
let server: TestServer;
let a: Tenant;
let b: Tenant;
const objectsOfA: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  a = await createTenant(server.admin, server.url, 'A');
  b = await createTenant(server.admin, server.url, 'B');
  const group = await server.admin.post('/api/acd-groups', {
    name: 'A group',
    clientId: a.clientId,
    members: [{ agentId: a.agent.id, priority: 1 }],
  });
  const connector = await server.admin.post('/api/connectors', {
    name: 'A connector',
    recipient: '+4980100001',
    requireToken: false,
    routingType: 'direct_acd_group',
    acdGroupId: group.body.id,
    clientId: a.clientId,
  });
  const application = await server.admin.post('/api/routing-applications', { name: 'A app', clientId: a.clientId });
  await server.admin.put(`/api/routing-applications/${application.body.id}/draft`, {
    graph: {
      schemaVersion: 1,
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} },
        { id: 'drop', type: 'drop', position: { x: 200, y: 0 }, config: { reason: 'test' } },
      ],
      edges: [{ id: 'e', source: 'start', sourcePort: 'next', target: 'drop' }],
    },
  });
  const version = await server.admin.post(`/api/routing-applications/${application.body.id}/publish`, {});
  expect(version.status).toBe(201);
  const sms = await deliver(server.url, { receiver: '+4980100001' });
  // The agent's, so that `/api/users/:id/api-keys/:keyId` names a key of that very user.
  const apiKey = await a.agent.api.post('/api/api-keys', { name: 'A key' });
  const mediaEvent = await server.admin.get(`/api/media-events?smsId=${sms.body.id}`);
  Object.assign(objectsOfA, {
    resellers: a.resellerId,
    clients: a.clientId,
    users: a.agent.id,
    'acd-groups': group.body.id,
    connectors: connector.body.id,
    'routing-applications': application.body.id,
    sms: sms.body.id,
    'api-keys': apiKey.body.id,
    agents: a.agent.id,
    desk: mediaEvent.body.items[0].id,
    'media-events': mediaEvent.body.items[0].id,
  });
});
afterAll(async () => server?.close());

const actorsOfB = () => ({ clientAdmin: b.clientAdmin.api, agent: b.agent.api, resellerAdmin: b.resellerAdmin.api });

/** Routes that carry no tenant data, or only the caller's own (documented exemptions). */
const UNSCOPED = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/logout-everywhere', // the caller's own sessions
  'POST /api/auth/password', // the caller's own password
  'POST /api/auth/password-link/check', // public: the one-time token is the credential
  'POST /api/auth/password-link/use',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/node-types',
  'GET /api/api-keys', // the caller's own keys
  'POST /api/api-keys', // creates a key for the caller
  'PUT /api/desk/status', // the calling agent's own status
  'GET /api/desk/stream', // the calling agent's own desk log (a stream that stays open)
]);

function apiRoutes() {
  return server.switchboard.routes.filter(
    (r) =>
      r.path.startsWith('/api/') &&
      r.method !== 'ALL' &&
      !r.path.endsWith('*') &&
      !UNSCOPED.has(`${r.method} ${r.path}`),
  );
}

/** The path with tenant A's object in place of each parameter; throws for a resource nobody mapped. */
function pathForA(path: string): string {
  const resource = path.split('/')[2]!;
  const id = objectsOfA[resource];
  if (!id)
    throw new Error(`No tenant fixture for ${path}: add one to isolation.test.ts and make sure the route is scoped`);
  return path.replace(':id', id).replace(':number', '1').replace(':keyId', objectsOfA['api-keys']!);
}

async function call(api: ApiClient, method: string, path: string) {
  return api.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
}

describe('tenant isolation, derived from the router', () => {
  it('has routes to check', () => {
    expect(apiRoutes().length).toBeGreaterThan(20);
  });

  it("answers 404 (or 403 where the role may not use the resource at all) for every route on another tenant's object", async () => {
    const failures: string[] = [];
    for (const route of apiRoutes().filter((r) => r.path.includes(':'))) {
      const path = pathForA(route.path);
      for (const [role, api] of Object.entries(actorsOfB())) {
        const response = await call(api, route.method, path);
        if (response.status !== 404 && response.status !== 403)
          failures.push(`${role} ${route.method} ${route.path} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("never lists another tenant's objects, also when asked for them by clientId", async () => {
    const idsOfA = Object.values(objectsOfA);
    const failures: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
      for (const [role, api] of Object.entries(actorsOfB())) {
        for (const query of ['', `?clientId=${a.clientId}`]) {
          const response = await api.get(`${route.path}${query}`);
          if (response.status === 403) continue;
          const text = JSON.stringify(response.body);
          const leaked = idsOfA.filter((id) => text.includes(id));
          if (response.status !== 200 || leaked.length > 0)
            failures.push(`${role} GET ${route.path}${query} → ${response.status}, leaks ${leaked.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses to create objects in another tenant's client (mass assignment)", async () => {
    const bodies: Record<string, () => object> = {
      '/api/resellers': () => ({ name: 'Sneaky reseller' }),
      '/api/clients': () => ({ name: 'Sneaky client', resellerId: a.resellerId }),
      '/api/users': () => ({
        email: `sneaky${Math.random()}@example.test`,
        password: 'sneaky password',
        role: 'agent',
        clientId: a.clientId,
        displayName: 'Sneaky',
      }),
      '/api/acd-groups': () => ({ name: `Sneaky ${Math.random()}`, clientId: a.clientId }),
      '/api/connectors': () => ({
        name: 'Sneaky',
        recipient: `+4980${Math.floor(Math.random() * 1e7)}`,
        routingType: 'direct_acd_group',
        clientId: a.clientId,
      }),
      '/api/routing-applications': () => ({ name: 'Sneaky', clientId: a.clientId }),
    };
    const failures: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method === 'POST' && !r.path.includes(':'))) {
      const body = bodies[route.path];
      if (!body) {
        failures.push(`no mass-assignment case for POST ${route.path}: add one to isolation.test.ts`);
        continue;
      }
      for (const [role, api] of Object.entries(actorsOfB())) {
        const response = await api.post(route.path, body());
        if (response.status !== 404 && response.status !== 403)
          failures.push(`${role} POST ${route.path} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never moves an object to another client through PATCH', async () => {
    const response = await a.clientAdmin.api.patch(`/api/acd-groups/${objectsOfA['acd-groups']}`, {
      clientId: b.clientId,
    });
    expect(response).toMatchObject({ status: 400, body: { field: 'clientId' } });
    expect((await a.clientAdmin.api.get(`/api/acd-groups/${objectsOfA['acd-groups']}`)).body.clientId).toBe(a.clientId);
  });
});
