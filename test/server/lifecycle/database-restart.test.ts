import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleWorkflows, EXAMPLE_ACD_GROUP_IDS, withAcdGroups } from '../../../workflows';
import { ApiClient } from '../../support/api-client';
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres, type StopMode } from '../../support/own-postgres';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { startSmtpSink } from '../../support/smtp-sink';
import { openDeskStream } from '../acd/acd-support';
import {
  createAcdSetup,
  createClientWithGroups,
  createSendConnector,
  deliver,
  deliverRaw,
  type AcdSetup,
  publishWithConnector,
  setStatus,
  waitFor,
} from '../../support/fixtures';

/**
 * Two Switchboard processes on a PostgreSQL of this test's own, which the test restarts and stops
 * while providers deliver. A restart ends every connection (a fast one cleanly, an immediate one
 * as a crash would): the processes must live through it, say "not ready" while the database is
 * away and find their way back by themselves.
 */
const ADMIN = { SWITCHBOARD_ADMIN_EMAIL: 'admin@restart.test', SWITCHBOARD_ADMIN_PASSWORD: 'restart password 1' };
const RECEIVER_DIRECT = '+4940777000';
const RECEIVER_ROUTED = '+4940777001';

interface Instance extends ServerProcess {
  name: string;
  /** Set once the process has exited: it must never be. */
  exitCode: number | null | undefined;
}

const available = ownPostgresAvailable();
let postgres: OwnPostgres;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let dataDir: string;
let first: Instance;
let second: Instance;
let admin: ApiClient;
let direct: AcdSetup;
let directToken: string;

beforeAll(async () => {
  if (!available) return;
  postgres = await startOwnPostgres();
  smtp = await startSmtpSink();
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-restart-'));
  const env = {
    ...ADMIN,
    DATABASE_URL: postgres.url,
    SWITCHBOARD_DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    // SMS whose run broke off while the database was away are taken up again soon.
    SWITCHBOARD_ROUTING_LEASE_SECONDS: '2',
  };
  first = instance('first', await startServerProcess(env));
  second = instance('second', await startServerProcess(env));
  admin = new ApiClient(first.url);
  await admin.login(ADMIN.SWITCHBOARD_ADMIN_EMAIL, ADMIN.SWITCHBOARD_ADMIN_PASSWORD);
  direct = await createAcdSetup(admin, { recipient: RECEIVER_DIRECT, requireToken: true });
  directToken = direct.token;
  const { clientId, groups } = await createClientWithGroups(admin, ['Sales', 'Support']);
  const graph = withAcdGroups(exampleWorkflows().keywordRouting, {
    [EXAMPLE_ACD_GROUP_IDS.sales]: groups.Sales!,
    [EXAMPLE_ACD_GROUP_IDS.support]: groups.Support!,
  });
  await publishWithConnector(admin, clientId, graph, RECEIVER_ROUTED);
  // The second instance knows the connectors once it says it is ready.
  await waitFor('the second instance to know the connector', async () => (await deliverTo(second)) === 200);
}, 180_000);

afterAll(async () => {
  for (const server of [first, second]) {
    if (server && server.exitCode === undefined) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
  await smtp?.close();
  await postgres?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarts', () => {
  it('are lived through under load: not ready while away, ready after, and nothing acknowledged is lost', async (context) => {
    if (!available) return context.skip();
    const load = startDeliveries([first, second]);
    const notReadySeen = new Set<string>();
    try {
      const modes: StopMode[] = ['fast', 'immediate', 'fast', 'immediate'];
      for (const mode of modes) {
        const before = load.acknowledged.length;
        await waitFor('deliveries to flow', async () => load.acknowledged.length >= before + 300, 60_000);
        const watch = watchReadiness([first, second]);
        await postgres.restart(mode);
        await waitFor(
          `both instances ready after a ${mode} restart`,
          async () => {
            expectAlive();
            return (await readyz(first)) === 200 && (await readyz(second)) === 200;
          },
          60_000,
        );
        for (const name of await watch.stop()) notReadySeen.add(name);
        expectAlive();
      }
      const before = load.acknowledged.length;
      await waitFor(
        'deliveries to flow after the restarts',
        async () => load.acknowledged.length >= before + 50,
        60_000,
      );
    } finally {
      await load.stop();
    }
    expectAlive();
    const seconds = (Date.now() - load.startedAt) / 1000;
    console.log(
      `restarts under load: ${load.acknowledged.length} acknowledged in ${seconds.toFixed(1)} s, answers ${JSON.stringify(Object.fromEntries(load.answers))}, ` +
        `not ready seen on ${[...notReadySeen].join(', ') || 'none'} (a restart takes a fraction of a second)`,
    );
    expect([...load.answers.keys()].filter((answer) => typeof answer === 'string')).toEqual([]);

    // Deliveries work afterwards, on both instances.
    expect(await deliverTo(first)).toBe(200);
    expect(await deliverTo(second)).toBe(200);
    // Everything answered 200 is in the database.
    const ids = load.acknowledged;
    const stored = await storedIds(ids);
    expect(ids.filter((id) => !stored.has(id))).toEqual([]);
  }, 300_000);

  it('are waited out while the database is down, and what was missed meanwhile is caught up', async (context) => {
    if (!available) return context.skip();
    const desk = await createAcdSetup(admin, { agents: [{ capacity: 1 }], offerTimeoutSeconds: 5 });
    const mailDesk = await createAcdSetup(admin, {
      agents: [{ capacity: 1, smsDelivery: 'email', email: 'mail.agent@restart.test' }],
    });
    await setStatus(mailDesk.agents[0]!, 'available');

    await postgres.stop('immediate');
    // A witness that each instance saw the database go: /readyz says so.
    await waitFor(
      'both instances to say they are not ready',
      async () => (await readyz(first)) === 503 && (await readyz(second)) === 503,
      30_000,
    );
    // Long enough for every background loop to fail against the missing database at least once.
    await waitFor(
      'the background loops to fail',
      async () =>
        [
          'the ACD sweep failed',
          'routing recovery sweep failed',
          'sending e-mail from the outbox failed',
          'sending SMS from the outbox failed',
        ].every((line) => first.output().includes(line)),
      30_000,
    );
    expectAlive();
    await postgres.start();

    // Right away, before the second instance listens again: a change it must catch up on.
    const rotated = await waitFor('rotating the token', async () => {
      const response = await admin.post(`/api/connectors/${direct.connectorId}/token`).catch(() => undefined);
      return response?.status === 200 ? (response.body.token as string) : undefined;
    });
    const secondWasListening = (await readyz(second)) === 200;
    await waitFor('the second instance to be ready', async () => (await readyz(second)) === 200, 60_000);
    // Ready means caught up: the old token no longer works there, the new one does.
    expect(await deliverTo(second, directToken)).toBe(401);
    expect(await deliverTo(second, rotated)).toBe(200);
    directToken = rotated;
    console.log(`the token was rotated ${secondWasListening ? 'after' : 'before'} the second instance listened again`);

    // A change made now reaches the second instance through its renewed LISTEN.
    const again = await admin.post(`/api/connectors/${direct.connectorId}/token`);
    expect(again.status).toBe(200);
    await waitFor(
      'the second instance to refuse the old token',
      async () => (await deliverTo(second, directToken)) === 401,
    );
    expect(await deliverTo(second, again.body.token)).toBe(200);
    directToken = again.body.token;

    // Desk wake-ups cross instances again: an SMS offered on the first reaches a desk open on the
    // second long before the stream's own 15 s re-read could have found it.
    const agent = { ...desk.agents[0]!, api: desk.agents[0]!.api.at(second.url) };
    const stream = openDeskStream(agent);
    try {
      await stream.opened;
      await setStatus(agent, 'available');
      const smsId = await deliver(first.url, { receiver: desk.recipient });
      const offer = await stream.waitForEvent((event) => event.event === 'offer', 10_000);
      expect(offer.data).toMatchObject({ sms: { id: smsId } });
      // The ACD sweep works again: the offer nobody answers expires (after 5 s).
      await stream.waitForEvent((event) => event.event === 'withdrawn', 20_000);
    } finally {
      await stream.close();
    }

    // The outbox worker sends again.
    await deliver(first.url, { receiver: mailDesk.recipient, message: 'by mail after the outage' });
    await waitFor('an e-mail to the agent', async () =>
      smtp.accepted.some((mail) => mail.to.includes('mail.agent@restart.test')),
    );

    // The SMS outbox worker claims and records again: a message through a send connector without
    // credentials fails at once (no provider is reached), woken by the enqueue's notification.
    const sendConnector = await createSendConnector(admin, {
      clientId: mailDesk.clientId,
      driver: 'twilio',
      settings: { accountSid: `AC${'0'.repeat(32)}` },
    });
    const [outbound] = await query<{ id: string }>(
      `insert into outbound_sms (id, client_id, send_connector_id, origin, "to", "from", text, segments, encoding)
       values (gen_random_uuid(), $1, $2, 'system', '+491701112222', '+4930999000', 'after the outage', 1, 'GSM-7')
       returning id`,
      [mailDesk.clientId, sendConnector.id],
    );
    await query(`select pg_notify('switchboard_outbound_sms', '')`);
    await waitFor('the outbound SMS to be tried after the outage', async () => {
      const rows = await query<{ status: string; error: string }>(
        'select status, error from outbound_sms where id = $1',
        [outbound!.id],
      );
      return rows[0]?.status === 'failed' && rows[0].error.includes('cannot send');
    });

    // The routing recovery sweep takes up every run that broke off: no SMS is left waiting.
    await waitFor(
      'every routed SMS to leave "received"',
      async () => {
        const waiting = await query<{ n: number }>(
          `select count(*)::int as n from inbound_sms where status = 'received'`,
        );
        return waiting[0]!.n === 0;
      },
      60_000,
    );
    expectAlive();
  }, 300_000);

  it('leave no desk stream behind: one open through a restart gets what was offered before its instance listened again', async (context) => {
    if (!available) return context.skip();
    const setup = await createAcdSetup(admin, { agents: [{ capacity: 1 }] });
    const agent = { ...setup.agents[0]!, api: setup.agents[0]!.api.at(second.url) };
    await setStatus(agent, 'available');
    const stream = openDeskStream(agent);
    try {
      await stream.opened;
      const openedAt = Date.now();
      await postgres.restart('fast');
      // The first instance's pool connects again at once; the second instance's LISTEN connection
      // comes back after its backoff, so the wake-up this offer sends is likely lost on it.
      const smsId = await waitFor('a delivery after the restart', async () => {
        const response = await deliverRaw(first.url, { receiver: setup.recipient, message: 'Hi' }).catch(
          () => undefined,
        );
        return response?.status === 200 ? response.body.id : undefined;
      });
      const deliveredAt = Date.now();
      const secondWasListening = (await readyz(second)) === 200;
      // Ready means listening again and caught up: the offer reaches the stream at once from then
      // on, not only at the stream's own re-read on its 15 s heartbeat. (The wait is counted from
      // the moment the instance is ready, so a slow restart on a busy machine is no failure.)
      await waitFor('the second instance to be ready', async () => (await readyz(second)) === 200, 60_000);
      const readyAt = Date.now();
      const offer = await stream.waitForEvent((event) => event.event === 'offer', 3000);
      expect(offer.data).toMatchObject({ sms: { id: smsId } });
      console.log(
        `the offer was committed ${secondWasListening ? 'after' : 'before'} the second instance listened again ` +
          `(delivered ${deliveredAt - openedAt} ms, ready ${readyAt - openedAt} ms, offer seen ${Date.now() - openedAt} ms after the stream opened)`,
      );
    } finally {
      await stream.close();
    }
    expectAlive();
  }, 120_000);
});

function instance(name: string, server: ServerProcess): Instance {
  const result: Instance = { ...server, name, exitCode: undefined };
  void server.exited.then((code) => (result.exitCode = code));
  return result;
}

function expectAlive(): void {
  for (const server of [first, second]) {
    expect(server.exitCode, `the ${server.name} instance exited:\n${server.output().slice(-3000)}`).toBeUndefined();
  }
}

async function readyz(server: Instance): Promise<number | string> {
  try {
    return (await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5000) })).status;
  } catch (error) {
    return errorCode(error);
  }
}

/** Polls /readyz of each instance until stopped; answers which ones said "not ready". */
function watchReadiness(servers: Instance[]) {
  const seen = new Set<string>();
  let running = true;
  const polls = servers.map(async (server) => {
    const deadline = Date.now() + 120_000;
    while (running && Date.now() < deadline) {
      if ((await readyz(server)) === 503) seen.add(server.name);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(polls);
      return seen;
    },
  };
}

/** A provider's delivery to the Direct ACD Group connector; answers the status (or the network error). */
async function deliverTo(server: Instance, token = directToken): Promise<number | string> {
  try {
    const response = await fetch(`${server.url}/SMSReceiver`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-switchboard-token': token },
      body: `receiver=${encodeURIComponent(RECEIVER_DIRECT)}&sender=4917012345&message=probe`,
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return errorCode(error);
  }
}

/**
 * Providers delivering without pause (up to 50 SMS/s a lane, 12 lanes) to both instances, to the
 * Direct ACD Group connector and to the Routing Application connector in turn.
 */
function startDeliveries(servers: Instance[]) {
  const acknowledged: string[] = [];
  const answers = new Map<number | string, number>();
  const startedAt = Date.now();
  let running = true;
  const lane = async (laneNo: number) => {
    const deadline = Date.now() + 240_000;
    for (let n = 0; running && Date.now() < deadline; n++) {
      const server = servers[laneNo % servers.length]!;
      const routed = n % 2 === 1;
      let answer: number | string;
      try {
        const response = await fetch(`${server.url}/SMSReceiver`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            ...(routed ? {} : { 'x-switchboard-token': directToken }),
          },
          body: `receiver=${encodeURIComponent(routed ? RECEIVER_ROUTED : RECEIVER_DIRECT)}&sender=49170${laneNo}&message=${routed ? 'sales' : 'lane'}+${laneNo}+no+${n}`,
        });
        answer = response.status;
        const body = (await response.json().catch(() => undefined)) as { id?: string } | undefined;
        if (response.status === 200 && body?.id) acknowledged.push(body.id);
      } catch (error) {
        answer = errorCode(error);
      }
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const lanes = Array.from({ length: 12 }, (_, laneNo) => lane(laneNo));
  return {
    acknowledged,
    answers,
    startedAt,
    async stop() {
      running = false;
      await Promise.all(lanes);
    },
  };
}

async function storedIds(ids: string[]): Promise<Set<string>> {
  const found = await query<{ id: string }>('select id from inbound_sms where id = any($1::uuid[])', [ids]);
  return new Set(found.map((row) => row.id));
}

/** A query on a connection of its own (the test restarts the server under any it would keep). */
async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return `network error ${cause?.code ?? (error as Error).name}`;
}
