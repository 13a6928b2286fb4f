import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeQuietHeldConversations } from '../../../server/conversations/email-held-conversation';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import { decodeBody, useSmtpSink } from '../../support/smtp-sink';
import { useTestServer } from '../../support/test-server';
import { desk, offeredTo } from '../acd/acd-support';
import { gatewayConnector, gatewayNetwork } from '../sms-sender/outbox-support';
import {
  createAcdSetup,
  deliver,
  expectStatus,
  findMediaEvent,
  setStatus,
  smsById,
  uniqueSender,
  waitFor,
  type AcdSetup,
  type UserHandle,
} from '../../support/fixtures';

// An agent whose SMS delivery is e-mail keeps the conversation whose offer was mailed to them
// (issue 14, "e-mail agents get each inbound message by mail, with a link to answer in the
// desk"): the customer's next SMS are mailed to them with no new offer, they answer and close it
// from the desk, and a conversation that stays quiet for its group's reopen window is closed.

const smtp = useSmtpSink();
const server = useTestServer(() => ({
  env: {
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Switchboard <noreply@switchboard.test>',
    SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
  },
  httpNetwork: gatewayNetwork(),
}));
const db = () => server.switchboard.database.db;
let gateway: FakeSmsGateway;

beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

interface HeldConversation {
  id: string;
  customerNumber: string;
  ourNumber: string;
  acdGroupId: string | null;
  lastInbound: { smsId: string; message: string } | null;
}

/** A client whose receive connector replies through a Twilio send connector at the fake gateway. */
async function replyingSetup(agents: NonNullable<Parameters<typeof createAcdSetup>[1]>['agents']) {
  const setup = await createAcdSetup(server.admin, { agents });
  const sendConnector = await gatewayConnector(server.admin, gateway, setup.clientId, 'twilio');
  expectStatus(
    await server.admin.patch(`/api/connectors/${setup.connectorId}`, { sendConnectorId: sendConnector.id }),
    200,
    'naming the send connector for replies',
  );
  return setup;
}

const mailsTo = (address: string) => smtp.accepted.filter((mail) => mail.to.includes(address));

const conversation = async (id: string) =>
  expectStatus(await server.admin.get(`/api/conversations/${id}`), 200, 'reading the conversation') as {
    state: string;
    agentId: string | null;
    lastAgentId: string | null;
    wrapUpCodeId: string | null;
    messages: Array<{ direction: string; text: string }>;
  };

const mediaEventsOf = async (conversationId: string) =>
  (
    await sql<{ id: string; state: string; agent_id: string | null }>`
      select id, state, agent_id from media_event where conversation_id = ${conversationId}
      order by created_at, id`.execute(db())
  ).rows;

/** The customer writes; the offer is mailed to the e-mail agent and recorded as sent. Answers the SMS and conversation. */
async function offerMailed(setup: AcdSetup, agent: UserHandle, customer = uniqueSender(), message = 'Hello?') {
  const mailsBefore = mailsTo(agent.email).length;
  const smsId = await deliver(server.url, { receiver: setup.recipient, sender: customer, message });
  const event = await waitFor('the offer mailed and recorded as sent', async () => {
    const found = await findMediaEvent(server.admin, smsId);
    return found?.state === 'delivered' ? found : undefined;
  });
  expect(event.agentId).toBe(agent.id);
  const [mail] = await waitFor('the offer mail', async () => {
    const mails = mailsTo(agent.email).slice(mailsBefore);
    return mails.length > 0 ? mails : undefined;
  });
  const conversationId = (await smsById(server.admin, smsId)).conversationId!;
  return { smsId, customer, conversationId, mail: decodeBody(mail!.raw), mediaEventId: event.id };
}

const heldByEmail = async (agent: UserHandle) =>
  expectStatus(await agent.api.get('/api/desk'), 200, 'reading the desk').heldByEmail as HeldConversation[];

const reply = (agent: UserHandle, conversationId: string, text: string) =>
  agent.api.post(`/api/desk/conversations/${conversationId}/messages`, { text });

const close = (agent: UserHandle, conversationId: string, body?: object) =>
  agent.api.post(`/api/desk/conversations/${conversationId}/close`, body);

/** Moves the conversation's last message `hours` into the past, as if it had been quiet so long. */
const quietFor = (conversationId: string, hours: number) =>
  sql`update conversation set last_message_at = now() - make_interval(hours => ${hours})
    where id = ${conversationId}`.execute(db());

describe('a conversation held by e-mail', () => {
  it('stays with the e-mail agent: the next SMS is mailed with no new offer, they reply from the desk, and a quiet window closes it', async () => {
    const setup = await replyingSetup([{ smsDelivery: 'email', displayName: 'Mail agent' }, {}]);
    const [mailAgent, webAgent] = setup.agents as [UserHandle, UserHandle];
    await setStatus(mailAgent, 'available');

    // The offer mail: the event is delivered, the conversation the agent's, the link answers it.
    const first = await offerMailed(setup, mailAgent, uniqueSender(), 'Where is my parcel?');
    expect(first.mail).toContain(`Answer in the agent desk: ${server.url}/desk?conversation=${first.conversationId}`);
    expect(await conversation(first.conversationId)).toMatchObject({ state: 'assigned', agentId: mailAgent.id });
    const listed = await heldByEmail(mailAgent);
    expect(listed.map((held) => held.id)).toEqual([first.conversationId]);
    expect(listed[0]).toMatchObject({
      customerNumber: first.customer,
      ourNumber: setup.recipient,
      acdGroupId: setup.groupId,
      lastInbound: { smsId: first.smsId, message: 'Where is my parcel?' },
    });
    expect(await heldByEmail(webAgent)).toEqual([]);

    // The customer writes again: mailed to the agent, in the same conversation, no new media event.
    const second = await deliver(server.url, {
      receiver: setup.recipient,
      sender: first.customer,
      message: 'Any news?',
    });
    expect((await smsById(server.admin, second)).conversationId).toBe(first.conversationId);
    const [secondMail] = await waitFor('the second SMS mailed', async () => {
      const mails = mailsTo(mailAgent.email).filter((mail) => mail.messageId === `<sms.${second}@switchboard.invalid>`);
      return mails.length > 0 ? mails : undefined;
    });
    const secondBody = decodeBody(secondMail!.raw);
    expect(secondBody).toContain('Any news?');
    expect(secondBody).toContain(`${server.url}/desk?conversation=${first.conversationId}`);
    expect(await findMediaEvent(server.admin, second)).toBeUndefined();
    expect((await mediaEventsOf(first.conversationId)).map((e) => e.state)).toEqual(['delivered']);
    expect((await desk(mailAgent)).offers).toEqual([]);

    // They answer from the desk: the reply is in the outbox, with the conversation.
    const thread = expectStatus(
      await mailAgent.api.get(`/api/desk/conversations/${first.conversationId}`),
      200,
      'reading the thread',
    );
    expect(thread).toMatchObject({ state: 'assigned', agentId: mailAgent.id, canReply: true });
    expect(thread.messages.map((m: { text: string }) => m.text)).toEqual(['Where is my parcel?', 'Any news?']);
    const answered = await reply(mailAgent, first.conversationId, 'It leaves today.');
    expect(answered.status).toBe(201);
    const outbox = await sql<{ conversation_id: string; text: string; origin: string; to: string }>`
      select conversation_id, text, origin, "to" from outbound_sms where id = ${answered.body.id}`.execute(db());
    expect(outbox.rows).toEqual([
      { conversation_id: first.conversationId, text: 'It leaves today.', origin: 'agent', to: first.customer },
    ]);
    // Another agent of the client neither reads nor answers it.
    expect((await webAgent.api.get(`/api/desk/conversations/${first.conversationId}`)).status).toBe(404);
    expect((await reply(webAgent, first.conversationId, 'Not mine')).status).toBe(409);
    expect((await close(webAgent, first.conversationId)).status).toBe(409);

    // Quiet for less than the group's reopen window (72 h): the sweep leaves it.
    await quietFor(first.conversationId, 71);
    await closeQuietHeldConversations(db());
    expect((await conversation(first.conversationId)).state).toBe('assigned');
    // Quiet for longer: closed, the agent its last, off their desk.
    await quietFor(first.conversationId, 73);
    expect(await closeQuietHeldConversations(db())).toBeGreaterThanOrEqual(1);
    expect(await conversation(first.conversationId)).toMatchObject({
      state: 'closed',
      agentId: null,
      lastAgentId: mailAgent.id,
      wrapUpCodeId: null,
    });
    expect(await heldByEmail(mailAgent)).toEqual([]);
    expect((await reply(mailAgent, first.conversationId, 'Too late')).status).toBe(409);

    // A later SMS reopens it and is offered to the same agent first, though another is available.
    await setStatus(webAgent, 'available');
    const later = await deliver(server.url, { receiver: setup.recipient, sender: first.customer, message: 'Hello?' });
    expect((await smsById(server.admin, later)).conversationId).toBe(first.conversationId);
    const reopened = await waitFor('the reopening SMS mailed to the last agent', async () => {
      const event = await findMediaEvent(server.admin, later);
      return event?.state === 'delivered' ? event : undefined;
    });
    expect(reopened.agentId).toBe(mailAgent.id);
    expect(await conversation(first.conversationId)).toMatchObject({ state: 'assigned', agentId: mailAgent.id });
  });

  it('mails the SMS that came while the offer mail was on its way, once it is sent', async () => {
    const setup = await replyingSetup([{ smsDelivery: 'email' }]);
    const [agent] = setup.agents as [UserHandle];
    const customer = uniqueSender();
    let second: string;
    // The mail server refuses for a while: the offer stays offered, the conversation waiting.
    smtp.answerWith(() => ({ code: 451, message: 'Try again later' }));
    try {
      await setStatus(agent, 'available');
      const first = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'First' });
      await waitFor('the offer mail tried', async () => smtp.attempts.some((mail) => mail.to.includes(agent.email)));
      second = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Meanwhile' });
      const { conversationId } = await smsById(server.admin, first);
      expect((await smsById(server.admin, second)).conversationId).toBe(conversationId);
      expect((await conversation(conversationId!)).state).toBe('waiting');
      expect(mailsTo(agent.email)).toEqual([]);
    } finally {
      smtp.answerWith(() => 'accept');
    }
    const [mail] = await waitFor('the SMS of meanwhile mailed', async () => {
      const mails = mailsTo(agent.email).filter((m) => m.messageId === `<sms.${second}@switchboard.invalid>`);
      return mails.length > 0 ? mails : undefined;
    });
    expect(decodeBody(mail!.raw)).toContain('Meanwhile');
    expect(await findMediaEvent(server.admin, second)).toBeUndefined();
    const { conversationId } = await smsById(server.admin, second);
    expect(await conversation(conversationId!)).toMatchObject({ state: 'assigned', agentId: agent.id });
    // The offer mail and the one of meanwhile: nothing twice.
    await waitFor('both mails', async () => mailsTo(agent.email).length === 2);
    expect(new Set(mailsTo(agent.email).map((m) => m.messageId)).size).toBe(2);
  });

  it('keeps a quiet window of the group’s own length: a shorter one closes sooner', async () => {
    const setup = await replyingSetup([{ smsDelivery: 'email' }]);
    const [agent] = setup.agents as [UserHandle];
    expectStatus(
      await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { reopenWindowHours: 2 }),
      200,
      'a window of two hours',
    );
    await setStatus(agent, 'available');
    const held = await offerMailed(setup, agent);
    await quietFor(held.conversationId, 1);
    await closeQuietHeldConversations(db());
    expect((await conversation(held.conversationId)).state).toBe('assigned');
    await quietFor(held.conversationId, 3);
    await closeQuietHeldConversations(db());
    expect((await conversation(held.conversationId)).state).toBe('closed');
  });

  it('is closed from the desk with a wrap-up code where its group requires one, once', async () => {
    const setup = await replyingSetup([{ smsDelivery: 'email' }]);
    const [agent] = setup.agents as [UserHandle];
    const code = expectStatus(
      await server.admin.post('/api/wrap-up-codes', { clientId: setup.clientId, code: 'SOLVED', label: 'Solved' }),
      201,
      'creating a wrap-up code',
    ) as { id: string };
    expectStatus(
      await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { wrapUpRequired: true, wrapUpCodeIds: [code.id] }),
      200,
      'requiring a wrap-up code',
    );
    await setStatus(agent, 'available');
    const held = await offerMailed(setup, agent);

    const missing = await close(agent, held.conversationId);
    expect(missing).toMatchObject({ status: 400, body: { field: 'wrapUpCodeId' } });
    expect((await close(agent, held.conversationId, { wrapUpCodeId: 'not-a-uuid' })).body.field).toBe('wrapUpCodeId');
    expect((await close(agent, held.conversationId, { other: 1 })).status).toBe(400);
    expect((await conversation(held.conversationId)).state).toBe('assigned');

    const closed = await close(agent, held.conversationId, { wrapUpCodeId: code.id });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      id: held.conversationId,
      state: 'closed',
      agentId: null,
      wrapUpCodeId: code.id,
    });
    expect(await conversation(held.conversationId)).toMatchObject({ state: 'closed', lastAgentId: agent.id });
    expect(await heldByEmail(agent)).toEqual([]);
    const again = await close(agent, held.conversationId, { wrapUpCodeId: code.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('closed');
  });

  it('is not closed this way while it is held on the desk through a media event', async () => {
    const setup = await replyingSetup([{}]);
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'Hi' });
    const { mediaEventId } = await offeredTo([agent], smsId);
    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
    const conversationId = (await smsById(server.admin, smsId)).conversationId!;
    expect(await heldByEmail(agent)).toEqual([]);
    const refused = await close(agent, conversationId);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain('In progress');
    // Nor by the sweep, however quiet.
    await quietFor(conversationId, 1000);
    await closeQuietHeldConversations(db());
    expect((await conversation(conversationId)).state).toBe('assigned');
  });

  it('is neither seen nor answered nor closed by another client’s agent', async () => {
    const setup = await replyingSetup([{ smsDelivery: 'email' }]);
    const [agent] = setup.agents as [UserHandle];
    const other = await replyingSetup([{ smsDelivery: 'email' }]);
    const [stranger] = other.agents as [UserHandle];
    await setStatus(agent, 'available');
    const held = await offerMailed(setup, agent);

    expect((await stranger.api.get(`/api/desk/conversations/${held.conversationId}`)).status).toBe(404);
    expect((await reply(stranger, held.conversationId, 'Sneaky')).status).toBe(404);
    expect((await close(stranger, held.conversationId)).status).toBe(404);
    expect((await close(stranger, held.conversationId, { wrapUpCodeId: 'not-a-uuid' })).status).toBe(404);
    expect(JSON.stringify(await heldByEmail(stranger))).not.toContain(held.conversationId);
    const rows = await sql<{ n: number }>`
      select count(*)::int as n from outbound_sms where conversation_id = ${held.conversationId}`.execute(db());
    expect(rows.rows[0]!.n).toBe(0);
    expect(await conversation(held.conversationId)).toMatchObject({ state: 'assigned', agentId: agent.id });
    // An admin is no agent: the desk's routes are not theirs.
    expect((await server.admin.post(`/api/desk/conversations/${held.conversationId}/close`)).status).toBe(403);
  });
});
