import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { openDeskStream } from '../acd/acd-support';
import { createAcdGroup, createTenantWithUsers, setStatus, uniqueName, type Tenant } from '../../support/fixtures';

const server = useTestServer();
let acme: Tenant;
let other: Tenant;
let seq = 0;
const nextName = (prefix = 'Reason') => `${prefix} ${++seq}`;

beforeAll(async () => {
  acme = await createTenantWithUsers(server.admin, uniqueName('Pause'));
  other = await createTenantWithUsers(server.admin, uniqueName('Pause other'));
});

const create = (body: Record<string, unknown>, as = acme.clientAdmin.api) =>
  as.post('/api/pause-reasons', { name: nextName(), ...body });
const createdId = async (body: Record<string, unknown>, as = acme.clientAdmin.api) => {
  const response = await create(body, as);
  expect(response.status).toBe(201);
  return response.body.id as string;
};
const history = async (agentId: string) =>
  (await server.admin.get(`/api/agents/${agentId}/status-history`)).body.items as Array<{
    status: string;
    reason: string | null;
    pauseReason: string | null;
  }>;

describe('pause reasons: CRUD by the client admin', () => {
  it('creates a reason in the admin’s own client, reads, renames, moves and deletes it', async () => {
    const created = await create({ name: '  Lunch ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientId: acme.clientId, name: 'Lunch', position: 0 });
    const id = created.body.id as string;
    expect((await acme.clientAdmin.api.get(`/api/pause-reasons/${id}`)).body).toEqual(created.body);
    const changed = await acme.clientAdmin.api.patch(`/api/pause-reasons/${id}`, { name: 'Lunch break', position: 5 });
    expect(changed.body).toMatchObject({ name: 'Lunch break', position: 5 });
    expect((await acme.clientAdmin.api.get('/api/pause-reasons')).body.items).toContainEqual(changed.body);
    expect((await acme.clientAdmin.api.delete(`/api/pause-reasons/${id}`)).status).toBe(204);
    expect((await acme.clientAdmin.api.get(`/api/pause-reasons/${id}`)).status).toBe(404);
  });

  it('lets the reseller admin manage them for a client they name; refuses agents', async () => {
    expect((await create({ clientId: acme.clientId }, acme.resellerAdmin.api)).status).toBe(201);
    expect(await create({}, acme.resellerAdmin.api)).toMatchObject({ status: 400, body: { field: 'clientId' } });
    expect((await create({}, acme.agent.api)).status).toBe(403);
    expect((await acme.agent.api.get('/api/pause-reasons')).status).toBe(403);
  });

  it('names the field of each refused value', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: undefined }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'X'.repeat(61) }, 'name'],
      [{ name: 7 }, 'name'],
      [{ position: -1 }, 'position'],
      [{ position: 1.5 }, 'position'],
      [{ position: 10000 }, 'position'],
      [{ position: '1' }, 'position'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect({ field, status: response.status, named: response.body.field }).toEqual({
        field,
        status: 400,
        named: field,
      });
    }
    const id = await createdId({});
    expect(await acme.clientAdmin.api.patch(`/api/pause-reasons/${id}`, { name: '' })).toMatchObject({
      status: 400,
      body: { field: 'name' },
    });
    expect(await acme.clientAdmin.api.patch(`/api/pause-reasons/${id}`, { clientId: other.clientId })).toMatchObject({
      status: 400,
      body: { field: 'clientId' },
    });
  });

  it('answers 409 naming name for a name the client has; another client may have it', async () => {
    const name = nextName('Taken');
    expect((await create({ name })).status).toBe(201);
    const taken = await create({ name });
    expect(taken).toMatchObject({ status: 409, body: { field: 'name' } });
    expect(taken.body.error).toBe('A pause reason with this name exists in the client already');
    expect((await create({ name }, other.clientAdmin.api)).status).toBe(201);
  });

  it('keeps each client’s reasons to itself', async () => {
    const foreign = await createdId({}, other.clientAdmin.api);
    expect((await acme.clientAdmin.api.get(`/api/pause-reasons/${foreign}`)).status).toBe(404);
    expect((await acme.clientAdmin.api.patch(`/api/pause-reasons/${foreign}`, { name: 'Mine' })).status).toBe(404);
    expect((await acme.clientAdmin.api.delete(`/api/pause-reasons/${foreign}`)).status).toBe(404);
    expect((await acme.clientAdmin.api.get(`/api/pause-reasons?clientId=${other.clientId}`)).status).toBe(404);
    const listed = (await acme.clientAdmin.api.get('/api/pause-reasons?limit=200')).body.items as Array<{
      clientId: string;
    }>;
    expect(listed.every((reason) => reason.clientId === acme.clientId)).toBe(true);
    expect((await other.clientAdmin.api.get(`/api/pause-reasons/${foreign}`)).status).toBe(200);
  });

  it('records create, update and delete in the audit log', async () => {
    const id = await createdId({ name: nextName('Before') });
    await acme.clientAdmin.api.patch(`/api/pause-reasons/${id}`, { name: 'After' });
    await acme.clientAdmin.api.delete(`/api/pause-reasons/${id}`);
    const log = await acme.clientAdmin.api.get(`/api/audit-log?entityId=${id}`);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'pause_reason.delete',
      'pause_reason.update',
      'pause_reason.create',
    ]);
    expect(log.body.items[1]).toMatchObject({ clientId: acme.clientId, after: { name: 'After' } });
  });
});

describe('pausing with a reason on the desk', () => {
  let tenant: Tenant;
  let lunch: string;
  let meeting: string;
  let foreign: string;
  let groupId: string;

  beforeAll(async () => {
    tenant = await createTenantWithUsers(server.admin, uniqueName('Desk pause'));
    meeting = await createdId({ name: 'Meeting', position: 2 }, tenant.clientAdmin.api);
    lunch = await createdId({ name: 'Lunch', position: 1 }, tenant.clientAdmin.api);
    await createdId({ name: 'Training', position: 2 }, tenant.clientAdmin.api);
    foreign = await createdId({ name: 'Lunch' }, other.clientAdmin.api);
    groupId = (
      await createAcdGroup(tenant.clientAdmin.api, {
        name: uniqueName('Pausing'),
        members: [{ agentId: tenant.agent.id, priority: 0 }],
      })
    ).id;
  });

  it('offers the agent their own client’s reasons, in order; admins use the admin list', async () => {
    const offered = await tenant.agent.api.get('/api/desk/pause-reasons');
    expect(offered.status).toBe(200);
    expect(offered.body.items.map((reason: { name: string }) => reason.name)).toEqual(['Lunch', 'Meeting', 'Training']);
    expect((await tenant.clientAdmin.api.get('/api/desk/pause-reasons')).status).toBe(403);
  });

  it('pauses with a reason, shows it in the live view and the desk, and writes pause → pause with another reason to the history', async () => {
    await setStatus(tenant.agent, 'available');
    const paused = await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: lunch });
    expect(paused).toMatchObject({ status: 200, body: { status: 'pause', pauseReason: 'Lunch' } });
    expect((await tenant.agent.api.get('/api/desk')).body).toMatchObject({ status: 'pause', pauseReason: 'Lunch' });
    const live = await tenant.clientAdmin.api.get(`/api/acd-groups/${groupId}/live`);
    expect(live.body.agents).toEqual([
      expect.objectContaining({ id: tenant.agent.id, status: 'pause', pauseReason: 'Lunch' }),
    ]);
    expect((await tenant.clientAdmin.api.get(`/api/agents/${tenant.agent.id}`)).body).toMatchObject({
      status: 'pause',
      pauseReason: 'Lunch',
    });

    // The same reason again changes nothing; another one is a change of its own.
    expect((await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: lunch })).status).toBe(
      200,
    );
    const stream = openDeskStream(tenant.agent);
    try {
      await stream.opened;
      const switched = await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: meeting });
      expect(switched.body).toMatchObject({ status: 'pause', pauseReason: 'Meeting' });
      const event = await stream.waitForEvent((e) => e.event === 'status');
      expect(event.data).toMatchObject({ status: 'pause', pauseReason: 'Meeting' });
    } finally {
      await stream.close();
    }
    // Without a reason while paused: the reason goes, and that is written too.
    expect(
      (await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: null })).body,
    ).toMatchObject({ status: 'pause', pauseReason: null });
    await setStatus(tenant.agent, 'available');

    expect((await history(tenant.agent.id)).slice(0, 5)).toEqual([
      expect.objectContaining({ status: 'available', pauseReason: null }),
      expect.objectContaining({ status: 'pause', pauseReason: null, reason: null }),
      expect.objectContaining({ status: 'pause', pauseReason: 'Meeting', reason: null }),
      expect.objectContaining({ status: 'pause', pauseReason: 'Lunch', reason: null }),
      expect.objectContaining({ status: 'available', pauseReason: null }),
    ]);
    const live2 = await tenant.clientAdmin.api.get(`/api/acd-groups/${groupId}/live`);
    expect(live2.body.agents[0]).toMatchObject({ status: 'available', pauseReason: null });
  });

  it('refuses a reason of another client, an unknown one, a malformed id and a reason with another status, naming pauseReasonId', async () => {
    await setStatus(tenant.agent, 'available');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: 'pause', pauseReasonId: foreign }, 'pauseReasonId: no pause reason with this id in your client'],
      [
        { status: 'pause', pauseReasonId: '00000000-0000-7000-8000-000000000000' },
        'pauseReasonId: no pause reason with this id in your client',
      ],
      [{ status: 'available', pauseReasonId: lunch }, 'pauseReasonId: only a pause carries a pause reason'],
    ];
    for (const [body, error] of cases) {
      expect(await tenant.agent.api.put('/api/desk/status', body)).toMatchObject({
        status: 400,
        body: { field: 'pauseReasonId', error },
      });
    }
    expect(await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: 'lunch' })).toMatchObject({
      status: 400,
      body: { field: 'pauseReasonId' },
    });
    // Nothing changed: still available, no pause in the history.
    expect((await tenant.agent.api.get('/api/desk')).body).toMatchObject({ status: 'available', pauseReason: null });
    expect((await history(tenant.agent.id))[0]).toMatchObject({ status: 'available' });
  });

  it('says the refusal in the caller’s language', async () => {
    const response = await fetch(`${server.url}/api/desk/status`, {
      method: 'PUT',
      headers: { ...tenant.agent.api.authHeaders(), 'content-type': 'application/json', 'accept-language': 'de' },
      body: JSON.stringify({ status: 'pause', pauseReasonId: foreign }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(
      'pauseReasonId: kein Pausengrund mit dieser ID in Ihrem Mandanten',
    );
  });

  it('keeps the name in the live view and the history when the reason is renamed or deleted', async () => {
    const gone = await createdId({ name: nextName('Doctor') }, tenant.clientAdmin.api);
    const name = (await tenant.clientAdmin.api.get(`/api/pause-reasons/${gone}`)).body.name as string;
    await setStatus(tenant.agent, 'available');
    expect((await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: gone })).status).toBe(200);
    await tenant.clientAdmin.api.patch(`/api/pause-reasons/${gone}`, { name: nextName('Renamed') });
    expect((await tenant.clientAdmin.api.delete(`/api/pause-reasons/${gone}`)).status).toBe(204);
    expect((await tenant.agent.api.get('/api/desk')).body).toMatchObject({ status: 'pause', pauseReason: name });
    const live = await tenant.clientAdmin.api.get(`/api/acd-groups/${groupId}/live`);
    expect(live.body.agents[0]).toMatchObject({ status: 'pause', pauseReason: name });
    expect((await history(tenant.agent.id))[0]).toMatchObject({ status: 'pause', pauseReason: name });
    // The deleted reason can be given no more.
    expect(await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: gone })).toMatchObject({
      status: 400,
      body: { field: 'pauseReasonId' },
    });
    await setStatus(tenant.agent, 'available');
  });

  it('an admin pausing a paused agent keeps their reason; any other status clears it', async () => {
    await setStatus(tenant.agent, 'available');
    await tenant.agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: lunch });
    const before = (await history(tenant.agent.id)).length;
    expect(
      (await tenant.clientAdmin.api.put(`/api/agents/${tenant.agent.id}/status`, { status: 'pause' })).status,
    ).toBe(200);
    expect((await history(tenant.agent.id)).length).toBe(before);
    expect((await tenant.agent.api.get('/api/desk')).body.pauseReason).toBe('Lunch');
    await tenant.clientAdmin.api.put(`/api/agents/${tenant.agent.id}/status`, { status: 'logged_off' });
    expect((await tenant.agent.api.get('/api/desk')).body).toMatchObject({ status: 'logged_off', pauseReason: null });
    expect((await history(tenant.agent.id))[0]).toMatchObject({
      status: 'logged_off',
      pauseReason: null,
      reason: 'set by an administrator',
    });
  });
});
