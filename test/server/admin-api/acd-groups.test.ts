import { beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../support/smtp-sink';
import { ADMIN_PASSWORD, startTestServer, useTestServer, type TestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createClient,
  createDirectConnector,
  createTenant,
  createUserRecord,
  deliverRaw,
  SecretLedger,
  uniqueName,
  uniqueNumber,
  waitFor,
} from '../../support/fixtures';

const server = useTestServer();
let clientId: string;
let otherClientId: string;
let agents: string[];
let clientAdminId: string;
let foreignAgentId: string;
const secrets = new SecretLedger(ADMIN_PASSWORD);

async function createUserIn(client: string, role: 'agent' | 'client_admin') {
  const displayName = `${role} of ${client.slice(0, 8)}`;
  return (await createUserRecord(server.admin, { role, clientId: client, displayName }, secrets)).id;
}

beforeAll(async () => {
  const tenant = await createTenant(server.admin, { reseller: 'Group reseller', client: 'Group client' });
  clientId = tenant.clientId;
  otherClientId = (await createClient(server.admin, tenant.resellerId, { name: 'Other client' })).id;
  agents = [
    await createUserIn(clientId, 'agent'),
    await createUserIn(clientId, 'agent'),
    await createUserIn(clientId, 'agent'),
  ];
  clientAdminId = await createUserIn(clientId, 'client_admin');
  foreignAgentId = await createUserIn(otherClientId, 'agent');
});

function createGroup(body: Record<string, unknown>) {
  return server.admin.post('/api/acd-groups', { name: uniqueName('Group'), clientId, ...body });
}

describe('POST /api/acd-groups', () => {
  it('creates a group with strategy longest_idle, a 30 s offer timeout and no members by default', async () => {
    const response = await server.admin.post('/api/acd-groups', { name: 'Billing', clientId });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      clientId,
      name: 'Billing',
      strategy: 'longest_idle',
      offerTimeoutSeconds: 30,
      members: [],
    });
    expect((await server.admin.get(`/api/acd-groups/${response.body.id}`)).body).toEqual(response.body);
  });

  it('takes a strategy, an offer timeout and members with priorities', async () => {
    const response = await createGroup({
      strategy: 'round_robin',
      offerTimeoutSeconds: 45,
      members: [
        { agentId: agents[0], priority: 1 },
        { agentId: agents[1], priority: 5 },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ strategy: 'round_robin', offerTimeoutSeconds: 45 });
    expect(response.body.members).toHaveLength(2);
    expect(response.body.members).toEqual(
      expect.arrayContaining([
        { agentId: agents[0], priority: 1 },
        { agentId: agents[1], priority: 5 },
      ]),
    );
  });

  it('gives a member without priority the priority 0', async () => {
    const response = await createGroup({ members: [{ agentId: agents[0] }] });
    expect(response.status).toBe(201);
    expect(response.body.members).toEqual([{ agentId: agents[0], priority: 0 }]);
  });

  it('answers 409 naming name for a name the client has already', async () => {
    const name = uniqueName('Duplicate');
    expect((await createGroup({ name })).status).toBe(201);
    const again = await createGroup({ name });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: expect.any(String), field: 'name' });
  });

  it('allows the same name in another client', async () => {
    const name = uniqueName('Shared name');
    expect((await createGroup({ name })).status).toBe(201);
    expect((await server.admin.post('/api/acd-groups', { name, clientId: otherClientId })).status).toBe(201);
  });

  it('answers 400 naming members.0.agentId for an agent of another client', async () => {
    const response = await createGroup({ members: [{ agentId: foreignAgentId, priority: 0 }] });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('members.0.agentId');
  });

  it('answers 400 naming the member when a member is not an agent', async () => {
    const response = await createGroup({ members: [{ agentId: agents[0] }, { agentId: clientAdminId }] });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('members.1.agentId');
  });

  it('answers 400 naming the member for an unknown user id', async () => {
    const response = await createGroup({ members: [{ agentId: '00000000-0000-4000-8000-000000000000' }] });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('members.0.agentId');
  });

  it('creates nothing when a member is refused', async () => {
    const name = uniqueName('Refused');
    await createGroup({ name, members: [{ agentId: foreignAgentId }] });
    const list = await server.admin.get(`/api/acd-groups?clientId=${clientId}&limit=200`);
    expect(list.body.items.map((g: { name: string }) => g.name)).not.toContain(name);
  });

  it('answers 400 when an agent is listed twice', async () => {
    const response = await createGroup({ members: [{ agentId: agents[0] }, { agentId: agents[0], priority: 2 }] });
    expect(response.status).toBe(400);
    expect(response.body.field).toMatch(/^members/);
  });

  it.each([
    ['strategy', { strategy: 'random' }],
    ['offerTimeoutSeconds', { offerTimeoutSeconds: 0 }],
    ['offerTimeoutSeconds', { offerTimeoutSeconds: 'ten' }],
    ['offerTimeoutSeconds', { offerTimeoutSeconds: 3601 }],
    ['maxWaitSeconds', { maxWaitSeconds: -300 }],
    ['maxWaitSeconds', { maxWaitSeconds: 0 }],
    ['members.0.priority', { members: [{ agentId: 'x', priority: 101 }] }],
    ['members.0.priority', { members: [{ agentId: 'x', priority: -1 }] }],
    ['name', { name: '' }],
    ['members.0.priority', { members: [{ agentId: 'x', priority: 'high' }] }],
    ['members.0.agentId', { members: [{ agentId: 'not-an-id' }] }],
    ['members.0.role', { members: [{ agentId: 'x', role: 'lead' }] }],
    ['colour', { colour: 'blue' }],
  ])('answers 400 naming %s', async (field, body) => {
    const members = (body as { members?: Array<Record<string, unknown>> }).members?.map((m) =>
      m.agentId === 'x' ? { ...m, agentId: agents[0] } : m,
    );
    const response = await createGroup({ ...body, ...(members ? { members } : {}) });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});

describe('PATCH /api/acd-groups/:id', () => {
  it('replaces the members with the list given', async () => {
    const created = await createGroup({ members: [{ agentId: agents[0] }, { agentId: agents[1] }] });
    const patched = await server.admin.patch(`/api/acd-groups/${created.body.id}`, {
      members: [{ agentId: agents[2], priority: 3 }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.members).toEqual([{ agentId: agents[2], priority: 3 }]);
    expect((await server.admin.get(`/api/acd-groups/${created.body.id}`)).body.members).toEqual([
      { agentId: agents[2], priority: 3 },
    ]);
  });

  it('empties the group with an empty member list', async () => {
    const created = await createGroup({ members: [{ agentId: agents[0] }] });
    const patched = await server.admin.patch(`/api/acd-groups/${created.body.id}`, { members: [] });
    expect(patched.body.members).toEqual([]);
  });

  it('keeps the members when the body does not mention them', async () => {
    const created = await createGroup({ members: [{ agentId: agents[0], priority: 2 }] });
    const patched = await server.admin.patch(`/api/acd-groups/${created.body.id}`, {
      name: uniqueName('Renamed'),
      strategy: 'round_robin',
      offerTimeoutSeconds: 90,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ strategy: 'round_robin', offerTimeoutSeconds: 90 });
    expect(patched.body.members).toEqual([{ agentId: agents[0], priority: 2 }]);
  });

  it('keeps the old members when the new list is refused', async () => {
    const created = await createGroup({ members: [{ agentId: agents[0] }] });
    const patched = await server.admin.patch(`/api/acd-groups/${created.body.id}`, {
      members: [{ agentId: agents[1] }, { agentId: foreignAgentId }],
    });
    expect(patched.status).toBe(400);
    expect(patched.body.field).toBe('members.1.agentId');
    expect((await server.admin.get(`/api/acd-groups/${created.body.id}`)).body.members).toEqual([
      { agentId: agents[0], priority: 0 },
    ]);
  });

  it('answers 409 naming name when renaming to a name the client has', async () => {
    const first = await createGroup({});
    const second = await createGroup({});
    const response = await server.admin.patch(`/api/acd-groups/${second.body.id}`, { name: first.body.name });
    expect(response.status).toBe(409);
    expect(response.body.field).toBe('name');
  });

  it('answers 400 naming clientId: a group never moves between clients', async () => {
    const created = await createGroup({});
    const response = await server.admin.patch(`/api/acd-groups/${created.body.id}`, { clientId: otherClientId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('clientId');
    expect((await server.admin.get(`/api/acd-groups/${created.body.id}`)).body.clientId).toBe(clientId);
  });
});

describe('DELETE /api/acd-groups/:id', () => {
  it('deletes the group: 404 afterwards', async () => {
    const created = await createGroup({});
    expect((await server.admin.delete(`/api/acd-groups/${created.body.id}`)).status).toBe(204);
    expect((await server.admin.get(`/api/acd-groups/${created.body.id}`)).status).toBe(404);
  });

  it('is refused (409) while a connector routes to it, which keeps its target and goes on accepting SMS', async () => {
    const group = await createGroup({});
    const recipient = uniqueNumber();
    const connector = await createDirectConnector(server.admin, {
      name: 'Points at a group',
      recipient,
      requireToken: false,
      acdGroupId: group.body.id,
      subject: '',
      clientId,
    });
    secrets.add(connector.token);
    expect((await deliverRaw(server.url, { receiver: recipient })).status).toBe(200);

    const refused = await server.admin.delete(`/api/acd-groups/${group.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.usedBy).toEqual([
      { kind: 'connector', id: connector.id, name: 'Points at a group', usage: 'acd_group' },
    ]);
    expect((await server.admin.get(`/api/connectors/${connector.id}`)).body.acdGroupId).toBe(group.body.id);
    expect((await deliverRaw(server.url, { receiver: recipient })).status).toBe(200);
  });
});

describe('GET /api/acd-groups', () => {
  it('pages with limit and cursor and filters by clientId', async () => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      created.push(
        (await server.admin.post('/api/acd-groups', { name: uniqueName('Paged'), clientId: otherClientId })).body.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string; clientId: string }[]; nextCursor: string | null } } =
        await server.admin.get(`/api/acd-groups?clientId=${otherClientId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      for (const item of page.body.items) expect(item.clientId).toBe(otherClientId);
      seen.push(...page.body.items.map((g) => g.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(created));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers each group with its members', async () => {
    const created = await createGroup({ members: [{ agentId: agents[1], priority: 4 }] });
    const list = await server.admin.get(`/api/acd-groups?clientId=${clientId}&limit=200`);
    const listed = list.body.items.find((g: { id: string }) => g.id === created.body.id);
    expect(listed.members).toEqual([{ agentId: agents[1], priority: 4 }]);
  });

  it('answers 400 naming limit for a limit over 200', async () => {
    const response = await server.admin.get('/api/acd-groups?limit=1000');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('limit');
  });
});

describe('PATCH /api/acd-groups/:id refuses numbers out of range', () => {
  it.each([
    ['offerTimeoutSeconds', { offerTimeoutSeconds: 0 }],
    ['maxWaitSeconds', { maxWaitSeconds: -300 }],
  ])('answers 400 naming %s and keeps the group as it was', async (field, body) => {
    const created = await createGroup({ offerTimeoutSeconds: 40, maxWaitSeconds: 600 });
    const response = await server.admin.patch(`/api/acd-groups/${created.body.id}`, body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
    expect(response.body.error).toMatch(new RegExp(`^${field}: `));
    expect((await server.admin.get(`/api/acd-groups/${created.body.id}`)).body).toMatchObject({
      offerTimeoutSeconds: 40,
      maxWaitSeconds: 600,
    });
  });
});

type LiveAgent = { id: string; smsDelivery: string; canTakeOffer: boolean; load: number };

/**
 * A group with an available e-mail agent asked first (priority 10) and an available desk agent:
 * what the live view says about them, and who dispatch then offers an SMS to.
 */
async function liveViewAndDispatch(on: TestServer) {
  const { clientId: client } = await createTenant(on.admin, {
    reseller: uniqueName('Live reseller'),
    client: uniqueName('Live'),
  });
  const agent = async (smsDelivery: 'web' | 'email') => {
    const displayName = `${smsDelivery} agent`;
    const created = await createUserRecord(
      on.admin,
      { role: 'agent', clientId: client, displayName, smsDelivery },
      secrets,
    );
    expect((await on.admin.put(`/api/agents/${created.id}/status`, { status: 'available' })).status).toBe(200);
    return created.id;
  };
  const byMail = await agent('email');
  const atDesk = await agent('web');
  const group = await createAcdGroup(on.admin, {
    name: uniqueName('Live group'),
    clientId: client,
    members: [
      { agentId: byMail, priority: 10 },
      { agentId: atDesk, priority: 0 },
    ],
  });
  const recipient = uniqueNumber();
  const connector = await createDirectConnector(on.admin, {
    name: uniqueName('Live connector'),
    recipient,
    requireToken: false,
    acdGroupId: group.id,
    subject: '',
    clientId: client,
  });
  secrets.add(connector.token);
  const live = await on.admin.get(`/api/acd-groups/${group.id}/live`);
  expect(live.status).toBe(200);
  const of = (id: string) => (live.body.agents as LiveAgent[]).find((a) => a.id === id)!;

  expect((await deliverRaw(on.url, { receiver: recipient })).status).toBe(200);
  const after = await waitFor('the SMS to be offered', async () => {
    const now = await on.admin.get(`/api/acd-groups/${group.id}/live`);
    return now.body.offered === 1 ? (now.body.agents as LiveAgent[]) : undefined;
  });
  return {
    emailConfigured: live.body.emailConfigured as boolean,
    byMail: of(byMail).canTakeOffer,
    atDesk: of(atDesk).canTakeOffer,
    offeredTo: after.find((a) => a.load === 1)!.smsDelivery,
  };
}

describe('GET /api/acd-groups/:id/live', () => {
  it('without a mail server, counts an available e-mail agent as not able to take an SMS, as dispatch does', async () => {
    expect(await liveViewAndDispatch(server)).toEqual({
      emailConfigured: false,
      byMail: false,
      atDesk: true,
      // Asked first by priority, yet passed over: the SMS goes to the desk agent.
      offeredTo: 'web',
    });
  });

  it('with a mail server, counts the e-mail agent as able to take an SMS, and dispatch offers it to them', async () => {
    const smtp = await startSmtpSink();
    const withMail = await startTestServer({ env: { SMTP_URL: smtp.url } });
    try {
      expect(await liveViewAndDispatch(withMail)).toEqual({
        emailConfigured: true,
        byMail: true,
        atDesk: true,
        offeredTo: 'email',
      });
    } finally {
      await withMail.close();
      await smtp.close();
    }
  });

  it('counts an agent on pause as not able to take an SMS', async () => {
    const created = await createGroup({ members: [{ agentId: agents[2] }] });
    expect((await server.admin.put(`/api/agents/${agents[2]}/status`, { status: 'pause' })).status).toBe(200);
    const live = await server.admin.get(`/api/acd-groups/${created.body.id}/live`);
    expect(live.body.agents).toEqual([
      expect.objectContaining({ id: agents[2], status: 'pause', canTakeOffer: false }),
    ]);
  });
});

describe('secrets', () => {
  it('never writes a connector token or password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
