import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import { crmLookupTo } from '../../workflows/fixtures';
import { PRIVATE_STAND_IN, standInNetwork } from '../../support/stand-in-network';
import { startTestServer, type TestServer } from '../../support/test-server';
import { createClientWithGroups, deliverRouted, publishWithConnector } from '../../support/fixtures';

/**
 * Workflow runs of several clients against one CRM on 127.0.0.1. The stand-in network puts that
 * CRM at crm.private.test (a private address), and sends every connection to it, so a request the
 * checks let through would arrive there: the CRM's log is the witness of what got out.
 */
const network = standInNetwork({
  'crm.private.test': PRIVATE_STAND_IN,
  'metadata.private.test': '169.254.169.254',
  'crm.private.test.attacker.example': PRIVATE_STAND_IN,
});
let server: TestServer;
let crm: Server;
let port: number;
const received: Array<{ url: string; host: string; authorization: string | undefined }> = [];

beforeAll(async () => {
  crm = createServer((req, res) => {
    received.push({ url: req.url ?? '', host: req.headers.host ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ tier: 'vip', name: 'Ada' }));
  });
  crm.keepAliveTimeout = 60_000; // an idle connection stays open for whoever could reuse it
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  port = (crm.address() as AddressInfo).port;
  server = await startTestServer({ httpNetwork: network });
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => crm.close(() => resolve()));
});

/** The CRM lookup example, calling `url` with a secret Authorization header. */
function crmGraph(groups: Record<string, string>, url: string): WorkflowGraph {
  return crmLookupTo(groups, (config) => ({ ...config, url, headers: { Authorization: 'Bearer crm-secret' } }));
}

const crmUrl = (host: string) => `http://${host}:${port}/api/customers?phone={{sms.sender}}`;
const requestsFor = (sender: string) => received.filter((request) => request.url.includes(sender.slice(1)));

describe('HTTP request nodes of different clients', () => {
  it("refuses client B a host only client A may reach, right after A's request", async () => {
    const a = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
    const b = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
    const allowed = await server.admin.patch(`/api/clients/${a.clientId}`, { httpAllowedHosts: ['crm.private.test'] });
    expect(allowed.status).toBe(200);
    await publishWithConnector(server.admin, a.clientId, crmGraph(a.groups, crmUrl('crm.private.test')), '+4950200001');
    await publishWithConnector(server.admin, b.clientId, crmGraph(b.groups, crmUrl('crm.private.test')), '+4950200002');

    const ofA = await deliverRouted(server, { receiver: '4950200001', sender: '+49171001', message: 'hi' });
    expect(ofA.mediaEvent?.acdGroupId).toBe(a.groups.VIP);
    for (const sender of ['+49172001', '+49172002']) {
      const ofB = await deliverRouted(server, { receiver: '4950200002', sender: sender, message: 'hi' });
      expect(ofB.mediaEvent?.acdGroupId).toBe(b.groups.Standard);
      expect(ofB.execution?.trace[1]).toMatchObject({
        nodeId: 'crm',
        port: 'error',
        error: `GET crm.private.test:${port} failed: crm.private.test resolves to ${PRIVATE_STAND_IN}, which is an internal address (private network); only the client's allowed hosts, set by a system admin, may reach it`,
      });
      expect(requestsFor(sender)).toEqual([]);
    }
    expect(requestsFor('+49171001')).toEqual([
      expect.objectContaining({ host: `crm.private.test:${port}`, authorization: 'Bearer crm-secret' }),
    ]);
  });

  it('refuses an allowed host that resolves to the cloud metadata address when connecting', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
    await server.admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: ['metadata.private.test'] });
    await publishWithConnector(
      server.admin,
      clientId,
      crmGraph(groups, crmUrl('metadata.private.test')),
      '+4950200003',
    );

    const sms = await deliverRouted(server, { receiver: '4950200003', sender: '+49173001', message: 'hi' });
    expect(sms.mediaEvent?.acdGroupId).toBe(groups.Standard);
    expect(sms.execution?.trace[1]).toMatchObject({
      port: 'error',
      error: expect.stringContaining(
        'metadata.private.test resolves to 169.254.169.254, which is an internal address (cloud metadata); workflows may not call it',
      ),
    });
    expect(requestsFor('+49173001')).toEqual([]);
  });
});

describe('an HTTP request URL with a placeholder in its host', () => {
  it('is a problem of the draft, and publishing it is refused', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['VIP', 'Standard']);
    const app = await server.admin.post('/api/routing-applications', { name: 'Host from SMS', clientId });
    const saved = await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, {
      graph: crmGraph(groups, `http://crm.private.test{{sms.text}}:${port}/lookup`),
    });
    expect(saved.body.problems).toEqual([
      expect.objectContaining({
        code: 'config_invalid',
        nodeId: 'crm',
        field: 'url',
        message: expect.stringContaining('Placeholders may not appear in the host'),
      }),
    ]);
    expect((await server.admin.post(`/api/routing-applications/${app.body.id}/publish`, {})).status).toBe(422);
  });

  it('fails the run of a version stored before the check, without calling anyone', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['VIP', 'Standard', 'Fallback']);
    const { versionId } = await publishWithConnector(
      server.admin,
      clientId,
      crmGraph(groups, crmUrl('crm.private.test')),
      '+4950200004',
      { fallbackAcdGroupId: groups.Fallback! },
    );
    // As an older Switchboard accepted it: the host is followed by a placeholder.
    await server.switchboard.database.db
      .updateTable('routing_application_version')
      .set({ graph: JSON.stringify(crmGraph(groups, `http://crm.private.test{{sms.text}}:${port}/lookup`)) })
      .where('id', '=', versionId)
      .execute();

    const sms = await deliverRouted(server, {
      receiver: '4950200004',
      sender: '+49174001',
      message: '.attacker.example',
    });
    expect(sms.mediaEvent?.acdGroupId).toBe(groups.Fallback);
    expect(sms.execution?.outcome).toEqual({
      kind: 'failed',
      reason: expect.stringContaining('url: Placeholders may not appear in the host'),
    });
    expect(network.resolved).not.toContain('crm.private.test.attacker.example');
    expect(received.filter((request) => request.host.includes('attacker'))).toEqual([]);
  });
});
