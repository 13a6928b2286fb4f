import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import { createClient, createTenant, createUser, newPassword, SecretLedger, uniqueName } from '../../support/fixtures';

const server = useTestServer();
let resellerId: string;
let clientId: string;
const secrets = new SecretLedger(ADMIN_PASSWORD);

beforeAll(async () => {
  ({ resellerId, clientId } = await createTenant(server.admin, { reseller: 'User reseller', client: 'User client' }));
});

function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${uniqueName('x').replace(' ', '')}@example.test`;
}

function agentBody(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('agent'),
    password: secrets.add(newPassword()),
    role: 'agent',
    clientId,
    displayName: 'Alex Agent',
    ...overrides,
  };
}

function loginStatus(email: string, password: string) {
  return new ApiClient(server.url).request('POST', '/api/auth/login', { email, password }).then((r) => r.status);
}

describe('POST /api/users', () => {
  it('creates an agent with the defaults smsDelivery web and capacity 1', async () => {
    const body = agentBody();
    const response = await server.admin.post('/api/users', body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      email: body.email,
      role: 'agent',
      clientId,
      resellerId: null,
      displayName: 'Alex Agent',
      smsDelivery: 'web',
      capacity: 1,
      active: true,
    });
  });

  it('never answers the password or its hash', async () => {
    const body = agentBody();
    const response = await server.admin.post('/api/users', body);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(body.password);
    expect(text).not.toMatch(/password/i);
    expect(JSON.stringify((await server.admin.get(`/api/users/${response.body.id}`)).body)).not.toMatch(/password/i);
  });

  it('takes smsDelivery and capacity for agents', async () => {
    const response = await server.admin.post('/api/users', agentBody({ smsDelivery: 'email', capacity: 3 }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ smsDelivery: 'email', capacity: 3 });
  });

  it('lets the new user log in', async () => {
    const body = agentBody();
    await server.admin.post('/api/users', body);
    expect(await loginStatus(body.email, body.password)).toBe(200);
  });

  it('answers 409 naming email for an e-mail address that exists already', async () => {
    const body = agentBody();
    expect((await server.admin.post('/api/users', body)).status).toBe(201);
    const again = await server.admin.post('/api/users', agentBody({ email: body.email }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: expect.any(String), field: 'email' });
  });

  it('answers 409 naming email for the same address in other letter case', async () => {
    const email = uniqueEmail('Case.Sensitive');
    expect((await server.admin.post('/api/users', agentBody({ email }))).status).toBe(201);
    const again = await server.admin.post('/api/users', agentBody({ email: email.toUpperCase() }));
    expect(again.status).toBe(409);
    expect(again.body.field).toBe('email');
  });

  it('answers 400 naming password when it is shorter than 10 characters', async () => {
    const response = await server.admin.post('/api/users', agentBody({ password: 'nine-char' }));
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('password');
  });

  it('accepts a password of exactly 10 characters', async () => {
    const response = await server.admin.post('/api/users', agentBody({ password: secrets.add('ten-chars!') }));
    expect(response.status).toBe(201);
  });

  it.each([
    ['email', { email: 'not-an-address' }],
    ['role', { role: 'supervisor' }],
    ['displayName', { displayName: '' }],
    ['smsDelivery', { smsDelivery: 'sms' }],
    ['capacity', { capacity: 0 }],
    ['capacity', { capacity: 1.5 }],
    ['clientId', { clientId: 'client-1' }],
  ])('answers 400 naming %s for a bad value', async (field, overrides) => {
    const response = await server.admin.post('/api/users', agentBody(overrides));
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('answers 400 naming an unknown body field', async () => {
    const response = await server.admin.post('/api/users', agentBody({ isAdmin: true }));
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('isAdmin');
  });

  it('answers 415 for a form-encoded body', async () => {
    const key = secrets.add((await server.admin.post('/api/api-keys', { name: 'form test' })).body.key);
    const response = await fetch(`${server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${key}` },
      body: new URLSearchParams({ email: uniqueEmail(), password: 'long enough password', role: 'agent' }).toString(),
    });
    expect(response.status).toBe(415);
  });

  it('answers 400 naming clientId when an agent is created without a client', async () => {
    const { clientId: _omitted, ...body } = agentBody();
    const response = await server.admin.post('/api/users', body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('clientId');
  });

  it('answers 404 naming clientId for an unknown client', async () => {
    const response = await server.admin.post(
      '/api/users',
      agentBody({ clientId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(response.status).toBe(404);
    expect(response.body.field).toBe('clientId');
  });

  it('creates a reseller admin under a reseller', async () => {
    const response = await server.admin.post(
      '/api/users',
      agentBody({ role: 'reseller_admin', clientId: undefined, resellerId }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ role: 'reseller_admin', resellerId, clientId: null });
  });

  it("puts a client admin's new agent into their own client", async () => {
    const clientAdmin = await createUser(server.admin, { role: 'client_admin', clientId }, secrets);
    const { clientId: _omitted, ...body } = agentBody();
    const response = await clientAdmin.api.post('/api/users', body);
    expect(response.status).toBe(201);
    expect(response.body.clientId).toBe(clientId);
  });

  it('answers 403 when a client admin creates a reseller admin or system admin', async () => {
    const clientAdmin = await createUser(server.admin, { role: 'client_admin', clientId }, secrets);
    for (const role of ['reseller_admin', 'system_admin']) {
      const response = await clientAdmin.api.post('/api/users', agentBody({ role, clientId: undefined }));
      expect(response.status, role).toBe(403);
    }
  });
});

describe('GET, PATCH and DELETE /api/users/:id', () => {
  it('reads a user and changes their name, capacity and delivery', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    const id = created.body.id as string;
    expect((await server.admin.get(`/api/users/${id}`)).body).toMatchObject({ id, email: created.body.email });

    const patched = await server.admin.patch(`/api/users/${id}`, {
      displayName: 'Renamed',
      capacity: 5,
      smsDelivery: 'email',
    });
    expect(patched.status).toBe(200);
    expect((await server.admin.get(`/api/users/${id}`)).body).toMatchObject({
      displayName: 'Renamed',
      capacity: 5,
      smsDelivery: 'email',
      role: 'agent',
      clientId,
    });
  });

  it('answers 409 naming email when changing to an address another user has', async () => {
    const first = await server.admin.post('/api/users', agentBody());
    const second = await server.admin.post('/api/users', agentBody());
    const response = await server.admin.patch(`/api/users/${second.body.id}`, {
      email: String(first.body.email).toUpperCase(),
    });
    expect(response.status).toBe(409);
    expect(response.body.field).toBe('email');
  });

  it('answers 400 naming password when a new password is too short', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    const response = await server.admin.patch(`/api/users/${created.body.id}`, { password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('password');
  });

  it('answers 400 naming a field PATCH does not take', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    const response = await server.admin.patch(`/api/users/${created.body.id}`, { clientId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('clientId');
  });

  it('changes the password: the old one stops working and sessions end', async () => {
    const user = await createUser(server.admin, { role: 'agent', clientId }, secrets);
    const newOne = secrets.add(newPassword());
    expect((await server.admin.patch(`/api/users/${user.id}`, { password: newOne })).status).toBe(200);
    expect((await user.api.get('/api/auth/me')).status).toBe(401);
    expect(await loginStatus(user.email, user.password)).toBe(401);
    expect(await loginStatus(user.email, newOne)).toBe(200);
  });

  it('deactivating a user ends their sessions and refuses their login', async () => {
    const user = await createUser(server.admin, { role: 'agent', clientId }, secrets);
    const patched = await server.admin.patch(`/api/users/${user.id}`, { active: false });
    expect(patched.body.active).toBe(false);
    expect((await user.api.get('/api/auth/me')).status).toBe(401);
    expect(await loginStatus(user.email, user.password)).toBe(401);
  });

  it('deletes a user: 404 afterwards and gone from the list', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    expect((await server.admin.delete(`/api/users/${created.body.id}`)).status).toBe(204);
    expect((await server.admin.get(`/api/users/${created.body.id}`)).status).toBe(404);
    const list = await server.admin.get(`/api/users?clientId=${clientId}&limit=200`);
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(created.body.id);
  });

  it('answers 400 when an admin deletes themselves', async () => {
    const me = await server.admin.get('/api/auth/me');
    const response = await server.admin.delete(`/api/users/${me.body.id}`);
    expect(response.status).toBe(400);
    expect((await server.admin.get('/api/auth/me')).status).toBe(200);
  });
});

describe('PATCH /api/users/:id with a role', () => {
  async function auditActions(userId: string): Promise<string[]> {
    const log = await server.admin.get(`/api/audit-log?entityType=user&entityId=${userId}`);
    return log.body.items.map((entry: { action: string }) => entry.action);
  }

  it('makes an agent a client admin of the same client, recorded as a role change', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    const response = await server.admin.patch(`/api/users/${created.body.id}`, { role: 'client_admin' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ role: 'client_admin', clientId, resellerId: null });
    const log = await server.admin.get(`/api/audit-log?entityId=${created.body.id}&action=user.update.role`);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      clientId,
      before: { role: 'agent', clientId },
      after: { role: 'client_admin', clientId },
    });
  });

  it('takes effect on the sessions the user has open', async () => {
    const user = await createUser(server.admin, { role: 'agent', clientId }, secrets);
    expect((await user.api.get('/api/users')).status).toBe(403);
    await server.admin.patch(`/api/users/${user.id}`, { role: 'client_admin' });
    expect((await user.api.get('/api/users')).status).toBe(200);
    await server.admin.patch(`/api/users/${user.id}`, { role: 'agent' });
    expect((await user.api.get('/api/users')).status).toBe(403);
  });

  it('promotes a client admin to reseller admin, leaving the client', async () => {
    const created = await server.admin.post('/api/users', agentBody({ role: 'client_admin' }));
    const response = await server.admin.patch(`/api/users/${created.body.id}`, { role: 'reseller_admin', resellerId });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ role: 'reseller_admin', resellerId, clientId: null });
    // Both the client it left and the reseller it joined see the change.
    const entry = (await server.admin.get(`/api/audit-log?entityId=${created.body.id}&action=user.update.role`)).body
      .items[0];
    expect(entry).toMatchObject({ clientId, resellerId });
  });

  it('makes a reseller admin an agent of one of their clients, and a system admin', async () => {
    const created = await server.admin.post(
      '/api/users',
      agentBody({ role: 'reseller_admin', clientId: undefined, resellerId }),
    );
    const agent = await server.admin.patch(`/api/users/${created.body.id}`, { role: 'agent', clientId });
    expect(agent.body).toMatchObject({ role: 'agent', clientId, resellerId: null });
    const system = await server.admin.patch(`/api/users/${created.body.id}`, { role: 'system_admin' });
    expect(system.body).toMatchObject({ role: 'system_admin', clientId: null, resellerId: null });
  });

  it.each([
    ['resellerId', 'a client admin made reseller admin without one', { role: 'reseller_admin' }, 'client_admin'],
    ['clientId', 'a reseller admin made agent without a client', { role: 'agent' }, 'reseller_admin'],
    ['clientId', 'a system admin given a client', { role: 'system_admin', clientId: 'CLIENT' }, 'agent'],
    [
      'clientId',
      'a reseller admin given a client',
      { role: 'reseller_admin', resellerId: 'RESELLER', clientId: 'CLIENT' },
      'agent',
    ],
    ['resellerId', 'a client user given a reseller', { role: 'agent', resellerId: 'RESELLER' }, 'client_admin'],
    ['clientId', 'a clientId without a role', { clientId: 'CLIENT' }, 'agent'],
    ['resellerId', 'a resellerId without a role', { resellerId: 'RESELLER' }, 'reseller_admin'],
    ['role', 'a role that does not exist', { role: 'supervisor' }, 'agent'],
  ])('answers 400 naming %s for %s, and changes nothing', async (field, _case, patch, startRole) => {
    const created = await server.admin.post(
      '/api/users',
      startRole === 'reseller_admin'
        ? agentBody({ role: startRole, clientId: undefined, resellerId })
        : agentBody({ role: startRole }),
    );
    const body = JSON.parse(
      JSON.stringify(patch).replace('"CLIENT"', `"${clientId}"`).replace('"RESELLER"', `"${resellerId}"`),
    );
    const response = await server.admin.patch(`/api/users/${created.body.id}`, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: expect.any(String), field });
    expect((await server.admin.get(`/api/users/${created.body.id}`)).body).toMatchObject({ role: startRole });
    expect(await auditActions(created.body.id)).toEqual(['user.create']);
  });

  it('answers 400 naming clientId when a client user would move to another client', async () => {
    const other = await createClient(server.admin, resellerId, { name: uniqueName('Other client') });
    const created = await server.admin.post('/api/users', agentBody());
    const response = await server.admin.patch(`/api/users/${created.body.id}`, {
      role: 'client_admin',
      clientId: other.id,
    });
    expect(response).toMatchObject({ status: 400, body: { field: 'clientId' } });
    expect((await server.admin.get(`/api/users/${created.body.id}`)).body).toMatchObject({ role: 'agent', clientId });
  });

  it('answers 400 naming role when an admin changes their own role', async () => {
    const resellerAdmin = await createUser(server.admin, { role: 'reseller_admin', resellerId }, secrets);
    const response = await resellerAdmin.api.patch(`/api/users/${resellerAdmin.id}`, {
      role: 'client_admin',
      clientId,
    });
    expect(response).toMatchObject({ status: 400, body: { field: 'role' } });
    const me = await server.admin.get('/api/auth/me');
    const own = await server.admin.patch(`/api/users/${me.body.id}`, { role: 'reseller_admin', resellerId });
    expect(own).toMatchObject({ status: 400, body: { field: 'role' } });
    expect((await server.admin.get('/api/auth/me')).body.role).toBe('system_admin');
  });

  it('lets an admin name their own unchanged role (a form sending every field)', async () => {
    const me = await server.admin.get('/api/auth/me');
    const response = await server.admin.patch(`/api/users/${me.body.id}`, {
      role: 'system_admin',
      displayName: me.body.displayName,
    });
    expect(response.status).toBe(200);
  });

  it('lets a client admin switch users of their client between agent and client admin, and nothing more', async () => {
    const clientAdmin = await createUser(server.admin, { role: 'client_admin', clientId }, secrets);
    const created = await server.admin.post('/api/users', agentBody());
    const id = created.body.id as string;
    expect((await clientAdmin.api.patch(`/api/users/${id}`, { role: 'client_admin' })).body.role).toBe('client_admin');
    expect((await clientAdmin.api.patch(`/api/users/${id}`, { role: 'agent' })).body.role).toBe('agent');
    for (const body of [{ role: 'reseller_admin', resellerId }, { role: 'system_admin' }]) {
      const response = await clientAdmin.api.patch(`/api/users/${id}`, body);
      expect(response.status, body.role).toBe(403);
    }
    expect((await server.admin.get(`/api/users/${id}`)).body.role).toBe('agent');
  });

  it("answers 404 when a reseller admin names another reseller or another reseller's client", async () => {
    const other = await createTenant(server.admin, {
      reseller: uniqueName('Foreign reseller'),
      client: uniqueName('Foreign client'),
    });
    const resellerAdmin = await createUser(server.admin, { role: 'reseller_admin', resellerId }, secrets);
    const ownAgent = await server.admin.post('/api/users', agentBody());
    const promote = await resellerAdmin.api.patch(`/api/users/${ownAgent.body.id}`, {
      role: 'reseller_admin',
      resellerId: other.resellerId,
    });
    expect(promote).toMatchObject({ status: 404, body: { field: 'resellerId' } });

    const colleague = await createUser(server.admin, { role: 'reseller_admin', resellerId }, secrets);
    const demote = await resellerAdmin.api.patch(`/api/users/${colleague.id}`, {
      role: 'client_admin',
      clientId: other.clientId,
    });
    expect(demote).toMatchObject({ status: 404, body: { field: 'clientId' } });
    expect((await server.admin.get(`/api/users/${colleague.id}`)).body).toMatchObject({
      role: 'reseller_admin',
      resellerId,
    });
  });

  it('takes an agent who becomes client admin out of their ACD groups and the agent list', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    const id = created.body.id as string;
    const group = await server.admin.post('/api/acd-groups', {
      name: uniqueName('Role group'),
      clientId,
      members: [{ agentId: id, priority: 1 }],
    });
    expect((await server.admin.put(`/api/agents/${id}/status`, { status: 'available' })).body.status).toBe('available');
    expect((await server.admin.patch(`/api/users/${id}`, { role: 'client_admin' })).status).toBe(200);
    expect((await server.admin.get(`/api/acd-groups/${group.body.id}`)).body.members).toEqual([]);
    expect((await server.admin.get(`/api/agents/${id}`)).status).toBe(404);
    // Back as an agent: logged off, in no group until someone adds them again.
    await server.admin.patch(`/api/users/${id}`, { role: 'agent' });
    expect((await server.admin.get(`/api/agents/${id}`)).body).toMatchObject({ status: 'logged_off', groups: [] });
  });

  it('logs an agent off when they are deactivated, and records deactivate and reactivate', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    const id = created.body.id as string;
    await server.admin.put(`/api/agents/${id}/status`, { status: 'available' });
    expect((await server.admin.patch(`/api/users/${id}`, { active: false })).body.active).toBe(false);
    expect((await server.admin.get(`/api/agents/${id}`)).body.status).toBe('logged_off');
    expect((await server.admin.patch(`/api/users/${id}`, { active: true })).body.active).toBe(true);
    expect(await auditActions(id)).toEqual(['user.reactivate', 'user.deactivate', 'user.create']);
  });

  it('records a new password apart from the other changes of the same request', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    await server.admin.patch(`/api/users/${created.body.id}`, {
      displayName: 'Both at once',
      password: secrets.add(newPassword()),
    });
    expect((await auditActions(created.body.id)).sort()).toEqual([
      'user.create',
      'user.update',
      'user.update.password',
    ]);
  });
});

describe('GET /api/users', () => {
  it('pages with limit and cursor', async () => {
    const { clientId: pagedClientId } = await createTenant(server.admin, {
      reseller: uniqueName('Paging reseller'),
      client: 'Paging client',
    });
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await server.admin.post('/api/users', agentBody({ clientId: pagedClientId }))).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await server.admin.get(
        `/api/users?clientId=${pagedClientId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(created.sort());
  });

  it('answers 400 naming limit for a limit over 200', async () => {
    const response = await server.admin.get('/api/users?limit=500');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('limit');
  });

  it('filters by role', async () => {
    const list = await server.admin.get(`/api/users?clientId=${clientId}&role=client_admin&limit=200`);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const user of list.body.items) expect(user.role).toBe('client_admin');
  });
});

describe('GET /api/users filters', () => {
  it('filters by active', async () => {
    const created = await server.admin.post('/api/users', agentBody());
    await server.admin.patch(`/api/users/${created.body.id}`, { active: false });
    const inactive = await server.admin.get(`/api/users?clientId=${clientId}&active=false&limit=200`);
    expect(inactive.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);
    expect(inactive.body.items.every((u: { active: boolean }) => !u.active)).toBe(true);
    const active = await server.admin.get(`/api/users?clientId=${clientId}&active=true&limit=200`);
    expect(active.body.items.map((u: { id: string }) => u.id)).not.toContain(created.body.id);
  });

  it('answers 400 naming active for a value that is not true or false', async () => {
    const response = await server.admin.get('/api/users?active=yes');
    expect(response).toMatchObject({ status: 400, body: { field: 'active' } });
  });

  it('filters by resellerId: the admins of that reseller', async () => {
    const admin = await server.admin.post(
      '/api/users',
      agentBody({ role: 'reseller_admin', clientId: undefined, resellerId }),
    );
    const list = await server.admin.get(`/api/users?resellerId=${resellerId}&limit=200`);
    expect(list.body.items.map((u: { id: string }) => u.id)).toContain(admin.body.id);
    expect(list.body.items.every((u: { resellerId: string }) => u.resellerId === resellerId)).toBe(true);
  });
});

describe('secrets', () => {
  it('never writes a password or API key to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
