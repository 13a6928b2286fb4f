import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../../contract/routing-applications';
import type { WorkflowGraph } from '../../../workflows';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import {
  createClientWithGroups,
  createSendConnector,
  createTenant,
  deliver,
  expectStatus,
  publishWithConnector,
  routedSms,
  uniqueSender,
} from '../../support/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import { gatewayConnector, gatewayNetwork, untilStatus } from '../sms-sender/outbox-support';

// A routing application answers the customer: a `send_sms` node puts its message in the outbox,
// once per SMS and node even when the SMS is routed again, in the sender's conversation, and the
// outbox worker sends it to the provider (the fake gateway, over real HTTP). Without a way out
// the node leaves by "error" with the reason in a variable; a simulation only records the message.

/** start → send_sms → "sent" → Replied group, "error" → Failed group (the reason in the subject). */
function replyingGraph(groups: Record<string, string>, config: Record<string, unknown> = {}): WorkflowGraph {
  return aGraph(
    [
      ['start', 'start'],
      ['reply', 'send_sms', { text: 'We got "{{sms.text}}". We answer from 8:00.', ...config }],
      ['replied', 'route_to_acd_group', { acdGroupId: groups.Replied, subject: 'Answered {{sms.sender}}' }],
      ['failed', 'route_to_acd_group', { acdGroupId: groups.Failed, subject: 'Not answered: {{vars.sendError}}' }],
    ],
    [
      ['start', 'next', 'reply'],
      ['reply', 'sent', 'replied'],
      ['reply', 'error', 'failed'],
    ],
  );
}

describe.each(['pglite', 'postgres'] as const)('the Send SMS node on %s', (backend) => {
  let server: TestServer;
  let gateway: FakeSmsGateway;
  const db = () => server.switchboard.database.db;
  const receivedWith = (text: string) =>
    gateway.received.filter((r) => r.api === 'twilio' && (r.fields as { Body?: string } | null)?.Body === text);

  beforeAll(async () => {
    gateway = await startFakeSmsGateway();
    server = await startTestServer({
      backend,
      env: {
        SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
        SWITCHBOARD_SMS_RETRY_BASE_MS: '50',
        SWITCHBOARD_ROUTING_LEASE_SECONDS: '1',
      },
      httpNetwork: gatewayNetwork(),
    });
  });
  afterAll(async () => {
    await server?.close();
    await gateway?.close();
  });

  /** A client whose application answers through the receive connector's Twilio send connector at the fake gateway. */
  async function answeringSetup(recipient: string, config: Record<string, unknown> = {}) {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Replied', 'Failed']);
    const sendConnector = await gatewayConnector(server.admin, gateway, clientId, 'twilio');
    const published = await publishWithConnector(server.admin, clientId, replyingGraph(groups, config), recipient);
    return { clientId, groups, sendConnectorId: sendConnector.id, ...published };
  }

  async function nameSendConnector(connectorId: string, sendConnectorId: string) {
    expectStatus(
      await server.admin.patch(`/api/connectors/${connectorId}`, { sendConnectorId }),
      200,
      'naming the send connector for replies',
    );
  }

  it('sends the text to the sender once, in their conversation, even when the SMS is routed again', async () => {
    const recipient = backend === 'pglite' ? '+4940710001' : '+4940720001';
    const setup = await answeringSetup(recipient);
    await nameSendConnector(setup.connectorId, setup.sendConnectorId);
    // The database refuses the first result of this SMS, once: the run's result is lost after its
    // message was stored, and the recovery sweep runs the SMS, and its send_sms node, again.
    await sql`create sequence first_result_refused`.execute(db());
    await sql`create function refuse_first_result() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from inbound_sms s where s.id = new.sms_id and s.message = 'ROUTED TWICE')
            and nextval('first_result_refused') = 1 then
          raise exception 'the database refused this result once';
        end if;
        return new;
      end $$`.execute(db());
    await sql`create trigger refuse_first_result before insert on workflow_execution
      for each row execute function refuse_first_result()`.execute(db());
    const customer = uniqueSender();
    let smsId: string;
    try {
      smsId = await deliver(server.url, { receiver: recipient, sender: customer, message: 'ROUTED TWICE' });
      const sms = await routedSms(server.admin, smsId, 30_000);
      expect(sms.mediaEvent).toMatchObject({ acdGroupId: setup.groups.Replied, subject: `Answered ${customer}` });
    } finally {
      await sql`drop trigger refuse_first_result on workflow_execution`.execute(db());
      await sql`drop function refuse_first_result()`.execute(db());
      await sql`drop sequence first_result_refused`.execute(db());
    }
    const attempts = await db()
      .selectFrom('inbound_sms')
      .select(['routing_attempts', 'conversation_id'])
      .where('id', '=', smsId)
      .executeTakeFirstOrThrow();
    expect(attempts.routing_attempts).toBeGreaterThanOrEqual(1);
    expect(
      server
        .logLines()
        .some((line) => line.includes(smsId) && line.includes('routing an SMS failed; it will be retried')),
    ).toBe(true);

    const text = 'We got "ROUTED TWICE". We answer from 8:00.';
    const rows = await db().selectFrom('outbound_sms').selectAll().where('client_id', '=', setup.clientId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotency_key: `workflow:${smsId}:reply`,
      origin: 'workflow',
      to: customer,
      from: recipient,
      text,
      send_connector_id: setup.sendConnectorId,
      conversation_id: attempts.conversation_id,
    });
    await untilStatus(server.admin, rows[0]!.id, 'sent');
    expect(receivedWith(text).map((r) => [r.fields!.To, r.fields!.From])).toEqual([[customer, recipient]]);

    const conversation = expectStatus(
      await server.admin.get<{ messages: Array<{ direction: string; text: string }> }>(
        `/api/conversations/${attempts.conversation_id}`,
      ),
      200,
      'reading the conversation',
    );
    expect(conversation.messages.map((m) => [m.direction, m.text])).toEqual([
      ['inbound', 'ROUTED TWICE'],
      ['outbound', text],
    ]);
  });

  it('leaves by "error" with noSendConnector when the receive connector names no send connector', async () => {
    const recipient = backend === 'pglite' ? '+4940710002' : '+4940720002';
    const setup = await answeringSetup(recipient);
    const smsId = await deliver(server.url, { receiver: recipient, message: 'Hello?' });
    const sms = await routedSms(server.admin, smsId);
    expect(sms.mediaEvent).toMatchObject({ acdGroupId: setup.groups.Failed, subject: 'Not answered: noSendConnector' });
    const trace = sms.execution!.trace as Array<{ nodeId: string; port?: string; vars?: object; error?: string }>;
    const step = trace.find((s) => s.nodeId === 'reply');
    expect(step).toMatchObject({ port: 'error', vars: { sendError: 'noSendConnector' } });
    expect(step!.error).toMatch(/send connector/i);
    const rows = await db().selectFrom('outbound_sms').select('id').where('client_id', '=', setup.clientId).execute();
    expect(rows).toEqual([]);
  });

  it('refuses a chosen send connector of another client (otherClient) and to a variable that holds no number', async () => {
    const other = await createTenant(server.admin);
    const foreign = await createSendConnector(server.admin, { clientId: other.clientId });
    const recipient = backend === 'pglite' ? '+4940710003' : '+4940720003';
    const setup = await answeringSetup(recipient, { sendConnectorId: foreign.id });
    const sms = await routedSms(server.admin, await deliver(server.url, { receiver: recipient }));
    expect(sms.mediaEvent).toMatchObject({ acdGroupId: setup.groups.Failed, subject: 'Not answered: otherClient' });

    const second = backend === 'pglite' ? '+4940710004' : '+4940720004';
    const toVariable = await answeringSetup(second, { to: 'vars.nowhere' });
    await nameSendConnector(toVariable.connectorId, toVariable.sendConnectorId);
    const unanswered = await routedSms(server.admin, await deliver(server.url, { receiver: second }));
    expect(unanswered.mediaEvent).toMatchObject({ subject: 'Not answered: invalidRecipient' });
    const rows = await db()
      .selectFrom('outbound_sms')
      .select('id')
      .where('client_id', 'in', [setup.clientId, other.clientId, toVariable.clientId])
      .execute();
    expect(rows).toEqual([]);
  });

  it('in a simulation records the SMS that would be sent, and sends nothing', async () => {
    const recipient = backend === 'pglite' ? '+4940710005' : '+4940720005';
    const setup = await answeringSetup(recipient);
    await nameSendConnector(setup.connectorId, setup.sendConnectorId);
    const before = gateway.received.length;
    const result = expectStatus(
      await server.admin.post<SimulationResult>(`/api/routing-applications/${setup.applicationId}/simulate`, {
        sender: '+49 170 5550001',
        message: 'Open?',
      }),
      200,
      'simulating',
    );
    expect(result.outcome).toMatchObject({ kind: 'routed', acdGroupId: setup.groups.Replied });
    expect(result.sms).toEqual([
      { nodeId: 'reply', to: '+491705550001', text: 'We got "Open?". We answer from 8:00.', sendConnectorId: null },
    ]);

    const refused = expectStatus(
      await server.admin.post<SimulationResult>(`/api/routing-applications/${setup.applicationId}/simulate`, {
        sender: '+491705550001',
        message: 'Open?',
        mocks: { sms: { reply: { error: 'optedOut' } } },
      }),
      200,
      'simulating a refusal',
    );
    expect(refused.outcome).toMatchObject({ acdGroupId: setup.groups.Failed, subject: 'Not answered: optedOut' });
    expect(refused.sms).toEqual([]);

    const rows = await db().selectFrom('outbound_sms').select('id').where('client_id', '=', setup.clientId).execute();
    expect(rows).toEqual([]);
    expect(gateway.received.length).toBe(before);
  });
});
