import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowGraph, WorkflowNode } from '../../../workflows';
import { uuid7 } from '../../../server/db/uuid7';
import type { ApiClient } from '../../support/api-client';
import { PRIVATE_STAND_IN, standInNetwork } from '../../support/stand-in-network';
import { startTestServer, useTestServer } from '../../support/test-server';
import {
  createClientWithGroups,
  deliver,
  publishWithConnector,
  routedSms,
  smsById,
  waitFor,
  type Sms,
} from '../../support/fixtures';

/**
 * A reply that comes before its run has stored the wait (issue 15): customers answer fast. The
 * run is held inside an HTTP request node (a CRM on 127.0.0.1 that answers only when the test
 * lets it) while the reply is stored, so the reply always comes first.
 */
let crm: Server;
let port: number;
/** Requests the CRM holds, by the path they asked for; `release` answers them. */
const held = new Map<string, () => void>();

beforeAll(async () => {
  crm = createServer((req, res) => {
    held.set(req.url ?? '', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  port = (crm.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const release of held.values()) release();
  await new Promise<void>((resolve) => crm.close(() => resolve()));
});

/** Waits until the run of `sender` is held in the CRM request. */
function heldRequest(sender: string): Promise<() => void> {
  return waitFor(`the CRM request of ${sender}`, async () => {
    const url = [...held.keys()].find((key) => key.includes(sender.slice(1)));
    if (url === undefined) return false;
    const release = held.get(url)!;
    held.delete(url);
    return release;
  });
}

const node = (id: string, type: string, config: Record<string, unknown>, x: number): WorkflowNode => ({
  id,
  type,
  position: { x, y: 0 },
  config,
});

/** `steps` one after the other, each wait's reply port to the next; timeouts (and errors) go to Silent. */
function chain(groups: Record<string, string>, steps: WorkflowNode[]): WorkflowGraph {
  const silent = node('silent', 'route_to_acd_group', { acdGroupId: groups.Silent }, 0);
  const replied = node(
    'replied',
    'route_to_acd_group',
    { acdGroupId: groups.Replied, subject: '{{vars.first}} / {{vars.second}}' },
    0,
  );
  const ids = ['start', ...steps.map((step) => step.id), 'replied'];
  const edges = ids.slice(0, -1).flatMap((source, i) => {
    const step = steps[i - 1];
    const port = source === 'start' ? 'next' : step?.type === 'wait_for_reply' ? 'reply' : 'success';
    const next = { id: `e${i}`, source, sourcePort: port, target: ids[i + 1]! };
    if (step?.type === 'wait_for_reply')
      return [next, { id: `t${i}`, source, sourcePort: 'timeout', target: 'silent' }];
    if (step?.type === 'http_request') return [next, { id: `x${i}`, source, sourcePort: 'error', target: 'silent' }];
    return [next];
  });
  return { schemaVersion: 1, nodes: [node('start', 'start', {}, 0), ...steps, replied, silent], edges };
}

const ask = (id: string, variable: string) => node(id, 'wait_for_reply', { timeoutSeconds: 3600, variable }, 200);
const hold = () =>
  node(
    'crm',
    'http_request',
    { method: 'GET', url: `http://crm.private.test:${port}/hold/{{sms.sender}}`, timeoutMs: 8000, saveAs: '' },
    100,
  );

/** Polls until the SMS's run waits at `nodeId`; answers it as Traffic shows it. */
function waitingAt(admin: ApiClient, smsId: string, nodeId: string): Promise<Sms> {
  return waitFor(`SMS ${smsId} waiting at ${nodeId}`, async () => {
    const sms = await smsById(admin, smsId);
    return sms.execution?.status === 'waiting' && sms.execution.waitingFor?.nodeId === nodeId && sms;
  });
}

const path = (sms: Sms) =>
  sms.execution!.trace.map((step) => (step.port ? `${step.nodeId}:${step.port}` : step.nodeId));

describe.each(['pglite', 'postgres'] as const)('a reply before its wait is stored, on %s', (backend) => {
  const server = useTestServer({ backend, httpNetwork: standInNetwork({ 'crm.private.test': PRIVATE_STAND_IN }) });
  let receiverSequence = 0;

  async function application(steps: WorkflowNode[]) {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Replied', 'Silent']);
    await server.admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: ['crm.private.test'] });
    receiverSequence += 1;
    const receiver = `49603${backend === 'pglite' ? 1 : 2}0000${receiverSequence}`;
    await publishWithConnector(server.admin, clientId, chain(groups, steps), `+${receiver}`);
    return { clientId, groups, receiver };
  }

  it('wakes the wait with a reply stored while the run was on its way to it, and with it only once', async () => {
    const { groups, receiver } = await application([hold(), ask('ask1', 'first'), ask('ask2', 'second')]);
    const sender = '+491740000001';
    const question = await deliver(server.url, { receiver, sender, message: 'Hello' });
    const release = await heldRequest(sender);
    const reply = await deliver(server.url, { receiver, sender, message: 'Billing' });
    // Stored into the conversation before the run reached its wait: nothing woke yet.
    const stored = await smsById(server.admin, reply);
    expect(stored).toMatchObject({ status: 'routed', execution: null, mediaEvent: null });
    expect((await smsById(server.admin, question)).execution).toBeNull();
    release();

    // The first wait took the reply; the second waits for one of its own, as Traffic shows.
    const waiting = await waitingAt(server.admin, question, 'ask2');
    expect(waiting.status).toBe('received');
    expect(waiting.execution?.waitingFor).toMatchObject({ nodeId: 'ask2', sender, receiver: `+${receiver}` });
    expect(path(waiting)).toEqual(['start:next', 'crm:success', 'ask1', 'ask1:reply', 'ask2']);
    expect(waiting.execution!.trace.find((step) => step.port === 'reply')?.vars).toEqual({ first: 'Billing' });

    await deliver(server.url, { receiver, sender, message: 'Tomorrow' });
    const routed = await routedSms(server.admin, question);
    expect(routed.mediaEvent).toMatchObject({ acdGroupId: groups.Replied, subject: 'Billing / Tomorrow' });
    expect(path(routed)).toEqual(['start:next', 'crm:success', 'ask1', 'ask1:reply', 'ask2', 'ask2:reply', 'replied']);
    expect(routed.execution?.waitingFor).toBeNull();
    const replySms = await smsById(server.admin, reply);
    expect(replySms).toMatchObject({ status: 'routed', execution: null, mediaEvent: null });
    expect(replySms.conversationId).toBe(routed.conversationId);
  });

  it('wakes the next wait with a reply that came while the run went on from the last one', async () => {
    const { groups, receiver } = await application([ask('ask1', 'first'), hold(), ask('ask2', 'second')]);
    const sender = '+491740000002';
    const question = await deliver(server.url, { receiver, sender, message: 'Hello' });
    await waitingAt(server.admin, question, 'ask1');
    await deliver(server.url, { receiver, sender, message: 'one' });
    const release = await heldRequest(sender);
    await deliver(server.url, { receiver, sender, message: 'two' });
    release();

    const routed = await routedSms(server.admin, question);
    expect(routed.mediaEvent).toMatchObject({ acdGroupId: groups.Replied, subject: 'one / two' });
    expect(path(routed)).toEqual(['start:next', 'ask1', 'ask1:reply', 'crm:success', 'ask2', 'ask2:reply', 'replied']);
  });

  it('takes the stored replies one per wait, in order, until the step limit ends a loop through the wait', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Replied', 'Silent']);
    await server.admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: ['crm.private.test'] });
    const graph: WorkflowGraph = {
      schemaVersion: 1,
      nodes: [
        node('start', 'start', {}, 0),
        hold(),
        ask('ask1', 'first'),
        node('silent', 'route_to_acd_group', { acdGroupId: groups.Silent }, 300),
      ],
      edges: [
        { id: 'e1', source: 'start', sourcePort: 'next', target: 'crm' },
        { id: 'e2', source: 'crm', sourcePort: 'success', target: 'ask1' },
        { id: 'e3', source: 'crm', sourcePort: 'error', target: 'silent' },
        { id: 'e4', source: 'ask1', sourcePort: 'reply', target: 'ask1' },
        { id: 'e5', source: 'ask1', sourcePort: 'timeout', target: 'silent' },
      ],
    };
    const receiver = `49603${backend === 'pglite' ? 1 : 2}09999`;
    await publishWithConnector(server.admin, clientId, graph, `+${receiver}`);
    const sender = '+491740000004';
    const question = await deliver(server.url, { receiver, sender, message: 'Hello' });
    const release = await heldRequest(sender);
    for (let i = 0; i < 110; i += 1) await deliver(server.url, { receiver, sender, message: `answer ${i}` });
    release();

    const ended = await routedSms(server.admin, question, 30_000);
    expect(ended.status).toBe('failed');
    expect(ended.execution?.outcome?.reason).toContain('The step limit of 100 was reached');
    const taken = ended.execution!.trace.filter((step) => step.port === 'reply').map((step) => step.vars?.first);
    // Start, the request and 98 entries of the wait are the 100 steps; the last 12 replies stay untaken.
    expect(taken).toHaveLength(98);
    expect(taken).toEqual(taken.map((_, i) => `answer ${i}`));
  }, 60_000);

  it('wakes a wait with a reply committed after the wait looked for one, by the next sweep', async () => {
    const { groups, receiver } = await application([ask('ask1', 'first'), ask('ask2', 'second')]);
    const sender = '+491740000003';
    const question = await deliver(server.url, { receiver, sender, message: 'Hello' });
    const waiting = await waitingAt(server.admin, question, 'ask1');
    // What an intake statement that began before the wait was committed leaves: the SMS in the
    // conversation, and the wait not woken by it.
    const db = server.switchboard.database.db;
    for (const text of ['late', 'later']) {
      await sql`
        insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver, receiver_normalized,
          message, status, raw, received_at, conversation_id)
        select ${uuid7()}, client_id, connector_id, sender, sender_normalized, receiver, receiver_normalized,
          ${text}, 'routed', '{}'::jsonb, now(), conversation_id
        from inbound_sms where id = ${question}`.execute(db);
    }
    const routed = await routedSms(server.admin, question);
    expect(routed.conversationId).toBe(waiting.conversationId);
    expect(routed.mediaEvent).toMatchObject({ acdGroupId: groups.Replied, subject: 'late / later' });
    expect(path(routed)).toEqual(['start:next', 'ask1', 'ask1:reply', 'ask2', 'ask2:reply', 'replied']);
  });
});

describe('a reply before its wait is stored, on two PostgreSQL instances', () => {
  const network = () => standInNetwork({ 'crm.private.test': PRIVATE_STAND_IN });
  const a = useTestServer({ backend: 'postgres', httpNetwork: network() });

  it('wakes every wait with its own reply exactly once, whichever instance stores the reply or the wait', async () => {
    const { clientId, groups } = await createClientWithGroups(a.admin, ['Replied', 'Silent']);
    await a.admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: ['crm.private.test'] });
    const receiver = '4960390001';
    await publishWithConnector(a.admin, clientId, chain(groups, [hold(), ask('ask1', 'first')]), `+${receiver}`);
    // Started after the connector exists, so it knows it from its own start-up load.
    const b = await startTestServer({ shareDatabaseOf: a, httpNetwork: network() });
    try {
      const senders = Array.from({ length: 30 }, (_, i) => `+49175000${String(i).padStart(4, '0')}`);
      const instance = (i: number, other = false) => ((i % 2 === 0) !== other ? a : b);
      const questions = await Promise.all(
        senders.map((sender, i) => deliver(instance(i).url, { receiver, sender, message: 'Hello' })),
      );
      const releases = await Promise.all(senders.map((sender) => heldRequest(sender)));
      // Half the replies come while their runs are held; the other half as the runs go on to the wait.
      const early = senders.map((_, i) => i < 15);
      const reply = (i: number) =>
        deliver(instance(i, true).url, { receiver, sender: senders[i]!, message: `answer ${i}` });
      const replies = await Promise.all(senders.map((_, i) => (early[i] ? reply(i) : undefined)));
      await Promise.all(
        senders.map(async (_, i) => {
          releases[i]!();
          if (!early[i]) replies[i] = await reply(i);
        }),
      );

      const routed = await Promise.all(questions.map((id) => routedSms(a.admin, id, 20_000)));
      routed.forEach((sms, i) => {
        expect(sms.mediaEvent, senders[i]).toMatchObject({ acdGroupId: groups.Replied, subject: `answer ${i} / ` });
        expect(path(sms), senders[i]).toEqual(['start:next', 'crm:success', 'ask1', 'ask1:reply', 'replied']);
      });
      const wakes = await sql<{ sms_id: string; wake_sms_id: string; state: string }>`
        select sms_id, wake_sms_id, state from waiting_run where sms_id = any(${questions}::uuid[])`.execute(
        a.switchboard.database.db,
      );
      expect(wakes.rows).toHaveLength(30);
      for (const row of wakes.rows) {
        const i = questions.indexOf(row.sms_id);
        expect(row, senders[i]).toEqual({ sms_id: row.sms_id, wake_sms_id: replies[i], state: 'resumed' });
      }
    } finally {
      await b.close();
    }
  }, 60_000);
});
