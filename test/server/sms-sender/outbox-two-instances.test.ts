import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { enqueueSms } from '../../../server/sms-sender/enqueue-sms';
import { startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import { createTenant, waitFor } from '../../support/fixtures';
import { postgresReachable } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { gatewayConnector, gatewayNetwork } from './outbox-support';

/**
 * Two instances share one outbox on one PostgreSQL (PGlite has one process, so this exists on
 * PostgreSQL only): 50 messages enqueued in one transaction wake both workers at once through the
 * notification, and each message reaches the provider exactly once.
 */
const key = randomBytes(32).toString('base64');
let gateway: FakeSmsGateway;
const networkOfA = gatewayNetwork();
const networkOfB = gatewayNetwork();
let a: TestServer | undefined;
let b: TestServer | undefined;

beforeAll(async () => {
  if (!(await postgresReachable())) return;
  gateway = await startFakeSmsGateway();
  const env = { SWITCHBOARD_SECRET_KEY: key };
  a = await startTestServer({ backend: 'postgres', env, httpNetwork: networkOfA });
  b = await startTestServer({ shareDatabaseOf: a, env, httpNetwork: networkOfB });
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
  await gateway?.close();
});

function instances(context: TestContext): { a: TestServer; b: TestServer } {
  if (!a || !b) context.skip();
  return { a: a!, b: b! };
}

describe('two instances sharing one SMS outbox', () => {
  it('send each of 50 messages exactly once, both of them sending', async (context) => {
    const { a, b } = instances(context);
    const { clientId } = await createTenant(a.admin, { client: 'Two instances' });
    const connector = await gatewayConnector(a.admin, gateway, clientId, 'http', { ratePerSecond: 1000 });
    const rows = await a.switchboard.database.db.transaction().execute(async (trx) => {
      const made = [];
      for (let i = 0; i < 50; i++)
        made.push(
          await enqueueSms(trx, {
            clientId,
            sendConnectorId: connector.id,
            to: '+491701112222',
            text: `Both ${i}`,
            origin: 'system',
          }),
        );
      return made;
    });
    await waitFor(
      'all 50 sent',
      async () => {
        const sent = await a.switchboard.database.db
          .selectFrom('outbound_sms')
          .select('id')
          .where('send_connector_id', '=', connector.id)
          .where('status', '=', 'sent')
          .execute();
        return sent.length === 50;
      },
      30_000,
    );
    const references = gateway.received
      .map((r) => (r.fields as { reference?: string } | null)?.reference)
      .filter((reference): reference is string => rows.some((row) => row.id === reference));
    expect(references).toHaveLength(50);
    expect(new Set(references).size).toBe(50);
    // Which instance sent how many is left to the race (each claims at most its concurrency at a
    // time); each connection resolves the gateway's name once on its instance's network.
    console.log(
      `two instances: ${networkOfA.resolved.length} connections from the first, ${networkOfB.resolved.length} from the second`,
    );
    void b;
  }, 60_000);
});
