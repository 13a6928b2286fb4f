import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../server/config';
import { openDatabase } from '../../../server/db/open-database';
import { startFakeSmsGateway } from '../../support/fake-sms-gateway';
import { createSendConnector, createTenant, expectStatus, waitFor } from '../../support/fixtures';
import { startServerProcess, withProcessDatabase } from '../../support/server-process';
import { PRIVATE_STAND_IN } from '../../support/stand-in-network';
import { enqueue, gatewayConnector, outbound } from './outbox-support';

// Kill -9 with an unsent message in the outbox: the provider fails it for a passing reason while
// the process is killed, and the next process sends it, exactly once. The processes send on the
// stand-in network (the gateway as a private address the client allows).

const ENTRY = { entry: 'test/server/routing/serve-on-stand-in-network.ts' };

describe.each(['pglite', 'postgres'] as const)('the SMS outbox across a SIGKILL on %s', (backend) => {
  it('sends an unsent message exactly once after the restart', async (context) => {
    const gateway = await startFakeSmsGateway();
    let failing = true;
    const delivered: string[] = [];
    gateway.httpAnswer = (request) => {
      const reference = (request.fields as { reference?: string } | null)?.reference ?? '';
      if (failing) return { status: 503, body: { error: 'Service unavailable' } };
      delivered.push(reference);
      return { status: 200, body: { messages: [{ id: `gw-${delivered.length}` }] } };
    };
    try {
      await withProcessDatabase(backend, context, async (env) => {
        const processEnv = {
          ...env,
          SWITCHBOARD_SMS_RETRY_BASE_MS: '100',
          SWITCHBOARD_SMS_LEASE_SECONDS: '2',
          SWITCHBOARD_SMS_MAX_ATTEMPTS: '50',
        };
        const first = await startServerProcess(processEnv, ENTRY);
        const admin = await first.signInAdmin();
        const { clientId } = await createTenant(admin, { client: 'Durable outbox' });
        const connector = await gatewayConnector(admin, gateway, clientId, 'http', { host: PRIVATE_STAND_IN });
        await first.stop();

        // Written while no process runs (PGlite's data directory is the process's while it runs).
        const config = readConfig(env);
        const database = await openDatabase({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          schema: config.databaseSchema,
        });
        const row = await enqueue(database.db, {
          clientId,
          sendConnectorId: connector.id,
          to: '+491701112222',
          text: 'Survives a kill',
          origin: 'agent',
        });
        await database.close();

        const second = await startServerProcess(processEnv, ENTRY);
        await waitFor('two failed attempts', async () => gateway.received.length >= 2, 20_000);
        await second.kill();
        expect(delivered).toEqual([]);

        failing = false;
        const third = await startServerProcess(processEnv, ENTRY);
        try {
          const again = await third.signInAdmin();
          const sent = await waitFor(
            'the message sent after the restart',
            async () => {
              const sms = await outbound(again, row.id);
              return sms.status === 'sent' ? sms : undefined;
            },
            30_000,
          );
          expect(sent.providerMessageId).toBe('gw-1');
          expect(delivered).toEqual([row.id]);
        } finally {
          await third.stop();
        }
        // Nothing more went out while the last process ran down.
        expect(delivered).toEqual([row.id]);
      });
    } finally {
      await gateway.close();
    }
  }, 120_000);

  it('does not send again a message whose process was killed while the provider held the request', async (context) => {
    // A Twilio stand-in that records each request and never answers: the process dies mid-send.
    const held: string[] = [];
    const holder = http.createServer((req) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => held.push(new URLSearchParams(body).get('Body') ?? ''));
    });
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      await withProcessDatabase(backend, context, async (env) => {
        const processEnv = {
          ...env,
          SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('hex'),
          SWITCHBOARD_SMS_LEASE_SECONDS: '2',
        };
        const first = await startServerProcess(processEnv, ENTRY);
        const admin = await first.signInAdmin();
        const { clientId } = await createTenant(admin, { client: 'Lost answer' });
        expectStatus(
          await admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [PRIVATE_STAND_IN] }),
          200,
          'allowing the stand-in',
        );
        const connector = await createSendConnector(admin, {
          clientId,
          driver: 'twilio',
          settings: { accountSid: `AC${'1'.repeat(32)}`, baseUrl: `http://${PRIVATE_STAND_IN}:${port}` },
          credentials: { authToken: 'held-token' },
          defaultSender: '+4930999000',
        });
        await first.stop();

        const config = readConfig(env);
        const database = await openDatabase({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
          schema: config.databaseSchema,
        });
        const row = await enqueue(database.db, {
          clientId,
          sendConnectorId: connector.id,
          to: '+491701112222',
          text: 'Held by the provider',
          origin: 'agent',
        });
        await database.close();

        const second = await startServerProcess(processEnv, ENTRY);
        await waitFor('the provider to hold the request', async () => held.length === 1, 20_000);
        await second.kill();

        const third = await startServerProcess(processEnv, ENTRY);
        try {
          const again = await third.signInAdmin();
          const failed = await waitFor(
            'the message to be marked failed, outcome unknown',
            async () => {
              const sms = await outbound(again, row.id);
              return sms.status === 'failed' ? sms : undefined;
            },
            30_000,
          );
          expect(failed.error).toMatch(/^Outcome unknown/);
          expect(held).toEqual(['Held by the provider']);
        } finally {
          await third.stop();
        }
      });
    } finally {
      holder.closeAllConnections();
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  }, 120_000);
});
