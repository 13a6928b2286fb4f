import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import { startSmtpSink } from '../../support/smtp-sink';
import { postgresReachable } from '../../support/test-database';
import { aGraph } from '../../workflows/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import {
  createClientWithGroups,
  createAcdSetup,
  deliverRaw,
  publishWithConnector,
  routedSms,
  uniqueNumber,
  waitFor,
  type AcdSetup,
} from '../../support/fixtures';

/**
 * A provider retries one SMS (one `messageId`) at two instances at once: both store it in
 * overlapping batches on one PostgreSQL, and only the unique index can tell them apart. PGlite
 * has one process and one batch at a time, so this race exists on PostgreSQL only.
 */
const PER_INSTANCE = 25;

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let a: TestServer | undefined;
let b: TestServer | undefined;
let direct: AcdSetup;
let routing: Awaited<ReturnType<typeof publishWithConnector>> & { recipient: string; clientId: string };

beforeAll(async () => {
  if (!(await postgresReachable())) return;
  smtp = await startSmtpSink();
  const env = { SMTP_URL: smtp.url, SMTP_FROM: 'Switchboard <noreply@switchboard.test>' };
  a = await startTestServer({ backend: 'postgres', env });
  direct = await createAcdSetup(a.admin);
  const { clientId, groups } = await createClientWithGroups(a.admin, ['Duty']);
  const routingRecipient = uniqueNumber();
  routing = {
    ...(await publishWithConnector(a.admin, clientId, notifyAndRoute(groups.Duty!), routingRecipient)),
    recipient: routingRecipient,
    clientId,
  };
  // Started after the connectors exist, so it knows them from its own start-up load.
  b = await startTestServer({ shareDatabaseOf: a, env });
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
  await smtp?.close();
});

/** Both instances; the test is skipped when this machine's PostgreSQL does not answer. */
function instances(context: TestContext): { a: TestServer; b: TestServer } {
  if (!a || !b) context.skip();
  return { a: a!, b: b! };
}

/** An e-mail to the duty manager, then the SMS to the Duty group. */
function notifyAndRoute(dutyGroupId: string): WorkflowGraph {
  return aGraph(
    [
      ['start', 'start'],
      [
        'notify',
        'send_email',
        { to: 'duty@example.test', subject: 'SMS {{sms.text}}', text: 'They wrote: {{sms.text}}' },
      ],
      ['route', 'route_to_acd_group', { acdGroupId: dutyGroupId, subject: 'Duty', priority: 5 }],
    ],
    [
      ['start', 'next', 'notify'],
      ['notify', 'next', 'route'],
    ],
  );
}

/**
 * How the 50 deliveries set off: all in one go (each instance stores its 25 in one batch, and the
 * two batches meet at the unique index), or in 25 waves one event-loop turn apart (each instance
 * stores them in small batches, up to four at a time, that overlap those of the other).
 */
type Volley = 'at once' | 'in waves';
const VOLLEYS: Volley[] = ['in waves', 'at once', 'in waves', 'at once'];

/** 25 deliveries of one SMS to each instance, all in flight together; answers all 50 answers. */
async function raceDeliveries(
  servers: TestServer[],
  volley: Volley,
  fields: { receiver: string; message: string; messageId: string },
) {
  const answers: ReturnType<typeof deliverRaw>[] = [];
  for (let wave = 0; wave < PER_INSTANCE; wave++) {
    for (const server of servers) answers.push(deliverRaw(server.url, fields));
    if (volley === 'in waves') await new Promise((resolve) => setImmediate(resolve));
  }
  return Promise.all(answers);
}

/** The one id all answers carry, after checking every answer was 200. */
function theOneId(answers: Awaited<ReturnType<typeof raceDeliveries>>): string {
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  const ids = new Set(answers.map((answer) => answer.body.id as string));
  expect([...ids]).toHaveLength(1);
  return [...ids][0]!;
}

async function storedWithMessageId(server: TestServer, connectorId: string, messageId: string) {
  return server.switchboard.database.db
    .selectFrom('inbound_sms')
    .select('id')
    .where('connector_id', '=', connectorId)
    .where('message_id', '=', messageId)
    .execute();
}

async function mediaEventsOf(server: TestServer, smsId: string) {
  const events = await server.admin.get(`/api/media-events?smsId=${smsId}`);
  expect(events.status).toBe(200);
  return events.body.items as Array<{ id: string }>;
}

describe('one message id delivered to two instances at once', () => {
  it('stores one SMS with one media event and answers its id to all 50 deliveries', async (context) => {
    const { a, b } = instances(context);
    for (const [round, volley] of VOLLEYS.entries()) {
      const messageId = `race-direct-${round}-${Date.now()}`;
      const answers = await raceDeliveries([a, b], volley, {
        receiver: direct.recipient,
        message: 'retried',
        messageId,
      });
      const id = theOneId(answers);
      expect(await storedWithMessageId(a, direct.connectorId, messageId)).toEqual([{ id }]);
      expect(await mediaEventsOf(a, id)).toHaveLength(1);
    }
    const failures = [...a.logLines(), ...b.logLines()].filter((line) => line.includes('storing SMS'));
    expect(failures).toEqual([]);
  });

  it('runs the routing application once and sends its e-mail once', async (context) => {
    const { a, b } = instances(context);
    for (const [round, volley] of VOLLEYS.entries()) {
      const messageId = `race-routing-${round}-${Date.now()}`;
      const text = `retried ${messageId}`;
      const answers = await raceDeliveries([a, b], volley, { receiver: routing.recipient, message: text, messageId });
      const id = theOneId(answers);
      expect(await storedWithMessageId(a, routing.connectorId, messageId)).toEqual([{ id }]);

      const sms = await routedSms(a.admin, id);
      expect(sms.execution).toMatchObject({ status: 'completed', versionId: routing.versionId });
      expect(sms.execution?.trace.map((step: { nodeId: string }) => step.nodeId)).toEqual(['start', 'notify', 'route']);
      const executions = await a.switchboard.database.db
        .selectFrom('workflow_execution')
        .select('id')
        .where('sms_id', '=', id)
        .execute();
      expect(executions).toHaveLength(1);
      expect(await mediaEventsOf(a, id)).toHaveLength(1);

      // One e-mail of this client for this SMS in the outbox; once it is marked sent, the sink has had it.
      const outbox = await waitFor('the e-mail sent', async () => {
        const rows = await a.switchboard.database.db
          .selectFrom('email_outbox')
          .select(['message_id', 'to_address', 'sent_at'])
          .where('client_id', '=', routing.clientId)
          .where('subject', '=', `SMS ${text}`)
          .execute();
        return rows.length > 0 && rows.every((row) => row.sent_at !== null) && rows;
      });
      expect(outbox).toEqual([
        { message_id: expect.any(String), to_address: 'duty@example.test', sent_at: expect.any(Date) },
      ]);
      const mails = smtp.accepted.filter((received) => received.subject === `SMS ${text}`);
      expect(mails.map((mail) => mail.messageId)).toEqual([outbox[0]!.message_id]);
    }
  });
});
