import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/open-database';
import { ApiClient } from '../../support/api-client';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import {
  createTestDatabaseLocation,
  POSTGRES_URL,
  postgresReachable,
  type TestDatabaseLocation,
} from '../../support/test-database';
import { createAcdSetup, deliverRaw, type UserHandle, waitFor } from '../../support/fixtures';

const ADMIN = { SWITCHBOARD_ADMIN_EMAIL: 'admin@shutdown.test', SWITCHBOARD_ADMIN_PASSWORD: 'shutdown password 1' };
/** Generous: the server promises to be gone within 10 s of the signal. */
const EXIT_BOUND_MS = 15_000;

describe.each(['pglite', 'postgres'] as const)('SIGTERM on %s', (backend) => {
  it('ends while a desk stream keeps reconnecting, and keeps every SMS it acknowledged', async (context) => {
    if (backend === 'postgres' && !(await postgresReachable())) return context.skip();
    const location = await createTestDatabaseLocation(backend);
    const server = await startServerProcess({ ...location.env, ...ADMIN });
    try {
      const admin = new ApiClient(server.url);
      await admin.login(ADMIN.SWITCHBOARD_ADMIN_EMAIL, ADMIN.SWITCHBOARD_ADMIN_PASSWORD);
      const setup = await createAcdSetup(admin, { agents: [{ capacity: 1 }] });
      const browser = reconnectingDeskStream(setup.agents[0]!);
      const providers = deliveries(server.url, setup.recipient);
      try {
        await waitFor('the desk stream to open', async () => browser.opened > 0);
        await waitFor('deliveries to flow', async () => providers.acknowledged.length >= 20);
        const justBefore = await deliverWhileStopping(server.url, setup.recipient, 'just before the signal');
        expect(justBefore.status).toBe(200);
        providers.acknowledged.push(justBefore.id!);
        const attemptsBefore = browser.attempts;

        const signalledAt = Date.now();
        server.child.kill('SIGTERM');
        const exit = await exitWithin(server, EXIT_BOUND_MS);
        console.log(`${backend}: exited ${exit} ${Date.now() - signalledAt} ms after SIGTERM`);
        expect(exit, `the server did not exit:\n${server.output().slice(-3000)}`).toBe(0);
        // The desk keeps trying to come back, as a browser does (here: refused, the server is gone).
        await waitFor('the desk to try again', async () => browser.attempts > attemptsBefore);
      } finally {
        await browser.stop();
        await providers.stop();
      }
      const stored = await storedIds(location, providers.acknowledged);
      expect(providers.acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await stopIfRunning(server);
      await location.drop();
    }
  }, 120_000);
});

describe('SIGTERM while a write hangs', () => {
  it('exits non-zero at its deadline and logs what was still open', async (context) => {
    if (!(await postgresReachable())) return context.skip();
    const location = await createTestDatabaseLocation('postgres');
    const server = await startServerProcess({ ...location.env, ...ADMIN });
    const locker = new pg.Client({ connectionString: POSTGRES_URL });
    await locker.connect();
    const waitingForTheLock = `select l.pid from pg_locks l
      where l.relation = '"${location.schema}".inbound_sms'::regclass and not l.granted`;
    try {
      const admin = new ApiClient(server.url);
      await admin.login(ADMIN.SWITCHBOARD_ADMIN_EMAIL, ADMIN.SWITCHBOARD_ADMIN_PASSWORD);
      const setup = await createAcdSetup(admin, { agents: [{ capacity: 1 }] });
      // Another session holds the SMS table: the next SMS batch waits for it without end.
      await locker.query('begin');
      await locker.query(`lock table "${location.schema}".inbound_sms in access exclusive mode`);
      const hung = deliverWhileStopping(server.url, setup.recipient, 'never stored');
      await waitFor('the SMS batch to wait for the lock', async () => {
        const waiting = await locker.query(waitingForTheLock);
        return (waiting.rowCount ?? 0) > 0;
      }).catch(async (error: Error) => {
        const answer = await Promise.race([hung, new Promise((resolve) => setTimeout(() => resolve('pending'), 100))]);
        throw new Error(`${error.message}: the delivery is ${JSON.stringify(answer)}\n${server.output()}`);
      });

      server.child.kill('SIGTERM');
      const exit = await exitWithin(server, EXIT_BOUND_MS);
      expect(exit, server.output().slice(-3000)).toBe(1);
      const forced = server
        .output()
        .split('\n')
        .find((line) => line.includes('shutdown did not finish'));
      expect(forced, server.output().slice(-3000)).toBeDefined();
      expect(JSON.parse(forced!).stillOpen).toContain('SMS store batches');
      // The delivery was never acknowledged.
      expect((await hung).status).not.toBe(200);
    } finally {
      await stopIfRunning(server);
      // The dead process's insert still waits in its session: end it before the lock is let go, or
      // it would run and collide with dropping the schema.
      await locker.query(`select pg_terminate_backend(pid) from (${waitingForTheLock}) w`).catch(() => {});
      await locker.query('rollback').catch(() => {});
      await locker.end();
      await location.drop();
    }
  }, 120_000);
});

/** Resolves with the exit code, or 'still running' once `ms` have passed. */
async function exitWithin(server: ServerProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  try {
    return await Promise.race([server.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function stopIfRunning(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/**
 * A desk as a browser's EventSource keeps it: whenever the stream ends or fails it opens it
 * again (here after 100 ms rather than a browser's 3 s, to press harder), with Last-Event-ID.
 */
function reconnectingDeskStream(agent: UserHandle) {
  const state = { opened: 0, attempts: 0 };
  let running = true;
  let current: AbortController | undefined;
  let lastEventId: string | undefined;
  const loop = (async () => {
    const deadline = Date.now() + 90_000;
    while (running && Date.now() < deadline) {
      current = new AbortController();
      state.attempts++;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', ...agent.api.authHeaders() };
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const response = await fetch(`${agent.api.baseUrl}/api/desk/stream`, { headers, signal: current.signal });
        if (response.status === 200) state.opened++;
        const text = response.body ? await readAll(response.body) : '';
        for (const match of text.matchAll(/^id: ?(.*)$/gm)) lastEventId = match[1];
      } catch {
        // refused, reset or aborted: try again
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    get opened() {
      return state.opened;
    },
    get attempts() {
      return state.attempts;
    },
    async stop() {
      running = false;
      current?.abort();
      await loop;
    },
  };
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text;
}

/** One delivery while the server may be going away: its status and SMS id, or the network error. */
async function deliverWhileStopping(baseUrl: string, recipient: string, message: string) {
  try {
    const response = await deliverRaw(baseUrl, { receiver: recipient, message });
    return { status: response.status as number | string, id: response.body.id };
  } catch (error) {
    return { status: `network error ${(error as { cause?: { code?: string } }).cause?.code}`, id: undefined };
  }
}

/** Two providers delivering without pause until stopped (or the server is gone). */
function deliveries(baseUrl: string, recipient: string) {
  const acknowledged: string[] = [];
  let running = true;
  const lanes = [0, 1].map(async (lane) => {
    const deadline = Date.now() + 90_000;
    for (let n = 0; running && Date.now() < deadline; n++) {
      const answer = await deliverWhileStopping(baseUrl, recipient, `lane ${lane} no ${n}`);
      if (answer.status === 200) acknowledged.push(answer.id!);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  return {
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(lanes);
    },
  };
}

async function storedIds(location: TestDatabaseLocation, ids: string[]): Promise<Set<string>> {
  const database = await openDatabase({
    databaseUrl: location.databaseUrl,
    dataDir: location.dataDir,
    schema: location.schema,
  });
  try {
    const rows = await database.db.selectFrom('inbound_sms').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((row) => row.id));
  } finally {
    await database.close();
  }
}
