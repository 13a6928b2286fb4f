import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { desk, offeredTo, openDeskStream } from './acd-support';
import {
  createAcdGroup,
  createAcdSetup,
  createAgent,
  deliver,
  mediaEventOf,
  setStatus,
  waitFor,
  type UserHandle,
} from '../../support/fixtures';

const server = useTestServer();
const dispatched = () => server.switchboard.acd.settled();
const live = async (groupId: string) => {
  const response = await server.admin.get(`/api/acd-groups/${groupId}/live`);
  expect(response.status).toBe(200);
  return response.body;
};
const reassign = (mediaEventId: string, body: object) =>
  server.admin.post(`/api/media-events/${mediaEventId}/reassign`, body);

describe('the live group view', () => {
  it('lists the waiting SMS, most urgent first, with when they were queued', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const first = await deliver(server.url, { receiver: setup.recipient, message: 'first' });
    const second = await deliver(server.url, { receiver: setup.recipient, message: 'second' });
    const view = await waitFor('both SMS waiting', async () => {
      const body = await live(setup.groupId);
      return body.waiting.length === 2 ? body : undefined;
    });
    expect(view.queueLength).toBe(2);
    expect(view.waiting.map((w: { sms: { id: string } }) => w.sms.id)).toEqual([first, second]);
    expect(view.waiting[0]).toMatchObject({
      id: (await mediaEventOf(server.admin, first)).id,
      reservedFor: null,
      sms: { message: 'first', sender: expect.any(String) },
    });
    expect(view.oldestQueuedAt).toBe(view.waiting[0].queuedAt);
  });

  it('keeps warning thresholds per group, validated field by field', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [] });
    expect((await live(setup.groupId)).group).toMatchObject({ warnQueueLength: null, warnWaitSeconds: null });
    const saved = await server.admin.patch(`/api/acd-groups/${setup.groupId}`, {
      warnQueueLength: 5,
      warnWaitSeconds: 120,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ warnQueueLength: 5, warnWaitSeconds: 120 });
    expect((await live(setup.groupId)).group).toMatchObject({ warnQueueLength: 5, warnWaitSeconds: 120 });
    for (const [field, value] of [
      ['warnQueueLength', 0],
      ['warnQueueLength', 1.5],
      ['warnWaitSeconds', -1],
      ['warnWaitSeconds', 'soon'],
    ] as const) {
      const refused = await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { [field]: value });
      expect(refused.status, `${field} = ${value}`).toBe(400);
      expect(refused.body.field).toBe(field);
    }
    // Null turns a warning off again.
    const off = await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { warnQueueLength: null });
    expect(off.body).toMatchObject({ warnQueueLength: null, warnWaitSeconds: 120 });
  });

  it('an admin reassigns a waiting SMS to another group, and its members are offered it', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const helper = await createAgent(server.admin, setup.clientId, { displayName: 'Overflow agent' });
    const overflow = await createAcdGroup(server.admin, {
      name: 'Overflow',
      clientId: setup.clientId,
      members: [{ agentId: helper.id, priority: 0 }],
    });
    await setStatus(helper, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'nobody here' });
    const event = await waitFor('the SMS waiting', async () => (await live(setup.groupId)).waiting[0]);
    const moved = await reassign(event.id, { acdGroupId: overflow.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: event.id, acdGroupId: overflow.id });
    await offeredTo([helper], smsId);
    expect((await live(setup.groupId)).waiting).toEqual([]);
    const audit = await server.admin.get(`/api/audit-log?entityId=${event.id}`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'media_event.reassign',
        before: expect.objectContaining({ acdGroupId: setup.groupId }),
        after: expect.objectContaining({ acdGroupId: overflow.id }),
      }),
    ]);
  });

  it('an SMS reassigned to one agent takes them from another agent’s desk, and waits for them alone', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ priority: 10 }, {}, {}] });
    const [holder, chosen, other] = setup.agents as [UserHandle, UserHandle, UserHandle];
    await setStatus(holder, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'for Agent 2' });
    const { mediaEventId } = await offeredTo([holder], smsId);
    const stream = openDeskStream(holder);
    try {
      await stream.opened;
      const answered = await reassign(mediaEventId, { agentId: chosen.id });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ state: 'queued', agentId: null, acdGroupId: setup.groupId });
      const taken = await stream.waitForEvent((e) => e.event === 'withdrawn');
      expect(taken.data).toEqual({ mediaEventId, reason: 'reassigned' });
    } finally {
      await stream.close();
    }
    // The holder and a third agent are free, yet it waits for the chosen one.
    await setStatus(other, 'available');
    await dispatched();
    expect((await desk(holder)).offers).toEqual([]);
    expect((await desk(other)).offers).toEqual([]);
    const view = await live(setup.groupId);
    expect(view.waiting).toEqual([
      expect.objectContaining({ id: mediaEventId, reservedFor: { id: chosen.id, displayName: 'Agent 2' } }),
    ]);
    // Reserved SMS hold back nobody else's: a new one goes out at once.
    const next = await deliver(server.url, { receiver: setup.recipient, message: 'anyone' });
    await offeredTo([holder, other], next);

    await setStatus(chosen, 'available');
    const offer = await offeredTo([chosen], smsId);
    // Declined, it is the group's again.
    expect((await chosen.api.post(`/api/desk/media-events/${offer.mediaEventId}/decline`)).status).toBe(200);
    await waitFor('someone else to be offered it', async () => {
      const event = await mediaEventOf(server.admin, smsId);
      return event.state === 'offered' && event.agentId !== chosen.id;
    });
  });

  it('refuses a reassign naming the field at fault, and one of work in hand', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const outsider = await createAgent(server.admin, setup.clientId, { displayName: 'Not a member' });
    const foreign = await createAcdSetup(server.admin, { agents: [{}] });
    const smsId = await deliver(server.url, { receiver: setup.recipient });
    const event = await waitFor('the SMS waiting', async () => (await live(setup.groupId)).waiting[0]);

    const cases: Array<[object, string]> = [
      [{}, 'acdGroupId'],
      [{ acdGroupId: 'not-a-uuid' }, 'acdGroupId'],
      [{ acdGroupId: foreign.groupId }, 'acdGroupId'],
      [{ agentId: foreign.agents[0]!.id }, 'agentId'],
      [{ agentId: outsider.id }, 'agentId'],
      [{ agentId: agent.id, extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const refused = await reassign(event.id, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.field, JSON.stringify(body)).toBe(field);
    }
    // Agents do not reassign.
    expect((await agent.api.post(`/api/media-events/${event.id}/reassign`, { agentId: agent.id })).status).toBe(403);

    await setStatus(agent, 'available');
    const { mediaEventId } = await offeredTo([agent], smsId);
    expect((await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`)).status).toBe(200);
    const inHand = await reassign(mediaEventId, { agentId: agent.id });
    expect(inHand.status).toBe(409);
    expect(inHand.body.error).toMatch(/accepted already/);
  });

  it('an admin cancels a waiting SMS from the list', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [] });
    await deliver(server.url, { receiver: setup.recipient, message: 'spam' });
    const event = await waitFor('the SMS waiting', async () => (await live(setup.groupId)).waiting[0]);
    expect((await server.admin.post(`/api/media-events/${event.id}/cancel`, {})).status).toBe(200);
    expect((await live(setup.groupId)).waiting).toEqual([]);
  });
});
