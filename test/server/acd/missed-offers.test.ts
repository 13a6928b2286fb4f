import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { desk, offeredTo, openDeskStream } from './acd-support';
import { createAcdSetup, deliver, mediaEventOf, setStatus, waitFor, type UserHandle } from '../../support/fixtures';

const server = useTestServer();

/** Resolves once no dispatch is queued or running on the server: whatever it would offer now is offered. */
const dispatched = () => server.switchboard.acd.settled();

describe('a missed offer is not a decline', () => {
  it('a lone agent who lets an offer time out is not responding, and offered nothing until available again', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}], offerTimeoutSeconds: 5 });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'anyone there?' });
    const stream = openDeskStream(agent);
    try {
      await stream.opened;
      const { mediaEventId } = await offeredTo([agent], smsId);
      // The desk hears that the offer went back and why, then the status it is in now.
      const withdrawn = await stream.waitForEvent((e) => e.event === 'withdrawn', 15_000);
      expect(withdrawn.data).toEqual({ mediaEventId, reason: 'expired' });
      const status = await stream.waitForEvent((e) => e.event === 'status' && e.data.status === 'not_responding');
      expect(Number(status.id)).toBeGreaterThan(Number(withdrawn.id));
    } finally {
      await stream.close();
    }
    expect((await desk(agent)).status).toBe('not_responding');

    // Neither the missed SMS nor a new one is offered to them while they are not responding.
    const later = await deliver(server.url, { receiver: setup.recipient, message: 'hello?' });
    await dispatched();
    expect((await desk(agent)).offers).toEqual([]);
    expect(await mediaEventOf(server.admin, smsId)).toMatchObject({ state: 'queued', agentId: null });
    expect(await mediaEventOf(server.admin, later)).toMatchObject({ state: 'queued', agentId: null });

    // The admin sees it, with why, in the agent's status and its history.
    const seen = await server.admin.get(`/api/agents/${agent.id}`);
    expect(seen.body.status).toBe('not_responding');
    const live = await server.admin.get(`/api/acd-groups/${setup.groupId}/live`);
    expect(live.body.agents).toEqual([
      expect.objectContaining({ id: agent.id, status: 'not_responding', canTakeOffer: false }),
    ]);
    const history = await server.admin.get(`/api/agents/${agent.id}/status-history`);
    expect(history.body.items[0]).toMatchObject({
      status: 'not_responding',
      changedBy: null,
      reason: 'missed an offer',
    });

    // Nobody chooses the status: it is Switchboard's.
    const chosen = await agent.api.put('/api/desk/status', { status: 'not_responding' });
    expect(chosen.status).toBe(400);
    expect(chosen.body.field).toBe('status');
    expect((await server.admin.put(`/api/agents/${agent.id}/status`, { status: 'not_responding' })).status).toBe(400);

    // Back at the desk: the oldest waiting SMS comes first.
    await setStatus(agent, 'available');
    await offeredTo([agent], smsId);
  }, 40_000);

  it('an agent who is not available when an offer times out keeps their status', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}], offerTimeoutSeconds: 5 });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient });
    await offeredTo([agent], smsId);
    // Busy keeps offers already made; one of them timing out says nothing new about the agent.
    await setStatus(agent, 'busy');
    await waitFor('the offer to time out', async () => (await desk(agent)).offers.length === 0, 15_000);
    expect((await desk(agent)).status).toBe('busy');
    expect((await mediaEventOf(server.admin, smsId)).state).toBe('queued');
  }, 30_000);

  it('with two agents a declined SMS goes to the other one', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}, {}] });
    for (const agent of setup.agents) await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient });
    const first = await offeredTo(setup.agents, smsId);
    expect((await first.agent.api.post(`/api/desk/media-events/${first.mediaEventId}/decline`)).status).toBe(200);
    const other = setup.agents.find((agent) => agent.id !== first.agent.id)!;
    await offeredTo([other], smsId);
    // A decline is a choice: the one who declined stays available.
    expect((await desk(first.agent)).status).toBe('available');
    expect((await desk(first.agent)).offers).toEqual([]);
  });

  it('with one agent a declined SMS comes back to them, as nobody else can take it', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient });
    const first = await offeredTo([agent], smsId);
    expect((await agent.api.post(`/api/desk/media-events/${first.mediaEventId}/decline`)).status).toBe(200);
    const again = await offeredTo([agent], smsId);
    expect(again.mediaEventId).toBe(first.mediaEventId);
    expect((await desk(agent)).status).toBe('available');
  });

  it('a declined SMS goes back to the agent who declined only while the others are full', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ priority: 10 }, {}] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    await setStatus(agent, 'available');
    await setStatus(colleague, 'available');
    // The colleague's one slot is taken by work in hand.
    const held = await deliver(server.url, { receiver: setup.recipient, message: 'held' });
    const first = await offeredTo([agent], held);
    expect((await agent.api.post(`/api/desk/media-events/${first.mediaEventId}/decline`)).status).toBe(200);
    const taken = await offeredTo([colleague], held);
    expect((await colleague.api.post(`/api/desk/media-events/${taken.mediaEventId}/accept`)).status).toBe(200);

    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'declined' });
    const offer = await offeredTo([agent], smsId);
    expect((await agent.api.post(`/api/desk/media-events/${offer.mediaEventId}/decline`)).status).toBe(200);
    // Nobody else has room: it comes back to the agent.
    await offeredTo([agent], smsId);
  });
});
