import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createDirectConnector,
  createTenantWithUsers,
  createUser,
  deliver,
  expectStatus,
  mediaEventOf,
  SecretLedger,
  uniqueName,
  uniqueNumber,
  type Tenant,
} from '../../support/fixtures';

const server = useTestServer();
const secrets = new SecretLedger(ADMIN_PASSWORD);

/** A tenant with one ACD group, one connector and one SMS delivered to it. */
interface World extends Tenant {
  groupId: string;
  applicationId: string;
  connectorId: string;
  smsId: string;
  mediaEventId: string;
}
let a: World;
let b: World;

async function createWorld(label: string): Promise<World> {
  const tenant = await createTenantWithUsers(server.admin, label, secrets);
  const group = await createAcdGroup(server.admin, { name: `Support ${label}`, clientId: tenant.clientId });
  const application = expectStatus(
    await server.admin.post<{ id: string }>('/api/routing-applications', {
      name: `Triage ${label}`,
      clientId: tenant.clientId,
    }),
    201,
    'creating a routing application',
  );
  const recipient = uniqueNumber();
  const connector = await createDirectConnector(server.admin, {
    name: `Connector ${label}`,
    recipient,
    acdGroupId: group.id,
    subject: `Subject ${label}`,
    clientId: tenant.clientId,
  });
  const token = secrets.add(connector.token);
  const smsId = await deliver(server.url, { receiver: recipient, token, message: `Hello ${label}` });
  return {
    ...tenant,
    groupId: group.id,
    applicationId: application.id,
    connectorId: connector.id,
    smsId,
    mediaEventId: (await mediaEventOf(server.admin, smsId)).id,
  };
}

beforeAll(async () => {
  a = await createWorld('A');
  b = await createWorld('B');
});

/** Asks `api` to create a user "Intruder" with `placement` (role, and client or reseller). */
function createIntruder(api: ApiClient, placement: { role: string; clientId?: string; resellerId?: string }) {
  return api.post('/api/users', {
    email: `${uniqueName('intruder').replace(' ', '')}@example.test`,
    password: secrets.add(`intruder-password-${placement.role}`),
    displayName: 'Intruder',
    ...placement,
  });
}

/** The ids a list answers (a list the caller may read answers 200). */
async function listedIds(api: ApiClient, path: string): Promise<string[]> {
  const response = await api.get(path);
  expect(response.status, path).toBe(200);
  return response.body.items.map((item: { id: string }) => item.id);
}

describe('role gates', () => {
  it('answers 403 to client admins and agents on /api/resellers and /api/clients', async () => {
    for (const user of [a.clientAdmin, a.agent]) {
      expect((await user.api.get('/api/resellers')).status).toBe(403);
      expect((await user.api.get(`/api/resellers/${a.resellerId}`)).status).toBe(403);
      expect((await user.api.post('/api/resellers', { name: 'Mine' })).status).toBe(403);
      expect((await user.api.get('/api/clients')).status).toBe(403);
      expect((await user.api.get(`/api/clients/${a.clientId}`)).status).toBe(403);
      expect((await user.api.post('/api/clients', { name: 'Mine', resellerId: a.resellerId })).status).toBe(403);
      expect((await user.api.patch(`/api/clients/${a.clientId}`, { name: 'Mine' })).status).toBe(403);
    }
  });

  it('answers 403 to agents on ACD groups, connectors, routing applications, SMS, media events and users', async () => {
    for (const path of [
      '/api/acd-groups',
      '/api/connectors',
      '/api/routing-applications',
      '/api/sms',
      '/api/media-events',
      '/api/users',
    ]) {
      const response = await a.agent.api.get(path);
      expect(response.status, path).toBe(403);
      expect(response.body.error).toEqual(expect.any(String));
    }
    expect((await a.agent.api.get(`/api/acd-groups/${a.groupId}`)).status).toBe(403);
    expect((await a.agent.api.get(`/api/connectors/${a.connectorId}`)).status).toBe(403);
    expect((await a.agent.api.get(`/api/routing-applications/${a.applicationId}`)).status).toBe(403);
    expect((await a.agent.api.get(`/api/sms/${a.smsId}`)).status).toBe(403);
    expect((await a.agent.api.post('/api/acd-groups', { name: 'Agents only' })).status).toBe(403);
    expect((await a.agent.api.post('/api/users', { email: 'x@y.test' })).status).toBe(403);
  });

  it('still lets an agent see who they are', async () => {
    const me = await a.agent.api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: a.agent.id, role: 'agent', client: { id: a.clientId } });
  });

  it("lets a client admin read their client's connectors", async () => {
    expect(await listedIds(a.clientAdmin.api, '/api/connectors')).toEqual([a.connectorId]);
    const one = await a.clientAdmin.api.get(`/api/connectors/${a.connectorId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: a.connectorId, clientId: a.clientId });
  });

  it('answers 403 when a client admin creates, changes, deletes or re-keys a connector', async () => {
    const api = a.clientAdmin.api;
    const create = await api.post('/api/connectors', {
      name: 'Own connector',
      recipient: uniqueNumber(),
      routingType: 'direct_acd_group',
      acdGroupId: a.groupId,
    });
    expect(create.status).toBe(403);
    expect((await api.patch(`/api/connectors/${a.connectorId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await api.delete(`/api/connectors/${a.connectorId}`)).status).toBe(403);
    expect((await api.post(`/api/connectors/${a.connectorId}/token`)).status).toBe(403);

    const unchanged = await server.admin.get(`/api/connectors/${a.connectorId}`);
    expect(unchanged.body.name).toBe('Connector A');
    expect(await listedIds(server.admin, `/api/connectors?clientId=${a.clientId}`)).toEqual([a.connectorId]);
  });

  it('lets a reseller admin create and change connectors of their own clients', async () => {
    const created = await a.resellerAdmin.api.post('/api/connectors', {
      name: 'Reseller-made',
      recipient: uniqueNumber(),
      routingType: 'direct_acd_group',
      acdGroupId: a.groupId,
      clientId: a.clientId,
    });
    expect(created.status).toBe(201);
    secrets.add(created.body.token);
    const patched = await a.resellerAdmin.api.patch(`/api/connectors/${created.body.id}`, { name: 'Reseller-renamed' });
    expect(patched.status).toBe(200);
    expect((await a.resellerAdmin.api.delete(`/api/connectors/${created.body.id}`)).status).toBe(204);
  });
});

describe("another client's objects", () => {
  it.each([
    ['ACD group', 'acd-groups', () => b.groupId, 'Support B'],
    ['routing application', 'routing-applications', () => b.applicationId, 'Triage B'],
  ])(
    "answers 404 to a client admin for GET, PATCH and DELETE of another client's %s",
    async (_kind, path, idOf, name) => {
      const api = a.clientAdmin.api;
      const url = `/api/${path}/${idOf()}`;
      expect((await api.get(url)).status).toBe(404);
      expect((await api.patch(url, { name: 'Taken over' })).status).toBe(404);
      expect((await api.delete(url)).status).toBe(404);
      expect((await server.admin.get(url)).body.name).toBe(name);
    },
  );

  it("answers 404 to a client admin reading another client's connector, SMS and users", async () => {
    const api = a.clientAdmin.api;
    expect((await api.get(`/api/connectors/${b.connectorId}`)).status).toBe(404);
    expect((await api.get(`/api/sms/${b.smsId}`)).status).toBe(404);
    for (const user of [b.clientAdmin, b.agent, b.resellerAdmin]) {
      expect((await api.get(`/api/users/${user.id}`)).status).toBe(404);
      expect((await api.patch(`/api/users/${user.id}`, { displayName: 'Taken over' })).status).toBe(404);
      expect((await api.delete(`/api/users/${user.id}`)).status).toBe(404);
    }
    expect((await server.admin.get(`/api/users/${b.agent.id}`)).body.displayName).toBe('agent user');
  });

  it("answers 404 to a reseller admin for another reseller's clients and everything in them", async () => {
    const api = a.resellerAdmin.api;
    expect((await api.get(`/api/resellers/${b.resellerId}`)).status).toBe(404);
    expect((await api.get(`/api/clients/${b.clientId}`)).status).toBe(404);
    expect((await api.patch(`/api/clients/${b.clientId}`, { name: 'Taken over' })).status).toBe(404);
    expect((await api.delete(`/api/clients/${b.clientId}`)).status).toBe(404);
    expect((await api.get(`/api/acd-groups/${b.groupId}`)).status).toBe(404);
    expect((await api.patch(`/api/acd-groups/${b.groupId}`, { name: 'Taken over' })).status).toBe(404);
    expect((await api.delete(`/api/acd-groups/${b.groupId}`)).status).toBe(404);
    expect((await api.get(`/api/connectors/${b.connectorId}`)).status).toBe(404);
    expect((await api.patch(`/api/connectors/${b.connectorId}`, { name: 'Taken over' })).status).toBe(404);
    expect((await api.delete(`/api/connectors/${b.connectorId}`)).status).toBe(404);
    expect((await api.post(`/api/connectors/${b.connectorId}/token`)).status).toBe(404);
    expect((await api.get(`/api/sms/${b.smsId}`)).status).toBe(404);
    for (const user of [b.clientAdmin, b.agent, b.resellerAdmin]) {
      expect((await api.get(`/api/users/${user.id}`)).status).toBe(404);
      expect((await api.patch(`/api/users/${user.id}`, { displayName: 'Taken over' })).status).toBe(404);
      expect((await api.delete(`/api/users/${user.id}`)).status).toBe(404);
    }
  });

  it("leaves the other client's objects as they were", async () => {
    expect((await server.admin.get(`/api/clients/${b.clientId}`)).body.name).toBe('Client B');
    expect((await server.admin.get(`/api/acd-groups/${b.groupId}`)).body.name).toBe('Support B');
    expect((await server.admin.get(`/api/connectors/${b.connectorId}`)).body.name).toBe('Connector B');
    for (const user of [b.clientAdmin, b.agent, b.resellerAdmin]) {
      expect((await server.admin.get(`/api/users/${user.id}`)).status).toBe(200);
    }
  });
});

describe('lists', () => {
  const clientResources = [
    '/api/acd-groups',
    '/api/connectors',
    '/api/routing-applications',
    '/api/users',
    '/api/sms',
    '/api/media-events',
  ];

  function ownIdsOf(world: World, path: string): string[] {
    switch (path) {
      case '/api/acd-groups':
        return [world.groupId];
      case '/api/connectors':
        return [world.connectorId];
      case '/api/routing-applications':
        return [world.applicationId];
      case '/api/users':
        return [world.clientAdmin.id, world.agent.id];
      case '/api/sms':
        return [world.smsId];
      default:
        return [world.mediaEventId];
    }
  }

  it("never show a client admin another client's objects", async () => {
    for (const path of clientResources) {
      const ids = await listedIds(a.clientAdmin.api, path);
      for (const own of ownIdsOf(a, path)) expect(ids, path).toContain(own);
      for (const foreign of ownIdsOf(b, path)) expect(ids, path).not.toContain(foreign);
    }
  });

  it('answer 404 naming clientId when the filter names another client, as for a client that does not exist', async () => {
    for (const path of clientResources) {
      for (const api of [a.clientAdmin.api, a.resellerAdmin.api]) {
        const response = await api.get(`${path}?clientId=${b.clientId}`);
        expect(response.status, path).toBe(404);
        expect(response.body.field, path).toBe('clientId');
        expect(JSON.stringify(response.body)).not.toContain(b.clientId);
      }
    }
  });

  it("never show a reseller admin another reseller's client objects", async () => {
    for (const path of clientResources) {
      const ids = await listedIds(a.resellerAdmin.api, path);
      for (const own of ownIdsOf(a, path)) expect(ids, path).toContain(own);
      for (const foreign of ownIdsOf(b, path)) expect(ids, path).not.toContain(foreign);
    }
    const users = await listedIds(a.resellerAdmin.api, '/api/users');
    expect(users).toContain(a.resellerAdmin.id);
    expect(users).not.toContain(b.resellerAdmin.id);
  });

  it('show a reseller admin only their own reseller and clients', async () => {
    const second = await a.resellerAdmin.api.post('/api/clients', { name: uniqueName('Second A client') });
    expect(second.status).toBe(201);
    expect(await listedIds(a.resellerAdmin.api, '/api/resellers')).toEqual([a.resellerId]);
    const clients = await listedIds(a.resellerAdmin.api, '/api/clients');
    expect(clients.sort()).toEqual([a.clientId, second.body.id].sort());
  });

  it('answer 404 naming resellerId when the filter names another reseller, as for a reseller that does not exist', async () => {
    for (const path of ['/api/clients', '/api/users']) {
      const foreign = await a.resellerAdmin.api.get(`${path}?resellerId=${b.resellerId}`);
      expect(foreign.status, path).toBe(404);
      expect(foreign.body.field, path).toBe('resellerId');
      expect(JSON.stringify(foreign.body)).not.toContain(b.resellerId);
      const none = await server.admin.get(`${path}?resellerId=${randomUUID()}`);
      expect(none.status, path).toBe(404);
      expect(none.body.field, path).toBe('resellerId');
      const own = await a.resellerAdmin.api.get(`${path}?resellerId=${a.resellerId}`);
      expect(own.status, path).toBe(200);
      expect(own.body.items.length, path).toBeGreaterThan(0);
    }
    const byClientAdmin = await a.clientAdmin.api.get(`/api/users?resellerId=${a.resellerId}`);
    expect(byClientAdmin.status).toBe(404);
  });

  it('show the system admin every client', async () => {
    const clients = await listedIds(server.admin, '/api/clients?limit=200');
    expect(clients).toEqual(expect.arrayContaining([a.clientId, b.clientId]));
  });
});

describe('creating in a client you may not see', () => {
  it('answers 404 naming clientId for an ACD group, and creates nothing', async () => {
    for (const api of [a.clientAdmin.api, a.resellerAdmin.api]) {
      const name = uniqueName('Intruder group');
      const response = await api.post('/api/acd-groups', { name, clientId: b.clientId });
      expect(response.status).toBe(404);
      expect(response.body.field).toBe('clientId');
      const groups = await server.admin.get(`/api/acd-groups?clientId=${b.clientId}`);
      expect(groups.body.items.map((g: { name: string }) => g.name)).not.toContain(name);
    }
  });

  it('answers 404 naming clientId for a routing application', async () => {
    for (const api of [a.clientAdmin.api, a.resellerAdmin.api]) {
      const response = await api.post('/api/routing-applications', {
        name: uniqueName('Intruder app'),
        clientId: b.clientId,
      });
      expect(response.status).toBe(404);
      expect(response.body.field).toBe('clientId');
    }
    expect(await listedIds(server.admin, `/api/routing-applications?clientId=${b.clientId}`)).toEqual([
      b.applicationId,
    ]);
  });

  it('answers 404 naming clientId for a connector', async () => {
    const response = await a.resellerAdmin.api.post('/api/connectors', {
      name: 'Intruder connector',
      recipient: uniqueNumber(),
      routingType: 'direct_acd_group',
      clientId: b.clientId,
    });
    expect(response.status).toBe(404);
    expect(response.body.field).toBe('clientId');
    expect(await listedIds(server.admin, `/api/connectors?clientId=${b.clientId}`)).toEqual([b.connectorId]);
  });

  it('answers 404 naming clientId for a user', async () => {
    for (const api of [a.clientAdmin.api, a.resellerAdmin.api]) {
      const response = await createIntruder(api, { role: 'agent', clientId: b.clientId });
      expect(response.status).toBe(404);
      expect(response.body.field).toBe('clientId');
    }
  });

  it('answers 404 naming resellerId when a reseller admin creates a reseller admin elsewhere', async () => {
    const response = await createIntruder(a.resellerAdmin.api, { role: 'reseller_admin', resellerId: b.resellerId });
    expect(response.status).toBe(404);
    expect(response.body.field).toBe('resellerId');
  });

  it("puts a client admin's ACD group without clientId into their own client", async () => {
    const response = await a.clientAdmin.api.post('/api/acd-groups', { name: uniqueName('Own group') });
    expect(response.status).toBe(201);
    expect(response.body.clientId).toBe(a.clientId);
    expect(await listedIds(a.clientAdmin.api, '/api/acd-groups')).toContain(response.body.id);
  });

  it('answers 400 naming clientId when a reseller admin leaves it out', async () => {
    const response = await a.resellerAdmin.api.post('/api/acd-groups', { name: uniqueName('Where') });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('clientId');
  });

  it('lets a client admin manage users of their own client', async () => {
    const agent = await createUser(a.clientAdmin.api, { role: 'agent' }, secrets);
    expect((await server.admin.get(`/api/users/${agent.id}`)).body.clientId).toBe(a.clientId);
    expect((await a.clientAdmin.api.patch(`/api/users/${agent.id}`, { capacity: 2 })).status).toBe(200);
    expect((await a.clientAdmin.api.delete(`/api/users/${agent.id}`)).status).toBe(204);
  });
});

describe('secrets', () => {
  it('never writes a connector token or password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
