import { expect } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import type { ApiClient } from '../../support/api-client';

/** A reseller and a client with the named ACD groups; answers their ids. */
export async function createClientWithGroups(admin: ApiClient, groupNames: string[]) {
  const reseller = await admin.post('/api/resellers', { name: 'Routing reseller' });
  const client = await admin.post('/api/clients', {
    name: `Routing client ${Math.random()}`,
    resellerId: reseller.body.id,
  });
  const groups: Record<string, string> = {};
  for (const name of groupNames) {
    const group = await admin.post('/api/acd-groups', { name, clientId: client.body.id });
    expect(group.status).toBe(201);
    groups[name] = group.body.id;
  }
  return { clientId: client.body.id as string, groups };
}

/** Creates an application with `graph` as its draft, publishes it and points a new connector at it. */
export async function publishWithConnector(
  admin: ApiClient,
  clientId: string,
  graph: WorkflowGraph,
  recipient: string,
  options: { fallbackAcdGroupId?: string } = {},
) {
  const application = await admin.post('/api/routing-applications', { name: `App ${recipient}`, clientId, ...options });
  expect(application.status).toBe(201);
  const draft = await admin.put(`/api/routing-applications/${application.body.id}/draft`, { graph });
  expect(draft.body.problems).toEqual([]);
  const version = await admin.post(`/api/routing-applications/${application.body.id}/publish`, { comment: 'first' });
  expect(version.status).toBe(201);
  const connector = await admin.post('/api/connectors', {
    name: `Connector ${recipient}`,
    recipient,
    requireToken: false,
    routingType: 'routing_application',
    routingApplicationId: application.body.id,
    clientId,
  });
  expect(connector.status).toBe(201);
  return {
    applicationId: application.body.id as string,
    versionId: version.body.id as string,
    connectorId: connector.body.id as string,
  };
}

export async function deliver(baseUrl: string, receiver: string, sender: string, message: string): Promise<string> {
  const query = new URLSearchParams({ receiver, sender, message });
  const response = await fetch(`${baseUrl}/SMSReceiver?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

/** Polls the admin API until the SMS has left `received`; answers it with its media event and execution. */
export async function routedSms(admin: ApiClient, smsId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sms = await admin.get(`/api/sms/${smsId}`);
    expect(sms.status).toBe(200);
    if (sms.body.status !== 'received') return sms.body;
    if (Date.now() > deadline) throw new Error(`SMS ${smsId} was not routed within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
