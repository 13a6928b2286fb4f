import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import {
  createAcdGroup,
  createClientWithGroups,
  createDirectConnector,
  createSendConnector,
  publishWithConnector,
  uniqueName,
  uniqueNumber,
} from '../../support/fixtures';

const server = useTestServer();
const usedBy = async (path: string) => {
  const response = await server.admin.get(`${path}/used-by`);
  expect(response.status, path).toBe(200);
  return response.body.items;
};

describe('where is this used', () => {
  it('an ACD group lists the versions, fallbacks and connectors that route to it', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Spare']);
    const group = { id: groups['Sales']!, path: `/api/acd-groups/${groups['Sales']}` };
    expect(await usedBy(group.path)).toEqual([]);

    const direct = await createDirectConnector(server.admin, {
      clientId,
      acdGroupId: group.id,
      name: 'Direct to sales',
    });
    const graph = aGraph(
      [
        ['start', 'start'],
        ['route', 'route_to_acd_group', { acdGroupId: group.id, subject: 'SMS' }],
      ],
      [['start', 'next', 'route']],
    );
    const routed = await publishWithConnector(server.admin, clientId, graph, uniqueNumber());
    const fallback = await publishWithConnector(
      server.admin,
      clientId,
      aGraph(
        [
          ['start', 'start'],
          ['route', 'route_to_acd_group', { acdGroupId: groups['Spare']!, subject: 'SMS' }],
        ],
        [['start', 'next', 'route']],
      ),
      uniqueNumber(),
      { fallbackAcdGroupId: group.id },
    );
    const items = await usedBy(group.path);
    expect(items).toEqual(
      expect.arrayContaining([
        { kind: 'connector', id: direct.id, name: 'Direct to sales', usage: 'acd_group' },
        expect.objectContaining({ kind: 'routing_application', usage: 'active_version' }),
        expect.objectContaining({
          kind: 'routing_application',
          id: fallback.applicationId,
          usage: 'fallback_acd_group',
        }),
      ]),
    );
    expect(items).toHaveLength(3);
    expect(await usedBy(`/api/acd-groups/${groups['Spare']}`)).toEqual([
      expect.objectContaining({ kind: 'routing_application', usage: 'active_version' }),
    ]);

    // The application is used by the connector pointed at it.
    expect(await usedBy(`/api/routing-applications/${routed.applicationId}`)).toEqual([
      expect.objectContaining({ kind: 'connector', id: routed.connectorId, usage: 'routing_application' }),
    ]);
  });

  it('a send connector lists the receive connectors that reply through it', async () => {
    const { clientId } = await createClientWithGroups(server.admin, []);
    const group = await createAcdGroup(server.admin, { name: uniqueName('Replies'), clientId });
    const sender = await createSendConnector(server.admin, { clientId });
    expect(await usedBy(`/api/send-connectors/${sender.id}`)).toEqual([]);
    const receiver = await createDirectConnector(server.admin, { clientId, acdGroupId: group.id });
    await server.admin.patch(`/api/connectors/${receiver.id}`, { sendConnectorId: sender.id });
    expect(await usedBy(`/api/send-connectors/${sender.id}`)).toEqual([
      { kind: 'connector', id: receiver.id, name: receiver.name, usage: 'send_connector' },
    ]);
  });
});
