import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import {
  createTenant,
  createTenantWithUsers,
  createUser,
  SecretLedger,
  uniqueName,
  type Tenant,
  type UserHandle,
} from '../../support/fixtures';

const server = useTestServer();
let clientAdmin: UserHandle;
const secrets = new SecretLedger(ADMIN_PASSWORD);

beforeAll(async () => {
  const { clientId } = await createTenant(server.admin, { reseller: 'Key reseller', client: 'Key client' });
  clientAdmin = await createUser(server.admin, { role: 'client_admin', clientId }, secrets);
});

async function createKey(api: ApiClient, fields: { expiresAt?: string } = {}) {
  const response = await api.post('/api/api-keys', { name: uniqueName('Key'), ...fields });
  expect(response.status).toBe(201);
  secrets.add(response.body.key);
  return response.body as { id: string; key: string; keyHint: string; name: string; expiresAt: string | null };
}

const works = async (key: string) => (await new ApiClient(server.url).withApiKey(key).get('/api/auth/me')).status;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function auditActions(keyId: string) {
  const entries = await server.admin.get(`/api/audit-log?entityType=api_key&entityId=${keyId}`);
  return entries.body.items as { action: string; actor: { userId: string }; clientId: string | null }[];
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
    const { clientId } = await createTenant(server.admin, { reseller: uniqueName('Deactivated reseller') });
    const user = await createUser(server.admin, { role: 'client_admin', clientId }, secrets);
    const { key } = await createKey(user.api);
    expect((await server.admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect((await server.admin.withApiKey(key).get('/api/auth/me')).status).toBe(401);
  });
});

describe('expiry', () => {
  it('takes an optional expiresAt, answers and lists it, and the key works until then', async () => {
    const expiresAt = inDays(30);
    const created = await createKey(clientAdmin.api, { expiresAt });
    expect(created.expiresAt).toBe(expiresAt);
    const listed = (await clientAdmin.api.get('/api/api-keys')).body.items.find(
      (item: { id: string }) => item.id === created.id,
    );
    expect(listed.expiresAt).toBe(expiresAt);
    expect(await works(created.key)).toBe(200);
    expect((await createKey(clientAdmin.api)).expiresAt).toBeNull();
  });

  it.each([
    ['in the past', new Date(Date.now() - 60_000).toISOString(), /must be in the future/],
    ['not a time', 'next tuesday', /expiresAt/],
    ['without a time zone', '2099-01-01T00:00:00', /expiresAt/],
    ['a number', 4102444800000, /expiresAt/],
  ])('answers 400 naming expiresAt when it is %s', async (_, expiresAt, message) => {
    const response = await clientAdmin.api.post('/api/api-keys', { name: 'Bad expiry', expiresAt });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('expiresAt');
    expect(response.body.error).toMatch(message);
  });

  it('answers 401 for an expired key, exactly as for one never issued, and still lists it', async () => {
    const created = await createKey(clientAdmin.api, { expiresAt: inDays(1) });
    expect(await works(created.key)).toBe(200);
    // A day passes for this key.
    await server.switchboard.database.db
      .updateTable('api_key')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', created.id)
      .execute();
    const expired = await new ApiClient(server.url).withApiKey(created.key).get('/api/auth/me');
    const unknown = await new ApiClient(server.url)
      .withApiKey('sbk_thisKeyWasNeverIssuedByTheServer123456789')
      .get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(unknown.body);
    const listed = (await clientAdmin.api.get('/api/api-keys')).body.items.map((item: { id: string }) => item.id);
    expect(listed).toContain(created.id);
  });
});

describe("an admin revoking a managed user's keys", () => {
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    a = await createTenantWithUsers(server.admin, uniqueName('Keys A'), secrets);
    b = await createTenantWithUsers(server.admin, uniqueName('Keys B'), secrets);
  });

  it("lists the user's keys without the keys themselves", async () => {
    const first = await createKey(a.agent.api, { expiresAt: inDays(7) });
    const second = await createKey(a.agent.api);
    const list = await a.clientAdmin.api.get(`/api/users/${a.agent.id}/api-keys`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first.id, name: first.name, keyHint: first.keyHint, expiresAt: first.expiresAt }),
        expect.objectContaining({ id: second.id, expiresAt: null }),
      ]),
    );
    expect(JSON.stringify(list.body)).not.toContain(first.key);
    expect(JSON.stringify(list.body)).not.toContain(second.key);
  });

  it('revokes a key of an agent of their client: 401 afterwards, audited as revoked by an admin', async () => {
    const created = await createKey(a.agent.api);
    const other = await createKey(a.agent.api);
    const revoke = await a.clientAdmin.api.delete(`/api/users/${a.agent.id}/api-keys/${created.id}`);
    expect(revoke.status).toBe(204);
    expect(await works(created.key)).toBe(401);
    expect(await works(other.key)).toBe(200);
    const listed = (await a.clientAdmin.api.get(`/api/users/${a.agent.id}/api-keys`)).body.items;
    expect(listed.map((item: { id: string }) => item.id)).not.toContain(created.id);

    const [entry] = await auditActions(created.id);
    expect(entry).toMatchObject({
      action: 'api_key.revoke.by_admin',
      actor: { userId: a.clientAdmin.id },
      clientId: a.clientId,
    });
    // The client's own admins read it in their audit log.
    const seen = await a.clientAdmin.api.get(`/api/audit-log?entityId=${created.id}`);
    expect(seen.body.items.map((item: { action: string }) => item.action)).toContain('api_key.revoke.by_admin');
  });

  it("lets a reseller admin revoke the keys of their clients' users and of their own level", async () => {
    const agentKey = await createKey(a.agent.api);
    const adminKey = await createKey(a.clientAdmin.api);
    expect((await a.resellerAdmin.api.delete(`/api/users/${a.agent.id}/api-keys/${agentKey.id}`)).status).toBe(204);
    expect((await a.resellerAdmin.api.delete(`/api/users/${a.clientAdmin.id}/api-keys/${adminKey.id}`)).status).toBe(
      204,
    );
    expect(await works(agentKey.key)).toBe(401);
    expect(await works(adminKey.key)).toBe(401);
  });

  it('answers 404 to the admins of another reseller or client, and the key keeps working', async () => {
    const created = await createKey(a.agent.api);
    for (const [who, api] of [
      ['reseller admin of another reseller', b.resellerAdmin.api],
      ['client admin of another client', b.clientAdmin.api],
    ] as const) {
      expect((await api.get(`/api/users/${a.agent.id}/api-keys`)).status, who).toBe(404);
      expect((await api.delete(`/api/users/${a.agent.id}/api-keys/${created.id}`)).status, who).toBe(404);
    }
    expect(await works(created.key)).toBe(200);
  });

  it('answers 404 for the keys of users above the caller, and 403 to agents', async () => {
    const resellerAdminKey = await createKey(a.resellerAdmin.api);
    expect((await a.clientAdmin.api.get(`/api/users/${a.resellerAdmin.id}/api-keys`)).status).toBe(404);
    expect(
      (await a.clientAdmin.api.delete(`/api/users/${a.resellerAdmin.id}/api-keys/${resellerAdminKey.id}`)).status,
    ).toBe(404);
    expect((await a.agent.api.get(`/api/users/${a.agent.id}/api-keys`)).status).toBe(403);
    expect(await works(resellerAdminKey.key)).toBe(200);
  });

  it("answers 404 for a key that is not this user's, and for an id that is none", async () => {
    const adminKey = await createKey(a.clientAdmin.api);
    expect((await a.resellerAdmin.api.delete(`/api/users/${a.agent.id}/api-keys/${adminKey.id}`)).status).toBe(404);
    expect((await a.resellerAdmin.api.delete(`/api/users/${a.agent.id}/api-keys/not-a-uuid`)).status).toBe(404);
    expect(await works(adminKey.key)).toBe(200);
  });
});

describe('keys and changes to their user', () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenantWithUsers(server.admin, uniqueName('Keys C'), secrets);
  });

  /** A new user of the tenant's client, and an API key they made for themselves. */
  async function keyOfNewUser(role: 'agent' | 'client_admin') {
    const user = await createUser(server.admin, { role, clientId: tenant.clientId }, secrets);
    return { user, created: await createKey(user.api) };
  }

  /** The key's audit trail: created, then revoked by the change to its user. */
  async function expectEndedBy(keyId: string, action: string) {
    expect((await auditActions(keyId)).map((e) => e.action)).toEqual([action, 'api_key.create']);
  }

  it('ends the keys of a deactivated user for good: reactivating brings none back', async () => {
    const { user, created } = await keyOfNewUser('agent');
    expect((await tenant.clientAdmin.api.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    expect(await works(created.key)).toBe(401);
    expect((await tenant.clientAdmin.api.patch(`/api/users/${user.id}`, { active: true })).status).toBe(200);
    expect(await works(created.key)).toBe(401);
    expect((await tenant.clientAdmin.api.get(`/api/users/${user.id}/api-keys`)).body.items).toEqual([]);
    await expectEndedBy(created.id, 'api_key.revoke.user_deactivated');
  });

  it('ends the keys of a user given another role', async () => {
    const { user, created } = await keyOfNewUser('client_admin');
    const patched = await tenant.resellerAdmin.api.patch(`/api/users/${user.id}`, { role: 'agent' });
    expect(patched.status).toBe(200);
    expect(await works(created.key)).toBe(401);
    await expectEndedBy(created.id, 'api_key.revoke.role_changed');
  });

  it('keeps the keys working through changes that leave role and status alone', async () => {
    const { user, created } = await keyOfNewUser('agent');
    const patched = await tenant.clientAdmin.api.patch(`/api/users/${user.id}`, {
      displayName: 'Renamed',
      role: 'agent',
      capacity: 2,
    });
    expect(patched.status).toBe(200);
    expect(await works(created.key)).toBe(200);
  });
});

describe('secrets', () => {
  it('never writes an API key or password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
