import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import { desk, offeredTo, openDeskStream } from './acd-support';
import {
  createAcdGroup,
  createAcdSetup,
  createDirectConnector,
  createAgent,
  createClientWithGroups,
  deliver,
  findMediaEvent,
  mediaEventOf,
  publishWithConnector,
  setStatus,
  uniqueNumber,
  type AcdSetup,
  type UserHandle,
  waitFor,
} from '../../support/fixtures';

const server = useTestServer();
beforeAll(async () => {}, 60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acceptAndComplete(agent: UserHandle, mediaEventId: string) {
  expect((await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`)).status).toBe(200);
  expect((await agent.api.post(`/api/desk/media-events/${mediaEventId}/complete`)).status).toBe(200);
}

describe('ACD distribution', () => {
  it('offers a queued event the moment an agent becomes available, and accept → complete', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ priority: 10 }, {}] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    // The agent comes first but has logged off: the colleague getting the first SMS shows that
    // dispatch ran and passed the agent over.
    await setStatus(agent, 'available');
    await setStatus(agent, 'logged_off');
    await setStatus(colleague, 'available');
    await offeredTo([colleague], await deliver(server.url, { receiver: setup.recipient, message: 'First come' }));
    expect((await desk(agent)).offers).toEqual([]);
    // The colleague's one slot is taken: the next SMS waits for the agent.
    const smsId = await queuedSms(setup, 'Where is my parcel?');

    await setStatus(agent, 'available');
    const { mediaEventId } = await offeredTo([agent], smsId, 3000);
    const offered = (await desk(agent)).offers[0]!;
    expect(offered.sms.message).toBe('Where is my parcel?');
    expect(new Date(offered.deadline).getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await mediaEventOf(server.admin, smsId)).toMatchObject({ state: 'offered', agentId: agent.id });

    expect((await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`)).body.state).toBe('accepted');
    expect((await desk(agent)).accepted.map((e) => e.id)).toEqual([mediaEventId]);
    const completed = await agent.api.post(`/api/desk/media-events/${mediaEventId}/complete`);
    expect(completed.body.state).toBe('completed');
    expect(await mediaEventOf(server.admin, smsId)).toMatchObject({ state: 'completed', agentId: agent.id });
    const after = await desk(agent);
    expect(after.accepted).toEqual([]);
    expect(after.history[0]).toMatchObject({ id: mediaEventId, outcome: 'completed' });
    // Done work cannot be done twice.
    expect((await agent.api.post(`/api/desk/media-events/${mediaEventId}/complete`)).status).toBe(409);
  });

  it('longest idle first: the agent who has waited longest gets the next event', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}, {}, {}] });
    const [a, b, c] = setup.agents as [UserHandle, UserHandle, UserHandle];
    // b has been idle longest, then c, then a.
    await setStatus(b, 'available');
    await pause(20);
    await setStatus(c, 'available');
    await pause(20);
    await setStatus(a, 'available');
    const first = await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }));
    expect(first.agent.id).toBe(b.id);
    const second = await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }));
    expect(second.agent.id).toBe(c.id);
    // b finishes: b's idle time starts now, so a (idle since before) comes first.
    await acceptAndComplete(b, first.mediaEventId);
    const third = await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }));
    expect(third.agent.id).toBe(a.id);
    const fourth = await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }));
    expect(fourth.agent.id).toBe(b.id);
  });

  it('round robin goes around the members in a fixed order', async () => {
    const setup = await createAcdSetup(server.admin, {
      strategy: 'round_robin',
      agents: [{ capacity: 10 }, { capacity: 10 }, { capacity: 10 }],
    });
    for (const agent of setup.agents) await setStatus(agent, 'available');
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      order.push((await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }))).agent.id);
    }
    expect(new Set(order.slice(0, 3)).size).toBe(3);
    expect(order.slice(3)).toEqual(order.slice(0, 3));
  });

  it('members with a higher priority are asked first', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ priority: 1 }, { priority: 50 }] });
    const [low, high] = setup.agents as [UserHandle, UserHandle];
    await setStatus(high, 'available');
    await pause(20);
    await setStatus(low, 'available'); // low has waited less, but that is not why it loses
    await setStatus(high, 'busy');
    await setStatus(high, 'available'); // high is now the least idle, and still first
    const offer = await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }));
    expect(offer.agent.id).toBe(high.id);
    const next = await offeredTo(setup.agents, await deliver(server.url, { receiver: setup.recipient }));
    expect(next.agent.id).toBe(low.id);
  });

  it('respects capacity, and offers the waiting event when a slot frees', async () => {
    // The colleague comes second: what reaches them was passed over by the agent, who was full.
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 2, priority: 10 }, { capacity: 2 }] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    await setStatus(agent, 'available');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await deliver(server.url, { receiver: setup.recipient, message: `sms ${i}` }));
    await waitFor('two offers', async () => (await desk(agent)).offers.length === 2);
    await setStatus(colleague, 'available');
    await offeredTo([colleague], ids[2]!);
    expect((await desk(agent)).offers.map((o) => o.sms.id)).toEqual(ids.slice(0, 2));
    // Accepting keeps the slot taken: the next SMS goes to the colleague as well.
    const first = await mediaEventOf(server.admin, ids[0]!);
    expect((await agent.api.post(`/api/desk/media-events/${first.id}/accept`)).status).toBe(200);
    await offeredTo([colleague], await deliver(server.url, { receiver: setup.recipient, message: 'sms 3' }));
    // Now both are full; completing frees the agent's slot for the one waiting.
    const waiting = await deliver(server.url, { receiver: setup.recipient, message: 'sms 4' });
    await waitFor('the SMS queued', async () => (await findMediaEvent(server.admin, waiting))?.state === 'queued');
    expect((await agent.api.post(`/api/desk/media-events/${first.id}/complete`)).status).toBe(200);
    await offeredTo([agent], waiting, 3000);
  });

  it('an agent in several groups has one capacity across them, whatever arrives where', async () => {
    // The colleague, in both groups too, comes second: what reaches them the agent had no room for.
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 2, priority: 10 }, { capacity: 1 }] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    const second = await createAcdGroup(server.admin, {
      name: `Second queue ${uniqueNumber()}`,
      clientId: setup.clientId,
      members: [
        { agentId: agent.id, priority: 10 },
        { agentId: colleague.id, priority: 0 },
      ],
    });
    const { recipient: secondRecipient } = await createDirectConnector(server.admin, {
      requireToken: false,
      acdGroupId: second.id,
      subject: 'Second queue',
      clientId: setup.clientId,
    });
    const ids = [];
    for (let i = 0; i < 2; i++) {
      ids.push(await deliver(server.url, { receiver: setup.recipient, message: `first ${i}` }));
      ids.push(await deliver(server.url, { receiver: secondRecipient, message: `second ${i}` }));
    }
    ids.push(await deliver(server.url, { receiver: setup.recipient, message: 'first 2' }));
    // Both groups change at once when the agent becomes available: one dispatch, two slots.
    await setStatus(agent, 'available');
    await waitFor('two offers', async () => (await desk(agent)).offers.length === 2);
    await setStatus(colleague, 'available');
    const colleagueOffer = await waitFor('an offer to the colleague', async () => (await desk(colleague)).offers[0]);
    const offers = (await desk(agent)).offers;
    expect(offers).toHaveLength(2);
    const states = await Promise.all(ids.map(async (id) => (await mediaEventOf(server.admin, id)).state));
    expect(states.filter((state) => state === 'offered')).toHaveLength(3);
    expect(states.filter((state) => state === 'queued')).toHaveLength(2);

    // A slot frees: the agent takes one more, and the last one is left for the colleague.
    await acceptAndComplete(agent, offers[0]!.id);
    await waitFor('a third offer', async () => (await desk(agent)).offers.length === 2);
    await acceptAndComplete(colleague, colleagueOffer.id);
    await waitFor('a second offer to the colleague', async () => (await desk(colleague)).offers.length === 1);
    expect((await desk(agent)).offers).toHaveLength(2);
    const left = await Promise.all(ids.map(async (id) => (await mediaEventOf(server.admin, id)).state));
    expect(left.filter((state) => state === 'queued')).toHaveLength(0);
  });

  it('passes over agents who take e-mail while no mail server is configured', async () => {
    const setup = await createAcdSetup(server.admin, {
      agents: [{ smsDelivery: 'email', priority: 10 }, { smsDelivery: 'web' }],
    });
    const [byEmail, onDesk] = setup.agents as [UserHandle, UserHandle];
    await setStatus(byEmail, 'available');
    await setStatus(onDesk, 'available');
    // The e-mail agent comes first: the desk agent getting it shows they were passed over.
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'nobody can mail this' });
    await offeredTo([onDesk], smsId);
    expect(await mediaEventOf(server.admin, smsId)).toMatchObject({ state: 'offered', agentId: onDesk.id });
  });

  it('serves more urgent events first, then older ones', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Urgent queue']);
    const agent = await createAgent(server.admin, clientId, { displayName: 'Solo' });
    expect(
      (
        await server.admin.patch(`/api/acd-groups/${groups['Urgent queue']}`, {
          members: [{ agentId: agent.id, priority: 0 }],
        })
      ).status,
    ).toBe(200);
    const graph = (priority: number) =>
      aGraph(
        [
          ['start', 'start'],
          ['route', 'route_to_acd_group', { acdGroupId: groups['Urgent queue'], subject: 'SMS', priority }],
        ],
        [['start', 'next', 'route']],
      );
    const normal = uniqueNumber();
    const urgent = uniqueNumber();
    await publishWithConnector(server.admin, clientId, graph(3), normal);
    await publishWithConnector(server.admin, clientId, graph(9), urgent);
    const older = await deliver(server.url, { receiver: normal, message: 'older, normal' });
    const oldest = await deliver(server.url, { receiver: normal, message: 'newer, normal' });
    const newest = await deliver(server.url, { receiver: urgent, message: 'newest, urgent' });
    await waitFor('three queued events', async () => {
      const events = await Promise.all([older, oldest, newest].map((id) => findMediaEvent(server.admin, id)));
      return events.every((event) => event?.state === 'queued');
    });
    await setStatus(agent, 'available');
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const offer = await waitFor('an offer', async () => (await desk(agent)).offers[0]);
      order.push(offer.sms.id);
      await acceptAndComplete(agent, offer.id);
    }
    expect(order).toEqual([newest, older, oldest]);
  });

  it('a declined offer goes to the next agent at once, and cannot be accepted afterwards', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}, {}] });
    for (const agent of setup.agents) await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient });
    const first = await offeredTo(setup.agents, smsId);
    expect((await first.agent.api.post(`/api/desk/media-events/${first.mediaEventId}/decline`)).status).toBe(200);
    const other = setup.agents.find((agent) => agent.id !== first.agent.id)!;
    const second = await offeredTo([other], smsId, 3000);
    expect(second.mediaEventId).toBe(first.mediaEventId);
    const late = await first.agent.api.post(`/api/desk/media-events/${first.mediaEventId}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/no longer offered/);
    expect((await desk(first.agent)).history[0]).toMatchObject({ id: first.mediaEventId, outcome: 'declined' });
  });

  it('an offer not taken in time goes to the next agent, and the desk is told', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}, {}], offerTimeoutSeconds: 5 });
    for (const agent of setup.agents) await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient });
    const first = await offeredTo(setup.agents, smsId);
    const stream = openDeskStream(first.agent, { lastEventId: 0 });
    try {
      const withdrawn = await stream.waitForEvent((e) => e.event === 'withdrawn', 9000);
      expect(withdrawn.data).toEqual({ mediaEventId: first.mediaEventId, reason: 'expired' });
    } finally {
      await stream.close();
    }
    const other = setup.agents.find((agent) => agent.id !== first.agent.id)!;
    await offeredTo([other], smsId, 3000);
    expect((await first.agent.api.post(`/api/desk/media-events/${first.mediaEventId}/accept`)).status).toBe(409);
  }, 20_000);

  it('pause and logging off give un-accepted offers back; accepted work stays', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 2 }, {}] });
    const [a, b] = setup.agents as [UserHandle, UserHandle];
    await setStatus(a, 'available');
    const held = await deliver(server.url, { receiver: setup.recipient, message: 'held' });
    const { mediaEventId: heldId } = await offeredTo([a], held);
    await a.api.post(`/api/desk/media-events/${heldId}/accept`);
    const offered = await deliver(server.url, { receiver: setup.recipient, message: 'offered' });
    await offeredTo([a], offered);

    await setStatus(a, 'pause');
    expect(await mediaEventOf(server.admin, offered)).toMatchObject({ state: 'queued', agentId: null });
    expect((await desk(a)).accepted.map((e) => e.id)).toEqual([heldId]);
    // Nobody is available: it waits. b becoming available takes it.
    await setStatus(b, 'available');
    await offeredTo([b], offered, 3000);
    await setStatus(b, 'logged_off');
    expect((await mediaEventOf(server.admin, offered)).state).toBe('queued');
    // Work accepted before the pause can still be completed.
    expect((await a.api.post(`/api/desk/media-events/${heldId}/complete`)).status).toBe(200);
  });

  it('busy and wrap-up agents are not offered work', async () => {
    // The agent comes first: each SMS the colleague gets, the agent was passed over for.
    const setup = await createAcdSetup(server.admin, { agents: [{ priority: 10 }, { capacity: 2 }] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    await setStatus(colleague, 'available');
    await setStatus(agent, 'wrap_up');
    await offeredTo([colleague], await deliver(server.url, { receiver: setup.recipient, message: 'during wrap-up' }));
    await setStatus(agent, 'busy');
    await offeredTo([colleague], await deliver(server.url, { receiver: setup.recipient, message: 'while busy' }));
    expect((await desk(agent)).offers).toEqual([]);
    // The colleague is full: the next SMS waits until the agent is available.
    const smsId = await queuedSms(setup, 'waiting');
    await setStatus(agent, 'available');
    await offeredTo([agent], smsId, 3000);
  });

  it('the desk stream delivers offers live and resumes after a drop without loss or repeats', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 10 }] });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const start = (await desk(agent)).lastEventId;
    const stream = openDeskStream(agent, { lastEventId: start });
    const first = await deliver(server.url, { receiver: setup.recipient, message: 'one' });
    const offer = await stream.waitForEvent((e) => e.event === 'offer' && e.data.sms.id === first);
    expect(offer.data.sms.message).toBe('one');
    await stream.close();

    // While the desk is away, two more arrive and one is declined; the group offers the declined
    // one again (nobody else is free).
    const second = await deliver(server.url, { receiver: setup.recipient, message: 'two' });
    const third = await deliver(server.url, { receiver: setup.recipient, message: 'three' });
    const thirdOffer = await offeredTo([agent], third);
    await agent.api.post(`/api/desk/media-events/${thirdOffer.mediaEventId}/decline`);
    await offeredTo([agent], third);

    const resumed = openDeskStream(agent, { lastEventId: Number(offer.id) });
    try {
      await resumed.opened;
      // An SMS arriving now comes after all the stream replays: once it is there, a repeat would be too.
      await deliver(server.url, { receiver: setup.recipient, message: 'four' });
      await resumed.waitForEvent((e) => e.event === 'offer' && e.data.sms.message === 'four');
      const kinds = resumed.events.map((e) => `${e.event}:${e.data.sms?.message ?? e.data.reason}`);
      expect(kinds).toEqual(['offer:two', 'offer:three', 'withdrawn:declined', 'offer:three', 'offer:four']);
      const ids = resumed.events.map((e) => Number(e.id));
      expect(ids[0]).toBe(Number(offer.id) + 1);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(ids.length);
      expect(second).toBeTruthy();
    } finally {
      await resumed.close();
    }

    // A stream without a Last-Event-ID starts at the end of the log; an unknown future id is reset.
    const future = openDeskStream(agent, { lastEventId: 10_000_000 });
    try {
      expect((await future.waitForEvent((e) => e.event === 'reset')).event).toBe('reset');
    } finally {
      await future.close();
    }
  });

  it('admins see agents with their status, history and load, and can set a status', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 3 }] });
    const [agent] = setup.agents as [UserHandle];
    const set = await server.admin.put(`/api/agents/${agent.id}/status`, { status: 'available' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: agent.id, status: 'available', capacity: 3, load: 0 });
    expect(set.body.groups).toEqual([expect.objectContaining({ acdGroupId: setup.groupId, priority: 0 })]);
    await offeredTo([agent], await deliver(server.url, { receiver: setup.recipient }));
    const listed = await server.admin.get(`/api/agents?clientId=${setup.clientId}&status=available`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: agent.id, load: 1 })]);
    const history = await server.admin.get(`/api/agents/${agent.id}/status-history`);
    expect(history.body.items[0]).toMatchObject({ status: 'available', reason: 'set by an administrator' });
    const live = await server.admin.get(`/api/acd-groups/${setup.groupId}/live`);
    expect(live.body).toMatchObject({ queueLength: 0, offered: 1, accepted: 0 });
    expect(live.body.agents).toEqual([expect.objectContaining({ id: agent.id, status: 'available', load: 1 })]);
    const bad = await server.admin.put(`/api/agents/${agent.id}/status`, { status: 'napping' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('status');
    // Agents may not use the admin side, and admins have no desk.
    expect((await agent.api.get(`/api/agents`)).status).toBe(403);
    expect((await server.admin.get('/api/desk')).status).toBe(403);
  });

  it('the "ACD group status" node counts the agents dispatch would offer to, no others', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Staffed', 'Overflow']);
    const web = await createAgent(server.admin, clientId, { capacity: 1, displayName: 'Web agent' });
    // This server has no mail server: an agent who takes SMS by e-mail cannot be offered one.
    const byMail = await createAgent(server.admin, clientId, { smsDelivery: 'email', displayName: 'E-mail agent' });
    const members = [web, byMail].map((agent) => ({ agentId: agent.id, priority: 0 }));
    expect((await server.admin.patch(`/api/acd-groups/${groups.Staffed}`, { members })).status).toBe(200);
    const route = (group: string) => ({ acdGroupId: groups[group], subject: group, priority: 5 });
    const graph = aGraph(
      [
        ['start', 'start'],
        ['status', 'acd_group_status', { acdGroupId: groups.Staffed, condition: 'agents_available', threshold: 1 }],
        ['staffed', 'route_to_acd_group', route('Staffed')],
        ['overflow', 'route_to_acd_group', route('Overflow')],
      ],
      [
        ['start', 'next', 'status'],
        ['status', 'available', 'staffed'],
        ['status', 'unavailable', 'overflow'],
      ],
    );
    const recipient = uniqueNumber();
    await publishWithConnector(server.admin, clientId, graph, recipient);
    const groupOf = async (smsId: string) => {
      const event = await waitFor('a media event', async () => findMediaEvent(server.admin, smsId));
      return Object.entries(groups).find(([, id]) => id === (event as { acdGroupId?: string }).acdGroupId)?.[0];
    };

    await setStatus(byMail, 'available');
    expect(await groupOf(await deliver(server.url, { receiver: recipient }))).toBe('Overflow');
    await setStatus(web, 'available');
    const first = await deliver(server.url, { receiver: recipient });
    expect(await groupOf(first)).toBe('Staffed');
    await offeredTo([web], first);
    // The web agent's one slot is taken by that offer: nobody is left who could take the next.
    expect(await groupOf(await deliver(server.url, { receiver: recipient }))).toBe('Overflow');
  });

  it('an admin cancels a queued or offered SMS; the desk is told and the slot freed; work in hand stays', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const cancel = (mediaEventId: string) => server.admin.post(`/api/media-events/${mediaEventId}/cancel`, {});

    const queuedSms = await deliver(server.url, { receiver: setup.recipient, message: 'spam, queued' });
    const queued = await waitFor('a queued event', async () => findMediaEvent(server.admin, queuedSms));
    const cancelled = await cancel(queued.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');

    const stream = openDeskStream(agent);
    try {
      await stream.opened;
      await setStatus(agent, 'available');
      const offeredSms = await deliver(server.url, { receiver: setup.recipient, message: 'spam, offered' });
      const { mediaEventId } = await offeredTo([agent], offeredSms);
      // The cancelled event was never offered: the first offer is the second SMS.
      await stream.waitForEvent((e) => e.event === 'offer' && e.data.id === mediaEventId);
      expect(stream.events.filter((e) => e.event === 'offer').map((e) => e.data.id)).toEqual([mediaEventId]);
      expect((await cancel(mediaEventId)).body.state).toBe('cancelled');
      const taken = await stream.waitForEvent((e) => e.event === 'withdrawn');
      expect(taken.data).toEqual({ mediaEventId, reason: 'cancelled' });
      expect((await desk(agent)).offers).toEqual([]);
      expect((await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`)).status).toBe(409);

      // The slot is free again: the next SMS reaches the agent, who accepts it; then it cannot be cancelled.
      const next = await offeredTo(
        [agent],
        await deliver(server.url, { receiver: setup.recipient, message: 'a real question' }),
      );
      expect((await agent.api.post(`/api/desk/media-events/${next.mediaEventId}/accept`)).status).toBe(200);
      const refused = await cancel(next.mediaEventId);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatch(/accepted already/);
      expect((await cancel(queued.id)).status).toBe(409);
    } finally {
      await stream.close();
    }
    // Agents do not cancel; the audit log says who did.
    expect((await agent.api.post(`/api/media-events/${queued.id}/cancel`, {})).status).toBe(403);
    const audit = await server.admin.get(`/api/audit-log?entityId=${queued.id}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'media_event.cancel' })]);
  });

  it('an SMS that waited longer than its group allows expires, and nobody is offered it', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const tooShort = await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { maxWaitSeconds: 30 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.field).toBe('maxWaitSeconds');
    const set = await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { maxWaitSeconds: 600 });
    expect(set.body.maxWaitSeconds).toBe(600);

    const old = await deliver(server.url, { receiver: setup.recipient, message: 'waited too long' });
    const fresh = await deliver(server.url, { receiver: setup.recipient, message: 'still in time' });
    const oldEvent = await waitFor('a queued event', async () => findMediaEvent(server.admin, old));
    await waitFor('a second queued event', async () => findMediaEvent(server.admin, fresh));
    // As if it had arrived eleven minutes ago.
    await sql`update media_event set created_at = now() - interval '11 minutes' where id = ${oldEvent.id}`.execute(
      server.switchboard.database.db,
    );
    await waitFor('the old event expired', async () => (await mediaEventOf(server.admin, old)).state === 'expired');
    expect((await mediaEventOf(server.admin, fresh)).state).toBe('queued');

    await setStatus(agent, 'available');
    await offeredTo([agent], fresh);
    expect((await desk(agent)).offers.map((offer) => offer.sms.id)).toEqual([fresh]);
    // Without a limit, nothing expires.
    expect(
      (await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { maxWaitSeconds: null })).body.maxWaitSeconds,
    ).toBeNull();
  });
});

/** Delivers an SMS that no agent can take now, and waits until it is queued. */
async function queuedSms(setup: AcdSetup, message: string): Promise<string> {
  const smsId = await deliver(server.url, { receiver: setup.recipient, message });
  await waitFor('the SMS queued', async () => (await findMediaEvent(server.admin, smsId))?.state === 'queued');
  return smsId;
}
