import { describe, expect, it } from 'vitest';
import { desk, offeredTo, openDeskStream } from '../acd/acd-support';
import { useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createAcdSetup,
  createAgent,
  deliver,
  expectStatus,
  setStatus,
  smsById,
  uniqueName,
  uniqueSender,
  waitFor,
  type AcdSetup,
  type UserHandle,
} from '../../support/fixtures';

const server = useTestServer();
const db = () => server.switchboard.database.db;

interface Offer {
  id: string;
  state: string;
  acdGroupId: string | null;
  conversationId: string | null;
  sms: { id: string; message: string };
  transfer?: { note: string | null; by: string | null };
}

const conversation = async (id: string) =>
  expectStatus(await server.admin.get(`/api/conversations/${id}`), 200, `reading conversation ${id}`) as {
    state: string;
    acdGroupId: string | null;
    agentId: string | null;
    lastAgentId: string | null;
    messages: Array<{ text: string }>;
  };

const eventsOf = (conversationId: string) =>
  db()
    .selectFrom('media_event')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** The offer of `smsId` on the agent's desk, once it is there. */
const offerOn = (agent: UserHandle, smsId: string) =>
  waitFor(`an offer of SMS ${smsId} to ${agent.user.displayName}`, async () =>
    ((await desk(agent)).offers as unknown as Offer[]).find((o) => o.sms.id === smsId),
  );

/** `agent` holds the conversation of a customer's first SMS; answers its ids. */
async function heldConversation(setup: AcdSetup, agent: UserHandle, customer = uniqueSender()) {
  await setStatus(agent, 'available');
  const smsId = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hello?' });
  const { mediaEventId } = await offeredTo([agent], smsId);
  expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
  const conversationId = (await smsById(server.admin, smsId)).conversationId!;
  return { smsId, mediaEventId, conversationId, customer };
}

const transfer = (agent: UserHandle, mediaEventId: string, body: object) =>
  agent.api.post(`/api/desk/media-events/${mediaEventId}/transfer`, body);

describe('transfer from the desk', () => {
  it('transfers to a group: the next agent gets the offer with the note and the thread, and the customer’s next SMS', async () => {
    // Ben is only in Billing: a reopening SMS waits in the group the conversation was transferred to.
    const setup = await createAcdSetup(server.admin, { agents: [{ displayName: 'Anna' }] });
    const ben = await createAgent(server.admin, setup.clientId, { displayName: 'Ben' });
    const [anna] = setup.agents as [UserHandle];
    const billing = await createAcdGroup(server.admin, {
      name: uniqueName('Billing'),
      clientId: setup.clientId,
      members: [{ agentId: ben.id, priority: 0 }],
    });
    const held = await heldConversation(setup, anna);
    await setStatus(ben, 'available');
    const annaStream = openDeskStream(anna);
    const benStream = openDeskStream(ben);
    await Promise.all([annaStream.opened, benStream.opened]);
    try {
      const answer = expectStatus(
        await transfer(anna, held.mediaEventId, { acdGroupId: billing.id, note: '  Wants a refund for May  ' }),
        200,
        'transferring',
      ) as { mediaEvent: Offer; queued: { id: string; acdGroupId: string; preferredAgentId: string | null } };
      expect(answer.mediaEvent).toMatchObject({ id: held.mediaEventId, state: 'transferred' });
      expect(answer.queued).toMatchObject({ acdGroupId: billing.id, preferredAgentId: null });

      // Anna's desk lets go of it, live and on reload.
      await annaStream.waitForEvent((e) => e.event === 'transferred' && e.data.mediaEventId === held.mediaEventId);
      const annasDesk = await desk(anna);
      expect(annasDesk.accepted).toEqual([]);
      expect(annasDesk.history).toContainEqual(
        expect.objectContaining({ id: held.mediaEventId, outcome: 'transferred' }),
      );

      // Ben is offered the same SMS in a new media event, with the note and who sent it.
      const live = await benStream.waitForEvent((e) => e.event === 'offer' && e.data.sms.id === held.smsId);
      expect(live.data).toMatchObject({
        id: answer.queued.id,
        acdGroupId: billing.id,
        conversationId: held.conversationId,
        transfer: { note: 'Wants a refund for May', by: 'Anna' },
      });
      const offer = await offerOn(ben, held.smsId);
      expect(offer.transfer).toEqual({ note: 'Wants a refund for May', by: 'Anna' });
      const thread = expectStatus(await ben.api.get(`/api/desk/conversations/${held.conversationId}`), 200, 'thread');
      expect(thread.messages.map((m: { text: string }) => m.text)).toEqual(['Hello?']);
      expect(await conversation(held.conversationId)).toMatchObject({
        state: 'waiting',
        acdGroupId: billing.id,
        agentId: null,
      });
      expect((await eventsOf(held.conversationId)).map((e) => [e.state, e.acd_group_id, e.sms_id])).toEqual([
        ['transferred', setup.groupId, held.smsId],
        ['offered', billing.id, held.smsId],
      ]);
      // Anna may no longer read it on her desk.
      expect((await anna.api.get(`/api/desk/conversations/${held.conversationId}`)).status).toBe(404);

      expectStatus(await ben.api.post(`/api/desk/media-events/${offer.id}/accept`), 200, 'Ben accepting');
      expect(await conversation(held.conversationId)).toMatchObject({ state: 'assigned', agentId: ben.id });

      // The customer writes again: straight to Ben's desk, no new offer, nothing for Anna.
      const next = await deliver(server.url, {
        receiver: setup.recipient,
        sender: held.customer,
        message: 'Any news on the refund?',
      });
      const message = await benStream.waitForEvent((e) => e.event === 'message' && e.data.smsId === next);
      expect(message.data.conversationId).toBe(held.conversationId);
      expect(annaStream.events.some((e) => e.event === 'message' && e.data.smsId === next)).toBe(false);
      expect((await conversation(held.conversationId)).messages.map((m) => m.text)).toEqual([
        'Hello?',
        'Any news on the refund?',
      ]);
      expect(await eventsOf(held.conversationId)).toHaveLength(2);

      // Ben closes it: a reopening SMS goes to Ben first (the sticky reopen follows the transfer).
      expectStatus(await ben.api.post(`/api/desk/media-events/${offer.id}/complete`), 200, 'Ben completing');
      expect(await conversation(held.conversationId)).toMatchObject({ state: 'closed', lastAgentId: ben.id });
      const reopening = await deliver(server.url, {
        receiver: setup.recipient,
        sender: held.customer,
        message: 'Thanks!',
      });
      expect((await offeredTo([anna, ben], reopening)).agent.id).toBe(ben.id);
      expect(await conversation(held.conversationId)).toMatchObject({ state: 'waiting', acdGroupId: billing.id });
      expect((await eventsOf(held.conversationId)).at(-1)).toMatchObject({
        sms_id: reopening,
        acd_group_id: billing.id,
      });
    } finally {
      await Promise.all([annaStream.close(), benStream.close()]);
    }
  });

  it('transfers to an agent: offered to them first in the conversation’s group, else in a group of theirs', async () => {
    // Carl ranks highest in the group, so an offer that reaches Ben instead went to him as the one named.
    const setup = await createAcdSetup(server.admin, {
      agents: [{ displayName: 'Anna' }, { displayName: 'Ben' }, { displayName: 'Carl', priority: 50 }],
    });
    const [anna, ben, carl] = setup.agents as [UserHandle, UserHandle, UserHandle];
    const held = await heldConversation(setup, anna);
    await setStatus(ben, 'available');
    await setStatus(carl, 'available');
    const answer = expectStatus(
      await transfer(anna, held.mediaEventId, { agentId: ben.id, note: 'Ben knows this customer' }),
      200,
      'transferring to Ben',
    );
    expect(answer.queued).toMatchObject({ acdGroupId: setup.groupId, preferredAgentId: ben.id });
    const reached = await offeredTo([ben, carl, anna], held.smsId);
    expect(reached.agent.id).toBe(ben.id);
    expect((await offerOn(ben, held.smsId)).transfer).toEqual({ note: 'Ben knows this customer', by: 'Anna' });
    expectStatus(await ben.api.post(`/api/desk/media-events/${reached.mediaEventId}/accept`), 200, 'Ben accepting');

    // Dora is in another group only: the work waits there for her.
    const dora = await createAgent(server.admin, setup.clientId, { displayName: 'Dora' });
    const vip = await createAcdGroup(server.admin, {
      name: uniqueName('VIP'),
      clientId: setup.clientId,
      members: [{ agentId: dora.id, priority: 0 }],
    });
    await setStatus(dora, 'available');
    const toDora = expectStatus(
      await transfer(ben, reached.mediaEventId, { agentId: dora.id }),
      200,
      'transferring to Dora',
    );
    expect(toDora.queued).toMatchObject({ acdGroupId: vip.id, preferredAgentId: dora.id });
    const doraOffer = await offerOn(dora, held.smsId);
    // No note: the offer still says who handed it on.
    expect(doraOffer.transfer).toEqual({ note: null, by: 'Ben' });
    expect((await conversation(held.conversationId)).acdGroupId).toBe(vip.id);
    expect((await eventsOf(held.conversationId)).map((e) => e.state)).toEqual([
      'transferred',
      'transferred',
      'offered',
    ]);
  });

  it('offers a transfer to an agent who is away to the rest of the group, and asks the agent handing it on last', async () => {
    const setup = await createAcdSetup(server.admin, {
      agents: [{ displayName: 'Anna', capacity: 2, priority: 50 }, { displayName: 'Ben' }, { displayName: 'Carl' }],
    });
    const [anna, ben, carl] = setup.agents as [UserHandle, UserHandle, UserHandle];
    const held = await heldConversation(setup, anna);
    // Ben is away: the group (Carl; Anna, though ranked first and free, handed it on) gets it.
    await setStatus(ben, 'pause');
    await setStatus(carl, 'available');
    expectStatus(await transfer(anna, held.mediaEventId, { agentId: ben.id }), 200, 'transferring to Ben');
    expect((await offeredTo([anna, ben, carl], held.smsId)).agent.id).toBe(carl.id);
  });

  it('refuses a transfer it cannot make, naming the field, and changes nothing', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ displayName: 'Anna' }, { displayName: 'Ben' }] });
    const [anna, ben] = setup.agents as [UserHandle, UserHandle];
    const loner = await createAgent(server.admin, setup.clientId, { displayName: 'In no group' });
    const other = await createAcdSetup(server.admin, { agents: [{ displayName: 'Stranger' }] });
    const [stranger] = other.agents as [UserHandle];
    const held = await heldConversation(setup, anna);

    const refusals: Array<[object, number, string | undefined]> = [
      [{}, 400, 'acdGroupId'],
      [{ acdGroupId: setup.groupId, agentId: ben.id }, 400, 'agentId'],
      [{ acdGroupId: other.groupId }, 404, 'acdGroupId'],
      [{ agentId: stranger.id }, 404, 'agentId'],
      [{ agentId: anna.id }, 400, 'agentId'],
      [{ agentId: loner.id }, 400, 'agentId'],
      [{ acdGroupId: 'not-a-uuid' }, 400, 'acdGroupId'],
      [{ acdGroupId: setup.groupId, note: 'x'.repeat(1001) }, 400, 'note'],
      [{ acdGroupId: setup.groupId, extra: true }, 400, undefined],
    ];
    for (const [body, status, field] of refusals) {
      const response = await transfer(anna, held.mediaEventId, body);
      expect({ body, status: response.status, field: response.body.field }).toEqual({
        body,
        status,
        field: field ?? response.body.field,
      });
      expect(response.body.error).toEqual(expect.any(String));
    }
    const mine = await desk(anna);
    expect(mine.accepted.map((e) => e.id)).toEqual([held.mediaEventId]);
    expect(await conversation(held.conversationId)).toMatchObject({ state: 'assigned', agentId: anna.id });

    // Not held by the caller: a colleague's work is 409, another client's agent gets 404, admins 403.
    const byBen = await transfer(ben, held.mediaEventId, { acdGroupId: setup.groupId });
    expect(byBen.status).toBe(409);
    expect((await transfer(stranger, held.mediaEventId, { acdGroupId: other.groupId })).status).toBe(404);
    expect((await server.admin.post(`/api/desk/media-events/${held.mediaEventId}/transfer`, {})).status).toBe(403);

    // An offer not accepted yet cannot be transferred either.
    await setStatus(ben, 'available');
    const waiting = await deliver(server.url, { receiver: setup.recipient, sender: uniqueSender() });
    const offered = await offeredTo([ben], waiting);
    expect((await transfer(ben, offered.mediaEventId, { acdGroupId: setup.groupId })).status).toBe(409);
    expect((await eventsOf(held.conversationId)).map((e) => e.state)).toEqual(['accepted']);
  });

  it('lists the groups of the agent’s own client with their members to transfer to', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ displayName: 'Anna' }, { displayName: 'Ben' }] });
    const [anna, ben] = setup.agents as [UserHandle, UserHandle];
    const other = await createAcdSetup(server.admin, { agents: [{ displayName: 'Stranger' }] });
    await setStatus(ben, 'available');
    const empty = await createAcdGroup(server.admin, { name: uniqueName('Empty'), clientId: setup.clientId });
    const targets = expectStatus(await anna.api.get('/api/desk/transfer-targets'), 200, 'reading the targets');
    const groups = targets.groups as Array<{
      id: string;
      agents: Array<{ id: string; displayName: string; status: string }>;
    }>;
    expect(groups.map((g) => g.id).sort()).toEqual([setup.groupId, empty.id].sort());
    expect(groups.find((g) => g.id === setup.groupId)!.agents).toEqual([
      { id: anna.id, displayName: 'Anna', status: 'logged_off' },
      { id: ben.id, displayName: 'Ben', status: 'available' },
    ]);
    expect(groups.find((g) => g.id === empty.id)!.agents).toEqual([]);
    expect(JSON.stringify(targets)).not.toContain(other.groupId);
    expect((await server.admin.get('/api/desk/transfer-targets')).status).toBe(403);
  });
});
