import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import {
  createClientWithGroups,
  createDirectConnector,
  createRoutingConnector,
  deliver,
  mediaEventOf,
} from '../../support/fixtures';

const server = useTestServer();

const routesTo = (acdGroupId: string): WorkflowGraph =>
  aGraph(
    [
      ['start', 'start'],
      ['route', 'route_to_acd_group', { acdGroupId }],
    ],
    [['start', 'next', 'route']],
  );

/** Reads the status of one group and routes to another either way. */
const readsStatusOf = (statusGroupId: string, routeGroupId: string): WorkflowGraph =>
  aGraph(
    [
      ['start', 'start'],
      ['status', 'acd_group_status', { acdGroupId: statusGroupId }],
      ['route', 'route_to_acd_group', { acdGroupId: routeGroupId }],
    ],
    [
      ['start', 'next', 'status'],
      ['status', 'available', 'route'],
      ['status', 'unavailable', 'route'],
    ],
  );

async function createApplication(clientId: string, name: string, body: Record<string, unknown> = {}) {
  const created = await server.admin.post('/api/routing-applications', { name, clientId, ...body });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** Publishes `graph` as the application's next version (the first one becomes active). */
async function publish(applicationId: string, graph: WorkflowGraph): Promise<string> {
  const draft = await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph });
  expect(draft.body.problems).toEqual([]);
  const version = await server.admin.post(`/api/routing-applications/${applicationId}/publish`, {});
  expect(version.status).toBe(201);
  return version.body.id;
}

const deleteGroup = (id: string) => server.admin.delete(`/api/acd-groups/${id}`);

async function expectGroupKept(id: string) {
  expect((await server.admin.get(`/api/acd-groups/${id}`)).status).toBe(200);
}

describe('DELETE /api/acd-groups/:id while something uses the group', () => {
  it('answers 409 naming the routing application whose active version routes to it, and deletes it once another version is active', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Other']);
    const applicationId = await createApplication(clientId, 'Hotline');
    await publish(applicationId, routesTo(groups.Sales!));

    const refused = await deleteGroup(groups.Sales!);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error:
        'The ACD group "Sales" is used by the active version of routing application "Hotline"; point them elsewhere first.',
      usedBy: [{ kind: 'routing_application', id: applicationId, name: 'Hotline', usage: 'active_version' }],
    });
    await expectGroupKept(groups.Sales!);

    // An older version that still names the group runs nowhere: it does not hold the group.
    const second = await publish(applicationId, routesTo(groups.Other!));
    await server.admin.patch(`/api/routing-applications/${applicationId}`, { activeVersionId: second });
    expect((await deleteGroup(groups.Sales!)).status).toBe(204);
    expect((await server.admin.get(`/api/acd-groups/${groups.Sales!}`)).status).toBe(404);
  });

  it("answers 409 when the active version only reads the group's status", async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Watched', 'Target']);
    const applicationId = await createApplication(clientId, 'Status reader');
    await publish(applicationId, readsStatusOf(groups.Watched!, groups.Target!));

    const refused = await deleteGroup(groups.Watched!);
    expect(refused.status).toBe(409);
    expect(refused.body.usedBy).toEqual([
      { kind: 'routing_application', id: applicationId, name: 'Status reader', usage: 'active_version' },
    ]);
    await expectGroupKept(groups.Watched!);
  });

  it('answers 409 naming the test version that routes to it, and deletes it once the test version is unset', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Live', 'Trial']);
    const applicationId = await createApplication(clientId, 'Pilot');
    await publish(applicationId, routesTo(groups.Live!));
    const trial = await publish(applicationId, routesTo(groups.Trial!));
    await server.admin.patch(`/api/routing-applications/${applicationId}`, {
      testVersionId: trial,
      testSenders: ['+491701112223'],
    });

    const refused = await deleteGroup(groups.Trial!);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe(
      'The ACD group "Trial" is used by the test version of routing application "Pilot"; point them elsewhere first.',
    );
    expect(refused.body.usedBy).toEqual([
      { kind: 'routing_application', id: applicationId, name: 'Pilot', usage: 'test_version' },
    ]);

    await server.admin.patch(`/api/routing-applications/${applicationId}`, { testVersionId: null });
    expect((await deleteGroup(groups.Trial!)).status).toBe(204);
  });

  it('answers 409 naming the routing application it is the fallback group of, and deletes it once that changed', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Safety net']);
    const applicationId = await createApplication(clientId, 'Careful', { fallbackAcdGroupId: groups['Safety net'] });

    const refused = await deleteGroup(groups['Safety net']!);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe(
      'The ACD group "Safety net" is used by routing application "Careful" as its fallback group; point them elsewhere first.',
    );
    expect(refused.body.usedBy).toEqual([
      { kind: 'routing_application', id: applicationId, name: 'Careful', usage: 'fallback_acd_group' },
    ]);

    await server.admin.patch(`/api/routing-applications/${applicationId}`, { fallbackAcdGroupId: null });
    expect((await deleteGroup(groups['Safety net']!)).status).toBe(204);
  });

  it('answers 409 naming the connector that routes to it directly, and deletes it once the connector is gone', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Direct']);
    const connector = await createDirectConnector(server.admin, {
      clientId,
      name: 'Sales line',
      requireToken: false,
      acdGroupId: groups.Direct!,
    });

    const refused = await deleteGroup(groups.Direct!);
    expect(refused.status).toBe(409);
    expect(refused.body.usedBy).toEqual([
      { kind: 'connector', id: connector.id, name: 'Sales line', usage: 'acd_group' },
    ]);
    expect((await server.admin.get(`/api/connectors/${connector.id}`)).body.acdGroupId).toBe(groups.Direct);

    expect((await server.admin.delete(`/api/connectors/${connector.id}`)).status).toBe(204);
    expect((await deleteGroup(groups.Direct!)).status).toBe(204);
  });

  it('names every user in one sentence: the active version of an application and a connector', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Shared']);
    const applicationId = await createApplication(clientId, 'Hotline');
    await publish(applicationId, routesTo(groups.Shared!));
    const connector = await createDirectConnector(server.admin, {
      clientId,
      name: 'Sales',
      requireToken: false,
      acdGroupId: groups.Shared!,
    });

    const refused = await deleteGroup(groups.Shared!);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe(
      'The ACD group "Shared" is used by the active version of routing application "Hotline" and connector "Sales"; point them elsewhere first.',
    );
    expect(refused.body.usedBy).toEqual([
      { kind: 'routing_application', id: applicationId, name: 'Hotline', usage: 'active_version' },
      { kind: 'connector', id: connector.id, name: 'Sales', usage: 'acd_group' },
    ]);
  });

  it('answers 409 while the group still holds SMS, and deletes it once they are cancelled', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Busy', 'Elsewhere']);
    const connector = await createDirectConnector(server.admin, {
      clientId,
      name: 'Queue filler',
      requireToken: false,
      acdGroupId: groups.Busy!,
    });
    const smsId = await deliver(server.url, {
      receiver: connector.recipient,
      sender: '+491709998887',
      message: 'waiting for an agent',
    });
    // Nothing configured points at the group any more; its queue still holds the SMS.
    await server.admin.patch(`/api/connectors/${connector.id}`, { acdGroupId: groups.Elsewhere });

    const refused = await deleteGroup(groups.Busy!);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error:
        'The ACD group "Busy" still holds 1 SMS (1 waiting): cancel them in Traffic or let its agents finish them first.',
      usedBy: [],
    });
    await expectGroupKept(groups.Busy!);

    const event = await mediaEventOf(server.admin, smsId);
    expect((await server.admin.post(`/api/media-events/${event.id}/cancel`, {})).status).toBe(200);
    expect((await deleteGroup(groups.Busy!)).status).toBe(204);
  });
});

describe('DELETE /api/routing-applications/:id while a connector routes to it', () => {
  it('answers 409 naming the connector, and deletes it once the connector points elsewhere', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Any']);
    const applicationId = await createApplication(clientId, 'Front door');
    await publish(applicationId, routesTo(groups.Any!));
    const connector = await createRoutingConnector(server.admin, {
      clientId,
      name: 'Main number',
      requireToken: false,
      routingApplicationId: applicationId,
    });

    const refused = await server.admin.delete(`/api/routing-applications/${applicationId}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: 'The routing application "Front door" is used by connector "Main number"; point them elsewhere first.',
      usedBy: [{ kind: 'connector', id: connector.id, name: 'Main number', usage: 'routing_application' }],
    });
    expect((await server.admin.get(`/api/routing-applications/${applicationId}`)).status).toBe(200);

    await server.admin.patch(`/api/connectors/${connector.id}`, { routingApplicationId: null });
    expect((await server.admin.delete(`/api/routing-applications/${applicationId}`)).status).toBe(204);
    expect((await server.admin.get(`/api/routing-applications/${applicationId}`)).status).toBe(404);
  });
});
