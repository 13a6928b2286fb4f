import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/schema';
import { openDatabase } from '../../../server/db/open-database';
import { uuid7 } from '../../../server/db/uuid7';
import type { ApiResponse } from '../../support/api-client';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { createTestDatabaseLocation, postgresReachable, type TestDatabaseLocation } from '../../support/test-database';
import { allowStandIn, askingGraph, startHoldingServer } from './routing-support';
import { createClientWithGroups, deliver, publishWithConnector, routedSms } from '../../support/fixtures';

const ADMIN = { SWITCHBOARD_ADMIN_EMAIL: 'admin@recovery.test', SWITCHBOARD_ADMIN_PASSWORD: 'recovery password 1' };
const MAX_ATTEMPTS = 5; // the engine's default

const started: ServerProcess[] = [];

/** A server process whose workflows reach the holding server through the stand-in network. */
async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env, { entry: 'test/server/routing/serve-on-stand-in-network.ts' });
  started.push(server);
  return server;
}

afterEach(async () => {
  // Whatever a failed test left running.
  await Promise.all(
    started
      .splice(0)
      .filter(({ child }) => child.exitCode === null && child.signalCode === null)
      .map(kill),
  );
});

async function kill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** Opens the database while no server runs (PGlite's data folder allows one user at a time). */
async function withDatabase<T>(location: TestDatabaseLocation, use: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = await openDatabase({
    databaseUrl: location.databaseUrl,
    dataDir: location.dataDir,
    schema: location.schema,
  });
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}

const routingStates = (db: Kysely<Database>, ids: string[]) =>
  db
    .selectFrom('inbound_sms')
    .select(['id', 'status', 'routing_attempts'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();

describe.each(['pglite', 'postgres'] as const)('crash recovery on %s', (backend) => {
  it('routes every acknowledged SMS after a SIGKILL in the middle of their runs, also those a dead instance had leased, and takes new SMS meanwhile', async (context) => {
    if (backend === 'postgres' && !(await postgresReachable())) return context.skip();
    const location = await createTestDatabaseLocation(backend);
    // A short lease, so that on PostgreSQL the restarted instance may take over quickly.
    const env = { ...location.env, ...ADMIN, SWITCHBOARD_ROUTING_LEASE_SECONDS: '1' };
    const crm = await startHoldingServer();
    try {
      const first = await startServer(env);
      const admin = await first.signInAdmin();
      const { clientId, groups } = await createClientWithGroups(admin, ['Answered', 'Unanswered']);
      await allowStandIn(admin, clientId);
      const { connectorId } = await publishWithConnector(
        admin,
        clientId,
        askingGraph(crm.url, { answered: groups.Answered!, unanswered: groups.Unanswered! }),
        '+4960100001',
      );

      const senders = Array.from({ length: 100 }, (_, i) => `+4917100${String(i).padStart(4, '0')}`);
      const acknowledged = await Promise.all(
        senders.map((sender, i) =>
          deliver(first.url, { receiver: '4960100001', sender: sender, message: `question ${i}` }),
        ),
      );
      // Every run is inside its HTTP request, which is never answered, when the process dies (about
      // 0.4 s after the first delivery here, well within the 10 s run budget that would end them).
      await crm.until((arrived) => senders.every((sender) => arrived.includes(sender)));
      await kill(first);

      // SMS that a dead instance acknowledged and leased, but never routed.
      const orphans = Array.from({ length: 5 }, () => uuid7());
      const beforeRestart = await withDatabase(location, async (db) => {
        await db
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
              message: 'left by a dead instance',
              keyword: null,
              message_id: null,
              status: 'received' as const,
              raw: '{}',
              routing_lease_until: new Date(Date.now() + 500),
            })),
          )
          .execute();
        return routingStates(db, acknowledged);
      });
      // None of them was routed: only the restart can route them.
      expect(beforeRestart).toHaveLength(100);
      expect(beforeRestart.filter((sms) => sms.status !== 'received')).toEqual([]);

      const heldBeforeRestart = crm.senders.length;
      const second = await startServer(env);
      try {
        // The restarted instance takes new SMS while the runs it recovered still wait for their answer.
        await crm.until((arrived) => arrived.length >= heldBeforeRestart + 105);
        const during = await deliver(second.url, {
          receiver: '4960100001',
          sender: '+491720000001',
          message: 'asked during the recovery',
        });
        crm.answer();
        const again = await second.signInAdmin();
        for (const id of [...acknowledged, ...orphans, during]) {
          const sms = await routedSms(again, id, 20_000);
          expect(sms.status, id).toBe('routed');
          expect(sms.mediaEvent?.acdGroupId).toBe(groups.Answered);
          expect(sms.execution?.status).toBe('completed');
        }
        const events: ApiResponse = await again.get(`/api/media-events?acdGroupId=${groups.Answered}&limit=200`);
        expect(events.body.items).toHaveLength(106);
      } finally {
        crm.answer(); // a graceful stop waits for the runs
        await second.stop();
      }
    } finally {
      await crm.close();
      await location.drop();
    }
  }, 180_000);

  it(`writes an SMS off to the fallback group once ${MAX_ATTEMPTS} restarted lives died routing it (a crash loop)`, async (context) => {
    if (backend === 'postgres' && !(await postgresReachable())) return context.skip();
    const location = await createTestDatabaseLocation(backend);
    const env = { ...location.env, ...ADMIN, SWITCHBOARD_ROUTING_LEASE_SECONDS: '1' };
    // Never answers: every life dies while its run of the SMS waits inside the HTTP request.
    const crm = await startHoldingServer();
    try {
      let life = await startServer(env);
      const admin = await life.signInAdmin();
      const { clientId, groups } = await createClientWithGroups(admin, ['Answered', 'Unanswered', 'Fallback']);
      await allowStandIn(admin, clientId);
      await publishWithConnector(
        admin,
        clientId,
        askingGraph(crm.url, { answered: groups.Answered!, unanswered: groups.Unanswered! }),
        '+4960100002',
        { fallbackAcdGroupId: groups.Fallback! },
      );
      const smsId = await deliver(life.url, {
        receiver: '4960100002',
        sender: '+491710000001',
        message: 'crashes every server',
      });

      // The first life runs it from memory, each later one claims it (one attempt each) and runs it;
      // every one of them dies while its run waits for the answer, and answers requests until then.
      for (let lives = 1; lives <= MAX_ATTEMPTS + 1; lives++) {
        await crm.until((arrived) => arrived.length === lives);
        expect((await fetch(`${life.url}/healthz`)).status).toBe(200);
        await kill(life);
        life = await startServer(env);
      }

      try {
        const sms = await routedSms(await life.signInAdmin(), smsId, 20_000);
        expect(sms.status).toBe('routed');
        expect(sms.mediaEvent).toMatchObject({ acdGroupId: groups.Fallback, state: 'queued' });
        expect(sms.execution).toMatchObject({
          status: 'failed',
          outcome: {
            kind: 'failed',
            reason: `Routing was attempted ${MAX_ATTEMPTS} times without finishing; the server log has the errors`,
          },
        });
        // The write-off runs no workflow: no request beyond the one of each life that died.
        expect(crm.senders).toEqual(Array.from({ length: MAX_ATTEMPTS + 1 }, () => '+491710000001'));
      } finally {
        await life.stop();
      }
      const [written] = await withDatabase(location, (db) => routingStates(db, [smsId]));
      expect(written).toMatchObject({ status: 'routed', routing_attempts: MAX_ATTEMPTS + 1 });
    } finally {
      await crm.close();
      await location.drop();
    }
  }, 300_000);
});
