/**
 * ACD benchmark: with 200 agents in 20 groups, how fast queued SMS become offers on agents'
 * desks. See shared/design/performance.md ("How to benchmark").
 *
 *   npm run bench:acd -- [--rate 1000] [--seconds 10] [--warmup 2] [--no-pin] [--database-url URL]
 *
 * The server runs as its own process on a fresh PostgreSQL schema; this process logs in 200
 * agents, opens their 200 desk streams (server-sent events) and delivers SMS open-loop at a fixed
 * rate, spread over 20 Direct ACD Group connectors. Two scenarios in the same run:
 *   - baseline: the same load into groups without available agents (the events only queue);
 *   - distribution: every agent available with capacity 100, so each SMS is offered at once.
 * Receipt-to-offer is measured twice: in the database (media_event.offered_at − received_at) and
 * on the desk (stream arrival − request sent, both on this process's clock).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AdminSession } from './support/admin';
import { cpuShares, cpuSnapshot, describeShares } from './support/cpu-meter';
import { createPostgresDatabase, DEFAULT_DATABASE_URL } from './support/database';
import {
  cleanUpEverything,
  freePort,
  installCleanupHandlers,
  onCleanup,
  pinLoadGenerator,
  startNodeProcess,
  waitForReady,
} from './support/processes';
import { int, ms, renderTable } from './support/report';

const AGENTS = 200;
const GROUPS = 20;
const AIM = { rate: 1000, p99Ms: 100 };

interface Args {
  rate: number;
  seconds: number;
  warmup: number;
  pin: boolean;
  databaseUrl: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { rate: 1000, seconds: 10, warmup: 2, pin: true, databaseUrl: DEFAULT_DATABASE_URL };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i] ?? '';
    if (flag === '--rate') args.rate = Number(value());
    else if (flag === '--seconds') args.seconds = Number(value());
    else if (flag === '--warmup') args.warmup = Number(value());
    else if (flag === '--no-pin') args.pin = false;
    else if (flag === '--database-url') args.databaseUrl = value();
    else throw new Error(`Unknown argument ${flag}`);
  }
  return args;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

interface Desk {
  agentId: string;
  cookie: string;
  close(): void;
}

/** Opens an agent's desk stream and reports each offer's SMS id with the time it arrived. */
function openDesk(base: string, agentId: string, cookie: string, onOffer: (smsId: string, at: number) => void): Desk {
  const controller = new AbortController();
  void (async () => {
    const response = await fetch(`${base}/api/desk/stream`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.includes('event: offer')) continue;
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) onOffer((JSON.parse(data.slice(6)) as { sms: { id: string } }).sms.id, at);
      }
    }
  })().catch(() => {});
  return { agentId, cookie, close: () => controller.abort() };
}

interface LoadOutcome {
  sent: Map<string, number>;
  httpLatencies: number[];
  errors: number;
  seconds: number;
}

/** Delivers at a fixed rate (open loop: late answers do not slow the sending). */
async function deliverAtRate(base: string, recipients: string[], rate: number, seconds: number): Promise<LoadOutcome> {
  const sent = new Map<string, number>();
  const httpLatencies: number[] = [];
  let errors = 0;
  let index = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.round(rate * seconds);
  while (index < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; index < due; index++) {
      const receiver = recipients[index % recipients.length]!;
      const query = new URLSearchParams({
        receiver,
        sender: `+49151${String(index).padStart(7, '0')}`,
        message: `sms ${index}`,
      });
      const sentAt = performance.now();
      inFlight.push(
        fetch(`${base}/SMSReceiver?${query}`)
          .then(async (response) => {
            const body = (await response.json()) as { id?: string };
            if (response.status !== 200 || !body.id) errors++;
            else {
              sent.set(body.id, sentAt);
              httpLatencies.push(performance.now() - sentAt);
            }
          })
          .catch(() => {
            errors++;
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  return {
    sent,
    httpLatencies: httpLatencies.sort((a, b) => a - b),
    errors,
    seconds: (performance.now() - started) / 1000,
  };
}

async function main() {
  installCleanupHandlers();
  const args = parseArgs(process.argv.slice(2));
  const pinning = pinLoadGenerator(args.pin);
  log(`Pinning: ${pinning.description}`);
  const database = await createPostgresDatabase(args.databaseUrl);
  onCleanup('drop the benchmark database', () => database.drop());
  const port = await freePort();
  const adminEmail = 'bench-admin@example.com';
  const adminPassword = randomBytes(18).toString('base64url');
  const server = startNodeProcess({
    name: 'Switchboard server',
    nodeArgs: ['--import', 'tsx', 'server/index.ts'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SWITCHBOARD_ADMIN_EMAIL: adminEmail,
      SWITCHBOARD_ADMIN_PASSWORD: adminPassword,
      ...database.env,
    },
    cwd: process.cwd(),
    cpu: pinning.serverCpu,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(`${base}/readyz`, server);
  log(`Server on ${base}, ${database.description}; setting up ${AGENTS} agents in ${GROUPS} groups…`);

  const admin = new AdminSession(base);
  await admin.login(adminEmail, adminPassword);
  const reseller = await admin.create('/api/resellers', { name: 'Bench reseller' });
  const client = await admin.create('/api/clients', { name: 'Bench client', resellerId: reseller.id });
  const password = randomBytes(12).toString('base64url');
  const agents: Array<{ id: string; email: string }> = [];
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent${i}@bench.test`;
    const agent = await admin.create('/api/users', {
      email,
      password,
      role: 'agent',
      clientId: client.id,
      displayName: `Agent ${i}`,
      capacity: 100,
    });
    agents.push({ id: agent.id, email });
  }
  const staffed: string[] = [];
  const unstaffed: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const members = agents.slice(g * (AGENTS / GROUPS), (g + 1) * (AGENTS / GROUPS));
    const group = await admin.create('/api/acd-groups', {
      name: `Group ${g}`,
      clientId: client.id,
      members: members.map((agent) => ({ agentId: agent.id, priority: 0 })),
    });
    const empty = await admin.create('/api/acd-groups', { name: `Queue only ${g}`, clientId: client.id });
    for (const [target, list, prefix] of [
      [group.id, staffed, '+4930100'],
      [empty.id, unstaffed, '+4930200'],
    ] as const) {
      const recipient = `${prefix}${String(g).padStart(4, '0')}`;
      await admin.create('/api/connectors', {
        name: `Connector ${recipient}`,
        recipient,
        requireToken: false,
        routingType: 'direct_acd_group',
        acdGroupId: target,
        subject: 'Bench SMS',
        clientId: client.id,
      });
      list.push(recipient);
    }
  }

  const offers = new Map<string, number>();
  let duplicateOffers = 0;
  const desks: Desk[] = [];
  for (const agent of agents) {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    await login.arrayBuffer();
    const status = await fetch(`${base}/api/desk/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, origin: base },
      body: JSON.stringify({ status: 'available' }),
    });
    if (status.status !== 200) throw new Error(`setting an agent available: ${status.status} ${await status.text()}`);
    desks.push(
      openDesk(base, agent.id, cookie, (smsId, at) => {
        if (offers.has(smsId)) duplicateOffers++;
        else offers.set(smsId, at);
      }),
    );
  }
  onCleanup('close the desk streams', () => desks.forEach((desk) => desk.close()));
  log(`${desks.length} agents available with their desk streams open.`);

  log(`Warm-up: ${args.warmup} s at ${args.rate} SMS/s`);
  await deliverAtRate(base, staffed, args.rate, args.warmup);
  await deliverAtRate(base, unstaffed, args.rate, args.warmup);
  await new Promise((resolve) => setTimeout(resolve, 1000));

  log(`Baseline: ${args.seconds} s at ${args.rate} SMS/s into groups nobody is available in`);
  const baseline = await deliverAtRate(base, unstaffed, args.rate, args.seconds);

  log(`Distribution: ${args.seconds} s at ${args.rate} SMS/s to ${GROUPS} groups of ${AGENTS / GROUPS} agents`);
  offers.clear();
  duplicateOffers = 0;
  const before = cpuSnapshot(server.pid);
  const measured = await deliverAtRate(base, staffed, args.rate, args.seconds);
  const cpu = cpuShares(before, cpuSnapshot(server.pid));
  const waitUntil = performance.now() + 10_000;
  while (performance.now() < waitUntil && [...measured.sent.keys()].some((id) => !offers.has(id))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const deskLatencies = [...measured.sent]
    .filter(([id]) => offers.has(id))
    .map(([id, sentAt]) => offers.get(id)! - sentAt)
    .sort((a, b) => a - b);
  const ids = [...measured.sent.keys()];
  const pool = new pg.Client({ connectionString: args.databaseUrl });
  await pool.connect();
  await pool.query(`set search_path to "${database.env.SWITCHBOARD_DB_SCHEMA}"`);
  const dbRows = await pool.query<{ latency: number; offers: number }>(
    `select extract(epoch from e.offered_at - s.received_at) * 1000 as latency,
       (select count(*) from media_event_offer o where o.media_event_id = e.id)::int as offers
     from media_event e join inbound_sms s on s.id = e.sms_id
     where s.id = any($1::uuid[]) and e.offered_at is not null`,
    [ids],
  );
  await pool.end();
  const dbLatencies = dbRows.rows.map((row) => Number(row.latency)).sort((a, b) => a - b);
  const offersInDb = dbRows.rows.reduce((sum, row) => sum + row.offers, 0);

  for (const desk of desks) desk.close();
  await server.stop();

  const rows = [
    [
      'baseline: events only queue',
      int(baseline.sent.size / baseline.seconds),
      ms(percentile(baseline.httpLatencies, 0.5)),
      ms(percentile(baseline.httpLatencies, 0.99)),
      '—',
      '—',
      '—',
      String(baseline.errors),
    ],
    [
      `distribution: ${AGENTS} agents, ${GROUPS} groups`,
      int(measured.sent.size / measured.seconds),
      ms(percentile(measured.httpLatencies, 0.5)),
      ms(percentile(measured.httpLatencies, 0.99)),
      int(deskLatencies.length / measured.seconds),
      `${ms(percentile(dbLatencies, 0.5))} / ${ms(percentile(dbLatencies, 0.99))}`,
      `${ms(percentile(deskLatencies, 0.5))} / ${ms(percentile(deskLatencies, 0.99))} / ${ms(deskLatencies.at(-1) ?? NaN)}`,
      String(measured.errors),
    ],
  ];
  console.log(
    '\n' +
      renderTable(
        [
          'scenario',
          'SMS/s acked',
          'HTTP p50 ms',
          'HTTP p99 ms',
          'offers/s on desks',
          'receipt→offer DB p50/p99 ms',
          'send→desk p50/p99/max ms',
          'errors',
        ],
        rows,
        new Set([1, 2, 3, 4, 7]),
      ),
  );
  console.log(
    `\nSMS acknowledged ${measured.sent.size}, offered in the database ${dbRows.rows.length} (offer rows ${offersInDb}), ` +
      `offers seen on desks ${deskLatencies.length}, offers seen twice ${duplicateOffers}.`,
  );
  console.log(
    `HTTP p99 with distribution vs. without: ${(percentile(measured.httpLatencies, 0.99) / percentile(baseline.httpLatencies, 0.99)).toFixed(2)}×`,
  );
  console.log(`Server CPU during the distribution run: ${describeShares(cpu, measured.sent.size, measured.seconds)}`);
  const p99 = percentile(deskLatencies, 0.99);
  const met = args.rate >= AIM.rate && p99 < AIM.p99Ms && deskLatencies.length === measured.sent.size;
  console.log(
    `Aim: p99 receipt-to-offer < ${AIM.p99Ms} ms at ${AIM.rate} SMS/s — ${met ? 'met' : 'missed'} ` +
      `(p99 on the desk ${ms(p99)} ms at ${args.rate} SMS/s).`,
  );
  const lost = measured.sent.size - deskLatencies.length;
  if (lost > 0 || duplicateOffers > 0 || offersInDb !== dbRows.rows.length) {
    console.log(`MISMATCH: ${lost} acknowledged SMS never reached a desk, ${duplicateOffers} offered twice.`);
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => void cleanUpEverything());
