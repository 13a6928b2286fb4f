import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE_ACD_GROUP_IDS,
  EXAMPLE_CRM_URL,
  exampleWorkflows,
  withAcdGroups,
  type WorkflowGraph,
} from '../../../workflows';
import { PRIVATE_STAND_IN, standInNetwork } from '../../support/stand-in-network';
import { useTestServer } from '../../support/test-server';
import { createClientWithGroups, deliver, deliverRouted, publishWithConnector, waitFor } from '../../support/fixtures';
import { crmLookupTo, keywordRoutingTo } from '../../workflows/fixtures';

// Connections of HTTP request nodes reach the test's CRM on 127.0.0.1 whatever address they were checked for.
const server = useTestServer({ httpNetwork: standInNetwork() });
beforeAll(async () => {});

const examples = exampleWorkflows();

describe('routing application API', () => {
  it('saves a draft as it is and answers its problems; publishing it is refused with 422 listing them', async () => {
    const { clientId } = await createClientWithGroups(server.admin, ['Only']);
    const app = await server.admin.post('/api/routing-applications', { name: 'Half done', clientId });
    const half: WorkflowGraph = {
      schemaVersion: 1,
      nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} }],
      edges: [],
    };
    const saved = await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, { graph: half });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([expect.objectContaining({ code: 'port_unconnected', nodeId: 'start' })]);
    expect((await server.admin.get(`/api/routing-applications/${app.body.id}/draft`)).body.graph).toEqual(half);

    const refused = await server.admin.post(`/api/routing-applications/${app.body.id}/publish`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toHaveLength(1);
    expect((await server.admin.get(`/api/routing-applications/${app.body.id}/versions`)).body.items).toEqual([]);
  });

  it('answers 400 naming the field when the draft is not a graph at all', async () => {
    const { clientId } = await createClientWithGroups(server.admin, []);
    const app = await server.admin.post('/api/routing-applications', { name: 'Broken', clientId });
    const result = await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, {
      graph: { schemaVersion: 1, nodes: 'x', edges: [] },
    });
    expect(result.status).toBe(400);
    expect(result.body.field).toBe('graph.nodes');
  });

  it('reports ACD groups of another client as unknown', async () => {
    const mine = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const theirs = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const app = await server.admin.post('/api/routing-applications', { name: 'Cross', clientId: mine.clientId });
    const graph = keywordRoutingTo({ Sales: theirs.groups.Sales!, Support: mine.groups.Support! });
    const saved = await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, { graph });
    expect(saved.body.problems).toEqual([
      expect.objectContaining({ code: 'acd_group_unknown', nodeId: 'route-sales' }),
    ]);
  });

  it('numbers published versions, exports each one, activates the first, and moves pointers on PATCH (rollback)', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const graph = keywordRoutingTo(groups);
    const { applicationId, versionId: v1 } = await publishWithConnector(server.admin, clientId, graph, '+4950100001');
    await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph: movedStart(graph) });
    const v2 = await server.admin.post(`/api/routing-applications/${applicationId}/publish`, { comment: 'second' });
    expect(v2.body.number).toBe(2);

    const list = await server.admin.get(`/api/routing-applications/${applicationId}/versions`);
    expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(list.body.items.map((v: { missingAcdGroupIds: string[] }) => v.missingAcdGroupIds)).toEqual([[], []]);
    const exported = await server.admin.get(`/api/routing-applications/${applicationId}/versions/1`);
    expect(exported.body).toMatchObject({
      id: v1,
      number: 1,
      comment: 'first',
      graph,
      publishedBy: expect.any(String),
    });

    let app = await server.admin.get(`/api/routing-applications/${applicationId}`);
    expect(app.body.activeVersionId).toBe(v1);
    app = await server.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: v2.body.id });
    expect(app.body.activeVersionId).toBe(v2.body.id);
    app = await server.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: v1 });
    expect(app.body.activeVersionId).toBe(v1);

    const foreign = await server.admin.patch(`/api/routing-applications/${applicationId}`, {
      activeVersionId: '00000000-0000-4000-8000-00000000abcd',
    });
    expect(foreign).toMatchObject({ status: 400, body: { field: 'activeVersionId' } });
  });

  it('publishes nothing when the draft is the same as the latest version, and says so', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const graph = keywordRoutingTo(groups);
    const { applicationId } = await publishWithConnector(server.admin, clientId, graph, '+4950100011');
    const again = await server.admin.post(`/api/routing-applications/${applicationId}/publish`, { comment: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('The draft is the same as version 1: nothing was published');
    const versions = await server.admin.get(`/api/routing-applications/${applicationId}/versions`);
    expect(versions.body.items).toHaveLength(1);
    // A moved node is a change: the version keeps the layout too.
    await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph: movedStart(graph) });
    const moved = await server.admin.post(`/api/routing-applications/${applicationId}/publish`, { comment: 'moved' });
    expect(moved).toMatchObject({ status: 201, body: { number: 2 } });
  });

  it('marks a version whose ACD groups are gone and refuses to make it active or test (409 naming the nodes)', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support', 'Trial']);
    const graph = keywordRoutingTo({ Sales: groups.Sales!, Support: groups.Support! });
    const { applicationId, versionId: v1 } = await publishWithConnector(server.admin, clientId, graph, '+4950100012');
    const trial = keywordRoutingTo({ Sales: groups.Trial!, Support: groups.Support! });
    await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph: trial });
    const v2 = await server.admin.post(`/api/routing-applications/${applicationId}/publish`, { comment: 'trial' });
    expect(v2.status).toBe(201);
    // v2 is neither active nor test, so nothing keeps its group from being deleted.
    expect((await server.admin.delete(`/api/acd-groups/${groups.Trial!}`)).status).toBe(204);

    const list = await server.admin.get(`/api/routing-applications/${applicationId}/versions`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ number: 2, missingAcdGroupIds: [groups.Trial] }),
      expect.objectContaining({ number: 1, missingAcdGroupIds: [] }),
    ]);
    for (const field of ['activeVersionId', 'testVersionId']) {
      const refused = await server.admin.patch(`/api/routing-applications/${applicationId}`, { [field]: v2.body.id });
      expect(refused.status).toBe(409);
      expect(refused.body.field).toBe(field);
      expect(refused.body.error).toMatch(/^Version 2 routes to ACD groups that no longer exist \(.*"route-sales"/);
    }
    const app = await server.admin.get(`/api/routing-applications/${applicationId}`);
    expect(app.body).toMatchObject({ activeVersionId: v1, testVersionId: null });
  });

  it('imports an exported version as a new draft', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const graph = keywordRoutingTo(groups);
    const { applicationId } = await publishWithConnector(server.admin, clientId, graph, '+4950100002');
    const exported = await server.admin.get(`/api/routing-applications/${applicationId}/versions/1`);
    const other = await server.admin.post('/api/routing-applications', { name: 'Imported', clientId });
    const imported = await server.admin.put(`/api/routing-applications/${other.body.id}/draft`, {
      graph: exported.body.graph,
    });
    expect(imported.body).toEqual({ graph, problems: [] });
  });

  it('lists the node catalog as data', async () => {
    const types = await server.admin.get('/api/node-types');
    expect(types.status).toBe(200);
    const ids = types.body.map((t: { type: string }) => t.type);
    expect(ids).toEqual(
      expect.arrayContaining(['start', 'switch', 'business_hours', 'http_request', 'route_to_acd_group', 'drop']),
    );
    expect(types.body[0]).toMatchObject({
      label: expect.any(String),
      configSchema: expect.any(Object),
      ports: expect.any(Array),
    });
  });
});

describe('routing SMS', () => {
  it('routes by keyword: each branch ends in its group with its subject, and opt-outs are dropped', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const graph = keywordRoutingTo(groups);
    await publishWithConnector(server.admin, clientId, graph, '+4950100003');

    const sales = await deliverRouted(server, {
      receiver: '4950100003',
      sender: '+491701',
      message: 'sales: a quote please',
    });
    expect(sales.status).toBe('routed');
    expect(sales.mediaEvent).toMatchObject({
      acdGroupId: groups.Sales,
      subject: 'Sales SMS from +491701',
      priority: 6,
      state: 'queued',
    });
    expect(sales.execution).toMatchObject({
      status: 'completed',
      versionNumber: 1,
      outcome: { kind: 'routed', acdGroupId: groups.Sales },
    });
    expect(sales.execution?.trace.map((s: { nodeId: string; port?: string }) => [s.nodeId, s.port])).toEqual([
      ['start', 'next'],
      ['keyword', 'sales'],
      ['route-sales', undefined],
    ]);

    const support = await deliverRouted(server, {
      receiver: '4950100003',
      sender: '+491702',
      message: 'my router is broken',
    });
    expect(support.mediaEvent).toMatchObject({ acdGroupId: groups.Support, subject: 'Support SMS from +491702' });

    const stop = await deliverRouted(server, { receiver: '4950100003', sender: '+491703', message: 'stop' });
    expect(stop.status).toBe('dropped');
    expect(stop.mediaEvent).toBeNull();
    expect(stop.execution?.outcome).toEqual({ kind: 'dropped', reason: 'Opt-out keyword' });
  });

  it('runs the test version for test senders and the active version for everyone else', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const { applicationId, versionId: v1 } = await publishWithConnector(
      server.admin,
      clientId,
      keywordRoutingTo(groups),
      '+4950100004',
    );
    // Version 2 sends everything to Sales.
    const allSales = keywordRoutingTo({ ...groups, Support: groups.Sales! });
    await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph: allSales });
    const v2 = await server.admin.post(`/api/routing-applications/${applicationId}/publish`, {
      comment: 'all to sales',
    });
    await server.admin.patch(`/api/routing-applications/${applicationId}`, {
      testVersionId: v2.body.id,
      testSenders: ['0049 170 999'],
    });

    const tester = await deliverRouted(server, { receiver: '4950100004', sender: '+49170999', message: 'hello' });
    expect(tester.mediaEvent?.acdGroupId).toBe(groups.Sales);
    expect(tester.execution?.versionId).toBe(v2.body.id);
    const customer = await deliverRouted(server, { receiver: '4950100004', sender: '+49170111', message: 'hello' });
    expect(customer.mediaEvent?.acdGroupId).toBe(groups.Support);
    expect(customer.execution?.versionId).toBe(v1);
  });

  it('routes to the fallback group, visibly failed, when the application has no active version', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support', 'Fallback']);
    const graph = keywordRoutingTo(groups);
    const { applicationId } = await publishWithConnector(server.admin, clientId, graph, '+4950100005', {
      fallbackAcdGroupId: groups.Fallback!,
    });
    await server.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: null });
    const sms = await deliverRouted(server, { receiver: '4950100005', sender: '+491704', message: 'hello' });
    expect(sms.execution).toMatchObject({
      status: 'failed',
      outcome: { kind: 'failed', reason: 'The routing application has no active version' },
    });
    expect(sms.mediaEvent).toMatchObject({ acdGroupId: groups.Fallback });
  });

  it('marks the SMS failed when a run fails and there is no fallback group', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const graph = keywordRoutingTo(groups);
    const { applicationId } = await publishWithConnector(server.admin, clientId, graph, '+4950100006');
    await server.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: null });
    const sms = await deliverRouted(server, { receiver: '4950100006', sender: '+491705', message: 'hello' });
    expect(sms.status).toBe('failed');
    expect(sms.mediaEvent).toBeNull();
  });

  it('splits traffic by percentage over many SMS', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['A', 'B']);
    const graph: WorkflowGraph = {
      schemaVersion: 1,
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} },
        {
          id: 'split',
          type: 'percentage_split',
          position: { x: 200, y: 0 },
          config: {
            branches: [
              { id: 'a', label: 'A', percent: 70 },
              { id: 'b', label: 'B', percent: 30 },
            ],
          },
        },
        {
          id: 'to-a',
          type: 'route_to_acd_group',
          position: { x: 400, y: 0 },
          config: { acdGroupId: groups.A, subject: 'A' },
        },
        {
          id: 'to-b',
          type: 'route_to_acd_group',
          position: { x: 400, y: 100 },
          config: { acdGroupId: groups.B, subject: 'B' },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', sourcePort: 'next', target: 'split' },
        { id: 'e2', source: 'split', sourcePort: 'a', target: 'to-a' },
        { id: 'e3', source: 'split', sourcePort: 'b', target: 'to-b' },
      ],
    };
    await publishWithConnector(server.admin, clientId, graph, '+4950100007');
    const total = 400;
    const ids: string[] = [];
    for (let batch = 0; batch < total / 50; batch++) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            deliver(server.url, { receiver: '4950100007', sender: `+49171${batch}${i}`, message: 'split me' }),
          ),
        )),
      );
    }
    // Each SMS is routed on its own, in no set order: the last one answered says nothing of the others.
    const db = server.switchboard.database.db;
    await waitFor(
      `all ${total} SMS routed`,
      async () =>
        (
          await db
            .selectFrom('inbound_sms')
            .select('id')
            .where('id', 'in', ids)
            .where('status', '=', 'received')
            .execute()
        ).length === 0,
      30_000,
    );
    const events = await db.selectFrom('media_event').select('acd_group_id').where('sms_id', 'in', ids).execute();
    expect(events).toHaveLength(total);
    const shareA = events.filter((e) => e.acd_group_id === groups.A).length / total;
    // 70 % ± 8 points: a binomial(400, 0.7) lands outside only about once in a million runs.
    expect(shareA).toBeGreaterThan(0.62);
    expect(shareA).toBeLessThan(0.78);
  });

  describe('CRM lookup over HTTP', () => {
    let crm: Server;
    let crmUrl: string;
    const requests: string[] = [];
    beforeAll(async () => {
      crm = createServer((req, res) => {
        requests.push(req.url ?? '');
        const phone = new URL(req.url ?? '/', 'http://x').searchParams.get('phone')?.trim();
        if (phone?.endsWith('500')) {
          res.writeHead(500).end('down');
          return;
        }
        const tier = phone?.endsWith('777') ? 'vip' : 'standard';
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tier, name: 'Ada' }));
      });
      await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
      crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/api/customers`;
    });
    afterAll(() => new Promise<void>((resolve) => crm.close(() => resolve())));

    const crmGraph = (groups: Record<string, string>, url = crmUrl) =>
      crmLookupTo(groups, (config) => ({ ...config, url: String(config.url).replace(EXAMPLE_CRM_URL, url) }));

    it('chooses the VIP group for a VIP sender, the standard group otherwise and when the CRM fails', async () => {
      const { clientId, groups } = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
      // The CRM on a private network, which the client's allowed hosts let its workflows reach.
      await server.admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [PRIVATE_STAND_IN] });
      const privateCrmUrl = crmUrl.replace('127.0.0.1', PRIVATE_STAND_IN);
      await publishWithConnector(server.admin, clientId, crmGraph(groups, privateCrmUrl), '+4950100008');

      const vip = await deliverRouted(server, { receiver: '4950100008', sender: '+49170777', message: 'call me' });
      expect(vip.mediaEvent).toMatchObject({ acdGroupId: groups.VIP, subject: 'VIP Ada: call me', priority: 9 });
      expect(vip.execution?.trace[1]).toMatchObject({
        nodeId: 'crm',
        port: 'success',
        vars: { crm: { tier: 'vip', name: 'Ada' } },
      });
      expect(requests.some((url) => url.includes('49170777'))).toBe(true);

      const standard = await deliverRouted(server, { receiver: '4950100008', sender: '+49170123', message: 'hi' });
      expect(standard.mediaEvent?.acdGroupId).toBe(groups.Standard);

      const down = await deliverRouted(server, { receiver: '4950100008', sender: '+49170500', message: 'hi' });
      expect(down.mediaEvent?.acdGroupId).toBe(groups.Standard);
      expect(down.execution?.trace[1]).toMatchObject({
        nodeId: 'crm',
        port: 'error',
        error: expect.stringContaining('500'),
      });
    });

    it('refuses a loopback URL: the draft names the URL field, publishing is refused, nothing is called', async () => {
      const { clientId, groups } = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
      const app = await server.admin.post('/api/routing-applications', { name: 'Loopback', clientId });
      const before = requests.length;
      const saved = await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, {
        graph: crmGraph(groups),
      });
      expect(saved.status).toBe(200);
      expect(saved.body.problems).toEqual([
        expect.objectContaining({
          nodeId: 'crm',
          field: 'url',
          message: expect.stringContaining(
            '127.0.0.1 is an internal address (loopback), which workflows may never call',
          ),
        }),
      ]);
      const refused = await server.admin.post(`/api/routing-applications/${app.body.id}/publish`, {});
      expect(refused.status).toBe(422);
      const simulated = await server.admin.post(`/api/routing-applications/${app.body.id}/simulate`, {
        sender: '+49170777',
        message: 'call me',
      });
      expect(simulated.body.outcome).not.toMatchObject({ acdGroupId: groups.VIP });
      expect(requests.length).toBe(before);
    });
  });
});

describe('simulation', () => {
  it('runs business hours at fixed instants across the DST change without storing anything', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Day', 'Night']);
    const app = await server.admin.post('/api/routing-applications', { name: 'Hours', clientId });
    const graph = withAcdGroups(examples.businessHours, {
      [EXAMPLE_ACD_GROUP_IDS.day]: groups.Day!,
      [EXAMPLE_ACD_GROUP_IDS.afterHours]: groups.Night!,
    });
    await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, { graph });
    const simulate = async (at: string) =>
      (
        await server.admin.post(`/api/routing-applications/${app.body.id}/simulate`, {
          sender: '+491709',
          message: 'hi',
          at,
        })
      ).body;

    // Friday 27 March 2026 is CET (UTC+1); Monday 30 March is CEST (UTC+2).
    expect((await simulate('2026-03-27T07:30:00Z')).outcome.acdGroupId).toBe(groups.Day); // 08:30 CET
    expect((await simulate('2026-03-30T06:30:00Z')).outcome.acdGroupId).toBe(groups.Day); // 08:30 CEST
    expect((await simulate('2026-03-30T05:30:00Z')).outcome.acdGroupId).toBe(groups.Night); // 07:30 CEST
    expect((await simulate('2026-03-29T10:00:00Z')).outcome.acdGroupId).toBe(groups.Night); // Sunday
    const sms = await server.admin.get(`/api/sms?clientId=${clientId}`);
    expect(sms.body.items).toEqual([]);
  });

  it('uses mocked HTTP answers and reports the requests a run would send', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
    const app = await server.admin.post('/api/routing-applications', { name: 'Sim CRM', clientId });
    const graph = crmLookupTo(groups);
    const result = await server.admin.post(`/api/routing-applications/${app.body.id}/simulate`, {
      sender: '+49170777',
      message: 'hello',
      graph,
      mocks: { http: { crm: { status: 200, json: { tier: 'vip', name: 'Grace' } } } },
    });
    expect(result.status).toBe(200);
    expect(result.body.outcome).toEqual({
      kind: 'routed',
      acdGroupId: groups.VIP,
      subject: 'VIP Grace: hello',
      priority: 9,
    });
    expect(result.body.trace.map((s: { nodeId: string }) => s.nodeId)).toEqual(['start', 'crm', 'tier', 'route-vip']);
    expect(result.body.httpRequests[0].url).toContain('crm.example.com');
  });
});

/** The same graph with its start node moved: a change of layout only. */
function movedStart(graph: WorkflowGraph): WorkflowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.type === 'start' ? { ...node, position: { x: node.position.x + 40, y: node.position.y } } : node,
    ),
  };
}

describe('test cases saved with an application', () => {
  it('saves, lists and deletes test cases; each field is checked and named', async () => {
    const { clientId } = await createClientWithGroups(server.admin, []);
    const app = await server.admin.post('/api/routing-applications', { name: 'Cases', clientId });
    const path = `/api/routing-applications/${app.body.id}/test-cases`;
    expect((await server.admin.get(path)).body.items).toEqual([]);

    const input = {
      sender: '+491701234567',
      message: 'VIP please',
      keyword: 'VIP',
      at: '2026-03-27T07:30:00.000Z',
      mocks: { http: { crm: { status: 200, json: { tier: 'vip' } } }, acdGroups: {}, random: 0.85 },
    };
    const saved = await server.admin.post(path, { name: 'VIP in the morning', ...input });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'VIP in the morning', routingApplicationId: app.body.id, input });
    const second = await server.admin.post(path, { name: 'Plain', sender: '+49170', message: 'hi' });
    expect(second.status).toBe(201);
    const listed = await server.admin.get(path);
    expect(listed.body.items.map((item: { name: string }) => item.name)).toEqual(['VIP in the morning', 'Plain']);

    const noName = await server.admin.post(path, { name: ' ', sender: '+49170', message: 'hi' });
    expect(noName.status).toBe(400);
    expect(noName.body.field).toBe('name');
    const badMocks = await server.admin.post(path, {
      name: 'x',
      sender: '+49170',
      message: 'hi',
      mocks: { random: 2 },
    });
    expect(badMocks.status).toBe(400);
    expect(badMocks.body.field).toBe('mocks.random');

    expect((await server.admin.delete(`${path}/${saved.body.id}`)).status).toBe(204);
    expect((await server.admin.delete(`${path}/${saved.body.id}`)).status).toBe(404);
    expect((await server.admin.delete(`${path}/not-a-uuid`)).status).toBe(404);
    expect((await server.admin.get(path)).body.items.map((item: { name: string }) => item.name)).toEqual(['Plain']);

    // They go with their application.
    expect((await server.admin.delete(`/api/routing-applications/${app.body.id}`)).status).toBe(204);
    expect((await server.admin.get(path)).status).toBe(404);
  });
});
