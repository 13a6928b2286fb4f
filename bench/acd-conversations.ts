/**
 * bench:acd's conversation scenario: 200 agents each holding conversations, the customers
 * writing into them, and the agents answering.
 *
 * - Set-up: 20 groups of 10 agents; each group's connector names a send connector (generic
 *   HTTP) whose gateway is a fake provider in this process. Every agent accepts the offers that
 *   reach its desk, so that each ends up holding CONVERSATIONS_PER_AGENT conversations.
 * - Inbound: the customers write into their held conversations, open-loop at --rate. Each SMS
 *   must reach the holding agent's desk as a `message` event (no offer, no media event), once.
 *   Measured: request sent → on the desk.
 * - Replies: the agents answer through POST /api/desk/conversations/:id/messages at
 *   --reply-rate. Each reply must reach the fake provider exactly once. Measured: reply sent →
 *   received by the provider.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { AdminSession } from './support/admin';
import { cpuReportLines, cpuShares, cpuSnapshot } from './support/cpu-meter';
import { sessionCookie, type HttpClient, type SseEvent } from './support/http-client';
import { openLoop, percentile, type OpenLoopResult } from './support/open-loop';
import { int, log, ms, renderTable } from './support/report';

/** The private address the server's stand-in network dials on 127.0.0.1 (see STAND_IN_ENTRY). */
const GATEWAY_HOST = '10.20.30.40';
/**
 * The server as `server/index.ts` serves it, except that outbound HTTP goes out on the tests'
 * stand-in network: the gateway stands "on a private network" the client allows, every address
 * check runs as in production, and the connection reaches this process on 127.0.0.1.
 */
export const STAND_IN_ENTRY = 'test/server/routing/serve-on-stand-in-network.ts';

const AGENTS = 200;
const GROUPS = 20;
const PER_GROUP = AGENTS / GROUPS;
const CONVERSATIONS_PER_AGENT = 5;
const AIM = { inboundRate: 1000, inboundP99Ms: 100, replyRate: 300, replyP99Ms: 200 };
const DRAIN_MS = 15_000;

export interface ConversationArgs {
  rate: number;
  replyRate: number;
  seconds: number;
  warmup: number;
  serverPid: number;
  /** performance.now() at the server's spawn: time zero of its CPU profile. */
  spawnedAt: number;
}

/** What the scenario found, and its measured windows in ms since the server's spawn (for the CPU profile). */
export interface ConversationOutcome {
  problems: string[];
  windows: { title: string; window: [number, number] }[];
}

interface Held {
  conversationId: string;
  customer: string;
  recipient: string;
  agent: ConversationAgent;
}

interface ConversationAgent {
  id: string;
  email: string;
  cookie: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) return false;
    await sleep(20);
  }
  return true;
}

/** The provider's send API: records when each reply (by the tag in its text) arrived, and how often. */
async function startGateway() {
  const arrivals = new Map<string, number>();
  const repeated = new Map<string, number>();
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const at = performance.now();
      const tag = /\[(r\d+)\]/.exec(body)?.[1];
      if (tag) {
        if (arrivals.has(tag)) repeated.set(tag, (repeated.get(tag) ?? 1) + 1);
        else arrivals.set(tag, at);
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ messages: [{ id: `gw-${randomBytes(6).toString('hex')}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    arrivals,
    repeated,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Desk streams of the conversation agents: offers they accept at once, and messages into held conversations. */
class ConversationDesks {
  readonly messages = new Map<string, { at: number; agentId: string }>();
  readonly repeatedMessages = new Map<string, number>();
  readonly held = new Map<string, Held>();
  counters: Record<string, number> = {};
  private readonly pendingCustomers = new Map<string, string>();

  constructor(private readonly client: HttpClient) {}

  count(what: string) {
    this.counters[what] = (this.counters[what] ?? 0) + 1;
  }

  /** The customer and number of an SMS about to be delivered, to know its conversation once offered. */
  expect(smsId: string, customer: string, recipient: string) {
    this.pendingCustomers.set(smsId, `${customer}\u0000${recipient}`);
  }

  open(agent: ConversationAgent) {
    return this.client.eventStream('/api/desk/stream', { cookie: agent.cookie }, (event, at) =>
      this.onEvent(agent, event, at),
    );
  }

  private onEvent(agent: ConversationAgent, event: SseEvent, at: number) {
    if (event.event === 'offer') {
      const offer = JSON.parse(event.data) as { id: string; conversationId: string | null; sms: { id: string } };
      void this.accept(agent, offer.id, offer.conversationId, offer.sms.id);
    } else if (event.event === 'message') {
      const message = JSON.parse(event.data) as { smsId: string };
      if (this.messages.has(message.smsId))
        this.repeatedMessages.set(message.smsId, (this.repeatedMessages.get(message.smsId) ?? 1) + 1);
      else this.messages.set(message.smsId, { at, agentId: agent.id });
    } else if (event.event === 'reset') this.count('stream: reset');
  }

  private async accept(agent: ConversationAgent, mediaEventId: string, conversationId: string | null, smsId: string) {
    const answer = await this.client.request('POST', `/api/desk/media-events/${mediaEventId}/accept`, {
      cookie: agent.cookie,
    });
    if (answer.status !== 200 || !conversationId) return this.count(`accept: HTTP ${answer.status}`);
    // The offer can reach the desk before the delivery's answer told us which customer it was.
    await waitUntil(() => this.pendingCustomers.has(smsId), 5000);
    const key = this.pendingCustomers.get(smsId);
    if (!key) return this.count('offer of an unknown SMS');
    const [customer, recipient] = key.split('\u0000') as [string, string];
    this.held.set(conversationId, { conversationId, customer, recipient, agent });
  }
}

async function createConversationTeam(admin: AdminSession, client: HttpClient, clientId: string, gatewayPort: number) {
  await admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [GATEWAY_HOST] });
  const sendConnector = await admin.create('/api/send-connectors', {
    name: 'Bench gateway',
    clientId,
    driver: 'http',
    ratePerSecond: 1000,
    settings: {
      url: `http://${GATEWAY_HOST}:${gatewayPort}/send`,
      body: '{"to":"{{to}}","from":"{{from}}","text":"{{text}}","reference":"{{reference}}"}',
      messageIdPath: 'messages.0.id',
    },
  });
  const password = randomBytes(12).toString('base64url');
  const agents: ConversationAgent[] = [];
  const recipients: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const members: { id: string; email: string }[] = [];
    for (let i = 0; i < PER_GROUP; i++) {
      const email = `conversation-agent${g * PER_GROUP + i}@bench.test`;
      const agent = await admin.create('/api/users', {
        email,
        password,
        role: 'agent',
        clientId,
        displayName: `conversation agent ${g * PER_GROUP + i}`,
        capacity: CONVERSATIONS_PER_AGENT * 2,
        smsDelivery: 'web',
      });
      members.push({ id: agent.id as string, email });
    }
    const group = await admin.create('/api/acd-groups', {
      name: `conversation group ${g}`,
      clientId,
      strategy: 'longest_idle',
      offerTimeoutSeconds: 3600,
      members: members.map((agent) => ({ agentId: agent.id, priority: 0 })),
    });
    const recipient = `+4930400${String(g).padStart(4, '0')}`;
    await admin.create('/api/connectors', {
      name: `conversation ${recipient}`,
      recipient,
      requireToken: false,
      routingType: 'direct_acd_group',
      acdGroupId: group.id,
      subject: 'Bench conversation',
      sendConnectorId: sendConnector.id,
      clientId,
    });
    recipients.push(recipient);
    for (const { id, email } of members) {
      const login = await client.request('POST', '/api/auth/login', {}, { email, password });
      if (login.status !== 200) throw new Error(`login as ${email}: ${login.status} ${login.body}`);
      const cookie = sessionCookie(login);
      const status = await client.request('PUT', '/api/desk/status', { cookie }, { status: 'available' });
      if (status.status !== 200) throw new Error(`setting ${email} available: ${status.status} ${status.body}`);
      agents.push({ id, email, cookie });
    }
  }
  return { agents, recipients };
}

async function deliver(
  client: HttpClient,
  receiver: string,
  sender: string,
  message: string,
): Promise<{ id: string } | { failure: string }> {
  const query = new URLSearchParams({ receiver, sender, message });
  const answer = await client.request('GET', `/SMSReceiver?${query}`);
  if (answer.status !== 200) return { failure: `HTTP ${answer.status}` };
  const id = (JSON.parse(answer.body) as { id?: unknown }).id;
  return typeof id === 'string' ? { id } : { failure: 'no id' };
}

/** Opens every conversation: one SMS per customer, offered and accepted. */
async function openConversations(client: HttpClient, desks: ConversationDesks, recipients: string[]) {
  const total = AGENTS * CONVERSATIONS_PER_AGENT;
  let failed = 0;
  for (let start = 0; start < total; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, total - start) }, async (_, k) => {
        const n = start + k;
        const recipient = recipients[n % GROUPS]!;
        const customer = `+49152${String(n).padStart(8, '0')}`;
        const answer = await deliver(client, recipient, customer, `Hallo, ich habe eine Frage (${n})`);
        if ('id' in answer) desks.expect(answer.id, customer, recipient);
        else failed++;
      }),
    );
  }
  const opened = await waitUntil(() => desks.held.size >= total - failed, 60_000);
  return { total, held: desks.held.size, failed, opened };
}

interface PhaseResult {
  load: OpenLoopResult;
  latencies: number[];
  seen: number;
  twice: number;
  cpuLines: string[];
  window: [number, number];
}

async function measureInbound(
  client: HttpClient,
  desks: ConversationDesks,
  held: Held[],
  args: ConversationArgs,
): Promise<PhaseResult> {
  let seq = 0;
  const send = () => {
    const conversation = held[seq++ % held.length]!;
    return deliver(client, conversation.recipient, conversation.customer, `Noch eine Frage, Nummer ${seq}`);
  };
  await openLoop({ rate: args.rate, seconds: args.warmup, send });
  const cpuBefore = cpuSnapshot(args.serverPid);
  const start = performance.now() - args.spawnedAt;
  const load = await openLoop({ rate: args.rate, seconds: args.seconds, send });
  const window: [number, number] = [start, performance.now() - args.spawnedAt];
  const cpu = cpuShares(cpuBefore, cpuSnapshot(args.serverPid));
  await waitUntil(() => [...load.sentAt.keys()].every((id) => desks.messages.has(id)), DRAIN_MS);
  const latencies: number[] = [];
  let twice = 0;
  for (const [id, sentAt] of load.sentAt) {
    const seen = desks.messages.get(id);
    if (seen) latencies.push(seen.at - sentAt);
    if (desks.repeatedMessages.has(id)) twice++;
  }
  latencies.sort((a, b) => a - b);
  return {
    load,
    latencies,
    seen: latencies.length,
    twice,
    cpuLines: cpuReportLines(cpu, load.acknowledged, load.seconds),
    window,
  };
}

async function measureReplies(
  client: HttpClient,
  gateway: Awaited<ReturnType<typeof startGateway>>,
  held: Held[],
  args: ConversationArgs,
): Promise<PhaseResult> {
  let seq = 0;
  const send = async () => {
    const n = seq++;
    const conversation = held[n % held.length]!;
    const tag = `r${n}`;
    const answer = await client.request(
      'POST',
      `/api/desk/conversations/${conversation.conversationId}/messages`,
      { cookie: conversation.agent.cookie },
      { text: `Danke für Ihre Nachricht, wir kümmern uns darum. [${tag}]` },
    );
    return answer.status === 201 ? { id: tag } : { failure: `HTTP ${answer.status}` };
  };
  await openLoop({ rate: args.replyRate, seconds: args.warmup, send });
  const cpuBefore = cpuSnapshot(args.serverPid);
  const start = performance.now() - args.spawnedAt;
  const load = await openLoop({ rate: args.replyRate, seconds: args.seconds, send });
  const window: [number, number] = [start, performance.now() - args.spawnedAt];
  const cpu = cpuShares(cpuBefore, cpuSnapshot(args.serverPid));
  await waitUntil(() => [...load.sentAt.keys()].every((tag) => gateway.arrivals.has(tag)), DRAIN_MS);
  const latencies: number[] = [];
  let twice = 0;
  for (const [tag, sentAt] of load.sentAt) {
    const at = gateway.arrivals.get(tag);
    if (at !== undefined) latencies.push(at - sentAt);
    if (gateway.repeated.has(tag)) twice++;
  }
  latencies.sort((a, b) => a - b);
  return {
    load,
    latencies,
    seen: latencies.length,
    twice,
    cpuLines: cpuReportLines(cpu, load.acknowledged, load.seconds),
    window,
  };
}

/** Media events created for SMS that should have joined held conversations (must be none). */
async function mediaEventsFor(db: pg.Client, smsIds: string[]): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from media_event where sms_id = any($1::uuid[])',
    [smsIds],
  );
  return rows.rows[0]?.n ?? 0;
}

/** Where a reply's time went, in the database's clock: written → claimed → answered by the provider and recorded. */
async function outboundTimings(db: pg.Client, since: Date): Promise<string> {
  const rows = await db.query<{ claim_p50: number; claim_p99: number; send_p50: number; send_p99: number }>(
    `select
       percentile_cont(0.5) within group (order by extract(epoch from attempted_at - created_at)) * 1000 as claim_p50,
       percentile_cont(0.99) within group (order by extract(epoch from attempted_at - created_at)) * 1000 as claim_p99,
       percentile_cont(0.5) within group (order by extract(epoch from sent_at - attempted_at)) * 1000 as send_p50,
       percentile_cont(0.99) within group (order by extract(epoch from sent_at - attempted_at)) * 1000 as send_p99
     from outbound_sms where created_at >= $1 and sent_at is not null`,
    [since],
  );
  const r = rows.rows[0];
  if (!r) return 'none';
  return `written → claimed p50 ${ms(Number(r.claim_p50))} / p99 ${ms(Number(r.claim_p99))} ms, claimed → sent recorded p50 ${ms(Number(r.send_p50))} / p99 ${ms(Number(r.send_p99))} ms`;
}

/** Outbound rows of the measured replies, by status, and how many were tried more than once. */
async function outboundStatuses(db: pg.Client, since: Date): Promise<string> {
  const rows = await db.query<{ status: string; n: number; retried: number }>(
    `select status, count(*)::int as n, count(*) filter (where attempts > 1)::int as retried
     from outbound_sms where created_at >= $1 group by status order by status`,
    [since],
  );
  return rows.rows.map((r) => `${r.status} ${int(r.n)}${r.retried ? ` (${int(r.retried)} retried)` : ''}`).join(', ');
}

const cell3 = (values: number[]) =>
  values.length === 0
    ? '—'
    : `${ms(percentile(values, 0.5))} / ${ms(percentile(values, 0.99))} / ${ms(values.at(-1) ?? NaN)}`;

/** Runs the conversation scenario and reports it. */
export async function runConversationScenario(
  admin: AdminSession,
  client: HttpClient,
  db: pg.Client,
  clientId: string,
  args: ConversationArgs,
): Promise<ConversationOutcome> {
  const gateway = await startGateway();
  const desks = new ConversationDesks(client);
  const problems: string[] = [];
  try {
    log(
      `conversations: ${AGENTS} agents in ${GROUPS} groups, each accepting ${CONVERSATIONS_PER_AGENT} conversations; ` +
        `inbound into them at ${int(args.rate)} SMS/s, replies at ${int(args.replyRate)}/s to a fake provider`,
    );
    const { agents, recipients } = await createConversationTeam(admin, client, clientId, gateway.port);
    const streams = agents.map((agent) => desks.open(agent));
    await Promise.all(streams.map((stream) => stream.opened));
    const opening = await openConversations(client, desks, recipients);
    log(`  ${int(opening.held)} of ${int(opening.total)} conversations held by agents`);
    if (!opening.opened) problems.push(`only ${opening.held} of ${opening.total} conversations were accepted`);
    const held = [...desks.held.values()];

    log(`  inbound: warm-up ${args.warmup} s, measuring ${args.seconds} s at ${int(args.rate)} SMS/s…`);
    const inbound = await measureInbound(client, desks, held, args);
    const stray = await mediaEventsFor(db, [...inbound.load.sentAt.keys()]);
    const repliesSince = new Date();
    log(`  replies: warm-up ${args.warmup} s, measuring ${args.seconds} s at ${int(args.replyRate)}/s…`);
    const replies = await measureReplies(client, gateway, held, args);
    await sleep(1000);
    const outbound = await outboundStatuses(db, repliesSince);
    const timings = await outboundTimings(db, repliesSince);
    for (const stream of streams) stream.close();

    log('');
    log(
      renderTable(
        [
          'conversation phase',
          'req/s acked',
          'HTTP p50 ms',
          'HTTP p99 ms',
          'arrival p50/p99/max ms',
          'acked / arrived / twice',
          'errors',
        ],
        [inbound, replies].map((phase, i) => [
          i === 0 ? 'inbound SMS → holding agent’s desk' : 'agent reply → fake provider',
          int(phase.load.acknowledged / phase.load.seconds),
          ms(percentile(phase.load.latenciesMs, 0.5)),
          ms(percentile(phase.load.latenciesMs, 0.99)),
          cell3(phase.latencies),
          `${int(phase.load.acknowledged)} / ${int(phase.seen)} / ${int(phase.twice)}`,
          int(Object.values(phase.load.failures).reduce((a, b) => a + b, 0)),
        ]),
        new Set([1, 2, 3, 6]),
      ),
    );
    for (const [name, phase] of [
      ['inbound', inbound],
      ['replies', replies],
    ] as const) {
      const failed = Object.entries(phase.load.failures).map(([why, n]) => `${why} ×${int(n)}`);
      log(`  ${name}: ${int(phase.load.sent)} sent${failed.length ? `, failed: ${failed.join(', ')}` : ''}`);
      for (const line of phase.cpuLines) log(`    ${line}`);
    }
    log(`  outbound_sms of the reply phases (warm-up included): ${outbound || 'none'}; ${timings}`);
    const other = Object.entries(desks.counters).map(([what, n]) => `${what} ×${int(n)}`);
    if (other.length) log(`  desk side: ${other.join(', ')}`);

    for (const [name, phase] of [
      ['inbound SMS', inbound],
      ['replies', replies],
    ] as const) {
      const failed = Object.values(phase.load.failures).reduce((x, y) => x + y, 0);
      if (failed > 0) problems.push(`${failed} ${name} were not acknowledged`);
    }
    if (inbound.seen !== inbound.load.acknowledged)
      problems.push(`${inbound.load.acknowledged - inbound.seen} inbound SMS never reached the holding agent's desk`);
    if (inbound.twice > 0) problems.push(`${inbound.twice} inbound SMS reached a desk twice`);
    if (stray > 0) problems.push(`${stray} inbound SMS into held conversations got a media event`);
    if (replies.seen !== replies.load.acknowledged)
      problems.push(`${replies.load.acknowledged - replies.seen} acknowledged replies never reached the provider`);
    if (replies.twice > 0) problems.push(`${replies.twice} replies reached the provider more than once`);

    const inboundP99 = percentile(inbound.latencies, 0.99);
    const replyP99 = percentile(replies.latencies, 0.99);
    const inboundMet =
      args.rate >= AIM.inboundRate &&
      inbound.load.acknowledged / inbound.load.seconds >= 0.98 * args.rate &&
      inboundP99 < AIM.inboundP99Ms;
    const replyMet =
      args.replyRate >= AIM.replyRate &&
      replies.load.acknowledged / replies.load.seconds >= 0.98 * args.replyRate &&
      replyP99 < AIM.replyP99Ms;
    log(
      `\nAim: inbound into held conversations at ${int(AIM.inboundRate)} SMS/s, receipt → desk p99 < ${AIM.inboundP99Ms} ms — ` +
        `${inboundMet && problems.length === 0 ? 'MET' : 'MISSED'} (p99 ${ms(inboundP99)} ms at ${int(inbound.load.acknowledged / inbound.load.seconds)} SMS/s)`,
    );
    log(
      `     replies at ${int(AIM.replyRate)}/s, reply → provider p99 < ${AIM.replyP99Ms} ms, each sent once — ` +
        `${replyMet && problems.length === 0 ? 'MET' : 'MISSED'} (p99 ${ms(replyP99)} ms at ${int(replies.load.acknowledged / replies.load.seconds)}/s)`,
    );
    return {
      problems,
      windows: [
        { title: 'conversations: inbound into held conversations', window: inbound.window },
        { title: 'conversations: agent replies', window: replies.window },
      ],
    };
  } finally {
    await gateway.close();
  }
}
