import { describe, expect, it } from 'vitest';
import { exampleWorkflows, EXAMPLE_ACD_GROUP_IDS, withAcdGroups } from '../../../workflows';
import { openDatabase } from '../../../server/db/open-database';
import { uuid7 } from '../../../server/db/uuid7';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { startServerProcess } from '../../support/server-process';
import { createTestDatabaseLocation, postgresReachable } from '../../support/test-database';
import { createClientWithGroups, publishWithConnector, routedSms } from './routing-support';

const ADMIN = { SWITCHBOARD_ADMIN_EMAIL: 'admin@recovery.test', SWITCHBOARD_ADMIN_PASSWORD: 'recovery password 1' };

describe.each(['pglite', 'postgres'] as const)('crash recovery on %s', (backend) => {
  it('routes every acknowledged SMS after a SIGKILL and a restart, also those a dead instance had leased', async (context) => {
    if (backend === 'postgres' && !(await postgresReachable())) return context.skip();
    const location = await createTestDatabaseLocation(backend);
    // A short lease, so that on PostgreSQL the restarted instance may take over quickly.
    const env = { ...location.env, ...ADMIN, SWITCHBOARD_ROUTING_LEASE_SECONDS: '1' };
    try {
      const first = await startServerProcess(env);
      const admin = new ApiClient(first.url);
      await admin.login(ADMIN.SWITCHBOARD_ADMIN_EMAIL, ADMIN.SWITCHBOARD_ADMIN_PASSWORD);
      const { clientId, groups } = await createClientWithGroups(admin, ['Sales', 'Support']);
      const graph = withAcdGroups(exampleWorkflows().keywordRouting, {
        [EXAMPLE_ACD_GROUP_IDS.sales]: groups.Sales!,
        [EXAMPLE_ACD_GROUP_IDS.support]: groups.Support!,
      });
      const { connectorId } = await publishWithConnector(admin, clientId, graph, '+4960100001');

      const acknowledged = (
        await Promise.all(
          Array.from({ length: 100 }, async (_, i) => {
            const response = await fetch(
              `${first.url}/SMSReceiver?receiver=4960100001&sender=4917${i}&message=sales+${i}`,
            );
            return response.status === 200 ? ((await response.json()) as { id: string }).id : undefined;
          }),
        )
      ).filter((id): id is string => id !== undefined);
      first.child.kill('SIGKILL');
      await first.exited;

      // SMS that a dead instance acknowledged and leased, but never routed.
      const database = await openDatabase({
        databaseUrl: location.databaseUrl,
        dataDir: location.dataDir,
        schema: location.schema,
      });
      const orphans = Array.from({ length: 5 }, () => uuid7());
      await database.db
        .insertInto('inbound_sms')
        .values(
          orphans.map((id) => ({
            id,
            client_id: clientId,
            connector_id: connectorId,
            sender: '+49170',
            sender_normalized: '+49170',
            receiver: '+4960100001',
            receiver_normalized: '+4960100001',
            message: 'sales request left by a dead instance',
            keyword: null,
            message_id: null,
            status: 'received' as const,
            raw: '{}',
            routing_lease_until: new Date(Date.now() + 500),
          })),
        )
        .execute();
      await database.close();

      const second = await startServerProcess(env);
      try {
        const again = new ApiClient(second.url);
        await again.login(ADMIN.SWITCHBOARD_ADMIN_EMAIL, ADMIN.SWITCHBOARD_ADMIN_PASSWORD);
        expect(acknowledged.length).toBe(100);
        for (const id of [...acknowledged, ...orphans]) {
          const sms = await routedSms(again, id, 20_000);
          expect(sms.status, id).toBe('routed');
          expect(sms.mediaEvent.acdGroupId).toBe(groups.Sales);
          expect(sms.execution.status).toBe('completed');
        }
        const executions: ApiResponse = await again.get(`/api/media-events?acdGroupId=${groups.Sales}&limit=200`);
        expect(executions.body.items).toHaveLength(105);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      await location.drop();
    }
  }, 120_000);
});
