import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import { openDatabase } from '../../../server/db/open-database';
import { uuid7 } from '../../../server/db/uuid7';
import { ApiClient } from '../../support/api-client';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { PRIVATE_STAND_IN } from '../../support/stand-in-network';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../../support/test-database';
import { aGraph } from '../../workflows/fixtures';
import { createClientWithGroups, deliver, publishWithConnector, routedSms } from '../../support/fixtures';

// The server runs in a process of its own, so a blocked event loop there cannot hold this test's
// own timers: a /healthz that does not answer within 5 s fails the test. Its run budget is short,
// so that a run waiting on an HTTP request that never answers fails quickly.
const ADMIN = { SWITCHBOARD_ADMIN_EMAIL: 'admin@hostile.test', SWITCHBOARD_ADMIN_PASSWORD: 'hostile password 1' };
const HOSTILE_SMS = `${'a'.repeat(29)}!`;
const RUN_BUDGET_MS = 1_500;

describe('hostile patterns and templates', () => {
  let location: TestDatabaseLocation;
  let server: ServerProcess;
  let admin: ApiClient;
  let clientId: string;
  let groups: Record<string, string>;

  const start = async () => {
    // Workflows' HTTP requests reach this test's servers through the stand-in network.
    server = await startServerProcess(
      { ...location.env, ...ADMIN, SWITCHBOARD_RUN_BUDGET_MS: String(RUN_BUDGET_MS) },
      { entry: 'test/server/routing/serve-on-stand-in-network.ts' },
    );
    admin = new ApiClient(server.url);
    await admin.login(ADMIN.SWITCHBOARD_ADMIN_EMAIL, ADMIN.SWITCHBOARD_ADMIN_PASSWORD);
  };
  const stop = async () => {
    // SIGKILL: a server stuck in a backtracking regex would not get to its SIGTERM handler.
    server.child.kill('SIGKILL');
    await server.exited;
  };

  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    await start();
    ({ clientId, groups } = await createClientWithGroups(admin, ['Matched', 'Other', 'Fallback']));
  }, 120_000);

  afterAll(async () => {
    await stop();
    await location.drop();
  });

  /** Asks /healthz until `request` settles (at least once); each answer must come within 5 s. */
  async function whileHealthzAnswers<T>(request: Promise<T>): Promise<T> {
    let settled = false;
    const result = request.finally(() => (settled = true));
    result.catch(() => {}); // a failure is the caller's, once this returns
    do {
      const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } while (!settled);
    return result;
  }

  /** start → check: `(a+)+$` → Matched, anything else → Other. */
  const hostileSwitch = (): WorkflowGraph =>
    aGraph(
      [
        ['start', 'start'],
        ['check', 'switch', { cases: [{ id: 'hostile', operator: 'regex', value: '(a+)+$' }] }],
        ['matched', 'route_to_acd_group', { acdGroupId: groups.Matched }],
        ['other', 'route_to_acd_group', { acdGroupId: groups.Other }],
      ],
      [
        ['start', 'next', 'check'],
        ['check', 'hostile', 'matched'],
        ['check', 'default', 'other'],
      ],
    );

  it('routes an SMS against a switch case `(a+)+$` at once, and /healthz answers meanwhile', async () => {
    await publishWithConnector(admin, clientId, hostileSwitch(), '+4960200001', {
      fallbackAcdGroupId: groups.Fallback!,
    });
    const hostile = await deliver(server.url, { receiver: '4960200001', sender: '4917011111', message: HOSTILE_SMS });
    const routed = await whileHealthzAnswers(routedSms(admin, hostile));
    expect(routed.status).toBe('routed');
    expect(routed.execution?.status).toBe('completed');
    expect(routed.mediaEvent?.acdGroupId).toBe(groups.Other);

    const matching = await routedSms(
      admin,
      // Another customer: the first one's conversation is open, and its SMS would join it unrouted.
      await deliver(server.url, { receiver: '4960200001', sender: '4917011112', message: 'aaaa' }),
    );
    expect(matching.mediaEvent?.acdGroupId).toBe(groups.Matched);
  }, 60_000);

  it('comes up at once after a restart whose recovery sweep routes such an SMS', async () => {
    const { connectorId } = await publishWithConnector(admin, clientId, hostileSwitch(), '+4960200002');
    await stop();
    // An SMS a dead instance acknowledged but never routed: the sweep at start runs it first.
    const database = await openDatabase({
      databaseUrl: location.databaseUrl,
      dataDir: location.dataDir,
      schema: location.schema,
    });
    const leftOver = uuid7();
    await database.db
      .insertInto('inbound_sms')
      .values({
        id: leftOver,
        client_id: clientId,
        connector_id: connectorId,
        sender: '+4917022222',
        sender_normalized: '+4917022222',
        receiver: '+4960200002',
        receiver_normalized: '+4960200002',
        // Longer than the live one: a backtracking engine would take hours, far past any start-up wait.
        message: `${'a'.repeat(40)}!`,
        keyword: null,
        message_id: null,
        status: 'received',
        raw: '{}',
        routing_lease_until: null,
      })
      .execute();
    await database.close();

    await start();
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
    const routed = await routedSms(admin, leftOver);
    expect(routed.status).toBe('routed');
    expect(routed.mediaEvent?.acdGroupId).toBe(groups.Other);
  }, 120_000);

  it('saves, loads, simulates and publishes templates of `{{` and spaces, and /healthz answers meanwhile', async () => {
    const openPlaceholder = (length: number) => `{{${' '.repeat(length - 2)}`;
    const graph = aGraph(
      [
        ['start', 'start'],
        ['mail', 'send_email', { to: 'desk@example.com', text: openPlaceholder(3_002) }],
        // The body is one JSON string (a JSON body is checked to be JSON), 20,000 characters long.
        [
          'crm',
          'http_request',
          { method: 'POST', url: 'https://crm.example.com/x', body: `"${openPlaceholder(19_998)}"` },
        ],
        ['route', 'route_to_acd_group', { acdGroupId: groups.Matched }],
      ],
      [
        ['start', 'next', 'mail'],
        ['mail', 'next', 'crm'],
        ['crm', 'success', 'route'],
        ['crm', 'error', 'route'],
      ],
    );
    const application = await admin.post('/api/routing-applications', { name: 'Open placeholders', clientId });
    expect(application.status).toBe(201);
    const path = `/api/routing-applications/${application.body.id}`;

    const saved = await whileHealthzAnswers(admin.put(`${path}/draft`, { graph }));
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([]);
    const loaded = await whileHealthzAnswers(admin.get(`${path}/draft`));
    expect(loaded.body.graph.nodes[2].config.body).toHaveLength(20_000);
    const simulated = await whileHealthzAnswers(
      admin.post(`${path}/simulate`, { sender: '+4917033333', message: 'Hi' }),
    );
    expect(simulated.status).toBe(200);
    expect(simulated.body.emails[0].text).toBe(openPlaceholder(3_002));
    expect(simulated.body.outcome).toMatchObject({ kind: 'routed', acdGroupId: groups.Matched });
    const published = await whileHealthzAnswers(admin.post(`${path}/publish`, { comment: 'open placeholders' }));
    expect(published.status).toBe(201);
  }, 60_000);

  it('fails a run whose HTTP request never answers to the fallback group once the run budget is used up', async () => {
    const silent = createServer(() => {}); // takes every request, answers none
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const allowed = await admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [PRIVATE_STAND_IN] });
      expect(allowed.status).toBe(200);
      const graph = aGraph(
        [
          ['start', 'start'],
          ['crm', 'http_request', { url: `http://${PRIVATE_STAND_IN}:${port}/never`, timeoutMs: 30_000 }],
          ['route', 'route_to_acd_group', { acdGroupId: groups.Matched }],
        ],
        [
          ['start', 'next', 'crm'],
          ['crm', 'success', 'route'],
          ['crm', 'error', 'route'],
        ],
      );
      await publishWithConnector(admin, clientId, graph, '+4960200003', { fallbackAcdGroupId: groups.Fallback! });
      const routed = await routedSms(
        admin,
        await deliver(server.url, { receiver: '4960200003', sender: '4917044444', message: 'Hello' }),
      );
      const reason = `Node "crm" (http_request) failed: The run's time budget of ${RUN_BUDGET_MS} ms ran out`;
      expect(routed.status).toBe('routed');
      expect(routed.mediaEvent?.acdGroupId).toBe(groups.Fallback);
      expect(routed.execution).toMatchObject({ status: 'failed', outcome: { kind: 'failed', reason } });
      expect(routed.execution?.trace.at(-1)).toMatchObject({ nodeId: 'crm', error: expect.stringContaining('budget') });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 60_000);
});
