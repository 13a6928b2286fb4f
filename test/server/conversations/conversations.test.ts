import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { uuid7 } from '../../../server/db/uuid7';
import { enqueueSms } from '../../../server/sms-sender/enqueue-sms';
import type { WorkflowGraph } from '../../../workflows';
import { testBackend } from '../../support/test-database';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import { desk, offeredTo, openDeskStream } from '../acd/acd-support';
import {
  createAcdSetup,
  createAgent,
  createSendConnector,
  createTenantWithUsers,
  deliver,
  deliverRaw,
  expectStatus,
  findMediaEvent,
  publishWithConnector,
  setStatus,
  smsById,
  uniqueNumber,
  uniqueSender,
  waitFor,
  type AcdSetup,
  type UserHandle,
} from '../../support/fixtures';

const server = useTestServer();
const backend = await testBackend();
const db = () => server.switchboard.database.db;

interface Thread {
  id: string;
  clientId: string;
  state: string;
  acdGroupId: string | null;
  agentId: string | null;
  lastAgentId: string | null;
  closedAt: string | null;
  wrapUpCodeId: string | null;
  lastMessageAt: string;
  messages: Array<{
    id: string;
    direction: string;
    text: string;
    at: string;
    smsId: string | null;
    status: string | null;
  }>;
}

async function conversation(id: string): Promise<Thread> {
  return expectStatus(await server.admin.get<Thread>(`/api/conversations/${id}`), 200, `reading conversation ${id}`);
}

const conversationOf = async (smsId: string) => (await smsById(server.admin, smsId)).conversationId!;

async function mediaEventsOfConversation(conversationId: string) {
  return db().selectFrom('media_event').selectAll().where('conversation_id', '=', conversationId).execute();
}

async function acceptAndComplete(agent: UserHandle, mediaEventId: string, body?: object) {
  expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
  expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/complete`, body), 200, 'completing');
}

/** One agent holds the conversation of the customer's first SMS; answers its ids. */
async function heldConversation(setup: AcdSetup, agent: UserHandle, customer: string) {
  await setStatus(agent, 'available');
  const first = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hello?' });
  const { mediaEventId } = await offeredTo([agent], first);
  expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
  return { smsId: first, mediaEventId, conversationId: await conversationOf(first) };
}

describe('conversations', () => {
  it('threads five SMS of one customer while waiting: one conversation, one media event, five messages', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const customer = uniqueSender();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push(await deliver(server.url, { receiver: setup.recipient, sender: customer, message: `part ${i}` }));
    }
    const conversationIds = new Set(await Promise.all(ids.map(conversationOf)));
    expect(conversationIds.size).toBe(1);
    const [conversationId] = [...conversationIds] as [string];
    const thread = await conversation(conversationId);
    expect(thread).toMatchObject({ clientId: setup.clientId, state: 'waiting', acdGroupId: setup.groupId });
    expect(thread.messages.map((m) => [m.direction, m.text, m.smsId])).toEqual(
      ids.map((id, i) => ['inbound', `part ${i + 1}`, id]),
    );
    const events = await mediaEventsOfConversation(conversationId);
    expect(events.map((e) => e.sms_id)).toEqual([ids[0]]);
    // Another customer writing to the same number has a conversation of their own.
    const other = await deliver(server.url, { receiver: setup.recipient, sender: uniqueSender() });
    expect(await conversationOf(other)).not.toBe(conversationId);
    expect(await findMediaEvent(server.admin, other)).toBeDefined();

    // The list finds it by customer and state, within the client.
    const list = await server.admin.get(
      `/api/conversations?clientId=${setup.clientId}&customerNumber=${encodeURIComponent(customer)}&state=waiting`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
  });

  it('puts an SMS into a held conversation straight on the agent’s desk: no offer, no media event', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 3 }, {}] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    const customer = uniqueSender();
    const held = await heldConversation(setup, agent, customer);
    await setStatus(colleague, 'available');
    const stream = openDeskStream(agent);
    await stream.opened;
    try {
      const next = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Any news?' });
      const live = await stream.waitForEvent((e) => e.event === 'message' && e.data.smsId === next);
      expect(live.data).toMatchObject({ conversationId: held.conversationId, message: 'Any news?' });
      expect(await findMediaEvent(server.admin, next)).toBeUndefined();
      expect(await conversationOf(next)).toBe(held.conversationId);
      const onAgentsDesk = await desk(agent);
      expect(onAgentsDesk.offers).toEqual([]);
      expect(onAgentsDesk.accepted).toEqual([
        expect.objectContaining({ id: held.mediaEventId, conversationId: held.conversationId }),
      ]);
      expect((await desk(colleague)).offers).toEqual([]);
      // A reply in the outbox is part of the thread, after the SMS it answers.
      const sendConnector = await createSendConnector(server.admin, {
        clientId: setup.clientId,
        defaultSender: setup.recipient,
      });
      await enqueueSms(db(), {
        clientId: setup.clientId,
        sendConnectorId: sendConnector.id,
        conversationId: held.conversationId,
        to: customer,
        text: 'We are on it',
        origin: 'agent',
      });
      const thread = await conversation(held.conversationId);
      expect(thread).toMatchObject({ state: 'assigned', agentId: agent.id });
      expect(thread.messages.map((m) => [m.direction, m.text])).toEqual([
        ['inbound', 'Hello?'],
        ['inbound', 'Any news?'],
        ['outbound', 'We are on it'],
      ]);
      expect(thread.messages[2]).toMatchObject({ smsId: null, status: expect.any(String) });

      // The agent reads the thread at their desk; the colleague, who holds nothing of it, cannot.
      const onDesk = await agent.api.get(`/api/desk/conversations/${held.conversationId}`);
      expect(onDesk.status).toBe(200);
      expect(onDesk.body.messages.map((m: { text: string }) => m.text)).toEqual([
        'Hello?',
        'Any news?',
        'We are on it',
      ]);
      expect((await colleague.api.get(`/api/desk/conversations/${held.conversationId}`)).status).toBe(404);
    } finally {
      await stream.close();
    }
  });

  it('runs the routing application for a new conversation, not for an SMS into a held one', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 3 }] });
    const [agent] = setup.agents as [UserHandle];
    const recipient = uniqueNumber();
    const graph: WorkflowGraph = aGraph(
      [
        ['start', 'start'],
        ['route', 'route_to_acd_group', { acdGroupId: setup.groupId, subject: 'Routed' }],
      ],
      [['start', 'next', 'route']],
    );
    await publishWithConnector(server.admin, setup.clientId, graph, recipient);
    await setStatus(agent, 'available');
    const customer = uniqueSender();
    const first = await deliver(server.url, { receiver: recipient, sender: customer, message: 'First' });
    const { mediaEventId } = await offeredTo([agent], first);
    const routed = await smsById(server.admin, first);
    expect(routed.execution?.status).toBe('completed');
    expect(routed.mediaEvent?.id).toBe(mediaEventId);
    const conversationId = routed.conversationId!;
    expect((await conversation(conversationId)).acdGroupId).toBe(setup.groupId);
    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');

    const stream = openDeskStream(agent);
    await stream.opened;
    try {
      const next = await deliver(server.url, { receiver: recipient, sender: customer, message: 'Second' });
      await stream.waitForEvent((e) => e.event === 'message' && e.data.smsId === next);
      const joined = await smsById(server.admin, next);
      expect(joined).toMatchObject({ status: 'routed', conversationId, execution: null, mediaEvent: null });
      expect(await db().selectFrom('workflow_execution').select('id').where('sms_id', '=', next).execute()).toEqual([]);
    } finally {
      await stream.close();
    }
  });

  it('reopens a closed conversation within the window, offered first to the last agent, else to the group', async () => {
    // The colleague ranks higher in the group: what reaches the agent instead went to them as the last agent.
    const setup = await createAcdSetup(server.admin, { agents: [{}, { priority: 50 }] });
    const [agent, colleague] = setup.agents as [UserHandle, UserHandle];
    const customer = uniqueSender();
    const held = await heldConversation(setup, agent, customer);
    expectStatus(await agent.api.post(`/api/desk/media-events/${held.mediaEventId}/complete`), 200, 'completing');
    const closed = await conversation(held.conversationId);
    expect(closed).toMatchObject({ state: 'closed', agentId: null, lastAgentId: agent.id });
    expect(closed.closedAt).not.toBeNull();

    await setStatus(colleague, 'available');
    const again = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'One more thing' });
    expect(await conversationOf(again)).toBe(held.conversationId);
    const reopened = await offeredTo([agent, colleague], again);
    expect(reopened.agent.id).toBe(agent.id);
    expect((await conversation(held.conversationId)).state).toBe('waiting');
    await acceptAndComplete(agent, reopened.mediaEventId);

    // The last agent is away: the group (the colleague) gets the reopened conversation.
    await setStatus(agent, 'pause');
    const third = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hello again' });
    expect(await conversationOf(third)).toBe(held.conversationId);
    expect((await offeredTo([agent, colleague], third)).agent.id).toBe(colleague.id);
    const thread = await conversation(held.conversationId);
    expect(thread.messages.map((m) => m.text)).toEqual(['Hello?', 'One more thing', 'Hello again']);
    expect(await mediaEventsOfConversation(held.conversationId)).toHaveLength(3);
  });

  it('opens a new conversation after the reopen window, and the desk lists the earlier one', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 2 }] });
    const [agent] = setup.agents as [UserHandle];
    const customer = uniqueSender();
    const held = await heldConversation(setup, agent, customer);
    expectStatus(await agent.api.post(`/api/desk/media-events/${held.mediaEventId}/complete`), 200, 'completing');
    // Closed 73 hours ago: past the default window of 72.
    await sql`update conversation set closed_at = now() - interval '73 hours' where id = ${held.conversationId}`.execute(
      db(),
    );
    const later = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Me again' });
    const newId = await conversationOf(later);
    expect(newId).not.toBe(held.conversationId);
    expect((await conversation(held.conversationId)).state).toBe('closed');
    const { mediaEventId } = await offeredTo([agent], later);
    const onDesk = await agent.api.get(`/api/desk/conversations/${newId}`);
    expect(onDesk.status).toBe(200);
    expect(onDesk.body.messages.map((m: { text: string }) => m.text)).toEqual(['Me again']);
    expect(onDesk.body.earlier).toEqual([
      expect.objectContaining({ id: held.conversationId, state: 'closed', closedAt: expect.any(String) }),
    ]);

    // A group with a window of 0 never reopens.
    expectStatus(
      await server.admin.patch(`/api/acd-groups/${setup.groupId}`, { reopenWindowHours: 0 }),
      200,
      'closing the window',
    );
    await acceptAndComplete(agent, mediaEventId);
    const after = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'And again' });
    expect(await conversationOf(after)).not.toBe(newId);
  });

  it('refuses to close without a wrap-up code where the group requires one, and closes with one', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const code = expectStatus(
      await server.admin.post('/api/wrap-up-codes', { clientId: setup.clientId, code: 'SOLVED', label: 'Solved' }),
      201,
      'creating a wrap-up code',
    ) as { id: string };
    const otherCode = expectStatus(
      await server.admin.post('/api/wrap-up-codes', { clientId: setup.clientId, code: 'OTHER', label: 'Other' }),
      201,
      'creating a wrap-up code',
    ) as { id: string };
    expectStatus(
      await server.admin.patch(`/api/acd-groups/${setup.groupId}`, {
        wrapUpRequired: true,
        wrapUpCodeIds: [code.id],
      }),
      200,
      'requiring a wrap-up code',
    );
    const held = await heldConversation(setup, agent, uniqueSender());
    const complete = (body?: object) => agent.api.post(`/api/desk/media-events/${held.mediaEventId}/complete`, body);

    const missing = await complete();
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('wrapUpCodeId');
    expect(missing.body.error).toContain('wrap-up code');
    const notOffered = await complete({ wrapUpCodeId: otherCode.id });
    expect(notOffered).toMatchObject({ status: 400, body: { field: 'wrapUpCodeId' } });
    expect((await complete({ wrapUpCodeId: 'not-a-uuid' })).body.field).toBe('wrapUpCodeId');
    expect((await conversation(held.conversationId)).state).toBe('assigned');

    expect((await complete({ wrapUpCodeId: code.id })).status).toBe(200);
    expect(await conversation(held.conversationId)).toMatchObject({ state: 'closed', wrapUpCodeId: code.id });
  });

  it('keeps one open conversation for many concurrent SMS of one customer', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const customer = uniqueSender();
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        deliver(server.url, { receiver: setup.recipient, sender: customer, message: `burst ${i}` }),
      ),
    );
    const open = await db()
      .selectFrom('conversation')
      .selectAll()
      .where('client_id', '=', setup.clientId)
      .where('customer_number', '=', customer)
      .execute();
    expect(open).toHaveLength(1);
    // They were stored by several batches (transactions), which met on the one conversation.
    const transactions = await sql<{ n: number }>`
      select count(distinct xmin::text)::int as n from inbound_sms where id = any(${ids}::uuid[])`.execute(db());
    expect(transactions.rows[0]!.n).toBeGreaterThan(1);
    expect(new Set(await Promise.all(ids.map(conversationOf)))).toEqual(new Set([open[0]!.id]));
    expect(await mediaEventsOfConversation(open[0]!.id)).toHaveLength(1);
    expect((await conversation(open[0]!.id)).messages).toHaveLength(60);
  });

  it('adds nothing for a repeated delivery', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const customer = uniqueSender();
    const messageId = `repeat-${Date.now()}`;
    const first = await deliver(server.url, { receiver: setup.recipient, sender: customer, messageId });
    const conversationId = await conversationOf(first);
    const before = await conversation(conversationId);
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        deliverRaw(server.url, { receiver: setup.recipient, sender: customer, messageId }),
      ),
    );
    expect(again.map((r) => [r.status, r.body.id])).toEqual(again.map(() => [200, first]));
    expect(await conversation(conversationId)).toEqual(before);
    expect(before.messages).toHaveLength(1);
  });

  it('shows a conversation to no agent or admin of another client', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const held = await heldConversation(setup, agent, uniqueSender());
    const other = await createTenantWithUsers(server.admin, 'Other');
    const otherAgent = await createAgent(server.admin, other.clientId, {});
    for (const outsider of [other.clientAdmin, other.resellerAdmin]) {
      expect((await outsider.api.get(`/api/conversations/${held.conversationId}`)).status).toBe(404);
      const list = await outsider.api.get('/api/conversations');
      expect(JSON.stringify(list.body)).not.toContain(held.conversationId);
      expect((await outsider.api.get(`/api/conversations?clientId=${setup.clientId}`)).status).toBe(404);
    }
    for (const outsider of [other.agent, otherAgent]) {
      expect((await outsider.api.get(`/api/desk/conversations/${held.conversationId}`)).status).toBe(404);
      expect((await outsider.api.get(`/api/conversations/${held.conversationId}`)).status).toBe(403);
    }
  });

  // Needs a second connection beside the server's: PGlite has one.
  if (backend === 'postgres')
    it('reopens or joins correctly when another transaction opens the key meanwhile (the intake retries)', async () => {
      const setup = await createAcdSetup(server.admin, { agents: [{}] });
      const [agent] = setup.agents as [UserHandle];
      const customer = uniqueSender();
      const held = await heldConversation(setup, agent, customer);
      expectStatus(await agent.api.post(`/api/desk/media-events/${held.mediaEventId}/complete`), 200, 'completing');
      const rival = uuid7();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let delivered: Promise<string> | undefined;
      // Another writer opens the customer's key and has not committed: the intake, reopening the
      // closed conversation, waits on the unique index, then fails on it once the rival commits.
      await db()
        .transaction()
        .execute(async (trx) => {
          const now = new Date();
          await trx
            .insertInto('conversation')
            .values({
              id: rival,
              client_id: setup.clientId,
              connector_id: setup.connectorId,
              our_number: setup.recipient,
              customer_number: customer,
              state: 'waiting',
              acd_group_id: setup.groupId,
              opened_at: now,
              last_message_at: now,
            })
            .execute();
          delivered = deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Racing' });
          await waitFor('the intake waiting on the rival', async () => {
            const waiting = await sql<{ n: number }>`
              select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock' and query like '%json_to_recordset%'`.execute(db());
            return waiting.rows[0]!.n > 0;
          });
          release();
        });
      await released;
      const smsId = await delivered!;
      expect(await conversationOf(smsId)).toBe(rival);
      expect((await conversation(held.conversationId)).state).toBe('closed');
      const open = await db()
        .selectFrom('conversation')
        .select('id')
        .where('client_id', '=', setup.clientId)
        .where('customer_number', '=', customer)
        .where('state', '<>', 'closed')
        .execute();
      expect(open.map((row) => row.id)).toEqual([rival]);
    });
});
