import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import { useTestServer } from '../../support/test-server';
import { desk, offeredTo, openDeskStream } from '../acd/acd-support';
import {
  enqueue,
  enqueueAsLeftByDeadInstance,
  gatewayConnector,
  gatewayNetwork,
  untilStatus,
} from '../sms-sender/outbox-support';
import {
  createAcdSetup,
  createAgent,
  createTenant,
  deliver,
  expectStatus,
  setStatus,
  smsById,
  uniqueSender,
  type AcdSetup,
  type UserHandle,
} from '../../support/fixtures';

// An agent answers the customer from the desk: `POST /api/desk/conversations/:id/messages` puts
// the reply in the outbox through the receive connector's send connector, from the number the
// customer wrote to; only the agent holding the conversation may; a customer who cannot be
// reached is said so; and each status the reply reaches is a `message-status` desk event.

const server = useTestServer({
  env: { SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64'), SWITCHBOARD_SMS_RETRY_BASE_MS: '50' },
  httpNetwork: gatewayNetwork(),
});
const db = () => server.switchboard.database.db;
let gateway: FakeSmsGateway;

beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

interface Message {
  id: string;
  direction: string;
  text: string;
  at: string;
  smsId: string | null;
  status: string | null;
  error: string | null;
}

const reply = (agent: UserHandle, conversationId: string, body: unknown) =>
  agent.api.post(`/api/desk/conversations/${conversationId}/messages`, body);

/** A client whose receive connector replies through a Twilio send connector at the fake gateway. */
async function replyingSetup(agents = [{ capacity: 3 }, {}]) {
  const setup = await createAcdSetup(server.admin, { agents });
  const sendConnector = await gatewayConnector(server.admin, gateway, setup.clientId, 'twilio');
  expectStatus(
    await server.admin.patch(`/api/connectors/${setup.connectorId}`, { sendConnectorId: sendConnector.id }),
    200,
    'naming the send connector for replies',
  );
  return { ...setup, sendConnectorId: sendConnector.id };
}

/** The agent accepts the customer's first SMS; answers the conversation's id. */
async function held(setup: AcdSetup, agent: UserHandle, customer = uniqueSender()) {
  await setStatus(agent, 'available');
  const smsId = await deliver(server.url, {
    receiver: setup.recipient,
    sender: customer,
    message: 'Where is my parcel?',
  });
  const { mediaEventId } = await offeredTo([agent], smsId);
  expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
  return { customer, mediaEventId, conversationId: (await smsById(server.admin, smsId)).conversationId! };
}

const receivedWith = (text: string) =>
  gateway.received.filter((r) => r.api === 'twilio' && (r.fields as { Body?: string } | null)?.Body === text);

describe('replying from the desk', () => {
  it('queues the reply from the number the customer wrote to, sends it, and follows its status on the desk', async () => {
    const setup = await replyingSetup();
    const [agent] = setup.agents as [UserHandle];
    const { customer, conversationId } = await held(setup, agent);
    const before = expectStatus(await agent.api.get(`/api/desk/conversations/${conversationId}`), 200, 'reading');
    expect(before).toMatchObject({ canReply: true, cannotReplyReason: null });

    const stream = openDeskStream(agent);
    await stream.opened;
    try {
      const answer = await reply(agent, conversationId, { text: '  Your parcel leaves today.\n' });
      const message = expectStatus(answer, 201, 'replying');
      expect(message).toMatchObject({
        direction: 'outbound',
        text: 'Your parcel leaves today.',
        smsId: null,
        status: 'queued',
        error: null,
        origin: 'agent',
        agentId: agent.id,
        agentName: agent.user.displayName,
      });
      const row = await db()
        .selectFrom('outbound_sms')
        .selectAll()
        .where('id', '=', message.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        conversation_id: conversationId,
        client_id: setup.clientId,
        send_connector_id: setup.sendConnectorId,
        origin: 'agent',
        agent_id: agent.id,
        to: customer,
        from: setup.recipient,
        segments: 1,
        encoding: 'GSM-7',
      });
      const conversation = await db()
        .selectFrom('conversation')
        .select('last_message_at')
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      expect(conversation.last_message_at.getTime()).toBe(row.created_at.getTime());

      // The worker sends it once; the desk hears "sent", then the provider's "delivered".
      const sent = await untilStatus(server.admin, message.id, 'sent');
      expect(receivedWith('Your parcel leaves today.').map((r) => [r.fields!.To, r.fields!.From])).toEqual([
        [customer, setup.recipient],
      ]);
      const sentEvent = await stream.waitForEvent(
        (e) => e.event === 'message-status' && e.data.messageId === message.id && e.data.status === 'sent',
      );
      expect(sentEvent.data).toEqual({ conversationId, messageId: message.id, status: 'sent', error: null });
      const callback = `${server.url}/SMSReceiver/twilio/status/${setup.sendConnectorId}`;
      expect(
        await gateway.sendTwilioStatus(callback, { MessageSid: sent.providerMessageId!, MessageStatus: 'delivered' }),
      ).toBe(200);
      const delivered = await stream.waitForEvent(
        (e) => e.event === 'message-status' && e.data.messageId === message.id && e.data.status === 'delivered',
      );
      expect(Number(delivered.id)).toBeGreaterThan(Number(sentEvent.id));

      // The thread has it, after the SMS it answers, with its status.
      const thread = expectStatus(await agent.api.get(`/api/desk/conversations/${conversationId}`), 200, 'reading');
      expect(thread.messages.map((m: Message) => [m.direction, m.text, m.status])).toEqual([
        ['inbound', 'Where is my parcel?', null],
        ['outbound', 'Your parcel leaves today.', 'delivered'],
      ]);
      // Who wrote it, for whoever reads the thread later (another agent after a transfer, an admin).
      expect(thread.messages[1]).toMatchObject({
        origin: 'agent',
        agentId: agent.id,
        agentName: agent.user.displayName,
      });
      expect(thread.messages[0]).toMatchObject({ origin: null, agentId: null, agentName: null });
    } finally {
      await stream.close();
    }
  });

  it('tells the desk when the provider refuses the reply, with the provider’s words, and survives in the log', async () => {
    const setup = await replyingSetup();
    const [agent] = setup.agents as [UserHandle];
    const { conversationId } = await held(setup, agent);
    const start = (await desk(agent)).lastEventId;
    gateway.failNext('twilio', { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const message = expectStatus(await reply(agent, conversationId, { text: 'Refused reply' }), 201, 'replying');
    const failed = await untilStatus(server.admin, message.id, 'failed');
    expect(failed.error).toContain('21211');
    // Read from the log, as a desk that connects afterwards (or after a restart) would.
    const stream = openDeskStream(agent, { lastEventId: start });
    await stream.opened;
    try {
      const event = await stream.waitForEvent((e) => e.event === 'message-status' && e.data.messageId === message.id);
      expect(event.data).toEqual({ conversationId, messageId: message.id, status: 'failed', error: failed.error });
    } finally {
      await stream.close();
    }
  });

  it('answers 409 to an agent who does not hold the conversation: waiting, another agent’s, or closed', async () => {
    const setup = await replyingSetup([{ capacity: 3 }, { capacity: 3 }]);
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    await setStatus(agent, 'available');
    // Offered, not accepted: it waits in the group.
    const smsId = await deliver(server.url, { receiver: setup.recipient, sender: uniqueSender() });
    const { mediaEventId } = await offeredTo([agent], smsId);
    const waitingId = (await smsById(server.admin, smsId)).conversationId!;
    const waiting = await reply(agent, waitingId, { text: 'Too early' });
    expect(waiting.status).toBe(409);
    expect(waiting.body.error).toContain('accept it before you answer');

    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
    const others = await reply(colleague, waitingId, { text: 'Not mine' });
    expect(others.status).toBe(409);
    expect(others.body.error).toContain('held by another agent');

    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/complete`), 200, 'completing');
    const closed = await reply(agent, waitingId, { text: 'Too late' });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toContain('closed');
    expect(
      await db().selectFrom('outbound_sms').select('id').where('conversation_id', '=', waitingId).execute(),
    ).toEqual([]);
  });

  it('answers 404 for another client’s conversation and for an unknown or malformed id', async () => {
    const setup = await replyingSetup();
    const [agent] = setup.agents as [UserHandle];
    const { conversationId } = await held(setup, agent);
    const { clientId: otherClient } = await createTenant(server.admin, {});
    const stranger = await createAgent(server.admin, otherClient);
    for (const [who, id] of [
      [stranger, conversationId],
      [agent, '0192f3a4-0000-7000-8000-000000000000'],
      [agent, 'not-an-id'],
    ] as const) {
      const answer = await reply(who, id, { text: 'Hello' });
      expect(answer.status, `${who.email} → ${id}`).toBe(404);
    }
    // An admin is no agent: the desk is not theirs.
    expect((await reply({ ...agent, api: server.admin }, conversationId, { text: 'Hello' })).status).toBe(403);
  });

  it('refuses a blank text, one over 10 SMS, and unknown fields with a 400 naming the field', async () => {
    const setup = await replyingSetup();
    const [agent] = setup.agents as [UserHandle];
    const { conversationId } = await held(setup, agent);
    for (const [body, field] of [
      [{ text: '   \n' }, 'text'],
      [{ text: 'a'.repeat(1531) }, 'text'],
      [{ text: '€'.repeat(766) }, 'text'],
      [{ text: 'ж'.repeat(671) }, 'text'],
      [{}, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'Hi', from: '+4930999000' }, 'from'],
    ] as const) {
      const answer = await reply(agent, conversationId, body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.body.field).toBe(field);
    }
    const tooLong = await reply(agent, conversationId, { text: 'ж'.repeat(671) });
    expect(tooLong.body.error).toContain('11 SMS');
    // Exactly 10 SMS go out.
    expectStatus(await reply(agent, conversationId, { text: 'ж'.repeat(670) }), 201, 'replying with 10 SMS');
  });

  it('says the customer cannot be reached without a send connector, or with one that cannot send (422)', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 3 }] });
    const [agent] = setup.agents as [UserHandle];
    const { conversationId } = await held(setup, agent);
    const reads = async () =>
      expectStatus(await agent.api.get(`/api/desk/conversations/${conversationId}`), 200, 'reading');
    expect(await reads()).toMatchObject({ canReply: false, cannotReplyReason: 'noSendConnector' });
    const none = await reply(agent, conversationId, { text: 'Hello?' });
    expect(none.status).toBe(422);
    expect(none.body.error).toContain('names no send connector for replies');

    // A send connector whose credentials are gone (as an import without them would leave it).
    const sendConnector = await gatewayConnector(server.admin, gateway, setup.clientId, 'twilio');
    expectStatus(
      await server.admin.patch(`/api/connectors/${setup.connectorId}`, { sendConnectorId: sendConnector.id }),
      200,
      'naming the send connector',
    );
    expect(await reads()).toMatchObject({ canReply: true });
    await sql`update sms_send_connector set credentials_encrypted = null where id = ${sendConnector.id}`.execute(db());
    expect(await reads()).toMatchObject({ canReply: false, cannotReplyReason: 'sendConnectorUnusable' });
    const unusable = await reply(agent, conversationId, { text: 'Hello?' });
    expect(unusable.status).toBe(422);
    expect(unusable.body.error).toContain(`send connector ${sendConnector.name} cannot send`);

    // German, as the agent's browser asks.
    const german = await fetch(`${server.url}/api/desk/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { ...agent.api.authHeaders(), 'content-type': 'application/json', 'accept-language': 'de' },
      body: JSON.stringify({ text: 'Hallo?' }),
    });
    expect(german.status).toBe(422);
    expect(((await german.json()) as { error: string }).error).toContain('Der Kunde ist nicht erreichbar');
    expect(
      await db().selectFrom('outbound_sms').select('id').where('conversation_id', '=', conversationId).execute(),
    ).toEqual([]);
  });

  it('tells no desk of a reply in a conversation nobody holds any more, nor of a message outside conversations', async () => {
    const setup = await replyingSetup();
    const [agent] = setup.agents as [UserHandle];
    const { customer, conversationId, mediaEventId } = await held(setup, agent);
    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/complete`), 200, 'completing');
    const start = (await desk(agent)).lastEventId;
    // Written as a reply committed just before the close would be; and one of a workflow.
    const base = { clientId: setup.clientId, sendConnectorId: setup.sendConnectorId, to: customer };
    const late = await enqueue(db(), { ...base, text: 'Late reply', origin: 'agent', conversationId });
    const other = await enqueue(db(), { ...base, text: 'Your code is 1234', origin: 'workflow' });
    server.switchboard.smsOutbox.kick();
    await untilStatus(server.admin, late.id, 'sent');
    await untilStatus(server.admin, other.id, 'sent');
    const logged = await db()
      .selectFrom('desk_event')
      .select(['kind'])
      .where('agent_id', '=', agent.id)
      .where('seq', '>', start)
      .execute();
    expect(logged).toEqual([]);
  });

  it('tells the desk when a reply whose sending instance died is written off as of unknown outcome', async () => {
    const setup = await replyingSetup();
    const [agent] = setup.agents as [UserHandle];
    const { customer, conversationId } = await held(setup, agent);
    const start = (await desk(agent)).lastEventId;
    const row = await enqueueAsLeftByDeadInstance(db(), {
      clientId: setup.clientId,
      sendConnectorId: setup.sendConnectorId,
      to: customer,
      text: 'Sent by an instance that died',
      origin: 'agent',
      conversationId,
    });
    server.switchboard.smsOutbox.kick();
    const failed = await untilStatus(server.admin, row.id, 'failed');
    expect(failed.error).toContain('Outcome unknown');
    const stream = openDeskStream(agent, { lastEventId: start });
    await stream.opened;
    try {
      const event = await stream.waitForEvent((e) => e.event === 'message-status' && e.data.messageId === row.id);
      expect(event.data).toEqual({ conversationId, messageId: row.id, status: 'failed', error: failed.error });
    } finally {
      await stream.close();
    }
  });
});
