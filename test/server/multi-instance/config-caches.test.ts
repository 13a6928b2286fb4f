import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { postgresReachable } from '../../support/test-database';
import { keywordRoutingTo } from '../../workflows/fixtures';
import { startTestServer, type TestServer } from '../../support/test-server';
import {
  createClientWithGroups,
  createAcdSetup,
  deliver,
  deliverRaw,
  publishWithConnector,
  routedSms,
  uniqueNumber,
  waitFor,
  type AcdSetup,
} from '../../support/fixtures';

/**
 * Instance A changes configuration; instance B, on the same PostgreSQL, holds its own in-memory
 * caches of connectors and routing applications and hears of the change only through
 * LISTEN/NOTIFY. Everything is observed over HTTP, as a provider and an admin see it.
 *
 * The connectors and the application exist before B starts, so B knows them from its own start-up
 * load: what B does differently afterwards it can only have learnt from A's notification.
 */
const PROPAGATION_DEADLINE_MS = 5000;

let a: TestServer | undefined;
let b: TestServer | undefined;
let rotated: AcdSetup;
let deleted: AcdSetup;
let routing: Awaited<ReturnType<typeof publishWithConnector>> & { recipient: string };

beforeAll(async () => {
  if (!(await postgresReachable())) return;
  a = await startTestServer({ backend: 'postgres' });
  rotated = await createAcdSetup(a.admin, { requireToken: true });
  deleted = await createAcdSetup(a.admin, { requireToken: true });
  const { clientId, groups } = await createClientWithGroups(a.admin, ['Sales', 'Support']);
  const graph = keywordRoutingTo(groups);
  const routingRecipient = uniqueNumber();
  routing = {
    ...(await publishWithConnector(a.admin, clientId, graph, routingRecipient)),
    recipient: routingRecipient,
  };
  b = await startTestServer({ shareDatabaseOf: a });
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** Both instances; the test is skipped when this machine's PostgreSQL does not answer. */
function instances(context: TestContext): { a: TestServer; b: TestServer } {
  if (!a || !b) context.skip();
  return { a: a!, b: b! };
}

/** Polls B with deliveries until one answers `expected`; an answer other than `meanwhile` fails at once. */
async function untilAnswered(
  what: string,
  attempt: () => ReturnType<typeof deliverRaw>,
  expected: number,
  meanwhile: number[],
) {
  return waitFor(
    what,
    async () => {
      const response = await attempt();
      if (response.status === expected) return response;
      if (!meanwhile.includes(response.status))
        throw new Error(`${what}: answered ${response.status} ${JSON.stringify(response.body)}`);
      return undefined;
    },
    PROPAGATION_DEADLINE_MS,
  );
}

describe('configuration changed on one instance reaches the caches of another', () => {
  it('refuses a rotated token on the other instance with 401, and accepts the new one', async (context) => {
    const { a, b } = instances(context);
    const oldToken = rotated.token;
    expect((await deliverRaw(b.url, { receiver: rotated.recipient, token: oldToken })).status).toBe(200);

    const rotation = await a.admin.post(`/api/connectors/${rotated.connectorId}/token`);
    expect(rotation.status).toBe(200);
    const newToken = rotation.body.token as string;

    const refused = await untilAnswered(
      'B refusing the old token',
      () => deliverRaw(b.url, { receiver: rotated.recipient, token: oldToken }),
      401,
      [200],
    );
    expect(refused.body.field).toBe('token');
    expect((await deliverRaw(b.url, { receiver: rotated.recipient, token: newToken })).status).toBe(200);
    expect((await deliverRaw(b.url, { receiver: rotated.recipient, token: oldToken })).status).toBe(401);
  });

  it('answers 404 on the other instance for a connector deleted on the first', async (context) => {
    const { a, b } = instances(context);
    expect((await deliverRaw(b.url, { receiver: deleted.recipient, token: deleted.token })).status).toBe(200);

    expect((await a.admin.delete(`/api/connectors/${deleted.connectorId}`)).status).toBe(204);

    // Until B hears of it, its delivery may fail to store (the connector row is gone): 500.
    const gone = await untilAnswered(
      'B answering 404 for the deleted connector',
      () => deliverRaw(b.url, { receiver: deleted.recipient, token: deleted.token }),
      404,
      [200, 500],
    );
    expect(gone.body.field).toBe('receiver');
  });

  it('runs the version activated on the first instance for the next SMS delivered to the other', async (context) => {
    const { a, b } = instances(context);
    const { applicationId, versionId: v1, recipient } = routing;
    /** Delivers an SMS to B and answers the version its execution ran. */
    const versionRunOnB = async () => {
      const sms = await routedSms(a.admin, await deliver(b.url, { receiver: recipient, message: 'hello' }));
      expect(sms.execution?.status).toBe('completed');
      return sms.execution?.versionId as string;
    };
    // B reads the application once and keeps it: from here on only a notification makes it read again.
    expect(await versionRunOnB()).toBe(v1);

    // A second version has to differ from the first (an unchanged draft publishes nothing): a node moved.
    const { graph } = (await a.admin.get(`/api/routing-applications/${applicationId}/draft`)).body;
    graph.nodes[0].position.x += 40;
    expect((await a.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph })).status).toBe(200);
    const published = await a.admin.post(`/api/routing-applications/${applicationId}/publish`, { comment: 'second' });
    expect(published.status).toBe(201);
    const v2 = published.body.id as string;
    expect(await versionRunOnB()).toBe(v1); // published, not active yet

    const activated = await a.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: v2 });
    expect(activated.status).toBe(200);
    await waitFor('B running version 2', async () => (await versionRunOnB()) === v2, PROPAGATION_DEADLINE_MS);
    expect(await versionRunOnB()).toBe(v2);

    // Rolling back moves the pointer back on B as well.
    const rolledBack = await a.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: v1 });
    expect(rolledBack.status).toBe(200);
    await waitFor('B running version 1 again', async () => (await versionRunOnB()) === v1, PROPAGATION_DEADLINE_MS);
    expect(await versionRunOnB()).toBe(v1);
  });
});
