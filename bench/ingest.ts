/**
 * Ingest benchmark: how many SMS per second /SMSReceiver stores durably, against bare Hono
 * measured in the same run. See shared/design/performance.md ("How to benchmark").
 *
 *   npm run bench:ingest -- [--pglite] [--provider twilio] [--duration 10] [--warmup 2] [--connections 100]
 *                           [--no-pin] [--no-baseline] [--profile] [--database-url URL]
 *                           [--server-entry server/index.ts] [--instances 2]
 *
 * The server runs as its own process (`node --import tsx server/index.ts`) with LOG_LEVEL=warn,
 * on a fresh PostgreSQL schema (default) or a fresh PGlite folder (--pglite); autocannon runs in
 * this process. Every 200 must match a stored row: a mismatch prints MISMATCH and exits 1.
 * `--provider twilio` measures, on the same server after the generic path, Twilio's own webhook
 * (/SMSReceiver/twilio: a form body with X-Twilio-Signature checked in enforce mode) against a
 * second connector, and prints its ratio to the generic path of the same run (which then cycles
 * as many distinct deliveries per connection, 2,000, so the load generator's work is alike).
 * BENCH_PROFILE=1 (or --profile) runs the server under `node --cpu-prof` and summarises where
 * it spent the measured window.
 * `--instances 2` (PostgreSQL only) measures one server, then two server processes on the same
 * schema with the connections spread evenly over them, and prints the ratio of the two; every
 * delivery then carries a messageId, which must be stored once.
 */
import { createHmac } from 'node:crypto';
import { cpus } from 'node:os';
import type autocannon from 'autocannon';
import { createDirectConnector, createRoutingConnector, type AdminSession, type BenchConnector } from './support/admin';
import { cpuReportLines, cpuShares, cpuSnapshot, type CpuShares } from './support/cpu-meter';
import { mainThreadProfile, readCpuProfile, summarizeCpuProfile } from './support/cpu-profile';
import {
  createPGliteDatabase,
  createPostgresDatabase,
  type BenchDatabase,
  type StoredCounts,
} from './support/database';
import { readServerBenchFlags, serverBenchDefaults, UsageError, type ServerBenchFlags } from './support/flags';
import { runLoad, type LoadResult } from './support/load';
import {
  cleanUpEverything,
  freePort,
  onCleanup,
  pinLoadGenerator,
  runBenchmark,
  serverCpus,
  startNodeProcess,
  waitForReady,
  type ManagedProcess,
  type Pinning,
} from './support/processes';
import { int, log, logMachine, ms, renderTable } from './support/report';
import { ROOT, startSwitchboardServer } from './support/switchboard-server';
const SERVER_LOG_LEVEL = 'warn';
const RECIPIENT = '+4930123456';
const TWILIO_RECIPIENT = '+4930123457';
/** The connector the servers share under --instances (the single server's has RECIPIENT). */
const SHARED_RECIPIENT = '+4930123458';
const MAX_INSTANCES = 8;
const TWILIO_AUTH_TOKEN = 'bench-twilio-auth-token-0123456789';
/**
 * Every delivery is distinct: its own sender (so each SMS opens its own conversation and gets its
 * media event, as every SMS did before conversations; a returning customer's SMS joins the open
 * conversation instead, which `bench:intake` measures) and, for Twilio, its own MessageSid, which
 * the signature covers, so those are signed here beforehand. 300,000 in all: autocannon cycles
 * through them, and a sender sent twice would join a conversation, which the row count would show.
 */
const REQUESTS_PER_CONNECTION = 3000;
/** The share of the generic path's SMS/s Twilio's webhook must reach in the same run (issue 13). */
const TWILIO_AIM = 0.8;
/** The bare Hono baseline reads no body: a few requests per connection are enough. */
const BASELINE_REQUESTS_PER_CONNECTION = 16;
/** The aim this benchmark is checked against (PostgreSQL, 100 connections, 2 cores). */
const AIM = { smsPerSecond: 25_000, p99Ms: 10 };

interface Args extends ServerBenchFlags {
  pglite: boolean;
  duration: number;
  connections: number;
  baseline: boolean;
  /** Deliver to a Routing Application connector (the keyword example) instead of a Direct ACD Group one. */
  routing: boolean;
  /** Also measure a native provider's webhook (only `twilio` so far). */
  provider: 'twilio' | undefined;
  /** The server's entry file (default server/index.ts): to A/B an experimental entry without editing server code. */
  serverEntry: string;
  /** Server processes on one PostgreSQL schema; above 1, one is measured first, then all of them. */
  instances: number;
}

const USAGE =
  'usage: npm run bench:ingest -- [--pglite] [--routing] [--provider twilio] [--duration 10] [--warmup 2] [--connections 100] [--no-pin] [--no-baseline] [--profile] [--database-url URL] [--server-entry server/index.ts] [--instances 2]\n' +
  '  --instances N  (PostgreSQL only) one server, then N server processes on the same schema, connections spread evenly\n';

function parseArgs(argv: string[]): Args {
  const args: Args = {
    ...serverBenchDefaults(),
    pglite: false,
    routing: false,
    provider: undefined,
    duration: 10,
    connections: 100,
    baseline: true,
    serverEntry: 'server/index.ts',
    instances: 1,
  };
  readServerBenchFlags(argv, args, USAGE, ({ name, value, positive }) => {
    switch (name) {
      case '--pglite':
        args.pglite = true;
        return true;
      case '--routing':
        args.routing = true;
        return true;
      case '--provider': {
        const provider = value();
        if (provider !== 'twilio')
          throw new UsageError(`--provider: only twilio is measured, not ${provider}\n${USAGE}`);
        args.provider = provider;
        return true;
      }
      case '--duration':
        args.duration = positive();
        return true;
      case '--connections':
        args.connections = Math.round(positive());
        return true;
      case '--no-baseline':
        args.baseline = false;
        return true;
      case '--server-entry':
        args.serverEntry = value();
        return true;
      case '--instances': {
        const instances = positive();
        if (!Number.isInteger(instances) || instances > MAX_INSTANCES)
          throw new UsageError(`--instances must be a whole number from 1 to ${MAX_INSTANCES} (try --help)`);
        args.instances = instances;
        return true;
      }
      default:
        return false;
    }
  });
  if (args.instances > 1) {
    const refuse = (why: string) => {
      throw new UsageError(`--instances ${args.instances}: ${why}`);
    };
    if (args.pglite)
      refuse(
        'the embedded PGlite database is single-process (one server process at a time opens its data folder), ' +
          'so several instances need PostgreSQL: leave out --pglite (and give --database-url if needed)',
      );
    if (args.provider) refuse("--provider is measured on one server only (Twilio's signature covers the server's URL)");
    if (args.profile) refuse('--profile profiles one server process; run it without --instances');
  }
  return args;
}

/**
 * Distinct senders and texts per connection, built once so they cost the load generator nothing;
 * with `messageIds`, each delivery also carries its own messageId (bench-<connection>-<k>).
 */
function smsRequests(
  token: string,
  perConnection = REQUESTS_PER_CONNECTION,
  { receiver = RECIPIENT, messageIds = false } = {},
) {
  return (connection: number): autocannon.Request[] =>
    Array.from({ length: perConnection }, (_, k) => {
      const sender = `+49170${String(connection).padStart(3, '0')}${String(k).padStart(4, '0')}`;
      const message = `Hallo, Bestellung ${connection}-${k}: wann kommt mein Paket? Viele Grüße`;
      return {
        method: 'POST',
        path: '/SMSReceiver',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-switchboard-token': token,
        },
        body: new URLSearchParams({
          receiver,
          sender,
          message,
          ...(messageIds ? { messageId: `bench-${connection}-${k}` } : {}),
        }).toString(),
      };
    });
}

/**
 * Twilio's own deliveries, as Twilio sends them: a form body and X-Twilio-Signature, the base64
 * HMAC-SHA1 of the URL followed by the parameters sorted by name (computed here, not by the server's code).
 */
function twilioRequests(baseUrl: string) {
  const url = `${baseUrl}/SMSReceiver/twilio`;
  return (connection: number): autocannon.Request[] =>
    Array.from({ length: REQUESTS_PER_CONNECTION }, (_, k) => {
      const params: Record<string, string> = {
        AccountSid: 'AC0123456789abcdef0123456789abcdef',
        Body: `Hallo, Bestellung ${connection}-${k}: wann kommt mein Paket? Viele Grüße`,
        From: `+49170${String(connection).padStart(3, '0')}${String(k).padStart(4, '0')}`,
        MessageSid: `SM${String(connection).padStart(6, '0')}${String(k).padStart(8, '0')}${'0'.repeat(18)}`,
        NumMedia: '0',
        NumSegments: '1',
        SmsStatus: 'received',
        To: TWILIO_RECIPIENT,
      };
      const signed =
        url +
        Object.keys(params)
          .sort()
          .map((name) => name + params[name])
          .join('');
      return {
        method: 'POST',
        path: '/SMSReceiver/twilio',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': createHmac('sha1', TWILIO_AUTH_TOKEN).update(signed).digest('base64'),
        },
        body: new URLSearchParams(params).toString(),
      };
    });
}

interface Scenario {
  name: string;
  warmup: LoadResult;
  measured: LoadResult;
  stored?: StoredCounts;
  /** Deliveries answered 200 outside autocannon (the single probe delivery before the load). */
  probe200?: number;
  /** What the report says of the probe, when more than " + 1 probe delivery". */
  probeNote?: string;
  cpu?: CpuShares | undefined;
  /** The server processes, their exit and their warn/error lines. */
  servers?: Array<{
    label: string;
    exit: { code: number | null; signal: NodeJS.Signals | null };
    warnings: ManagedProcess['warnings'];
  }>;
  /** Every delivery carried a messageId of its own: each must be stored once. */
  messageIds?: boolean;
  /** The servers the connections were spread over (connection i to server i mod n). */
  instances?: number;
}

/** The deliveries the scenario acknowledged: its probe, the warm-up's 200s and the measured 200s. */
const acknowledged = (s: Scenario) => (s.probe200 ?? 0) + s.warmup.status200 + s.measured.status200;

/** Zero lost, zero doubled: one SMS row and one media event per 200, and with messageIds each stored once. */
const storedAsAcknowledged = (s: Scenario, stored: StoredCounts) =>
  stored.inboundSms === acknowledged(s) &&
  stored.mediaEvents === acknowledged(s) &&
  (!s.messageIds || stored.messageIds === stored.inboundSms);

async function warmUpAndMeasure(
  args: Args,
  url: string | string[],
  requests: (c: number) => autocannon.Request[],
  name: string,
  serverPid: number | number[],
) {
  log(`  warm-up ${args.warmup} s (not counted in the figures)…`);
  const warmup = await runLoad({
    title: `${name} warm-up`,
    url,
    connections: args.connections,
    durationSeconds: args.warmup,
    requestsForConnection: requests,
  });
  const spread = typeof url === 'string' ? '' : ` (${spreadOf(args.connections, url.length).join(' / ')} per server)`;
  log(`  measuring ${args.duration} s at ${args.connections} connections${spread}…`);
  const measureStart = performance.now();
  const before = cpuSnapshot(serverPid);
  const measured = await runLoad({
    title: name,
    url,
    connections: args.connections,
    durationSeconds: args.duration,
    // Connections of their own: a request the warm-up sent again would be a replay (Twilio's
    // MessageSid), stored once and so counted as a mismatch.
    requestsForConnection: (connection) => requests(connection + args.connections),
  });
  const cpu = cpuShares(before, cpuSnapshot(serverPid));
  return { warmup, measured, cpu, measureStart, measureEnd: performance.now() };
}

/** How many of `connections` go to each of `servers` (autocannon's round robin). */
const spreadOf = (connections: number, servers: number) =>
  Array.from({ length: servers }, (_, i) => Math.floor(connections / servers) + (i < connections % servers ? 1 : 0));

/** The connector a scenario delivers to: Direct ACD Group, or the keyword example with --routing. */
function createConnector(args: Args, admin: AdminSession, recipient: string): Promise<BenchConnector> {
  return args.routing ? createRoutingConnector(admin, recipient) : createDirectConnector(admin, recipient);
}

/** One delivery outside the load, which must be answered 200 (else the set-up is wrong and the run ends here). */
async function deliverOnce(base: string, token: string, body: string): Promise<void> {
  const answer = await fetch(`${base}/SMSReceiver`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-switchboard-token': token },
    body,
  });
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`a single delivery was answered ${answer.status}: ${text}`);
}

function logEventLatency(args: Args, stored: StoredCounts, of = ''): void {
  log(
    `  receipt to media event${of}: p50 ${stored.eventLatencyP50Ms.toFixed(1)} ms, p99 ${stored.eventLatencyP99Ms.toFixed(1)} ms` +
      (args.routing
        ? ' (to the routing transaction that wrote it: batching and the workflow engine included)'
        : ' (to the intake transaction: batching included)'),
  );
}

async function benchBareHono(args: Args, pinning: Pinning): Promise<Scenario> {
  const port = await freePort();
  log(`Bare Hono baseline (separate process, port ${port})`);
  const server = startNodeProcess({
    name: 'bare Hono',
    nodeArgs: ['--import', 'tsx', 'bench/support/bare-hono.ts'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), NODE_ENV: 'production' },
    cwd: ROOT,
    cpu: pinning.serverCpu,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(`${base}/readyz`, server);
  const { warmup, measured, cpu } = await warmUpAndMeasure(
    args,
    `${base}/SMSReceiver`,
    smsRequests('sbt_' + 'x'.repeat(43), BASELINE_REQUESTS_PER_CONNECTION),
    'bare Hono',
    server.pid,
  );
  await server.stop();
  return { name: 'bare Hono (constant JSON, no body read, no DB)', warmup, measured, cpu };
}

async function benchSwitchboard(
  args: Args,
  pinning: Pinning,
): Promise<{ scenarios: Scenario[]; profileFile?: string; windows?: [number, number][] }> {
  const database: BenchDatabase = args.pglite ? createPGliteDatabase() : await createPostgresDatabase(args.databaseUrl);
  onCleanup('drop the benchmark database', () => database.drop());
  const port = await freePort();
  log(`Switchboard server (separate process, port ${port}, ${args.serverEntry}) on ${database.description}`);
  const started = await startSwitchboardServer({
    port,
    database,
    pinning,
    logLevel: SERVER_LOG_LEVEL,
    entry: args.serverEntry,
    profile: args.profile,
  });
  const { process: server, base, spawnedAt, profileDir } = started;
  log(`  ready after ${Math.round(started.readyMs)} ms (GET /readyz); setting up over the admin API…`);

  const admin = await started.adminSession();
  const connector = await createConnector(args, admin, RECIPIENT);
  log(
    `  connector ${connector.connectorId} (${args.routing ? 'Routing Application: keyword example' : 'Direct ACD Group'}, token required) for ${RECIPIENT}`,
  );

  await deliverOnce(base, connector.token, smsRequests(connector.token, 1)(999)[0]!.body as string);

  const { warmup, measured, cpu, measureStart, measureEnd } = await warmUpAndMeasure(
    args,
    `${base}/SMSReceiver`,
    smsRequests(connector.token),
    'Switchboard',
    server.pid,
  );
  const native = args.provider ? await benchTwilio(args, admin, base, server.pid) : undefined;
  log('  stopping the server (SIGTERM), then counting the stored rows…');
  await server.stop();
  const serverExit = await server.exited;
  const stored = await database.countRows(connector.connectorId);
  if (native) native.scenario.stored = await database.countRows(native.connectorId);
  logEventLatency(args, stored);

  const scenario: Scenario = {
    name: `Switchboard /SMSReceiver (${args.pglite ? 'PGlite' : 'PostgreSQL'}${args.routing ? ', routing application' : ''})`,
    warmup,
    measured,
    stored,
    probe200: 1,
    cpu,
    servers: [{ label: 'server', exit: serverExit, warnings: server.warnings }],
  };
  const scenarios = [scenario, ...(native ? [native.scenario] : [])];
  if (!profileDir) return { scenarios };
  return {
    scenarios,
    profileFile: mainThreadProfile(profileDir, server.pid),
    // Each scenario's measured window, as offsets into the profile.
    windows: [[measureStart, measureEnd] as const, ...(native ? [native.window] : [])].map(
      ([start, end]): [number, number] => [start - spawnedAt, end - spawnedAt],
    ),
  };
}

async function benchTwilio(args: Args, admin: AdminSession, base: string, pid: number) {
  const connector = await createDirectConnector(admin, TWILIO_RECIPIENT, {
    provider: 'twilio',
    secret: TWILIO_AUTH_TOKEN,
  });
  log(
    `  Twilio connector ${connector.connectorId} (Direct ACD Group, signature enforced, no token) for ${TWILIO_RECIPIENT}`,
  );
  const requests = twilioRequests(base);
  const probe = requests(2 * args.connections)[0]!;
  const answer = await fetch(`${base}${probe.path}`, {
    method: 'POST',
    headers: probe.headers as Record<string, string>,
    body: probe.body as string,
  });
  if (answer.status !== 200)
    throw new Error(`a single Twilio delivery was answered ${answer.status}: ${await answer.text()}`);
  await answer.text();
  const { warmup, measured, cpu, measureStart, measureEnd } = await warmUpAndMeasure(
    args,
    `${base}/SMSReceiver/twilio`,
    requests,
    'Twilio',
    pid,
  );
  const scenario: Scenario = {
    name: `Switchboard /SMSReceiver/twilio (${args.pglite ? 'PGlite' : 'PostgreSQL'}, signature checked)`,
    warmup,
    measured,
    probe200: 1,
    cpu,
  };
  return { scenario, connectorId: connector.connectorId, window: [measureStart, measureEnd] as const };
}

/**
 * --instances N: one server measured alone, then N server processes on the same schema (the first
 * and N − 1 more, started one after the other as the bootstrap admin needs), the connections spread
 * evenly over them. Each phase delivers to a connector of its own, so that its rows are counted
 * apart, and every delivery carries a messageId of its own, which must be stored once.
 */
async function benchInstances(args: Args, pinning: Pinning): Promise<Scenario[]> {
  const database = await createPostgresDatabase(args.databaseUrl);
  onCleanup('drop the benchmark database', () => database.drop());
  const cpuOf = serverCpus(pinning, args.instances);
  const startInstance = async (i: number) => {
    const port = await freePort();
    const started = await startSwitchboardServer({
      port,
      database,
      pinning: { ...pinning, serverCpu: cpuOf[i] },
      logLevel: SERVER_LOG_LEVEL,
      entry: args.serverEntry,
      profile: false,
    });
    log(
      `  instance ${i + 1}: port ${port}, pid ${started.process.pid}${cpuOf[i] === undefined ? '' : `, CPU ${cpuOf[i]}`}; ` +
        `ready after ${Math.round(started.readyMs)} ms`,
    );
    return started;
  };
  log(`Switchboard servers (separate processes, ${args.serverEntry}) on ${database.description}`);
  const first = await startInstance(0);
  const admin = await first.adminSession();
  const alone = await createConnector(args, admin, RECIPIENT);
  const shared = await createConnector(args, admin, SHARED_RECIPIENT);
  log(
    `  connectors (${args.routing ? 'Routing Application: keyword example' : 'Direct ACD Group'}, token required): ` +
      `${alone.connectorId} for ${RECIPIENT} (one instance), ${shared.connectorId} for ${SHARED_RECIPIENT} (${args.instances} instances)`,
  );

  log('One instance');
  const aloneRequests = smsRequests(alone.token, REQUESTS_PER_CONNECTION, { messageIds: true });
  await deliverOnce(first.base, alone.token, smsRequests(alone.token, 1, { messageIds: true })(999)[0]!.body as string);
  const one = await warmUpAndMeasure(
    args,
    `${first.base}/SMSReceiver`,
    aloneRequests,
    'one instance',
    first.process.pid,
  );

  log(`${args.instances} instances on the same schema`);
  const servers = [first];
  for (let i = 1; i < args.instances; i++) servers.push(await startInstance(i));
  const sharedOptions = { receiver: SHARED_RECIPIENT, messageIds: true };
  // The same delivery to every instance at once: each answers 200, and it is stored once.
  const probe = smsRequests(shared.token, 1, sharedOptions)(999)[0]!.body as string;
  await Promise.all(servers.map((server) => deliverOnce(server.base, shared.token, probe)));
  const many = await warmUpAndMeasure(
    args,
    servers.map((server) => `${server.base}/SMSReceiver`),
    smsRequests(shared.token, REQUESTS_PER_CONNECTION, sharedOptions),
    `${args.instances} instances`,
    servers.map((server) => server.process.pid),
  );
  log('  stopping the servers (SIGTERM), then counting the stored rows…');
  const exits = await Promise.all(servers.map((server) => server.process.stop().then(() => server.process.exited)));
  const storedAlone = await database.countRows(alone.connectorId);
  const storedShared = await database.countRows(shared.connectorId);
  logEventLatency(args, storedAlone, ', one instance');
  logEventLatency(args, storedShared, `, ${args.instances} instances`);

  const name = (instances: string) =>
    `Switchboard /SMSReceiver (PostgreSQL${args.routing ? ', routing application' : ''}, ${instances})`;
  return [
    {
      name: name('one instance'),
      warmup: one.warmup,
      measured: one.measured,
      stored: storedAlone,
      probe200: 1,
      cpu: one.cpu,
      messageIds: true,
    },
    {
      name: name(`${args.instances} instances`),
      warmup: many.warmup,
      measured: many.measured,
      stored: storedShared,
      probe200: 1,
      probeNote: ` + 1 probe delivery sent to all ${args.instances} instances at once (one messageId, ${args.instances} × 200)`,
      cpu: many.cpu,
      messageIds: true,
      instances: args.instances,
      servers: servers.map((server, i) => ({
        label: `instance ${i + 1} (whole run)`,
        exit: exits[i]!,
        warnings: server.process.warnings,
      })),
    },
  ];
}

/** What a run of several instances on this machine can show, and how its processes were placed. */
function scaleOutNote(pinning: Pinning, instances: number, one?: CpuShares, many?: CpuShares): string {
  const cores = cpus().length;
  const where = serverCpus(pinning, instances);
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  const placement =
    where[0] === undefined
      ? `pinning off: the OS schedules the ${instances} servers, the load generator and PostgreSQL over the ${cores} cores`
      : new Set(where).size === 1
        ? `${instances === 2 ? 'both' : `all ${instances}`} servers pinned to CPU ${where[0]} (taskset -c ${where[0]}), the core one server had alone, ` +
          `the load generator on CPU ${pinning.loadCpu}, PostgreSQL unpinned`
        : `the servers pinned to CPUs ${where.join(', ')} (taskset), the load generator on CPU ${pinning.loadCpu}, PostgreSQL unpinned`;
  const shares =
    one && many
      ? ` PostgreSQL used ${pct(one.postgres)} of a core with one instance and ${pct(many.postgres)} with ${instances}; ` +
        `the servers ${pct(one.server)} and ${pct(many.server)}; the machine was idle ${pct(one.machineIdle)} and ${pct(many.machineIdle)}.`
      : '';
  const meaning =
    cores <= 2
      ? `On ${cores} cores this mostly shows the database's ceiling, not how far Switchboard scales out: ` +
        `the servers get no more CPU than one had and share the machine with PostgreSQL and the load generator.`
      : `PostgreSQL runs on the same machine: its ceiling may still bound the figure.`;
  return `${meaning} (${cores} cores; ${placement}.)${shares}`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const pinning = pinLoadGenerator(args.pin);

  log(`Switchboard ingest benchmark — ${new Date().toISOString()}`);
  await logMachine(`${args.connections} connections, warm-up ${args.warmup} s, measured ${args.duration} s`, pinning);
  log(`  server log level under load: LOG_LEVEL=${SERVER_LOG_LEVEL}`);
  log('');

  const baseline = args.baseline ? await benchBareHono(args, pinning) : undefined;
  const {
    scenarios: measuredScenarios,
    profileFile,
    windows,
  } = args.instances > 1 ? { scenarios: await benchInstances(args, pinning) } : await benchSwitchboard(args, pinning);
  await cleanUpEverything();
  const [switchboard, second] = measuredScenarios as [Scenario, Scenario | undefined];
  const twilio = args.provider ? second : undefined;
  const instances = args.instances > 1 ? second : undefined;

  // ----- the table -----
  const scenarios = [...(baseline ? [baseline] : []), ...measuredScenarios];
  const baseRps = baseline?.measured.requestsPerSecond;
  let mismatch = false;
  const rows = scenarios.map((s) => {
    const m = s.measured;
    let storedCell = 'n/a (no database)';
    if (s.stored) {
      const equal = storedAsAcknowledged(s, s.stored);
      if (!equal) mismatch = true;
      storedCell =
        `${int(s.stored.inboundSms)} sms / ${int(s.stored.mediaEvents)} events` +
        (s.messageIds ? ` / ${int(s.stored.messageIds)} messageIds` : '') +
        ` vs ${int(acknowledged(s))} 200s ${equal ? 'OK' : 'MISMATCH'}`;
    }
    return [
      s.name,
      int(m.requestsPerSecond),
      int(m.okPerSecond),
      ms(m.latencyMs.p50),
      ms(m.latencyMs.p99),
      int(m.non2xx),
      `${int(m.errors - m.timeouts)} / ${int(m.timeouts)}`,
      storedCell,
      baseRps ? `${(m.okPerSecond / baseRps).toFixed(2)}×` : '-',
    ];
  });
  log('');
  log(
    renderTable(
      [
        'scenario',
        'req/s',
        'SMS/s (200s/s)',
        'p50 ms',
        'p99 ms',
        'non-2xx',
        'errors / timeouts',
        'rows stored vs 200s (warm-up incl.)',
        'vs bare Hono',
      ],
      rows,
      new Set([1, 2, 3, 4, 5, 6, 8]),
    ),
  );
  log('');
  for (const s of scenarios) {
    const m = s.measured;
    const codes = Object.entries(m.statusCodes)
      .map(([code, n]) => `${code}×${int(n)}`)
      .join(', ');
    log(
      `${s.name}: ${int(m.responses)} responses in ${m.elapsedSeconds.toFixed(2)} s (${codes}); ` +
        `p90 ${ms(m.latencyMs.p90)} ms, max ${ms(m.latencyMs.max)} ms, mean ${ms(m.latencyMs.mean)} ms; ` +
        `warm-up ${int(s.warmup.responses)} responses (${int(s.warmup.status200)} × 200)` +
        (s.probeNote ?? (s.probe200 ? ` + ${s.probe200} probe delivery` : '')) +
        (m.unanswered + s.warmup.unanswered > 0
          ? `; ${m.unanswered + s.warmup.unanswered} requests never answered`
          : ''),
    );
    if (s.instances) {
      const connections = spreadOf(args.connections, s.instances);
      const spread = m.status200ByUrl.map(
        (n, i) =>
          `instance ${i + 1} ${connections[i]} connections, ${int(n)} × 200 (${((n / Math.max(1, m.status200)) * 100).toFixed(0)} %)`,
      );
      log(`  spread over the instances (measured): ${spread.join('; ')}`);
    }
    for (const line of cpuReportLines(s.cpu, m.responses, m.elapsedSeconds)) log(`  ${line}`);
    if (s.stored) {
      log(
        `  batching: ${int(s.stored.inboundSms)} SMS rows in ${int(s.stored.commits)} transactions ` +
          `(${(s.stored.inboundSms / Math.max(1, s.stored.commits)).toFixed(1)} SMS per commit on average, largest ${int(s.stored.largestCommit)}; whole run)`,
      );
    }
    for (const server of s.servers ?? []) {
      log(
        `  ${server.label}: LOG_LEVEL=${SERVER_LOG_LEVEL}, ${server.warnings.count} warn/error log lines; exit ${server.exit.code ?? server.exit.signal}`,
      );
      for (const line of server.warnings.first) log(`    ${line}`);
    }
  }

  if (!args.pglite && args.connections === 100) {
    const m = switchboard.measured;
    const met = m.okPerSecond >= AIM.smsPerSecond && m.latencyMs.p99 < AIM.p99Ms;
    log(
      `\nAim (PostgreSQL, 100 connections): ≥ ${int(AIM.smsPerSecond)} durable SMS/s with p99 < ${AIM.p99Ms} ms — ` +
        `${met ? 'MET' : 'NOT MET'} (${int(m.okPerSecond)} SMS/s, p99 ${ms(m.latencyMs.p99)} ms)`,
    );
  }

  if (instances) {
    const one = switchboard.measured;
    const many = instances.measured;
    log(
      `\n${args.instances} instances against one, same run, same PostgreSQL schema: ${int(many.okPerSecond)} vs ` +
        `${int(one.okPerSecond)} SMS/s = ${(many.okPerSecond / Math.max(1, one.okPerSecond)).toFixed(2)}× ` +
        `(p99 ${ms(many.latencyMs.p99)} vs ${ms(one.latencyMs.p99)} ms)`,
    );
    log(scaleOutNote(pinning, args.instances, switchboard.cpu, instances.cpu));
  }

  if (twilio) {
    const ratio = twilio.measured.okPerSecond / switchboard.measured.okPerSecond;
    log(
      `\nTwilio's webhook against the generic path, same run: ${int(twilio.measured.okPerSecond)} vs ` +
        `${int(switchboard.measured.okPerSecond)} SMS/s = ${(ratio * 100).toFixed(0)} % ` +
        `(aim ≥ ${TWILIO_AIM * 100} %: ${ratio >= TWILIO_AIM ? 'MET' : 'NOT MET'})`,
    );
  }

  if (profileFile && windows) {
    log(`\nCPU profile of the server: ${profileFile}`);
    try {
      const profile = readCpuProfile(profileFile);
      windows.forEach(([skipMs, untilMs], i) => {
        log(`\n## ${measuredScenarios[i]!.name}, its measured window`);
        log(summarizeCpuProfile(profile, { skipMs, untilMs, root: ROOT, top: 30 }));
      });
    } catch (error) {
      log(`  could not read it: ${(error as Error).message}`);
    }
  }

  if (mismatch) {
    log('\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    log('!!! MISMATCH: the rows stored are not the 200s answered (see the table above) !!!');
    log('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    for (const s of scenarios) {
      if (!s.stored) continue;
      const surplus = s.stored.inboundSms - acknowledged(s);
      const gaveUp = s.warmup.timeouts + s.measured.timeouts + s.warmup.unanswered + s.measured.unanswered;
      if (surplus < 0) {
        log(`${s.name}: ${int(-surplus)} deliveries answered 200 have NO row — acknowledged SMS were lost.`);
      } else if (surplus > 0 && surplus <= gaveUp) {
        log(
          `${s.name}: ${int(surplus)} rows more than 200s, and the load generator gave up on ${int(gaveUp)} requests ` +
            `(timeouts after 10 s): the server stored them after the client had stopped waiting. A provider would ` +
            `retry those and, without a messageId, store them twice. The server answered too slowly, not wrongly.`,
        );
      } else if (surplus > 0) {
        log(
          `${s.name}: ${int(surplus)} rows more than 200s, more than the ${int(gaveUp)} requests the client gave up on.`,
        );
      }
      if (s.stored.mediaEvents !== s.stored.inboundSms) {
        log(`${s.name}: ${int(s.stored.mediaEvents)} media events for ${int(s.stored.inboundSms)} SMS rows.`);
      }
      if (s.messageIds && s.stored.messageIds !== s.stored.inboundSms) {
        log(
          `${s.name}: ${int(s.stored.inboundSms)} SMS rows hold ${int(s.stored.messageIds)} distinct messageIds: ` +
            `deliveries were stored twice (or without their messageId).`,
        );
      }
    }
    return 1;
  }
  return 0;
}

runBenchmark('bench:ingest', main);
