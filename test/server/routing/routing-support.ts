import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import type { ApiClient } from '../../support/api-client';
import { PRIVATE_STAND_IN } from '../../support/stand-in-network';
import { aGraph } from '../../workflows/fixtures';

/**
 * A workflow that asks `url` and routes the SMS to `answered` on a 2xx answer, to `unanswered` on
 * anything else. The node waits up to 30 s, the longest a node may; the run budget
 * (`SWITCHBOARD_RUN_BUDGET_MS`, 10 s by default) ends a run that waits longer first.
 */
export function askingGraph(url: string, groups: { answered: string; unanswered: string }): WorkflowGraph {
  return aGraph(
    [
      ['start', 'start'],
      ['ask', 'http_request', { method: 'GET', url, timeoutMs: 30_000, saveAs: '' }],
      ['answered', 'route_to_acd_group', { acdGroupId: groups.answered, subject: 'Answered for {{sms.sender}}' }],
      ['unanswered', 'route_to_acd_group', { acdGroupId: groups.unanswered, subject: 'Unanswered for {{sms.sender}}' }],
    ],
    [
      ['start', 'next', 'ask'],
      ['ask', 'success', 'answered'],
      ['ask', 'error', 'unanswered'],
    ],
  );
}

/**
 * A server for workflows' HTTP request nodes on 127.0.0.1, at `PRIVATE_STAND_IN` on the stand-in
 * network. It holds every request (so the run that made it stays inside its node) until `answer()`,
 * and from then on answers each one at once with 200 `{}`. `senders` has the `sender` query
 * parameter of every request that arrived, held or answered, in order.
 */
export async function startHoldingServer() {
  const senders: string[] = [];
  const held = new Set<ServerResponse>();
  let answering = false;
  const reply = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  const server = createServer((req, res) => {
    senders.push(new URL(req.url ?? '/', 'http://holding.test').searchParams.get('sender') ?? '');
    if (answering) return reply(res);
    held.add(res);
    res.on('close', () => held.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    senders,
    /** The URL a workflow asks: `{{sms.sender}}` goes into the `sender` parameter. */
    url: `http://${PRIVATE_STAND_IN}:${port}/customers?sender={{sms.sender}}`,
    /** Resolves once `arrived(senders)` holds. */
    async until(arrived: (senders: string[]) => boolean, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!arrived(senders)) {
        if (Date.now() > deadline) throw new Error(`the requests did not arrive within ${timeoutMs} ms: ${senders}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    answer() {
      answering = true;
      for (const res of held) reply(res);
      held.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Lets the client's workflows reach the stand-in private address (a holding server, …). */
export async function allowStandIn(admin: ApiClient, clientId: string) {
  const allowed = await admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [PRIVATE_STAND_IN] });
  expect(allowed.status).toBe(200);
}
