import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import { offeredTo } from '../acd/acd-support';
import { gatewayConnector, gatewayNetwork, untilStatus } from '../sms-sender/outbox-support';
import {
  createAcdSetup,
  createTenantWithUsers,
  deliver,
  expectStatus,
  publishWithConnector,
  setStatus,
  smsById,
  uniqueNumber,
  uniqueSender,
  type AcdSetup,
  type Tenant,
  type UserHandle,
} from '../../support/fixtures';

// Opt-out (issue 15): a keyword SMS changes its client's opt-out list before any routing, is
// stored and shown with what it did, and routed nowhere; the confirmation goes out through the
// outbox; nothing else is sent to an opted-out number (an agent's reply is refused, 422
// optedOut); admins manage the list, its CSV export and the keywords of their own clients.

const server = useTestServer({
  env: { SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64') },
  httpNetwork: gatewayNetwork(),
});
const db = () => server.switchboard.database.db;
let gateway: FakeSmsGateway;

beforeAll(async () => {
  gateway = await startFakeSmsGateway();
});
afterAll(() => gateway.close());

const twilioBodies = () =>
  gateway.received.filter((r) => r.api === 'twilio').map((r) => (r.fields as { Body?: string; To?: string } | null)!);

/** A client whose connector replies through a Twilio send connector at the fake gateway. */
async function replyingSetup(agents: Array<{ capacity?: number }> = []) {
  const setup = await createAcdSetup(server.admin, { agents });
  const sendConnector = await gatewayConnector(server.admin, gateway, setup.clientId, 'twilio');
  expectStatus(
    await server.admin.patch(`/api/connectors/${setup.connectorId}`, { sendConnectorId: sendConnector.id }),
    200,
    'naming the send connector for replies',
  );
  return { ...setup, sendConnectorId: sendConnector.id };
}

const settingsOf = (clientId: string) => `/api/opt-outs/settings/${clientId}`;
const defaults = {
  enabled: true,
  optOutKeywords: ['STOP', 'STOPP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'],
  optInKeywords: ['START', 'UNSTOP'],
};

async function setConfirmations(clientId: string, optOut: string | null, optIn: string | null) {
  expectStatus(
    await server.admin.put(settingsOf(clientId), {
      ...defaults,
      optOutConfirmation: optOut,
      optInConfirmation: optIn,
    }),
    200,
    'setting confirmations',
  );
}

const listed = (clientId: string, number: string) =>
  db().selectFrom('opt_out').selectAll().where('client_id', '=', clientId).where('number', '=', number).execute();

const auditOf = (entityId: string) =>
  db().selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('created_at').execute();

const mediaEventsOf = (smsId: string) =>
  db().selectFrom('media_event').select('id').where('sms_id', '=', smsId).execute();

describe('a keyword SMS through /SMSReceiver', () => {
  let setup: AcdSetup & { sendConnectorId: string };
  beforeAll(async () => {
    setup = await replyingSetup();
    await setConfirmations(setup.clientId, 'You are unsubscribed. Reply START to opt in.', 'Welcome back.');
  });

  it('opts the sender out before any routing, stores it as an opt-out keyword, and sends the confirmation', async () => {
    const customer = uniqueSender();
    const smsId = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: '  Stop! ' });
    const sms = await smsById(server.admin, smsId);
    expect(sms).toMatchObject({ status: 'opted_out', message: '  Stop! ', mediaEvent: null, execution: null });
    expect(await mediaEventsOf(smsId)).toEqual([]);

    const [entry] = await listed(setup.clientId, customer);
    expect(entry).toMatchObject({ source: 'keyword' });
    const audit = await auditOf(entry!.id);
    expect(audit.map((a) => [a.action, a.actor_user_id, a.actor_email, a.client_id])).toEqual([
      ['opt_out.create', null, 'keyword SMS', setup.clientId],
    ]);

    // The confirmation, the one SMS an opted-out number gets, goes through the outbox to the provider.
    const confirmation = await db()
      .selectFrom('outbound_sms')
      .selectAll()
      .where('client_id', '=', setup.clientId)
      .where('to', '=', customer)
      .executeTakeFirstOrThrow();
    expect(confirmation).toMatchObject({
      origin: 'system',
      from: setup.recipient,
      text: 'You are unsubscribed. Reply START to opt in.',
      send_connector_id: setup.sendConnectorId,
    });
    await untilStatus(server.admin, confirmation.id, 'sent');
    expect(twilioBodies().filter((f) => f.To === customer)).toEqual([
      expect.objectContaining({ Body: 'You are unsubscribed. Reply START to opt in.' }),
    ]);

    // Traffic finds it by its status.
    const traffic = expectStatus(
      await server.admin.get<{ items: Array<{ id: string }> }>(`/api/sms?clientId=${setup.clientId}&status=opted_out`),
      200,
      'listing opt-out SMS',
    );
    expect(traffic.items.map((s) => s.id)).toContain(smsId);
  });

  it('a repeated delivery of the same keyword SMS changes nothing more', async () => {
    const customer = uniqueSender();
    const first = await deliver(server.url, {
      receiver: setup.recipient,
      sender: customer,
      message: 'STOP',
      messageId: `stop-${customer}`,
    });
    const again = await deliver(server.url, {
      receiver: setup.recipient,
      sender: customer,
      message: 'STOP',
      messageId: `stop-${customer}`,
    });
    expect(again).toBe(first);
    const confirmations = await db().selectFrom('outbound_sms').select('id').where('to', '=', customer).execute();
    expect(confirmations).toHaveLength(1);
  });

  it('START takes the number off the list again (audited), and its confirmation goes out', async () => {
    const customer = uniqueSender();
    await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'unsubscribe' });
    const [entry] = await listed(setup.clientId, customer);
    const smsId = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'start.' });
    expect((await smsById(server.admin, smsId)).status).toBe('opted_in');
    expect(await listed(setup.clientId, customer)).toEqual([]);
    expect((await auditOf(entry!.id)).map((a) => a.action)).toEqual(['opt_out.create', 'opt_out.delete']);
    const texts = await db()
      .selectFrom('outbound_sms')
      .select('text')
      .where('to', '=', customer)
      .orderBy('id')
      .execute();
    expect(texts.map((t) => t.text)).toEqual(['You are unsubscribed. Reply START to opt in.', 'Welcome back.']);
  });

  it('a text that only contains a keyword is routed as any SMS', async () => {
    const customer = uniqueSender();
    const smsId = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Please stop' });
    expect((await smsById(server.admin, smsId)).status).toBe('routed');
    expect(await mediaEventsOf(smsId)).toHaveLength(1);
    expect(await listed(setup.clientId, customer)).toEqual([]);
  });

  it('joins the open conversation of its sender, and opens none', async () => {
    const customer = uniqueSender();
    const first = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hello' });
    const conversationId = (await smsById(server.admin, first)).conversationId;
    const stop = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'QUIT' });
    expect(await smsById(server.admin, stop)).toMatchObject({ conversationId, status: 'opted_out', mediaEvent: null });

    const alone = uniqueSender();
    const lone = await deliver(server.url, { receiver: setup.recipient, sender: alone, message: 'END' });
    expect((await smsById(server.admin, lone)).conversationId).toBeNull();
    const opened = await db().selectFrom('conversation').select('id').where('customer_number', '=', alone).execute();
    expect(opened).toEqual([]);
  });

  it('starts no workflow run on a routing application connector', async () => {
    const recipient = uniqueNumber();
    const graph = aGraph(
      [
        ['start', 'start'],
        ['drop', 'drop', { reason: 'test' }],
      ],
      [['start', 'next', 'drop']],
    );
    await publishWithConnector(server.admin, setup.clientId, graph, recipient);
    const customer = uniqueSender();
    const smsId = await deliver(server.url, { receiver: recipient, sender: customer, message: 'STOPALL' });
    const row = await db()
      .selectFrom('inbound_sms')
      .select(['status', 'routing_lease_until'])
      .where('id', '=', smsId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'opted_out', routing_lease_until: null });
    const runs = await db().selectFrom('workflow_execution').select('id').where('sms_id', '=', smsId).execute();
    expect(runs).toEqual([]);
    expect(await listed(setup.clientId, customer)).toHaveLength(1);
  });
});

describe('keyword settings', () => {
  it('answers the defaults, takes custom keywords the intake uses at once, and can be turned off', async () => {
    const setup = await createAcdSetup(server.admin);
    expect(expectStatus(await server.admin.get(settingsOf(setup.clientId)), 200, 'reading')).toEqual({
      clientId: setup.clientId,
      ...defaults,
      optOutConfirmation: null,
      optInConfirmation: null,
      updatedAt: null,
    });
    const saved = expectStatus(
      await server.admin.put(settingsOf(setup.clientId), {
        enabled: true,
        optOutKeywords: ['halt', ' Abmelden '],
        optInKeywords: ['weiter'],
        optOutConfirmation: '',
        optInConfirmation: null,
      }),
      200,
      'saving',
    );
    expect(saved).toMatchObject({
      optOutKeywords: ['HALT', 'ABMELDEN'],
      optInKeywords: ['WEITER'],
      optOutConfirmation: null,
    });
    const customer = uniqueSender();
    const halt = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Abmelden!' });
    expect((await smsById(server.admin, halt)).status).toBe('opted_out');
    const stop = await deliver(server.url, { receiver: setup.recipient, sender: uniqueSender(), message: 'STOP' });
    expect((await smsById(server.admin, stop)).status).toBe('routed');

    expectStatus(
      await server.admin.put(settingsOf(setup.clientId), { ...saved, enabled: false, clientId: undefined }),
      400,
      'sending fields the body does not take',
    );
    const { clientId: _, updatedAt: __, ...body } = saved as Record<string, unknown>;
    expectStatus(await server.admin.put(settingsOf(setup.clientId), { ...body, enabled: false }), 200, 'off');
    const off = await deliver(server.url, { receiver: setup.recipient, sender: uniqueSender(), message: 'halt' });
    expect((await smsById(server.admin, off)).status).toBe('routed');
    const audit = await auditOf(setup.clientId);
    expect(audit.filter((a) => a.action === 'opt_out_settings.update')).toHaveLength(2);
  });

  it('names the field of each refused value', async () => {
    const setup = await createAcdSetup(server.admin);
    const base = { ...defaults, optOutConfirmation: null, optInConfirmation: null };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ optOutKeywords: [] }, 'optOutKeywords'],
      [{ optOutKeywords: ['ST OP!'] }, 'optOutKeywords.0'],
      [{ optOutKeywords: ['.*'] }, 'optOutKeywords.0'],
      [{ optInKeywords: ['stop'] }, 'optInKeywords'],
      [{ optOutConfirmation: 'x'.repeat(2000) }, 'optOutConfirmation'],
      [{ enabled: 'yes' }, 'enabled'],
    ];
    for (const [change, field] of cases) {
      const answer = await server.admin.put(settingsOf(setup.clientId), { ...base, ...change });
      expect({ field, status: answer.status, named: answer.body.field }).toEqual({ field, status: 400, named: field });
    }
  });
});

describe('sending to an opted-out number', () => {
  it('refuses an agent’s reply with 422 optedOut, and the desk says why', async () => {
    const setup = await replyingSetup([{ capacity: 3 }]);
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const customer = uniqueSender();
    const smsId = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hi there' });
    const { mediaEventId } = await offeredTo([agent], smsId);
    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
    const conversationId = (await smsById(server.admin, smsId)).conversationId!;
    const path = `/api/desk/conversations/${conversationId}`;
    expect(expectStatus(await agent.api.get(path), 200, 'reading')).toMatchObject({ canReply: true });

    // The customer is added to the list by an admin: the desk says so, and the reply is refused.
    expectStatus(
      await server.admin.post('/api/opt-outs', { clientId: setup.clientId, number: customer }),
      201,
      'opting out',
    );
    expect(expectStatus(await agent.api.get(path), 200, 'reading')).toMatchObject({
      canReply: false,
      cannotReplyReason: 'optedOut',
    });
    const refused = await agent.api.post(`${path}/messages`, { text: 'Are you still there?' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe(
      `The customer cannot be reached: ${customer} opted out (sent a stop keyword), so nothing may be sent to them until they opt in again`,
    );
    const sent = await db().selectFrom('outbound_sms').select('id').where('to', '=', customer).execute();
    expect(sent).toEqual([]);

    // Their START lifts it: the reply goes out again.
    await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'START' });
    expect(
      expectStatus(await agent.api.post(`${path}/messages`, { text: 'Welcome back' }), 201, 'replying'),
    ).toMatchObject({ status: 'queued' });
  });

  it('refuses the outbox itself for any other message to the number (the shared send path)', async () => {
    const setup = await replyingSetup();
    const customer = uniqueSender();
    await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'stop' });
    const { enqueueSms } = await import('../../../server/sms-sender/enqueue-sms');
    const attempt = db()
      .transaction()
      .execute((trx) =>
        enqueueSms(trx, {
          clientId: setup.clientId,
          sendConnectorId: setup.sendConnectorId,
          to: customer,
          text: 'An offer',
          origin: 'workflow',
        }),
      );
    await expect(attempt).rejects.toMatchObject({ status: 422, field: 'to' });
  });
});

describe('the opt-out list: /api/opt-outs', () => {
  let acme: Tenant;
  let other: Tenant;
  beforeAll(async () => {
    acme = await createTenantWithUsers(server.admin, 'Opt-out');
    other = await createTenantWithUsers(server.admin, 'Opt-out other');
  });

  it('lets the client admin add, search, page, export and remove numbers of their own client, audited', async () => {
    const api = acme.clientAdmin.api;
    const added = expectStatus(await api.post('/api/opt-outs', { number: '+49 170 5550001' }), 201, 'adding');
    expect(added).toMatchObject({ clientId: acme.clientId, number: '+491705550001', source: 'admin' });
    for (const n of ['+491705550002', '+441632960003'])
      expectStatus(await api.post('/api/opt-outs', { number: n }), 201, 'adding');
    expect(await api.post('/api/opt-outs', { number: '+491705550001' })).toMatchObject({
      status: 409,
      body: { field: 'number' },
    });
    expect(await api.post('/api/opt-outs', { number: '0170 5550001' })).toMatchObject({
      status: 400,
      body: { field: 'number' },
    });

    const found = expectStatus(
      await api.get<{ items: Array<{ number: string }> }>('/api/opt-outs?search=4917055'),
      200,
      'searching',
    );
    expect(found.items.map((i) => i.number)).toEqual(['+491705550002', '+491705550001']);
    const first = expectStatus(
      await api.get<{ items: Array<{ number: string }>; nextCursor: string | null }>('/api/opt-outs?limit=2'),
      200,
      'paging',
    );
    expect(first.items.map((i) => i.number)).toEqual(['+441632960003', '+491705550002']);
    const second = expectStatus(
      await api.get<{ items: Array<{ number: string }> }>(`/api/opt-outs?limit=2&cursor=${first.nextCursor}`),
      200,
      'paging on',
    );
    expect(second.items.map((i) => i.number)).toEqual(['+491705550001']);

    const csv = await fetch(`${server.url}/api/opt-outs/export?search=49170`, { headers: api.authHeaders() });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('number,source,since,clientId');
    // Cells that begin like a formula (+) are read as text by a spreadsheet.
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([
      ["'+491705550001", 'admin'],
      ["'+491705550002", 'admin'],
    ]);

    expect((await api.delete(`/api/opt-outs/${added.id}`)).status).toBe(204);
    expect(await listed(acme.clientId, '+491705550001')).toEqual([]);
    expect((await auditOf(added.id)).map((a) => [a.action, a.actor_email])).toEqual([
      ['opt_out.create', acme.clientAdmin.email],
      ['opt_out.delete', acme.clientAdmin.email],
    ]);
  });

  it('keeps each client’s list and settings to its own admins (and those above)', async () => {
    const own = expectStatus(
      await acme.clientAdmin.api.post('/api/opt-outs', { number: '+491705559999' }),
      201,
      'adding',
    );
    const stranger = other.clientAdmin.api;
    expect((await stranger.delete(`/api/opt-outs/${own.id}`)).status).toBe(404);
    const theirs = expectStatus(await stranger.get<{ items: Array<{ id: string }> }>('/api/opt-outs'), 200, 'listing');
    expect(theirs.items.map((i) => i.id)).not.toContain(own.id);
    expect((await stranger.get(`/api/opt-outs?clientId=${acme.clientId}`)).status).toBe(404);
    expect((await stranger.get(`/api/opt-outs/export?clientId=${acme.clientId}`)).status).toBe(404);
    expect((await stranger.get(settingsOf(acme.clientId))).status).toBe(404);
    const put = await stranger.put(settingsOf(acme.clientId), {
      ...defaults,
      optOutConfirmation: null,
      optInConfirmation: null,
    });
    expect(put.status).toBe(404);
    expect(
      (await other.resellerAdmin.api.post('/api/opt-outs', { clientId: acme.clientId, number: '+491705558888' }))
        .status,
    ).toBe(404);
    expect((await acme.agent.api.get('/api/opt-outs')).status).toBe(403);
    expect((await acme.agent.api.get(settingsOf(acme.clientId))).status).toBe(403);
    // The reseller admin above manages it.
    expect((await acme.resellerAdmin.api.get(settingsOf(acme.clientId))).status).toBe(200);
    expect((await acme.resellerAdmin.api.delete(`/api/opt-outs/${own.id}`)).status).toBe(204);
  });
});
