import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { WorkflowGraph } from '../../../workflows';
import { openDatabase } from '../../../server/db/open-database';
import type { ApiClient } from '../../support/api-client';
import { startServerProcess, withProcessDatabase, type ServerProcess } from '../../support/server-process';
import {
  createClientWithGroups,
  deliver,
  publishWithConnector,
  routedSms,
  smsById,
  waitFor,
  type Sms,
} from '../../support/fixtures';

const started: ServerProcess[] = [];

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  // A short routing lease, so that a claim a killed instance held runs out soon.
  const server = await startServerProcess({ ...env, SWITCHBOARD_ROUTING_LEASE_SECONDS: '2' });
  started.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(
    started
      .splice(0)
      .filter(({ child }) => child.exitCode === null && child.signalCode === null)
      .map((server) => server.kill()),
  );
});

/** start → ask (wait for reply) → reply: Replied group; timeout: Timed-out group. */
function askingGraph(groups: Record<string, string>, timeoutSeconds: number): WorkflowGraph {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} },
      { id: 'ask', type: 'wait_for_reply', position: { x: 200, y: 0 }, config: { timeoutSeconds, variable: 'answer' } },
      {
        id: 'replied',
        type: 'route_to_acd_group',
        position: { x: 400, y: 0 },
        config: { acdGroupId: groups.Replied, subject: 'Answered {{vars.answer}}' },
      },
      {
        id: 'silent',
        type: 'route_to_acd_group',
        position: { x: 400, y: 200 },
        config: { acdGroupId: groups.Silent },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'ask' },
      { id: 'e2', source: 'ask', sourcePort: 'reply', target: 'replied' },
      { id: 'e3', source: 'ask', sourcePort: 'timeout', target: 'silent' },
    ],
  };
}

async function setUp(server: ServerProcess, receiver: string, timeoutSeconds: number) {
  const admin = await server.signInAdmin();
  const { clientId, groups } = await createClientWithGroups(admin, ['Replied', 'Silent']);
  await publishWithConnector(admin, clientId, askingGraph(groups, timeoutSeconds), receiver);
  return { admin, clientId, groups };
}

/** Polls until the SMS's run waits; answers the SMS as Traffic shows it. */
function waitingSms(admin: ApiClient, smsId: string): Promise<Sms> {
  return waitFor(`SMS ${smsId} waiting`, async () => {
    const sms = await smsById(admin, smsId);
    return sms.execution?.status === 'waiting' && sms;
  });
}

describe.each(['pglite', 'postgres'] as const)('wait for reply on %s', (backend) => {
  it('shows a waiting run in Traffic, and resumes it with a reply after a SIGKILL, starting no new run', async (context) => {
    await withProcessDatabase(backend, context, async (env) => {
      const first = await startServer(env);
      const { admin, clientId, groups } = await setUp(first, '+4960200001', 3600);
      const sender = '+491710000001';
      const question = await deliver(first.url, { receiver: '4960200001', sender, message: 'Hello' });
      const waiting = await waitingSms(admin, question);
      expect(waiting.status).toBe('received');
      expect(waiting.execution).toMatchObject({
        status: 'waiting',
        outcome: null,
        waitingFor: { nodeId: 'ask', sender, receiver: '+4960200001' },
      });
      const { since, until } = waiting.execution!.waitingFor!;
      expect(Date.parse(until) - Date.parse(since)).toBe(3600 * 1000);
      await first.kill();

      const second = await startServer(env);
      const again = await second.signInAdmin();
      // Still waiting after the restart: nothing reran it.
      expect((await smsById(again, question)).execution?.status).toBe('waiting');
      const reply = await deliver(second.url, { receiver: '4960200001', sender, message: 'Billing please' });
      const routed = await routedSms(again, question);
      expect(routed.mediaEvent).toMatchObject({ acdGroupId: groups.Replied, subject: 'Answered Billing please' });
      expect(routed.execution).toMatchObject({ status: 'completed', waitingFor: null });
      expect(routed.execution!.trace.map((step) => [step.nodeId, step.port ?? null])).toEqual([
        ['start', 'next'],
        ['ask', null],
        ['ask', 'reply'],
        ['replied', null],
      ]);
      // The reply joined the conversation and started no run of its own.
      const replySms = await smsById(again, reply);
      expect(replySms).toMatchObject({ status: 'routed', execution: null, mediaEvent: null });
      expect(replySms.conversationId).toBe(routed.conversationId);
      const all = await again.get<{ items: Sms[] }>(`/api/sms?clientId=${clientId}&limit=50`);
      expect(all.body.items.filter((sms) => sms.execution !== null).map((sms) => sms.id)).toEqual([question]);
      await second.stop();
    });
  }, 120_000);

  it('goes on by the timeout port when the timeout passes while no server runs', async (context) => {
    await withProcessDatabase(backend, context, async (env) => {
      const first = await startServer(env);
      const { admin, groups } = await setUp(first, '+4960200002', 1);
      const question = await deliver(first.url, { receiver: '4960200002', sender: '+491710000002' });
      await waitingSms(admin, question).catch(() => undefined); // it may have timed out already
      await first.kill();

      const second = await startServer(env);
      const routed = await routedSms(await second.signInAdmin(), question, 20_000);
      expect(routed.mediaEvent?.acdGroupId).toBe(groups.Silent);
      expect(routed.execution?.trace.filter((step) => step.nodeId === 'ask').map((step) => step.port ?? null)).toEqual([
        null,
        'timeout',
      ]);
      await second.stop();
    });
  }, 120_000);
});

describe('wait for reply on two PostgreSQL instances', () => {
  it('resumes every waiting run exactly once, by reply or by timeout, whichever instance takes it', async (context) => {
    await withProcessDatabase('postgres', context, async (env) => {
      // One after the other: the first creates the bootstrap admin and runs the migrations.
      const a = await startServer(env);
      const b = await startServer(env);
      // Stopped whatever happens: a running instance would deadlock the schema's drop and hide the failure.
      try {
        await bothInstances(env, a, b);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  }, 180_000);

  async function bothInstances(env: Record<string, string>, a: ServerProcess, b: ServerProcess) {
    {
      const { admin, groups } = await setUp(a, '+4960200003', 2);
      const senders = Array.from({ length: 30 }, (_, i) => `+49172000${String(i).padStart(4, '0')}`);
      const questions = await Promise.all(
        senders.map((sender, i) => deliver((i % 2 === 0 ? a : b).url, { receiver: '4960200003', sender })),
      );
      // Each reply once its run waits, so that replies and timeouts race the claims (a reply that comes
      // before its wait is stored is tested in wait-for-reply-race.test.ts).
      await Promise.all(questions.map((id) => waitingSms(admin, id).catch(() => undefined)));
      // Replies from every other sender, each to the instance that did not start its run; the others time out.
      const replied = new Set(senders.filter((_, i) => i % 2 === 0));
      await Promise.all(
        senders.map((sender, i) =>
          replied.has(sender)
            ? deliver((i % 2 === 0 ? b : a).url, { receiver: '4960200003', sender, message: `answer ${i}` })
            : Promise.resolve(''),
        ),
      );
      const routed = await Promise.all(questions.map((id) => routedSms(admin, id, 30_000)));
      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.SWITCHBOARD_DATA_DIR!,
        schema: env.SWITCHBOARD_DB_SCHEMA,
      });
      try {
        const wakes = await sql<{ sms_id: string; state: string; events: string }>`
          select w.sms_id, w.state, (select count(*) from media_event e where e.sms_id = w.sms_id)::text as events
          from waiting_run w where w.sms_id = any(${questions}::uuid[])`.execute(database.db);
        expect(wakes.rows).toHaveLength(30);
        for (const row of wakes.rows) expect(row.events, row.sms_id).toBe('1');
        expect(new Set(wakes.rows.map((row) => row.state))).toEqual(new Set(['resumed', 'timed_out']));
        const executions = await sql<{ count: string }>`
          select count(*)::text as count from workflow_execution e join inbound_sms s on s.id = e.sms_id
          where s.receiver_normalized = '+4960200003'`.execute(database.db);
        expect(executions.rows[0]!.count).toBe('30');
      } finally {
        await database.close();
      }
      routed.forEach((sms, i) => {
        const resumes = sms.execution!.trace.filter((step) => step.nodeId === 'ask' && step.port !== undefined);
        expect(resumes, senders[i]).toHaveLength(1);
        const byReply = resumes[0]!.port === 'reply';
        // A reply sent before the timeout may still lose to it by a hair; each run took exactly one of the two.
        expect(sms.mediaEvent?.acdGroupId).toBe(byReply ? groups.Replied : groups.Silent);
        if (!replied.has(senders[i]!)) expect(byReply).toBe(false);
      });
    }
  }
});

describe('a waiting run that cannot be resumed', () => {
  it('ends as a failed execution, visible in Traffic, instead of being retried forever', async (context) => {
    await withProcessDatabase('postgres', context, async (env) => {
      const server = await startServer(env);
      const { admin } = await setUp(server, '+4960200004', 3600);
      const sender = '+491730000001';
      const question = await deliver(server.url, { receiver: '4960200004', sender });
      await waitingSms(admin, question);
      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir: env.SWITCHBOARD_DATA_DIR!,
        schema: env.SWITCHBOARD_DB_SCHEMA,
      });
      try {
        // A state no version can resume (damaged, or from an engine that stored another format).
        await sql`update waiting_run set snapshot = '{"format":1,"snapshot":"damaged"}'::jsonb
          where sms_id = ${question}`.execute(database.db);
        await deliver(server.url, { receiver: '4960200004', sender, message: 'hello?' });
        const ended = await routedSms(admin, question);
        expect(ended.status).toBe('failed');
        expect(ended.execution).toMatchObject({ status: 'failed', waitingFor: null });
        expect(ended.execution?.outcome?.reason).toContain('The workflow engine failed');
        const wait = await sql<{ state: string }>`select state from waiting_run where sms_id = ${question}`.execute(
          database.db,
        );
        expect(wait.rows).toEqual([{ state: 'resumed' }]);
      } finally {
        await database.close();
      }
      await server.stop();
    });
  }, 120_000);
});
