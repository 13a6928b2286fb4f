import { Agent } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import type { ApiClient, ApiResponse } from '../../support/api-client';
import {
  createClient as createClientOf,
  createReseller as createResellerOf,
  createUser,
  SecretLedger,
  uniqueName,
} from '../../support/fixtures';
import { rawRequest } from '../../support/raw-request';

const server = useTestServer();
/** A session cookie of the system admin, for requests the ApiClient cannot send (non-JSON bodies). */
let adminCookie: string;
const secrets = new SecretLedger(ADMIN_PASSWORD);

beforeAll(async () => {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  adminCookie = response.headers.get('set-cookie')!.split(';')[0]!;
  secrets.add(adminCookie.split('=')[1]);
});

/** The ids of every item of a list, following `nextCursor` to the end. */
async function listAllIds(api: ApiClient, path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page: ApiResponse = await api.get(`${path}${separator}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

const createReseller = (name?: string) => createResellerOf(server.admin, name);
const createClient = (resellerId: string, name = uniqueName('Client')) =>
  createClientOf(server.admin, resellerId, { name });

function sendRaw(method: string, path: string, body: string, contentType: string) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': contentType, cookie: adminCookie },
    body,
  });
}

describe('/api/resellers', () => {
  it('creates a reseller and answers it with id and times', async () => {
    const response = await server.admin.post('/api/resellers', { name: 'Acme Telecom' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme Telecom',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('reads, renames and deletes a reseller', async () => {
    const reseller = await createReseller();
    expect((await server.admin.get(`/api/resellers/${reseller.id}`)).body.name).toBe(reseller.name);

    const renamed = await server.admin.patch(`/api/resellers/${reseller.id}`, { name: 'Renamed reseller' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed reseller');
    expect((await server.admin.get(`/api/resellers/${reseller.id}`)).body.name).toBe('Renamed reseller');

    expect((await server.admin.delete(`/api/resellers/${reseller.id}`)).status).toBe(204);
    expect((await server.admin.get(`/api/resellers/${reseller.id}`)).status).toBe(404);
    expect(await listAllIds(server.admin, '/api/resellers')).not.toContain(reseller.id);
  });

  it('answers 409 when deleting a reseller that still has clients, and keeps it', async () => {
    const reseller = await createReseller();
    await createClient(reseller.id);
    const response = await server.admin.delete(`/api/resellers/${reseller.id}`);
    expect(response.status).toBe(409);
    expect(response.body.error).toEqual(expect.any(String));
    expect((await server.admin.get(`/api/resellers/${reseller.id}`)).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await server.admin.get('/api/resellers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await server.admin.get('/api/resellers/not-a-uuid')).status).toBe(404);
    expect((await server.admin.patch('/api/resellers/not-a-uuid', { name: 'x' })).status).toBe(404);
    expect((await server.admin.delete('/api/resellers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers 400 naming an unknown body field, and writes nothing', async () => {
    const name = uniqueName('Never created');
    const response = await server.admin.post('/api/resellers', { name, colour: 'blue' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: expect.any(String), field: 'colour' });
    const list = await server.admin.get('/api/resellers?limit=200');
    expect(list.body.items.map((r: { name: string }) => r.name)).not.toContain(name);
  });

  it('answers 400 naming an unknown field on PATCH', async () => {
    const reseller = await createReseller();
    const response = await server.admin.patch(`/api/resellers/${reseller.id}`, { id: 'other' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('id');
  });

  it('answers 400 naming the field for an empty or wrongly typed name', async () => {
    for (const name of ['', '   ', 42, null]) {
      const response = await server.admin.post('/api/resellers', { name });
      expect(response.status, JSON.stringify(name)).toBe(400);
      expect(response.body.field).toBe('name');
    }
  });

  it('answers 400 when the name is missing', async () => {
    const response = await server.admin.post('/api/resellers', {});
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('name');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const form = await sendRaw('POST', '/api/resellers', 'name=Form', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error?: unknown }).error).toEqual(expect.any(String));
    expect((await sendRaw('POST', '/api/resellers', '{"name":"x"}', 'text/plain')).status).toBe(415);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await sendRaw('POST', '/api/resellers', '{"name": ', 'application/json');
    expect(response.status).toBe(400);
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/api/resellers',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual(expect.any(String));
  });

  it('answers the next request on the same connection after a 413', async () => {
    // A server that answers before reading the whole body must drain it or say Connection: close;
    // otherwise the client's next request on the kept-alive connection fails.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { 'content-type': 'application/json', cookie: adminCookie };
      const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
      const statuses: Array<number | string> = [];
      for (const request of [
        { method: 'POST', path: '/api/resellers', headers, body: big },
        { method: 'POST', path: '/api/resellers', headers, body: big },
        { method: 'GET', path: '/api/resellers', headers },
      ]) {
        statuses.push(
          await rawRequest(server.url, { ...request, agent }).then(
            (r) => r.status,
            (e: Error) => e.message,
          ),
        );
      }
      expect(statuses).toEqual([413, 413, 200]);
    } finally {
      agent.destroy();
    }
  });
});

describe('list paging', () => {
  it('answers {items, nextCursor} pages that together hold every item once', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await createReseller()).id);

    const first = await server.admin.get('/api/resellers?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await server.admin.get(`/api/resellers?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    for (const id of created) expect(seen).toContain(id);
    expect(seen.length).toBe((await server.admin.get('/api/resellers?limit=200')).body.items.length);
  });

  it('answers nextCursor null on the last page', async () => {
    const all = await server.admin.get('/api/resellers?limit=200');
    expect(all.body.nextCursor).toBeNull();
  });

  it('answers 400 for a limit over 200', async () => {
    const response = await server.admin.get('/api/resellers?limit=201');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('limit');
  });

  it('answers 400 for a limit that is not a positive integer', async () => {
    for (const limit of ['0', '-1', 'ten', '2.5']) {
      const response = await server.admin.get(`/api/clients?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect(response.body.field).toBe('limit');
    }
  });

  it('answers 400 for a cursor that is not an id', async () => {
    const response = await server.admin.get('/api/clients?cursor=page-2');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('cursor');
  });

  it('pages clients the same way', async () => {
    const reseller = await createReseller();
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await createClient(reseller.id)).id);
    const first = await server.admin.get(`/api/clients?limit=2&resellerId=${reseller.id}`);
    expect(first.body.items).toHaveLength(2);
    const second = await server.admin.get(
      `/api/clients?limit=2&resellerId=${reseller.id}&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((c: { id: string }) => c.id).sort()).toEqual(created.sort());
  });
});

describe('/api/clients', () => {
  it('creates a client under a reseller, reads, renames and deletes it', async () => {
    const reseller = await createReseller();
    const created = await server.admin.post('/api/clients', { name: 'Bakery', resellerId: reseller.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Bakery', resellerId: reseller.id });

    const id = created.body.id as string;
    expect((await server.admin.get(`/api/clients/${id}`)).body).toMatchObject({ id, name: 'Bakery' });
    const renamed = await server.admin.patch(`/api/clients/${id}`, { name: 'Bakery & Café' });
    expect(renamed.status).toBe(200);
    expect((await server.admin.get(`/api/clients/${id}`)).body.name).toBe('Bakery & Café');

    expect((await server.admin.delete(`/api/clients/${id}`)).status).toBe(204);
    expect((await server.admin.get(`/api/clients/${id}`)).status).toBe(404);
  });

  it('filters the list by resellerId', async () => {
    const a = await createReseller();
    const b = await createReseller();
    const clientA = await createClient(a.id);
    const clientB = await createClient(b.id);
    const list = await server.admin.get(`/api/clients?resellerId=${a.id}`);
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(clientA.id);
    expect(ids).not.toContain(clientB.id);
  });

  it('answers 400 naming resellerId when a system admin leaves it out', async () => {
    const response = await server.admin.post('/api/clients', { name: 'Orphan' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('resellerId');
  });

  it('answers 404 naming resellerId for an unknown reseller', async () => {
    const response = await server.admin.post('/api/clients', {
      name: 'Lost',
      resellerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(response.status).toBe(404);
    expect(response.body.field).toBe('resellerId');
  });

  it('answers 400 naming resellerId when it is not an id', async () => {
    const response = await server.admin.post('/api/clients', { name: 'Lost', resellerId: 'acme' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('resellerId');
  });

  it('answers 400 naming an unknown body field', async () => {
    const reseller = await createReseller();
    const response = await server.admin.post('/api/clients', { name: 'x', resellerId: reseller.id, plan: 'gold' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('plan');
  });

  it("puts a reseller admin's new client under their own reseller", async () => {
    const reseller = await createReseller();
    const resellerAdmin = await createUser(server.admin, { role: 'reseller_admin', resellerId: reseller.id }, secrets);
    const created = await resellerAdmin.api.post('/api/clients', { name: 'Own client' });
    expect(created.status).toBe(201);
    expect(created.body.resellerId).toBe(reseller.id);
  });

  it('answers 404 naming resellerId when a reseller admin names another reseller', async () => {
    const own = await createReseller();
    const other = await createReseller();
    const resellerAdmin = await createUser(server.admin, { role: 'reseller_admin', resellerId: own.id }, secrets);
    const created = await resellerAdmin.api.post('/api/clients', { name: 'Foreign client', resellerId: other.id });
    expect(created.status).toBe(404);
    expect(created.body.field).toBe('resellerId');
    expect((await server.admin.get(`/api/clients?resellerId=${other.id}`)).body.items).toEqual([]);
  });

  it('answers 403 when a reseller admin creates or changes resellers', async () => {
    const own = await createReseller();
    const resellerAdmin = await createUser(server.admin, { role: 'reseller_admin', resellerId: own.id }, secrets);
    expect((await resellerAdmin.api.post('/api/resellers', { name: 'Mine now' })).status).toBe(403);
    expect((await resellerAdmin.api.patch(`/api/resellers/${own.id}`, { name: 'Renamed' })).status).toBe(403);
    expect((await resellerAdmin.api.delete(`/api/resellers/${own.id}`)).status).toBe(403);
    expect((await server.admin.get(`/api/resellers/${own.id}`)).body.name).toBe(own.name);
  });
});

describe('httpAllowedHosts', () => {
  async function resellerAdminWithClient() {
    const reseller = await createReseller();
    const client = await createClient(reseller.id);
    const resellerAdmin = await createUser(server.admin, { role: 'reseller_admin', resellerId: reseller.id }, secrets);
    return { client, api: resellerAdmin.api };
  }

  const NEVER: Array<[entry: string, kind: string]> = [
    ['127.0.0.1', 'loopback'],
    ['localhost', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.169.254', 'cloud metadata'],
  ];

  it('answers 400 naming the field and the entry when a reseller admin allows this machine, link-local or metadata', async () => {
    const { client, api } = await resellerAdminWithClient();
    for (const [entry, kind] of NEVER) {
      const response = await api.patch(`/api/clients/${client.id}`, { httpAllowedHosts: ['crm.example.com', entry] });
      expect(response.status, entry).toBe(400);
      expect(response.body.field, entry).toBe('httpAllowedHosts.1');
      expect(response.body.error, entry).toBe(
        `httpAllowedHosts.1: "${entry}" is an internal address (${kind}); no workflow may call it, so it cannot be allowed`,
      );
    }
    const created = await api.post('/api/clients', { name: uniqueName('Client'), httpAllowedHosts: ['localhost'] });
    expect(created.status).toBe(400);
    expect(created.body.field).toBe('httpAllowedHosts.0');
    expect((await server.admin.get(`/api/clients/${client.id}`)).body.httpAllowedHosts).toEqual([]);
  });

  it('answers 400 to a system admin too, for every spelling of such an address', async () => {
    const client = await createClient((await createReseller()).id);
    for (const entry of [
      ...NEVER.map(([entry]) => entry),
      'LOCALHOST.',
      'crm.localhost',
      '2130706433',
      '0x7f.1',
      '[::ffff:127.0.0.1]',
      '::',
      'fe80::1',
      '169.254.0.1',
      'fd00:ec2::254',
      '2002:7f00:1::',
      '64:ff9b::7f00:1',
    ]) {
      const response = await server.admin.patch(`/api/clients/${client.id}`, { httpAllowedHosts: [entry] });
      expect(response.status, entry).toBe(400);
      expect(response.body.field, entry).toBe('httpAllowedHosts.0');
      expect(response.body.error, entry).toContain(`"${entry}" is an internal address`);
    }
    expect((await server.admin.get(`/api/clients/${client.id}`)).body.httpAllowedHosts).toEqual([]);
  });

  it('answers 400 when a reseller admin adds a private address or any host: only a system admin may', async () => {
    const { client, api } = await resellerAdminWithClient();
    for (const [entry, kind] of [
      ['10.1.2.3', 'private network'],
      ['192.168.0.10', 'private network'],
      ['172.16.5.5', 'private network'],
      ['fd00::1', 'private network'],
      ['100.64.0.1', 'carrier-grade NAT'],
    ]) {
      const response = await api.patch(`/api/clients/${client.id}`, { httpAllowedHosts: [entry] });
      expect(response.status, entry).toBe(400);
      expect(response.body.field, entry).toBe('httpAllowedHosts.0');
      expect(response.body.error, entry).toBe(
        `httpAllowedHosts.0: ${entry} is an internal address (${kind}); only a system admin may allow it`,
      );
    }
    const name = await api.patch(`/api/clients/${client.id}`, { httpAllowedHosts: ['crm.internal.example'] });
    expect(name.status).toBe(400);
    expect(name.body.error).toBe(
      'httpAllowedHosts.0: only a system admin may add crm.internal.example; allowed hosts may reach private networks, and public hosts need no entry',
    );
    const created = await api.post('/api/clients', { name: uniqueName('Client'), httpAllowedHosts: ['10.1.2.3'] });
    expect(created.status).toBe(400);
    expect(created.body.field).toBe('httpAllowedHosts.0');
  });

  it("stores a system admin's entries in canonical form; a reseller admin may keep or remove them", async () => {
    const { client, api } = await resellerAdminWithClient();
    const set = await server.admin.patch(`/api/clients/${client.id}`, {
      httpAllowedHosts: ['CRM.Internal.Example.', '10.1.2.3', 'FD00:0::1', 'crm.internal.example'],
    });
    expect(set.status).toBe(200);
    expect(set.body.httpAllowedHosts).toEqual(['crm.internal.example', '10.1.2.3', 'fd00::1']);

    const kept = await api.patch(`/api/clients/${client.id}`, {
      name: 'Renamed',
      httpAllowedHosts: ['fd00::1', '10.1.2.3'],
    });
    expect(kept.status).toBe(200);
    expect(kept.body.httpAllowedHosts).toEqual(['fd00::1', '10.1.2.3']);
    const readded = await api.patch(`/api/clients/${client.id}`, { httpAllowedHosts: ['crm.internal.example'] });
    expect(readded.status).toBe(400);
    expect((await api.get(`/api/clients/${client.id}`)).body.httpAllowedHosts).toEqual(['fd00::1', '10.1.2.3']);
  });
});

describe('secrets', () => {
  it('never writes a password or session token to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
