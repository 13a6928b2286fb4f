import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../support/test-server';
import { createUser, SecretLedger, uniqueName, type UserHandle } from './fixtures';

let server: TestServer;
let clientAdmin: UserHandle;
const secrets = new SecretLedger();
secrets.add(ADMIN_PASSWORD);

beforeAll(async () => {
  server = await startTestServer();
  const reseller = await server.admin.post('/api/resellers', { name: 'Key reseller' });
  const client = await server.admin.post('/api/clients', { name: 'Key client', resellerId: reseller.body.id });
  clientAdmin = await createUser(server.admin, server.url, { role: 'client_admin', clientId: client.body.id }, secrets);
});

afterAll(async () => {
  await server?.close();
});

async function createKey(api: ApiClient) {
  const response = await api.post('/api/api-keys', { name: uniqueName('Key') });
  expect(response.status).toBe(201);
  secrets.add(response.body.key);
  return response.body as { id: string; key: string; keyHint: string; name: string };
}

describe('POST /api/api-keys', () => {
  it('answers the key in full once, with a hint of its last 4 characters', async () => {
    const created = await createKey(server.admin);
    expect(created.id).toEqual(expect.any(String));
    expect(created.key.length).toBeGreaterThanOrEqual(32);
    expect(created.keyHint).toBe(created.key.slice(-4));
  });

  it('lists keys with their hint only, never the key itself', async () => {
    const created = await createKey(server.admin);
    const list = await server.admin.get('/api/api-keys');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((item: { id: string }) => item.id === created.id);
    expect(listed).toMatchObject({ id: created.id, name: created.name, keyHint: created.keyHint });
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list.body)).not.toContain(created.key);
  });

  it('answers 400 naming an unknown body field', async () => {
    const response = await server.admin.post('/api/api-keys', { name: 'x', scope: 'all' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('scope');
  });

  it('answers 401 without a login', async () => {
    const response = await new ApiClient(server.url).post('/api/api-keys', { name: 'anonymous' });
    expect(response.status).toBe(401);
  });
});

describe('Authorization: Bearer <key>', () => {
  it('acts as the user who created the key', async () => {
    const { key } = await createKey(clientAdmin.api);
    const me = await server.admin.withApiKey(key).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: clientAdmin.id, role: 'client_admin' });
  });

  it('carries the role of that user, not more', async () => {
    const { key } = await createKey(clientAdmin.api);
    const response = await server.admin.withApiKey(key).get('/api/resellers');
    expect(response.status).toBe(403);
  });

  it('records when the key was last used', async () => {
    const created = await createKey(server.admin);
    await server.admin.withApiKey(created.key).get('/api/auth/me');
    const list = await server.admin.get('/api/api-keys');
    const listed = list.body.items.find((item: { id: string }) => item.id === created.id);
    expect(listed.lastUsedAt).toEqual(expect.any(String));
  });

  it('answers 401 for a key that was never issued', async () => {
    const response = await server.admin.withApiKey('sbk_thisKeyWasNeverIssuedByTheServer123456789').get('/api/auth/me');
    expect(response.status).toBe(401);
  });
});

describe('DELETE /api/api-keys/:id', () => {
  it('revokes the key: it answers 401 afterwards and is gone from the list', async () => {
    const created = await createKey(server.admin);
    const keyClient = server.admin.withApiKey(created.key);
    expect((await keyClient.get('/api/auth/me')).status).toBe(200);

    const revoke = await server.admin.delete(`/api/api-keys/${created.id}`);
    expect(revoke.status).toBe(204);

    expect((await keyClient.get('/api/auth/me')).status).toBe(401);
    expect((await keyClient.get('/api/resellers')).status).toBe(401);
    const list = await server.admin.get('/api/api-keys');
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it("answers 404 for another user's key and leaves it working", async () => {
    const created = await createKey(clientAdmin.api);
    const response = await server.admin.delete(`/api/api-keys/${created.id}`);
    expect(response.status).toBe(404);
    expect((await server.admin.withApiKey(created.key).get('/api/auth/me')).status).toBe(200);
  });

  it("never lists another user's keys", async () => {
    const created = await createKey(clientAdmin.api);
    const list = await server.admin.get('/api/api-keys');
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it('stops the keys of a deactivated user from working', async () => {
    const reseller = await server.admin.post('/api/resellers', { name: uniqueName('Deactivated reseller') });
    const client = await server.admin.post('/api/clients', { name: 'c', resellerId: reseller.body.id });
    const user = await createUser(
      server.admin,
      server.url,
      { role: 'client_admin', clientId: client.body.id },
      secrets,
    );
    const { key } = await createKey(user.api);
    expect((await server.admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await server.admin.withApiKey(key).get('/api/auth/me')).status).toBe(401);
  });
});

describe('secrets', () => {
  it('never writes an API key or password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
