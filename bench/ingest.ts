/**
 * Ingest benchmark: how many SMS per second /SMSReceiver stores durably, against bare Hono
 * measured in the same run. See shared/design/performance.md ("How to benchmark").
 *
 *   npm run bench:ingest -- [--pglite] [--provider twilio] [--duration 10] [--warmup 2] [--connections 100]
 *                           [--no-pin] [--no-baseline] [--profile] [--database-url URL]
 *                           [--server-entry server/index.ts]
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
 */
import { createHmac } from 'node:crypto';
import type autocannon from 'autocannon';
import { createDirectConnector, createRoutingConnector } from './support/admin';
import { cpuReportLines, cpuShares, cpuSnapshot, type CpuShares } from './support/cpu-meter';
import { mainThreadProfile, readCpuProfile, summarizeCpuProfile } from './support/cpu-profile';
import {
  createPGliteDatabase,
  createPostgresDatabase,
  type BenchDatabase,
  type StoredCounts,
} from './support/database';
import { readServerBenchFlags, serverBenchDefaults, type ServerBenchFlags } from './support/flags';
import { runLoad, type LoadResult } from './support/load';
import {
  cleanUpEverything,
  freePort,
  onCleanup,
  pinLoadGenerator,
  runBenchmark,
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
}

const USAGE =
  'usage: npm run bench:ingest -- [--pglite] [--routing] [--provider twilio] [--duration 10] [--warmup 2] [--connections 100] [--no-pin] [--no-baseline] [--profile] [--database-url URL] [--server-entry server/index.ts]\n';

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
        if (provider !== 'twilio') throw new Error(`--provider: only twilio is measured, not ${provider}\n${USAGE}`);
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
      default:
        return false;
    }
  });
  return args;
}

/** Distinct senders and texts per connection, built once so they cost the load generator nothing. */
function smsRequests(token: string, perConnection = REQUESTS_PER_CONNECTION) {
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
        body: new URLSearchParams({ receiver: RECIPIENT, sender, message }).toString(),
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
  /** 200s answered outside autocannon (the single probe delivery before the load). */
  probe200?: number;
  cpu?: CpuShares | undefined;
  serverExit?: { code: number | null; signal: NodeJS.Signals | null };
  serverWarnings?: ManagedProcess['warnings'];
}

async function warmUpAndMeasure(
  args: Args,
  url: string,
  requests: (c: number) => autocannon.Request[],
  name: string,
  serverPid: number,
) {
  log(`  warm-up ${args.warmup} s (not counted in the figures)…`);
  const warmup = await runLoad({
    title: `${name} warm-up`,
    url,
    connections: args.connections,
    durationSeconds: args.warmup,
    requestsForConnection: requests,
  });
  log(`  measuring ${args.duration} s at ${args.connections} connections…`);
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
  const connector = args.routing
    ? await createRoutingConnector(admin, RECIPIENT)
    : await createDirectConnector(admin, RECIPIENT);
  log(
    `  connector ${connector.connectorId} (${args.routing ? 'Routing Application: keyword example' : 'Direct ACD Group'}, token required) for ${RECIPIENT}`,
  );

  const probe = await fetch(`${base}/SMSReceiver`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-switchboard-token': connector.token },
    body: smsRequests(connector.token, 1)(999)[0]!.body as string,
  });
  const probeBody = await probe.text();
  if (probe.status !== 200) throw new Error(`a single delivery was answered ${probe.status}: ${probeBody}`);

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
  log(
    `  receipt to media event: p50 ${stored.eventLatencyP50Ms.toFixed(1)} ms, p99 ${stored.eventLatencyP99Ms.toFixed(1)} ms` +
      (args.routing
        ? ' (to the routing transaction that wrote it: batching and the workflow engine included)'
        : ' (to the intake transaction: batching included)'),
  );

  const scenario: Scenario = {
    name: `Switchboard /SMSReceiver (${args.pglite ? 'PGlite' : 'PostgreSQL'}${args.routing ? ', routing application' : ''})`,
    warmup,
    measured,
    stored,
    probe200: 1,
    cpu,
    serverExit,
    serverWarnings: server.warnings,
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

async function benchTwilio(args: Args, admin: Parameters<typeof createDirectConnector>[0], base: string, pid: number) {
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

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const pinning = pinLoadGenerator(args.pin);

  log(`Switchboard ingest benchmark — ${new Date().toISOString()}`);
  await logMachine(`${args.connections} connections, warm-up ${args.warmup} s, measured ${args.duration} s`, pinning);
  log(`  server log level under load: LOG_LEVEL=${SERVER_LOG_LEVEL}`);
  log('');

  const baseline = args.baseline ? await benchBareHono(args, pinning) : undefined;
  const { scenarios: measuredScenarios, profileFile, windows } = await benchSwitchboard(args, pinning);
  await cleanUpEverything();
  const [switchboard, twilio] = measuredScenarios as [Scenario, Scenario | undefined];

  // ----- the table -----
  const scenarios = [...(baseline ? [baseline] : []), ...measuredScenarios];
  const baseRps = baseline?.measured.requestsPerSecond;
  let mismatch = false;
  const rows = scenarios.map((s) => {
    const m = s.measured;
    let storedCell = 'n/a (no database)';
    if (s.stored) {
      const acknowledged = (s.probe200 ?? 0) + s.warmup.status200 + m.status200;
      const equal = s.stored.inboundSms === acknowledged && s.stored.mediaEvents === acknowledged;
      if (!equal) mismatch = true;
      storedCell = `${int(s.stored.inboundSms)} sms / ${int(s.stored.mediaEvents)} events vs ${int(acknowledged)} 200s ${equal ? 'OK' : 'MISMATCH'}`;
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
        (s.probe200 ? ` + ${s.probe200} probe delivery` : '') +
        (m.unanswered + s.warmup.unanswered > 0
          ? `; ${m.unanswered + s.warmup.unanswered} requests never answered`
          : ''),
    );
    for (const line of cpuReportLines(s.cpu, m.responses, m.elapsedSeconds)) log(`  ${line}`);
    if (s.stored) {
      log(
        `  batching: ${int(s.stored.inboundSms)} SMS rows in ${int(s.stored.commits)} transactions ` +
          `(${(s.stored.inboundSms / Math.max(1, s.stored.commits)).toFixed(1)} SMS per commit on average, largest ${int(s.stored.largestCommit)}; whole run)`,
      );
    }
    if (s.serverWarnings) {
      log(
        `  server: LOG_LEVEL=${SERVER_LOG_LEVEL}, ${s.serverWarnings.count} warn/error log lines; exit ${s.serverExit?.code ?? s.serverExit?.signal}`,
      );
      for (const line of s.serverWarnings.first) log(`    ${line}`);
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
      const acknowledged = (s.probe200 ?? 0) + s.warmup.status200 + s.measured.status200;
      const surplus = s.stored.inboundSms - acknowledged;
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
    }
    return 1;
  }
  return 0;
}

runBenchmark('bench:ingest', main);
