import { expect } from 'vitest';
import { ApiClient } from '../../support/api-client';
import type { TestServer } from '../../support/test-server';
import { newPassword, uniqueName, uniqueNumber } from '../admin-api/fixtures';

export interface TestAgent {
  id: string;
  email: string;
  api: ApiClient;
}

export interface AcdSetup {
  clientId: string;
  groupId: string;
  recipient: string;
  agents: TestAgent[];
}

export interface AgentSpec {
  capacity?: number;
  priority?: number;
  smsDelivery?: 'web' | 'email';
  email?: string;
}

/** A client with agents, one ACD group holding them, and a Direct ACD Group connector without token. */
/** A running Switchboard and a client logged in as a system admin. */
export type AdminOf = Pick<TestServer, 'url' | 'admin'>;

export async function createAcdSetup(
  server: AdminOf,
  options: { agents: AgentSpec[]; strategy?: 'longest_idle' | 'round_robin'; offerTimeoutSeconds?: number },
): Promise<AcdSetup> {
  const { admin } = server;
  const reseller = await admin.post('/api/resellers', { name: uniqueName('ACD reseller') });
  const client = await admin.post('/api/clients', { name: uniqueName('ACD client'), resellerId: reseller.body.id });
  const clientId = client.body.id as string;
  const agents: TestAgent[] = [];
  for (const [index, spec] of options.agents.entries()) {
    agents.push(await createAgent(server, clientId, spec, `Agent ${index + 1}`));
  }
  const group = await admin.post('/api/acd-groups', {
    name: uniqueName('Support'),
    clientId,
    strategy: options.strategy ?? 'longest_idle',
    offerTimeoutSeconds: options.offerTimeoutSeconds ?? 30,
    members: agents.map((agent, index) => ({ agentId: agent.id, priority: options.agents[index]!.priority ?? 0 })),
  });
  expect(group.status).toBe(201);
  const recipient = uniqueNumber();
  const connector = await admin.post('/api/connectors', {
    name: `Connector ${recipient}`,
    recipient,
    requireToken: false,
    routingType: 'direct_acd_group',
    acdGroupId: group.body.id,
    subject: 'Customer SMS',
    clientId,
  });
  expect(connector.status).toBe(201);
  return { clientId, groupId: group.body.id, recipient, agents };
}

export async function createAgent(
  server: AdminOf,
  clientId: string,
  spec: AgentSpec,
  displayName: string,
): Promise<TestAgent> {
  const password = newPassword();
  const email = spec.email ?? `${uniqueName('agent').replace(' ', '')}@example.test`;
  const created = await server.admin.post('/api/users', {
    email,
    password,
    role: 'agent',
    clientId,
    displayName,
    capacity: spec.capacity ?? 1,
    smsDelivery: spec.smsDelivery ?? 'web',
  });
  expect(created.status).toBe(201);
  const api = new ApiClient(server.url);
  await api.login(email, password);
  return { id: created.body.id, email, api };
}

export async function setStatus(agent: TestAgent, status: string): Promise<void> {
  const response = await agent.api.put('/api/desk/status', { status });
  expect(response.status).toBe(200);
}

/** Delivers an SMS to `recipient`; answers the SMS id. */
export async function deliverSms(baseUrl: string, recipient: string, message = 'Hello'): Promise<string> {
  const query = new URLSearchParams({ receiver: recipient, sender: '+4915112345678', message });
  const response = await fetch(`${baseUrl}/SMSReceiver?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Desk {
  status: string;
  lastEventId: number;
  offers: Array<{ id: string; sms: { id: string; message: string }; deadline: string }>;
  accepted: Array<{ id: string; sms: { id: string } }>;
  history: Array<{ id: string; outcome: string }>;
}

export async function desk(agent: TestAgent): Promise<Desk> {
  const response = await agent.api.get('/api/desk');
  expect(response.status).toBe(200);
  return response.body;
}

/** Waits until the SMS's media event is offered to one of `agents`; answers that agent and the event id. */
export async function offeredTo(agents: TestAgent[], smsId: string, timeoutMs = 10_000) {
  return waitFor(
    `an offer of SMS ${smsId}`,
    async () => {
      for (const agent of agents) {
        const offer = (await desk(agent)).offers.find((o) => o.sms.id === smsId);
        if (offer) return { agent, mediaEventId: offer.id };
      }
      return undefined;
    },
    timeoutMs,
  );
}

export async function mediaEventOf(server: TestServer, smsId: string) {
  const response = await server.admin.get(`/api/media-events?smsId=${smsId}`);
  expect(response.status).toBe(200);
  return response.body.items[0] as { id: string; state: string; agentId: string | null };
}

export interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** Reads a desk stream over a real socket; `events` fills as they arrive. */
export function openDeskStream(agent: TestAgent, options: { lastEventId?: number } = {}) {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const headers: Record<string, string> = { accept: 'text/event-stream', ...agent.api.authHeaders() };
  if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
  const opened = fetch(`${agent.api.baseUrl}/api/desk/stream`, { headers, signal: controller.signal });
  const done = (async () => {
    const response = await opened;
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.event)
            events.push({ id: fields.id ?? '', event: fields.event, data: JSON.parse(fields.data ?? '{}') });
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  return {
    events,
    /** Resolves once the server answered: from then on, the stream is woken by new desk events. */
    opened: opened.then(() => undefined),
    async close() {
      controller.abort();
      await done.catch(() => {});
    },
    waitForEvent(predicate: (event: SseEvent) => boolean, timeoutMs = 10_000) {
      return waitFor('a desk stream event', async () => events.find(predicate), timeoutMs);
    },
  };
}
