/**
 * Conversation benchmark (issue 15): customers' replies resuming runs that wait for them, end to
 * end. See shared/design/performance.md ("How to benchmark").
 *
 *   npm run bench:conversation -- [--rate 2000] [--seconds 10] [--warmup 2] [--concurrency 32] [--unanswered 0]
 *                                 [--pglite] [--no-baseline] [--no-pin] [--profile] [--database-url URL]
 *
 * The server runs as its own process (pinned to one core, this process on the other) with the
 * stand-in network, on a fresh PostgreSQL schema (or PGlite folder with --pglite), dropped at the
 * end. Over the admin API: a client, a send connector (generic HTTP) whose gateway is a fake
 * provider in this process, the menu example (send_sms "Reply 1 for billing, 2 for support" →
 * wait_for_reply → switch → billing / support / general groups) published on a receive connector
 * that names the send connector, and a Direct ACD Group connector for the baseline.
 *   - Phase 1: N distinct senders (N = rate × (warm-up + seconds)) each send a first SMS, at most
 *     --concurrency at a time; then the benchmark waits until N runs wait (waiting_run rows) and
 *     the provider has received the N questions, so the outbox is idle when the replies start.
 *     --unanswered K adds K runs, started first, that never get a reply: they wait ahead of the
 *     answered ones in timeout order, as customers who never answer do.
 *   - Phase 2: the replies ("1" or "2", each to its own waiting run) go out open-loop at --rate,
 *     a warm-up and then --seconds measured.
 * Measured, on the database's clock: reply received (inbound_sms.received_at) → the resumed run's
 * result written (waiting_run.updated_at of the transaction that wrote the run's execution, its
 * media event in the chosen group and the wait's end), and resumes/s completed over the measured
 * window. Checked: every acknowledged reply woke exactly one run, its sender's, which went to the
 * group the reply chose; no reply got a run or media event of its own; none was lost.
 * Baselines in the same run, at the same rate: bare Hono (HTTP only, its own process), and new
 * SMS into the Direct ACD Group connector (receipt → media event written by the intake).
 * --profile runs the server under `node --cpu-prof` and summarises the measured windows.
 */
import type { AdminSession } from './support/admin';
import { openBenchSql, type BenchSql } from './support/bench-sql';
import { cpuShares, cpuSnapshot, describeShares, type CpuShares } from './support/cpu-meter';
import { mainThreadProfile, readCpuProfile, summarizeCpuProfile } from './support/cpu-profile';
import { createPGliteDatabase, createPostgresDatabase, type BenchDatabase } from './support/database';
import { GATEWAY_BODY, GATEWAY_HOST, startFakeProvider, type FakeProvider } from './support/fake-provider';
import { readServerBenchFlags, serverBenchDefaults, type ServerBenchFlags } from './support/flags';
import { HttpClient } from './support/http-client';
import { openLoop, percentile, type OpenLoopResult } from './support/open-loop';
import { sampleActivity } from './support/pg-activity';
import {
  cleanUpEverything,
  freePort,
  onCleanup,
  pinLoadGenerator,
  runBenchmark,
  startNodeProcess,
  waitForReady,
  type Pinning,
} from './support/processes';
import { int, log, logMachine, ms, renderTable } from './support/report';
import { ROOT, startSwitchboardServer } from './support/switchboard-server';
import { EXAMPLE_ACD_GROUP_IDS, exampleWorkflows, withAcdGroups } from '../workflows';

/** The server as `server/index.ts` serves it, its outbound HTTP on the stand-in network (see fake-provider.ts). */
const STAND_IN_ENTRY = 'test/server/routing/serve-on-stand-in-network.ts';
const RECIPIENT = '+4930500000';
const BASELINE_RECIPIENT = '+4930500001';
const AIM = { resumesPerSecond: 2000, p99Ms: 50 };
/** After the last reply was answered, resumes still on their way are awaited while they progress, up to this long without progress. */
const DRAIN_STALL_MS = 15_000;

interface Args extends ServerBenchFlags {
  rate: number;
  seconds: number;
  /** First SMS in flight at once in phase 1. */
  concurrency: number;
  /** Runs started before the others that never get a reply: ahead of the answered ones in timeout order. */
  unanswered: number;
  pglite: boolean;
  baseline: boolean;
}

const USAGE =
  'usage: npm run bench:conversation -- [--rate 2000] [--seconds 10] [--warmup 2] [--concurrency 32] [--unanswered 0] [--pglite] [--no-baseline] [--no-pin] [--profile] [--database-url URL]\n';

function parseArgs(argv: string[]): Args {
  const args: Args = {
    ...serverBenchDefaults(),
    rate: 2000,
    seconds: 10,
    concurrency: 32,
    unanswered: 0,
    pglite: false,
    baseline: true,
  };
  readServerBenchFlags(argv, args, USAGE, ({ name, positive, value }) => {
    switch (name) {
      case '--rate':
        args.rate = positive();
        return true;
      case '--seconds':
      case '--duration':
        args.seconds = positive();
        return true;
      case '--concurrency':
        args.concurrency = Math.round(positive());
        return true;
      case '--unanswered':
        args.unanswered = Math.round(Number(value()));
        if (!(args.unanswered >= 0)) throw new Error('--unanswered must be a number of runs, 0 or more');
        return true;
      case '--pglite':
        args.pglite = true;
        return true;
      case '--no-baseline':
        args.baseline = false;
        return true;
      default:
        return false;
    }
  });
  return args;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = (n: number) => String(n).padStart(7, '0');

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** An SMS to /SMSReceiver (generic contract, JSON body, the connector's token); its id when answered 200. */
async function deliver(
  client: HttpClient,
  token: string,
  receiver: string,
  sender: string,
  message: string,
): Promise<{ id: string } | { failure: string }> {
  const answer = await client.request(
    'POST',
    '/SMSReceiver',
    { 'x-switchboard-token': token },
    { receiver, sender, message },
  );
  if (answer.status !== 200) return { failure: `HTTP ${answer.status}` };
  const id = (JSON.parse(answer.body) as { id?: unknown }).id;
  return typeof id === 'string' ? { id } : { failure: 'no id' };
}

// ----- set-up -----

interface Setup {
  clientId: string;
  connectorId: string;
  token: string;
  baselineConnectorId: string;
  baselineToken: string;
  groups: { billing: string; support: string; general: string };
}

/** The client, its send connector to the fake provider, the menu published on a receive connector, and the baseline's connector. */
async function setUp(admin: AdminSession, provider: FakeProvider): Promise<Setup> {
  const reseller = await admin.create('/api/resellers', { name: 'Bench reseller' });
  const client = await admin.create('/api/clients', { name: 'Bench client', resellerId: reseller.id });
  const clientId = client.id as string;
  await admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [GATEWAY_HOST] });
  const sendConnector = await admin.create('/api/send-connectors', {
    name: 'Bench gateway',
    clientId,
    driver: 'http',
    ratePerSecond: 1000,
    settings: { url: provider.url, body: GATEWAY_BODY, messageIdPath: 'messages.0.id' },
  });
  const group = async (name: string) => (await admin.create('/api/acd-groups', { name, clientId })).id as string;
  const groups = { billing: await group('Billing'), support: await group('Support'), general: await group('General') };
  const graph = withAcdGroups(exampleWorkflows().menu, {
    [EXAMPLE_ACD_GROUP_IDS.billing]: groups.billing,
    [EXAMPLE_ACD_GROUP_IDS.support]: groups.support,
    [EXAMPLE_ACD_GROUP_IDS.general]: groups.general,
  });
  const application = await admin.create('/api/routing-applications', { name: 'Bench menu', clientId });
  await admin.put(`/api/routing-applications/${application.id}/draft`, { graph });
  await admin.create(`/api/routing-applications/${application.id}/publish`, { comment: 'bench' });
  const connector = await admin.create('/api/connectors', {
    name: 'Bench menu connector',
    recipient: RECIPIENT,
    requireToken: true,
    routingType: 'routing_application',
    routingApplicationId: application.id,
    sendConnectorId: sendConnector.id,
    clientId,
  });
  const baseline = await admin.create('/api/connectors', {
    name: 'Bench direct connector',
    recipient: BASELINE_RECIPIENT,
    requireToken: true,
    routingType: 'direct_acd_group',
    acdGroupId: await group('Direct'),
    subject: 'SMS from a customer',
    clientId,
  });
  return {
    clientId,
    connectorId: connector.id as string,
    token: connector.token as string,
    baselineConnectorId: baseline.id as string,
    baselineToken: baseline.token as string,
    groups,
  };
}

// ----- watching the server's progress while it runs -----

/** How many runs of the menu connector wait unwoken, and how many waits ended by a reply. */
interface WaitCounts {
  waiting: number;
  resumed: number;
}

type WaitProbe = () => Promise<WaitCounts>;

/** PostgreSQL: read waiting_run while the server runs. */
function sqlProbe(sqlReader: BenchSql, connectorId: string): WaitProbe {
  return async () => {
    const [row] = await sqlReader.query<WaitCounts>(
      `select count(*) filter (where state = 'waiting' and wake_kind is null)::int as waiting,
              count(*) filter (where state = 'resumed')::int as resumed
       from waiting_run where connector_id = $1`,
      [connectorId],
    );
    return row ?? { waiting: 0, resumed: 0 };
  };
}

/**
 * PGlite: its folder is the server's while it runs, so ask Traffic. The menu's first SMS stay
 * `received` until their run's result is written; those whose execution is `waiting` wait.
 */
function apiProbe(admin: AdminSession, connectorId: string, runs: number): WaitProbe {
  return async () => {
    let received = 0;
    let waiting = 0;
    let cursor: string | null = null;
    do {
      const page: { items: { execution: { status: string } | null }[]; nextCursor: string | null } = await admin.get(
        `/api/sms?connectorId=${connectorId}&status=received&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      received += page.items.length;
      waiting += page.items.filter((sms) => sms.execution?.status === 'waiting').length;
      cursor = page.nextCursor;
    } while (cursor);
    return { waiting, resumed: runs - received };
  };
}

// ----- phases -----

interface LoadPhase {
  load: OpenLoopResult;
  cpu: CpuShares | undefined;
  /** ms since the server's spawn, for the CPU profile. */
  window: [number, number];
  /** What the server's database connections did meanwhile (PostgreSQL only). */
  activity?: string[];
}

/** A warm-up and then the measured load, open-loop at `rate`; `send` is called once per request, in order. */
async function warmUpAndMeasure(
  args: Args,
  serverPid: number,
  spawnedAt: number,
  send: () => Promise<{ id: string } | { failure: string }>,
  watch?: { sql: BenchSql; applicationName: string },
): Promise<{ warmup: OpenLoopResult; measured: LoadPhase }> {
  const warmup = await openLoop({ rate: args.rate, seconds: args.warmup, send });
  const before = cpuSnapshot(serverPid);
  const start = performance.now() - spawnedAt;
  const sampler = watch && sampleActivity(watch.sql, watch.applicationName, 20);
  const load = await openLoop({ rate: args.rate, seconds: args.seconds, send });
  const window: [number, number] = [start, performance.now() - spawnedAt];
  const cpu = cpuShares(before, cpuSnapshot(serverPid));
  const activity = await sampler?.stop();
  return { warmup, measured: { load, cpu, window, ...(activity ? { activity } : {}) } };
}

async function benchBareHono(args: Args, pinning: Pinning): Promise<LoadPhase> {
  const port = await freePort();
  log(`Bare Hono baseline (separate process, port ${port}), ${int(args.rate)} requests/s open-loop`);
  const server = startNodeProcess({
    name: 'bare Hono',
    nodeArgs: ['--import', 'tsx', 'bench/support/bare-hono.ts'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), NODE_ENV: 'production' },
    cwd: ROOT,
    cpu: pinning.serverCpu,
  });
  const client = new HttpClient(`http://127.0.0.1:${port}`);
  try {
    await waitForReady(`http://127.0.0.1:${port}/readyz`, server);
    let n = 0;
    const { measured } = await warmUpAndMeasure(args, server.pid, performance.now(), async () => {
      const i = n++;
      const answer = await deliver(client, 'sbt_x', RECIPIENT, `+49173${pad(i)}`, 'Hallo');
      // Bare Hono answers every request with the same id.
      return 'id' in answer ? { id: `bare-${i}` } : answer;
    });
    return measured;
  } finally {
    client.close();
    await server.stop();
  }
}

interface PhaseOne {
  senders: string[];
  /** From the first SMS sent until N runs waited and the provider had all questions. */
  seconds: number;
  /** Until every first SMS was answered 200. */
  acceptedSeconds: number;
  /** Until N runs waited (PGlite: known only once the provider had every question). */
  waitingSeconds: number;
  cpu: CpuShares | undefined;
  /** ms since the server's spawn, for the CPU profile. */
  window: [number, number];
}

/** N first SMS, one per sender; resolves once N runs wait and the provider received the N questions. */
async function startWaitingRuns(
  args: Args,
  runs: number,
  client: HttpClient,
  setup: Setup,
  provider: FakeProvider,
  probe: WaitProbe,
  serverPid: number,
  spawnedAt: number,
): Promise<PhaseOne> {
  const senders = Array.from({ length: runs }, (_, i) => `+49171${pad(i)}`);
  const windowStart = performance.now() - spawnedAt;
  log(`  phase 1: ${int(runs)} first SMS from distinct senders, ${args.concurrency} at a time…`);
  const before = cpuSnapshot(serverPid);
  const start = performance.now();
  const answers = await inParallel(senders, args.concurrency, (sender) =>
    deliver(client, setup.token, RECIPIENT, sender, 'Hallo, ich habe eine Frage zu meiner Rechnung'),
  );
  const acceptedSeconds = (performance.now() - start) / 1000;
  const failed = answers.filter((a) => 'failure' in a).length;
  if (failed > 0) throw new Error(`${failed} of ${runs} first SMS were not answered 200`);
  // No deadline while the runs and the outbox make progress: the outbox sends at its own pace.
  let lastLog = performance.now();
  let progressAt = performance.now();
  let previous = -1;
  let waitingSeconds: number | undefined;
  for (;;) {
    const asked = provider.byRecipient.size;
    // Traffic (PGlite) is read page by page: only once every question went out.
    const counts = asked >= runs || !args.pglite ? await probe() : { waiting: 0, resumed: 0 };
    if (counts.waiting >= runs) waitingSeconds ??= (performance.now() - start) / 1000;
    if (counts.waiting >= runs && asked >= runs) break;
    if (counts.waiting + asked > previous) {
      previous = counts.waiting + asked;
      progressAt = performance.now();
    } else if (performance.now() - progressAt > 20_000) {
      throw new Error(
        `phase 1 stalled: ${counts.waiting} of ${runs} runs wait, ${asked} questions reached the provider`,
      );
    }
    if (performance.now() - lastLog > 15_000) {
      log(`    ${int(counts.waiting)} runs waiting, ${int(asked)} questions at the provider…`);
      lastLog = performance.now();
    }
    await sleep(args.pglite ? 1000 : 200);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    senders,
    seconds,
    acceptedSeconds,
    waitingSeconds: waitingSeconds ?? seconds,
    cpu: cpuShares(before, cpuSnapshot(serverPid)),
    window: [windowStart, performance.now() - spawnedAt],
  };
}

// ----- what the database says afterwards -----

interface ReplyCheck {
  stored: number;
  routed: number;
  runsOfReplies: number;
  eventsOfReplies: number;
  resumedReplies: number;
  wakes: number;
  wrongSender: number;
  wrongGroup: number;
  runs: number;
  stillWaiting: number;
  measuredResumed: number;
  measuredSpanSeconds: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /** Reply received (server) → answered 200 (here), and answered → run routed (database), p50 and p99. */
  toAnswer: [number, number];
  afterAnswer: [number, number];
}

/** Every reply and the run it woke; latencies of the measured replies (database clock). */
async function checkReplies(
  sqlReader: BenchSql,
  setup: Setup,
  /** The measured replies: when each was answered 200 (epoch ms, this machine's clock). */
  measured: Map<string, number>,
  all: string[],
): Promise<ReplyCheck> {
  const [row] = await sqlReader.query<Record<string, unknown>>(
    `with answer as (
       select * from unnest($1::uuid[], $6::float8[]) as a(id, answered_ms)
     ), reply as (
       select s.id, s.sender_normalized, s.message, s.status, s.received_at, a.answered_ms, a.id is not null as measured
       from inbound_sms s left join answer a on a.id = s.id where s.id = any($2::uuid[])
     ), woken as (
       select r.id as reply_id, r.measured, r.message, r.received_at, r.answered_ms, w.state, w.updated_at,
         w.sender = r.sender_normalized as same_sender, e.acd_group_id
       from reply r join waiting_run w on w.wake_sms_id = r.id
       left join media_event e on e.sms_id = w.sms_id
     ), measured_resume as (
       select extract(epoch from updated_at - received_at) * 1000 as latency,
         answered_ms - extract(epoch from received_at) * 1000 as to_answer,
         extract(epoch from updated_at) * 1000 - answered_ms as after_answer, updated_at, received_at
       from woken where measured and state = 'resumed'
     )
     select
       (select count(*) from reply)::int as stored,
       (select count(*) from reply where status = 'routed')::int as routed,
       (select count(*) from workflow_execution x join reply r on r.id = x.sms_id)::int as runs_of_replies,
       (select count(*) from media_event e join reply r on r.id = e.sms_id)::int as events_of_replies,
       (select count(distinct reply_id) from woken where state = 'resumed')::int as resumed_replies,
       (select count(*) from woken)::int as wakes,
       (select count(*) from woken where not same_sender)::int as wrong_sender,
       (select count(*) from woken where state = 'resumed' and acd_group_id is distinct from
          (case when message = '1' then $3::uuid else $4::uuid end))::int as wrong_group,
       (select count(*) from workflow_execution x join inbound_sms s on s.id = x.sms_id
          where s.connector_id = $5)::int as runs,
       (select count(*) from waiting_run where connector_id = $5 and state = 'waiting')::int as still_waiting,
       (select count(*) from measured_resume)::int as measured_resumed,
       (select extract(epoch from max(updated_at) - min(received_at)) from measured_resume)::float8 as span,
       (select percentile_cont(array[0.5, 0.99]) within group (order by latency) from measured_resume) as latencies,
       (select max(latency) from measured_resume)::float8 as latency_max,
       (select percentile_cont(array[0.5, 0.99]) within group (order by to_answer) from measured_resume) as to_answer,
       (select percentile_cont(array[0.5, 0.99]) within group (order by after_answer) from measured_resume)
         as after_answer`,
    [[...measured.keys()], all, setup.groups.billing, setup.groups.support, setup.connectorId, [...measured.values()]],
  );
  const r = row!;
  const latencies = (r.latencies as number[] | null) ?? [];
  return {
    stored: Number(r.stored),
    routed: Number(r.routed),
    runsOfReplies: Number(r.runs_of_replies),
    eventsOfReplies: Number(r.events_of_replies),
    resumedReplies: Number(r.resumed_replies),
    wakes: Number(r.wakes),
    wrongSender: Number(r.wrong_sender),
    wrongGroup: Number(r.wrong_group),
    runs: Number(r.runs),
    stillWaiting: Number(r.still_waiting),
    measuredResumed: Number(r.measured_resumed),
    measuredSpanSeconds: Number(r.span ?? 0),
    latencyP50: Number(latencies[0] ?? NaN),
    latencyP99: Number(latencies[1] ?? NaN),
    latencyMax: Number(r.latency_max ?? NaN),
    toAnswer: pair(r.to_answer),
    afterAnswer: pair(r.after_answer),
  };
}

const pair = (value: unknown): [number, number] => {
  const values = (value as number[] | null) ?? [];
  return [Number(values[0] ?? NaN), Number(values[1] ?? NaN)];
};

interface IngestCheck {
  events: number;
  spanSeconds: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
}

/** The baseline's measured SMS: receipt → media event written (the intake's transaction). */
async function checkIngest(sqlReader: BenchSql, measured: string[]): Promise<IngestCheck> {
  const [row] = await sqlReader.query<Record<string, unknown>>(
    `with m as (
       select extract(epoch from e.updated_at - s.received_at) * 1000 as latency, e.updated_at, s.received_at
       from inbound_sms s join media_event e on e.sms_id = s.id where s.id = any($1::uuid[])
     )
     select count(*)::int as events, extract(epoch from max(updated_at) - min(received_at))::float8 as span,
       percentile_cont(array[0.5, 0.99]) within group (order by latency) as latencies, max(latency)::float8 as latency_max
     from m`,
    [measured],
  );
  const latencies = (row!.latencies as number[] | null) ?? [];
  return {
    events: Number(row!.events),
    spanSeconds: Number(row!.span ?? 0),
    latencyP50: Number(latencies[0] ?? NaN),
    latencyP99: Number(latencies[1] ?? NaN),
    latencyMax: Number(row!.latency_max ?? NaN),
  };
}

/**
 * What each statement of a wake sweep costs on the table as it is: the two selects inside
 * claimWakes (server/routing/waiting-run-store.ts: the woken waits, and the waits not woken
 * whose timeout passed) and the look for replies that waits stored a moment ago missed
 * (wakeMissedReplies), without their row locks, as each instance's sweep runs them every second.
 */
async function sweepScan(sqlReader: BenchSql, when: string): Promise<string> {
  const statements: [string, string][] = [
    [
      'claim of woken waits',
      `select execution_id from waiting_run
       where state = 'waiting' and wake_kind is not null and (claimed_until is null or claimed_until < now())
       order by updated_at limit 100`,
    ],
    [
      'claim of due waits',
      `select execution_id from waiting_run
       where state = 'waiting' and wake_kind is null and wake_at <= now()
       order by wake_at limit 100`,
    ],
    [
      'missed-reply look',
      `select u.execution_id from waiting_run u
       cross join lateral (
         select s.id, s.message from inbound_sms s
         where s.conversation_id = u.conversation_id
           and (s.received_at, s.id) > (select a.received_at, a.id from inbound_sms a
             where a.id = coalesce(u.replies_after_sms_id, u.sms_id))
           and s.status = 'routed'
           and not exists (select 1 from workflow_execution e where e.sms_id = s.id)
           and not exists (select 1 from media_event m where m.sms_id = s.id)
           and not exists (select 1 from waiting_run o where o.wake_sms_id = s.id)
         order by s.received_at, s.id limit 1) reply
       where u.state = 'waiting' and u.wake_kind is null and u.updated_at > now() - interval '30 seconds'
       order by u.updated_at limit 100`,
    ],
  ];
  const [rows] = await sqlReader.query<{ all: number; waiting: number; woken: number }>(
    `select count(*)::int as all, count(*) filter (where state = 'waiting')::int as waiting,
       count(*) filter (where state = 'waiting' and wake_kind is not null)::int as woken from waiting_run`,
  );
  const parts: string[] = [];
  for (const [name, statement] of statements) {
    const [plan] = await sqlReader.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, format json) ${statement}`);
    const root = (plan!['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time': number }[])[0]!;
    const scans: string[] = [];
    const visit = (node: PlanNode) => {
      if (/Scan/.test(node['Node Type']) && !/Subquery|Function/.test(node['Node Type']))
        scans.push(
          `${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''} ` +
            `${int((node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1))} rows read`,
        );
      for (const child of node.Plans ?? []) visit(child);
    };
    visit(root.Plan);
    parts.push(`${name} ${ms(root['Execution Time'])} ms (${scans.slice(0, 3).join(', ')})`);
  }
  return (
    `the wake sweep's statements ${when} (${int(rows!.all)} waiting_run rows, ${int(rows!.waiting)} waiting, ` +
    `${int(rows!.woken)} woken): ${parts.join('; ')}`
  );
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

// ----- main -----

const perSecond = (load: OpenLoopResult) => load.acknowledged / load.seconds;
const failures = (load: OpenLoopResult) => Object.values(load.failures).reduce((a, b) => a + b, 0);
/** Server CPU per acknowledged request, µs (robust against a busy machine). */
const cpuPerRequest = (phase: LoadPhase) =>
  phase.cpu && phase.load.acknowledged > 0
    ? (phase.cpu.server * phase.load.seconds * 1e6) / phase.load.acknowledged
    : Number.NaN;
const httpCell = (load: OpenLoopResult) =>
  `${ms(percentile(load.latenciesMs, 0.5))} / ${ms(percentile(load.latenciesMs, 0.99))}`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const pinning = pinLoadGenerator(args.pin);
  const warmupReplies = Math.max(1, Math.round(args.rate * args.warmup));
  const measuredReplies = Math.max(1, Math.round(args.rate * args.seconds));
  const runs = args.unanswered + warmupReplies + measuredReplies;
  log(`Switchboard conversation benchmark — ${new Date().toISOString()}`);
  await logMachine(
    `${int(runs)} waiting runs (${int(args.unanswered)} never answered); replies ${int(args.rate)}/s open-loop, warm-up ${args.warmup} s, measured ${args.seconds} s`,
    pinning,
  );
  log('');

  const bare = args.baseline ? await benchBareHono(args, pinning) : undefined;

  const database: BenchDatabase = args.pglite ? createPGliteDatabase() : await createPostgresDatabase(args.databaseUrl);
  onCleanup('drop the benchmark database', () => database.drop());
  // The server's connections name themselves (node-postgres reads PGAPPNAME), for pg_stat_activity.
  const applicationName = `bench-conversation-${process.pid}`;
  database.env.PGAPPNAME = applicationName;
  const provider = await startFakeProvider();
  onCleanup('stop the fake provider', () => provider.close());
  const started = await startSwitchboardServer({
    port: await freePort(),
    database,
    pinning,
    logLevel: 'warn',
    entry: STAND_IN_ENTRY,
    profile: args.profile,
  });
  const { process: server, base, spawnedAt, profileDir } = started;
  log(`Switchboard server (separate process) on ${base}, ${database.description}`);
  const admin = await started.adminSession();
  const setup = await setUp(admin, provider);
  log(
    `  menu example on ${RECIPIENT} (send connector → fake provider on ${GATEWAY_HOST}:${provider.port}), baseline connector on ${BASELINE_RECIPIENT}`,
  );
  const client = new HttpClient(base);
  onCleanup('close the connections', () => client.close());
  const live = args.pglite ? undefined : await openBenchSql(database);
  if (live) onCleanup('close the database connection', () => live.close());
  const watch = live && { sql: live, applicationName };
  const probe = live ? sqlProbe(live, setup.connectorId) : apiProbe(admin, setup.connectorId, runs);

  let ingest: { warmup: OpenLoopResult; measured: LoadPhase } | undefined;
  if (args.baseline) {
    log(`  baseline: new SMS into the Direct ACD Group connector, ${int(args.rate)}/s open-loop…`);
    let n = 0;
    ingest = await warmUpAndMeasure(
      args,
      server.pid,
      spawnedAt,
      () =>
        deliver(client, setup.baselineToken, BASELINE_RECIPIENT, `+49172${pad(n++)}`, 'Hallo, wann kommt mein Paket?'),
      watch,
    );
  }

  const phaseOne = await startWaitingRuns(args, runs, client, setup, provider, probe, server.pid, spawnedAt);
  log(
    `    first SMS all answered after ${phaseOne.acceptedSeconds.toFixed(1)} s, ${int(runs)} runs waiting after ` +
      `${phaseOne.waitingSeconds.toFixed(1)} s (${int(runs / phaseOne.waitingSeconds)} runs started and waiting per ` +
      `second), the provider had all ${int(runs)} questions after ${phaseOne.seconds.toFixed(1)} s`,
  );

  if (live) {
    log(
      `    ${await sweepScan(live, 'before the replies').catch((error: Error) => `the wake sweep's statements: ${error.message}`)}`,
    );
  }
  log(`  phase 2: replies "1" / "2" to the waiting runs, ${int(args.rate)}/s open-loop…`);
  let next = 0;
  const answeredAt = new Map<string, number>();
  const replies = await warmUpAndMeasure(
    args,
    server.pid,
    spawnedAt,
    async () => {
      const i = next++;
      const sender = phaseOne.senders[args.unanswered + i]!;
      const outcome = await deliver(client, setup.token, RECIPIENT, sender, i % 2 === 0 ? '1' : '2');
      if ('id' in outcome) answeredAt.set(outcome.id, performance.timeOrigin + performance.now());
      return outcome;
    },
    watch,
  );
  const acked = replies.warmup.acknowledged + replies.measured.load.acknowledged;
  const drainStart = performance.now();
  let counts = await probe();
  let progressAt = performance.now();
  while (counts.resumed < acked && performance.now() - progressAt < DRAIN_STALL_MS) {
    await sleep(args.pglite ? 1000 : 100);
    const before = counts.resumed;
    counts = await probe();
    if (counts.resumed > before) progressAt = performance.now();
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  client.close();
  await server.stop();
  const serverExit = await server.exited;
  await live?.close();
  await provider.close();

  const reader = await openBenchSql(database);
  const measuredIds = [...replies.measured.load.sentAt.keys()];
  const allIds = [...replies.warmup.sentAt.keys(), ...measuredIds];
  const measuredAnswers = new Map(measuredIds.map((id) => [id, answeredAt.get(id)!]));
  const check = await checkReplies(reader, setup, measuredAnswers, allIds);
  const baselineCheck = ingest ? await checkIngest(reader, [...ingest.measured.load.sentAt.keys()]) : undefined;
  const claimCost = await sweepScan(reader, 'on the table left behind').catch(
    (error: Error) => `the wake sweep's statements: ${error.message}`,
  );
  await reader.close();
  await cleanUpEverything();

  // ----- the report -----
  const phase = replies.measured;
  const resumesPerSecond = check.measuredSpanSeconds > 0 ? check.measuredResumed / check.measuredSpanSeconds : 0;
  const rows: string[][] = [];
  if (bare) {
    rows.push([
      'bare Hono (constant JSON, no body read, no DB)',
      int(args.rate),
      int(perSecond(bare.load)),
      httpCell(bare.load),
      '-',
      '-',
      ms(cpuPerRequest(bare)),
    ]);
  }
  if (ingest && baselineCheck) {
    rows.push([
      'new SMS, Direct ACD Group (receipt → media event)',
      int(args.rate),
      int(perSecond(ingest.measured.load)),
      httpCell(ingest.measured.load),
      int(baselineCheck.spanSeconds > 0 ? baselineCheck.events / baselineCheck.spanSeconds : 0),
      `${ms(baselineCheck.latencyP50)} / ${ms(baselineCheck.latencyP99)} / ${ms(baselineCheck.latencyMax)}`,
      ms(cpuPerRequest(ingest.measured)),
    ]);
  }
  rows.push([
    'reply resumes its waiting run (reply → run routed)',
    int(args.rate),
    int(perSecond(phase.load)),
    httpCell(phase.load),
    int(resumesPerSecond),
    `${ms(check.latencyP50)} / ${ms(check.latencyP99)} / ${ms(check.latencyMax)}`,
    ms(cpuPerRequest(phase)),
  ]);
  log('');
  log(
    renderTable(
      [
        `scenario (${args.pglite ? 'PGlite' : 'PostgreSQL'}, measured ${args.seconds} s)`,
        'target/s',
        'acked/s',
        'HTTP p50 / p99 ms',
        'done/s',
        'to result p50 / p99 / max ms (DB clock)',
        'server CPU µs/req',
      ],
      rows,
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  );
  log('');
  const loads: [string, LoadPhase | undefined][] = [
    ['bare Hono', bare],
    ['new SMS', ingest?.measured],
    ['replies', phase],
  ];
  for (const [name, p] of loads) {
    if (!p) continue;
    const failed = Object.entries(p.load.failures).map(([why, n]) => `${why} ×${int(n)}`);
    log(
      `${name}: ${int(p.load.sent)} sent, ${int(p.load.acknowledged)} acknowledged in ${p.load.seconds.toFixed(2)} s` +
        `${failed.length ? `, failed: ${failed.join(', ')}` : ''}; load generator lag p99 ${ms(p.load.sendLagP99Ms)} ms`,
    );
    log(`  ${describeShares(p.cpu, p.load.acknowledged, p.load.seconds)}`);
    if (p.activity) for (const line of p.activity) log(`  PostgreSQL, the server's connections: ${line}`);
    if (p.cpu && p.cpu.others > 0.3)
      log(`  WARNING: other processes used ${Math.round(p.cpu.others * 100)}% of a core: the figures are too low`);
  }
  log(`phase 1: ${describeShares(phaseOne.cpu, runs, phaseOne.seconds)} (per run started)`);
  log(
    `replies (warm-up included): ${int(acked)} acknowledged, ${int(check.stored)} stored, ${int(check.routed)} routed into ` +
      `their conversation; ${int(check.resumedReplies)} woke and resumed a run (${int(check.wakes)} wakes), ` +
      `${int(check.runsOfReplies)} got a run of their own, ${int(check.eventsOfReplies)} a media event of their own; ` +
      `${int(check.runs)} runs on the menu connector for ${int(runs)} first SMS; ${int(check.stillWaiting)} still waiting`,
  );
  log(
    `reply → run routed, split at the reply's 200: received → answered p50 ${ms(check.toAnswer[0])} / p99 ` +
      `${ms(check.toAnswer[1])} ms (intake batch and commit), answered → run routed p50 ${ms(check.afterAnswer[0])} / ` +
      `p99 ${ms(check.afterAnswer[1])} ms (wake claimed, run resumed, result written; same clock, two processes)`,
  );
  log(
    `after the last reply was answered: ${drainSeconds.toFixed(1)} s until ${int(counts.resumed)} of ${int(acked)} resumes were written`,
  );
  log(claimCost);
  log(`server: ${server.warnings.count} warn/error log lines; exit ${serverExit.code ?? serverExit.signal}`);
  for (const line of server.warnings.first) log(`  ${line}`);

  const problems: string[] = [];
  const failedReplies = failures(replies.warmup) + failures(phase.load);
  if (failedReplies > 0) problems.push(`${failedReplies} replies were not answered 200`);
  if (check.stored !== acked) problems.push(`${acked - check.stored} acknowledged replies are not stored`);
  if (check.routed !== check.stored)
    problems.push(`${check.stored - check.routed} replies are not routed into their conversation`);
  if (check.resumedReplies !== acked)
    problems.push(`${acked - check.resumedReplies} acknowledged replies resumed no run (lost)`);
  if (check.wakes !== check.resumedReplies)
    problems.push(`${check.wakes - check.resumedReplies} wakes more than replies that woke a run`);
  if (check.wrongSender > 0) problems.push(`${check.wrongSender} replies woke another sender's run`);
  if (check.wrongGroup > 0) problems.push(`${check.wrongGroup} resumed runs did not reach the group their reply chose`);
  if (check.runsOfReplies > 0) problems.push(`${check.runsOfReplies} replies started a run of their own`);
  if (check.eventsOfReplies > 0) problems.push(`${check.eventsOfReplies} replies got a media event of their own`);
  if (check.runs !== runs) problems.push(`${check.runs} runs on the menu connector, not ${runs}`);
  if (check.stillWaiting !== runs - check.resumedReplies)
    problems.push(`${check.stillWaiting} runs still wait, not ${runs - check.resumedReplies}`);
  if (ingest && baselineCheck && baselineCheck.events !== ingest.measured.load.acknowledged)
    problems.push(
      `baseline: ${baselineCheck.events} media events for ${ingest.measured.load.acknowledged} acknowledged SMS`,
    );

  if (bare) {
    log(
      `\nBaseline, same run and rate: replies acknowledged ${int(perSecond(phase.load))}/s vs bare Hono ` +
        `${int(perSecond(bare.load))}/s (${(perSecond(phase.load) / perSecond(bare.load)).toFixed(2)}×); HTTP p99 ` +
        `${ms(percentile(phase.load.latenciesMs, 0.99))} vs ${ms(percentile(bare.load.latenciesMs, 0.99))} ms`,
    );
  }
  if (ingest && baselineCheck) {
    log(
      `          reply → run routed p99 ${ms(check.latencyP99)} ms vs new SMS receipt → media event p99 ` +
        `${ms(baselineCheck.latencyP99)} ms (${(check.latencyP99 / baselineCheck.latencyP99).toFixed(1)}×); server CPU ` +
        `per reply ${ms(cpuPerRequest(phase))} µs vs ${ms(cpuPerRequest(ingest.measured))} µs per new SMS ` +
        `(${(cpuPerRequest(phase) / cpuPerRequest(ingest.measured)).toFixed(1)}×)`,
    );
  }
  const keptUp = perSecond(phase.load) >= 0.98 * args.rate;
  const met =
    !args.pglite &&
    args.rate >= AIM.resumesPerSecond &&
    keptUp &&
    resumesPerSecond >= AIM.resumesPerSecond &&
    check.latencyP99 < AIM.p99Ms &&
    problems.length === 0;
  log(
    `\nAim (PostgreSQL): ≥ ${int(AIM.resumesPerSecond)} resumes/s, reply → next step p99 < ${AIM.p99Ms} ms, ` +
      `every reply resuming exactly one run — ${met ? 'MET' : 'MISSED'} (${int(resumesPerSecond)} resumes/s at ` +
      `${int(args.rate)}/s offered, p99 ${ms(check.latencyP99)} ms` +
      `${args.pglite ? ', PGlite: the aim is for PostgreSQL' : ''}${args.rate < AIM.resumesPerSecond ? ', rate below the aim' : ''}` +
      `${keptUp ? '' : ', the server did not keep up with the rate'}${problems.length ? ', see the problems below' : ''})`,
  );

  if (profileDir) {
    const file = mainThreadProfile(profileDir, server.pid);
    if (!file) log(`\nNo CPU profile of the server's main thread in ${profileDir}`);
    else {
      log(`\nCPU profile of the server: ${file}`);
      const profile = readCpuProfile(file);
      const windows: [string, [number, number]][] = [
        ...(ingest ? [['new SMS, Direct ACD Group', ingest.measured.window] as [string, [number, number]]] : []),
        ['phase 1: first SMS starting runs that wait', phaseOne.window],
        ['replies resuming waiting runs', phase.window],
      ];
      for (const [title, [skipMs, untilMs]] of windows) {
        log(`\n=== ${title}: measured window ===`);
        log(summarizeCpuProfile(profile, { skipMs, untilMs, root: ROOT, top: 30 }));
      }
    }
  }

  if (problems.length > 0) {
    log(`\nMISMATCH: ${problems.join('; ')}`);
    return 1;
  }
  return 0;
}

runBenchmark('bench:conversation', main);
