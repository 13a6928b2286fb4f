import { beforeAll, describe, expect, it } from 'vitest';
import { cannedPlaceholders } from '../../../contract/canned-placeholders';
import { useTestServer } from '../../support/test-server';
import { createTenantWithUsers, createUser, type Tenant, type UserHandle } from '../../support/fixtures';

const server = useTestServer();
let acme: Tenant;
let other: Tenant;
let siblingAgent: UserHandle;
let siblingClientId: string;
let seq = 0;
const shortcut = (prefix = 'reply') => `${prefix}-${++seq}`;

beforeAll(async () => {
  acme = await createTenantWithUsers(server.admin, 'Canned');
  other = await createTenantWithUsers(server.admin, 'Canned other');
  siblingClientId = (await server.admin.post('/api/clients', { name: 'Canned sibling', resellerId: acme.resellerId }))
    .body.id as string;
  siblingAgent = await createUser(server.admin, { role: 'agent', clientId: siblingClientId });
});

const create = (body: Record<string, unknown>, as = acme.clientAdmin.api) =>
  as.post('/api/canned-responses', { shortcut: shortcut(), title: 'A title', text: 'A text', ...body });

describe('canned responses: CRUD by the client admin', () => {
  it('creates one in the admin’s own client, reads, changes and deletes it', async () => {
    const created = await create({
      shortcut: 'hours',
      title: 'Opening hours',
      text: 'Hello, this is {{agent.name}} of {{client.name}}: we are open 9–17.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      clientId: acme.clientId,
      shortcut: 'hours',
      title: 'Opening hours',
      text: 'Hello, this is {{agent.name}} of {{client.name}}: we are open 9–17.',
    });
    const id = created.body.id as string;
    expect((await acme.clientAdmin.api.get(`/api/canned-responses/${id}`)).body).toEqual(created.body);

    const changed = await acme.clientAdmin.api.patch(`/api/canned-responses/${id}`, {
      title: 'Hours',
      shortcut: 'open',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ shortcut: 'open', title: 'Hours', text: created.body.text });

    const list = await acme.clientAdmin.api.get('/api/canned-responses');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(changed.body);

    expect((await acme.clientAdmin.api.delete(`/api/canned-responses/${id}`)).status).toBe(204);
    expect((await acme.clientAdmin.api.get(`/api/canned-responses/${id}`)).status).toBe(404);
  });

  it('lets the client’s reseller admin and the system admin manage them, naming the client', async () => {
    const byReseller = await create({ clientId: acme.clientId }, acme.resellerAdmin.api);
    expect(byReseller.status).toBe(201);
    expect(byReseller.body.clientId).toBe(acme.clientId);
    const bySystem = await create({ clientId: acme.clientId }, server.admin);
    expect(bySystem.status).toBe(201);
    const resellerList = await acme.resellerAdmin.api.get(`/api/canned-responses?clientId=${acme.clientId}`);
    expect(resellerList.body.items.map((item: { id: string }) => item.id)).toEqual(
      expect.arrayContaining([byReseller.body.id, bySystem.body.id]),
    );
  });

  it('asks callers above the client to name one (400 naming clientId)', async () => {
    const response = await create({}, acme.resellerAdmin.api);
    expect(response).toMatchObject({ status: 400, body: { field: 'clientId' } });
  });

  it('refuses agents (403) on the admin routes', async () => {
    expect((await acme.agent.api.get('/api/canned-responses')).status).toBe(403);
    expect((await create({}, acme.agent.api)).status).toBe(403);
  });

  it('records create, update and delete in the audit log, with the fields before and after', async () => {
    const created = await create({ shortcut: shortcut('audited'), text: 'Hi {{customer.number}}' });
    const id = created.body.id as string;
    await acme.clientAdmin.api.patch(`/api/canned-responses/${id}`, { text: 'Bye {{customer.number}}' });
    await acme.clientAdmin.api.delete(`/api/canned-responses/${id}`);
    const log = await acme.clientAdmin.api.get(`/api/audit-log?entityId=${id}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'canned_response.delete',
      'canned_response.update',
      'canned_response.create',
    ]);
    expect(log.body.items[1]).toMatchObject({
      entityType: 'canned_response',
      clientId: acme.clientId,
      actor: { email: acme.clientAdmin.email },
      before: { text: 'Hi {{customer.number}}' },
      after: { text: 'Bye {{customer.number}}' },
    });
    expect(log.body.items[0]).toMatchObject({ before: { shortcut: created.body.shortcut }, after: null });
  });
});

describe('canned responses: validation', () => {
  it.each([
    ['Hours', 'uppercase'],
    ['opening hours', 'a space'],
    ['-hours', 'a leading dash'],
    ['hours-', 'a trailing dash'],
    ['/hours', 'the slash'],
    ['ö', 'a letter beyond a–z'],
  ])('refuses the shortcut %j (%s), naming shortcut', async (value) => {
    const response = await create({ shortcut: value });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      field: 'shortcut',
      error: 'shortcut: only lowercase letters, digits and dashes, not starting or ending with a dash',
    });
  });

  it('refuses a missing shortcut, an empty title, a missing text and one too long, each naming its field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ shortcut: undefined }, 'shortcut'],
      [{ shortcut: 'a'.repeat(41) }, 'shortcut'],
      [{ title: '  ' }, 'title'],
      [{ text: undefined }, 'text'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: 42 }, 'text'],
      [{ extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect({ field, status: response.status, named: response.body.field }).toEqual({
        field,
        status: 400,
        named: field,
      });
    }
  });

  it('refuses an unknown placeholder at save time, naming text and the placeholder, and stores nothing', async () => {
    const name = shortcut('unknown');
    const response = await create({ shortcut: name, text: 'Dear {{customer.name}}, {{agent.name}} here' });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('text');
    expect(response.body.error).toBe(
      `text: unknown placeholder customer.name; known are ${cannedPlaceholders.join(', ')}`,
    );
    const list = await acme.clientAdmin.api.get('/api/canned-responses?limit=200');
    expect(list.body.items.map((item: { shortcut: string }) => item.shortcut)).not.toContain(name);
  });

  it('refuses an unknown placeholder in a change too, and keeps the text', async () => {
    const created = await create({ text: 'Hi {{agent.name}}' });
    const response = await acme.clientAdmin.api.patch(`/api/canned-responses/${created.body.id}`, {
      text: 'Hi {{ agent.nickname }}',
    });
    expect(response).toMatchObject({ status: 400, body: { field: 'text' } });
    expect(response.body.error).toContain('agent.nickname');
    expect((await acme.clientAdmin.api.get(`/api/canned-responses/${created.body.id}`)).body.text).toBe(
      'Hi {{agent.name}}',
    );
  });

  it('says the placeholder error in German to a German caller', async () => {
    const response = await fetch(`${server.url}/api/canned-responses`, {
      method: 'POST',
      headers: { ...acme.clientAdmin.api.authHeaders(), 'content-type': 'application/json', 'accept-language': 'de' },
      body: JSON.stringify({ shortcut: shortcut(), title: 'T', text: '{{kunde}}' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      field: 'text',
      error: `text: unbekannter Platzhalter kunde; bekannt sind ${cannedPlaceholders.join(', ')}`,
    });
  });

  it('answers 409 naming shortcut for a shortcut the client has, also on change; another client may have it', async () => {
    const name = shortcut('taken');
    expect((await create({ shortcut: name })).status).toBe(201);
    const again = await create({ shortcut: name });
    expect(again).toMatchObject({ status: 409, body: { field: 'shortcut' } });
    const second = await create({});
    const renamed = await acme.clientAdmin.api.patch(`/api/canned-responses/${second.body.id}`, { shortcut: name });
    expect(renamed).toMatchObject({ status: 409, body: { field: 'shortcut' } });
    expect((await create({ shortcut: name }, other.clientAdmin.api)).status).toBe(201);
  });
});

describe('canned responses on the desk', () => {
  it('lists an agent exactly their own client’s responses', async () => {
    const own = await create({ shortcut: shortcut('desk'), text: 'Hello {{customer.number}}' });
    const foreign = await create({}, other.clientAdmin.api);
    const sibling = await create({ clientId: siblingClientId }, acme.resellerAdmin.api);
    expect([own.status, foreign.status, sibling.status]).toEqual([201, 201, 201]);

    const desk = await acme.agent.api.get('/api/desk/canned-responses?limit=200');
    expect(desk.status).toBe(200);
    const ids = desk.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(own.body.id);
    expect(ids).not.toContain(foreign.body.id);
    expect(ids).not.toContain(sibling.body.id);
    expect(desk.body.items.every((item: { clientId: string }) => item.clientId === acme.clientId)).toBe(true);
    expect(desk.body.items).toContainEqual(own.body);

    const siblings = await siblingAgent.api.get('/api/desk/canned-responses?limit=200');
    expect(siblings.body.items.map((item: { id: string }) => item.id)).toEqual([sibling.body.id]);
  });

  it('ignores a clientId in the query: an agent cannot read another client’s list', async () => {
    const desk = await acme.agent.api.get(`/api/desk/canned-responses?clientId=${other.clientId}`);
    expect(desk.status).toBe(200);
    expect(desk.body.items.every((item: { clientId: string }) => item.clientId === acme.clientId)).toBe(true);
  });

  it('pages by cursor', async () => {
    await create({});
    await create({});
    const first = await acme.agent.api.get('/api/desk/canned-responses?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await acme.agent.api.get(`/api/desk/canned-responses?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('is for agents only', async () => {
    expect((await acme.clientAdmin.api.get('/api/desk/canned-responses')).status).toBe(403);
    expect((await server.admin.get('/api/desk/canned-responses')).status).toBe(403);
  });
});
