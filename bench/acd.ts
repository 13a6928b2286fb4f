/**
 * ACD benchmark: with 200 agents in 20 groups, how fast SMS delivered to /SMSReceiver become
 * offers on agents' desks. See shared/design/performance.md ("How to benchmark").
 *
 *   npm run bench:acd -- [--rate 1000] [--seconds 10] [--warmup 2] [--no-working | --working-rate 300]
 *                        [--no-conversations | --reply-rate 300] [--history [--history-sms 2000000]]
 *                        [--no-pin] [--profile] [--database-url URL]
 *
 * The server runs as its own process pinned to one core, on a fresh PostgreSQL schema (dropped at
 * the end); this process (the load generator, on the other core) sets everything up over the API,
 * logs the agents in, opens one desk stream (server-sent events) per agent and delivers SMS
 * open-loop at a fixed rate, spread over 20 Direct ACD Group connectors. Scenarios, in one run:
 *   - baseline: the same load into 20 groups nobody is available in (the events only queue);
 *   - distribution: 200 agents in 20 groups (10 each), capacity 100, all available: every SMS is
 *     offered at once and stays offered (nobody answers; offers time out after an hour);
 *   - working (unless --no-working): 200 other agents in 20 other groups, capacity 2, who accept
 *     and complete every offer over HTTP the moment it reaches their desk, at --working-rate: the
 *     steady state in which slots free up and are offered again;
 *   - conversations (unless --no-conversations): 200 more agents holding 1,000 conversations,
 *     inbound SMS into them at --rate and the agents' replies at --reply-rate to a fake provider
 *     (bench/acd-conversations.ts).
 * --history first fills the database with a past of completed work (bench/support/history.ts:
 * by default 2 million SMS with their conversations, media events and offers over 90 days,
 * across 50 clients) and ANALYZEs it, so that the scenarios run against tables of a database in
 * use rather than holding only the run's own rows.
 * Receipt-to-offer is measured twice: in the database (media_event.offered_at − inbound_sms.received_at)
 * and on the desk (stream arrival − request sent, both on this process's clock). Every
 * acknowledged SMS must be offered exactly once and seen exactly once on a desk: a mismatch prints
 * MISMATCH and exits 1. --profile runs the server under `node --cpu-prof` and summarises each
 * measured window.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { AdminSession } from './support/admin';
import { cpuReportLines, cpuShares, cpuSnapshot, type CpuShares } from './support/cpu-meter';
import { mainThreadProfile, readCpuProfile, summarizeCpuProfile } from './support/cpu-profile';
import { createPostgresDatabase } from './support/database';
import { readServerBenchFlags, serverBenchDefaults, type ServerBenchFlags } from './support/flags';
import { HttpClient, sessionCookie, type EventStream, type SseEvent } from './support/http-client';
import { openLoop, percentile, type OpenLoopResult } from './support/open-loop';
import { freePort, onCleanup, pinLoadGenerator, runBenchmark, type ManagedProcess } from './support/processes';
import { int, log, logMachine, ms, renderTable } from './support/report';
import { ROOT, startSwitchboardServer } from './support/switchboard-server';
import { runConversationScenario, STAND_IN_ENTRY } from './acd-conversations';
import { DEFAULT_HISTORY, fillHistory, type HistoryOptions } from './support/history';
const AGENTS = 200;
const GROUPS = 20;
const PER_GROUP = AGENTS / GROUPS;
/** Capacity of the agents who only receive offers: high, so the run measures offering, not agents. */
const OFFER_CAPACITY = 100;
/** Capacity of the agents who work every offer off at once. */
const WORKING_CAPACITY = 2;
const AIM = { rate: 1000, p99Ms: 100 };
/**
 * 200 agents who accept and complete over HTTP cost the server three requests per SMS: on two
 * cores shared with PostgreSQL and this process, about what they can work through.
 */
const DEFAULT_WORKING_RATE = 300;
/** How long to wait, after the last request was answered, for offers still on their way. */
const DRAIN_MS = 15_000;
/** Long enough for the server's idle database connections to report their table statistics. */
const STATS_FLUSH_MS = 1500;

interface Args extends ServerBenchFlags {
  rate: number;
  /** The working scenario's rate. */
  workingRate: number;
  seconds: number;
  working: boolean;
  conversations: boolean;
  replyRate: number;
  /** Fill the database with a past first (--history), and how much. */
  history: HistoryOptions | undefined;
}

const USAGE =
  'usage: npm run bench:acd -- [--rate 1000] [--seconds 10] [--warmup 2] [--no-working | --working-rate N] [--no-conversations | --reply-rate N] [--history [--history-sms N]] [--no-pin] [--profile] [--database-url URL]\n';

function parseArgs(argv: string[]): Args {
  const args: Args = {
    ...serverBenchDefaults(),
    rate: 1000,
    workingRate: DEFAULT_WORKING_RATE,
    seconds: 10,
    working: true,
    conversations: true,
    replyRate: 300,
    history: undefined,
  };
  readServerBenchFlags(argv, args, USAGE, ({ name, positive }) => {
    switch (name) {
      case '--rate':
        args.rate = positive();
        return true;
      case '--working-rate':
        args.workingRate = positive();
        return true;
      case '--seconds':
      case '--duration':
        args.seconds = positive();
        return true;
      case '--working':
        args.working = true;
        return true;
      case '--no-working':
        args.working = false;
        return true;
      case '--no-conversations':
        args.conversations = false;
        return true;
      case '--reply-rate':
        args.replyRate = positive();
        return true;
      case '--history':
        args.history = { ...DEFAULT_HISTORY, ...args.history };
        return true;
      case '--history-sms':
        args.history = { ...DEFAULT_HISTORY, ...args.history, sms: Math.round(positive()) };
        return true;
      default:
        return false;
    }
  });
  return args;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) return false;
    await sleep(20);
  }
  return true;
}

// ----- agents, their desks, and what reaches them -----

type ScenarioKind = 'baseline' | 'distribution' | 'working';

interface Agent {
  id: string;
  email: string;
  cookie: string;
  works: boolean;
  stream?: EventStream;
}

interface Team {
  kind: ScenarioKind;
  agents: Agent[];
  recipients: string[];
}

interface OfferSeen {
  at: number;
  agentId: string;
  mediaEventId: string;
}

/** Everything the desk streams and the working agents report, for the whole run. */
class Desks {
  readonly offers = new Map<string, OfferSeen>();
  /** SMS ids offered more than once (over all streams), with how often. */
  readonly repeated = new Map<string, number>();
  /** Working agents: when their complete was answered, by SMS id. */
  readonly completedAt = new Map<string, number>();
  /** Stream events other than offers, and failed accepts/completes, counted since the last reset. */
  counters: Record<string, number> = {};

  constructor(private readonly client: HttpClient) {}

  count(what: string) {
    this.counters[what] = (this.counters[what] ?? 0) + 1;
  }

  open(agent: Agent): EventStream {
    const stream = this.client.eventStream('/api/desk/stream', { cookie: agent.cookie }, (event, at) =>
      this.onEvent(agent, event, at),
    );
    void stream.ended.then(() => {
      if (agent.stream === stream) this.count('stream ended');
    });
    agent.stream = stream;
    return stream;
  }

  private onEvent(agent: Agent, event: SseEvent, at: number) {
    if (event.event !== 'offer') {
      if (event.event === 'reset' || event.event === 'withdrawn') this.count(`stream: ${event.event}`);
      return;
    }
    const offer = JSON.parse(event.data) as { id: string; sms: { id: string } };
    const smsId = offer.sms.id;
    if (this.offers.has(smsId)) this.repeated.set(smsId, (this.repeated.get(smsId) ?? 1) + 1);
    else this.offers.set(smsId, { at, agentId: agent.id, mediaEventId: offer.id });
    if (agent.works) void this.work(agent, offer.id, smsId);
  }

  /** A working agent takes the offer and finishes it at once, as two HTTP calls. */
  private async work(agent: Agent, mediaEventId: string, smsId: string) {
    const headers = { cookie: agent.cookie };
    try {
      const accepted = await this.client.request('POST', `/api/desk/media-events/${mediaEventId}/accept`, headers);
      if (accepted.status !== 200) return this.count(`accept: HTTP ${accepted.status}`);
      const completed = await this.client.request('POST', `/api/desk/media-events/${mediaEventId}/complete`, headers);
      if (completed.status !== 200) return this.count(`complete: HTTP ${completed.status}`);
      this.completedAt.set(smsId, performance.now());
    } catch (error) {
      this.count(`accept/complete: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}

// ----- the database as the bench sees it (read-only, on the benchmark schema) -----

interface DbCheck {
  stored: number;
  events: number;
  queued: number;
  offered: number;
  completed: number;
  offerRows: number;
  /** Events with more than one offer row. */
  offeredMoreThanOnce: number;
  offerLatencies: number[];
  /** Dispatch transactions that offered something (distinct now() per group). */
  dispatches: number;
}

async function checkDatabase(db: pg.Client, smsIds: string[]): Promise<DbCheck> {
  const rows = await db.query<{ state: string | null; offer_ms: number | null; offers: number }>(
    `select e.state, extract(epoch from e.offered_at - s.received_at) * 1000 as offer_ms,
       (select count(*) from media_event_offer o where o.media_event_id = e.id)::int as offers
     from inbound_sms s left join media_event e on e.sms_id = s.id
     where s.id = any($1::uuid[])`,
    [smsIds],
  );
  const dispatches = await db.query<{ n: number }>(
    `select count(distinct (o.offered_at, e.acd_group_id))::int as n
     from media_event e join media_event_offer o on o.media_event_id = e.id
     where e.sms_id = any($1::uuid[])`,
    [smsIds],
  );
  const check: DbCheck = {
    stored: rows.rows.length,
    events: 0,
    queued: 0,
    offered: 0,
    completed: 0,
    offerRows: 0,
    offeredMoreThanOnce: 0,
    offerLatencies: [],
    dispatches: dispatches.rows[0]?.n ?? 0,
  };
  for (const row of rows.rows) {
    if (row.state === null) continue;
    check.events++;
    if (row.state === 'queued') check.queued++;
    if (row.state === 'completed') check.completed++;
    check.offerRows += row.offers;
    if (row.offers > 1) check.offeredMoreThanOnce++;
    if (row.offer_ms !== null) {
      check.offered++;
      check.offerLatencies.push(Number(row.offer_ms));
    }
  }
  check.offerLatencies.sort((a, b) => a - b);
  return check;
}

/** Per table: scans of any kind, sequential scans and the rows they read, rows written. */
type TableStats = Map<string, { scans: number; seqScans: number; seqRows: number; written: number }>;

/** Scans and written rows per table of the benchmark schema (pg_stat_user_tables). */
async function tableStats(db: pg.Client, schema: string): Promise<TableStats> {
  const rows = await db.query<{ relname: string; scans: string; seq: string; seq_rows: string; written: string }>(
    `select relname, (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::text as scans, seq_scan::text as seq,
       seq_tup_read::text as seq_rows,
       (n_tup_ins + n_tup_upd + n_tup_del)::text as written
     from pg_stat_user_tables where schemaname = $1`,
    [schema],
  );
  return new Map(
    rows.rows.map((row) => [
      row.relname,
      {
        scans: Number(row.scans),
        seqScans: Number(row.seq),
        seqRows: Number(row.seq_rows),
        written: Number(row.written),
      },
    ]),
  );
}

function statsDelta(before: TableStats, after: TableStats): TableStats {
  const delta: TableStats = new Map();
  for (const [table, now] of after) {
    const then = before.get(table) ?? { scans: 0, seqScans: 0, seqRows: 0, written: 0 };
    delta.set(table, {
      scans: now.scans - then.scans,
      seqScans: now.seqScans - then.seqScans,
      seqRows: now.seqRows - then.seqRows,
      written: now.written - then.written,
    });
  }
  return delta;
}

async function committedTransactions(db: pg.Client): Promise<number> {
  const row = await db.query<{ n: string }>(
    `select xact_commit::text as n from pg_stat_database where datname = current_database()`,
  );
  return Number(row.rows[0]?.n ?? 0);
}

// ----- one scenario -----

interface ScenarioResult {
  team: Team;
  title: string;
  rate: number;
  load: OpenLoopResult;
  cpu: CpuShares | undefined;
  loadGeneratorLagP99Ms: number;
  deskLatencies: number[];
  offersPerSecond: number;
  seenOnDesks: number;
  seenTwice: number;
  handleTimes: number[];
  completedByAgents: number;
  counters: Record<string, number>;
  db: DbCheck;
  tables: TableStats;
  transactions: number;
  /** The measured window in ms since the server process was spawned (for the CPU profile). */
  window: [number, number];
}

interface Run {
  args: Args;
  client: HttpClient;
  desks: Desks;
  db: pg.Client;
  schema: string;
  serverPid: number;
  spawnedAt: number;
}

let senderSeq = 0;

function smsSender(client: HttpClient, recipients: string[]) {
  return async (index: number): Promise<{ id: string } | { failure: string }> => {
    const receiver = recipients[index % recipients.length]!;
    const sender = `+49151${String(senderSeq++).padStart(8, '0')}`;
    const query = new URLSearchParams({ receiver, sender, message: `Hallo, Bestellung ${index}: wann kommt sie?` });
    const answer = await client.request('GET', `/SMSReceiver?${query}`);
    if (answer.status !== 200) return { failure: `HTTP ${answer.status}` };
    const id = (JSON.parse(answer.body) as { id?: unknown }).id;
    return typeof id === 'string' ? { id } : { failure: 'no id' };
  };
}

async function runScenario(run: Run, team: Team, title: string): Promise<ScenarioResult> {
  const { args, client, desks } = run;
  const offersExpected = team.kind !== 'baseline';
  const works = team.kind === 'working';
  const settled = (sent: Iterable<string>) => () => {
    for (const id of sent) {
      if (offersExpected && !desks.offers.has(id)) return false;
      if (works && !desks.completedAt.has(id)) return false;
    }
    return true;
  };

  log(`${title}`);
  const rate = team.kind === 'working' ? args.workingRate : args.rate;
  log(`  warm-up ${args.warmup} s at ${int(rate)} SMS/s (not counted)…`);
  const warmup = await openLoop({ rate, seconds: args.warmup, send: smsSender(client, team.recipients) });
  await waitUntil(settled(warmup.sentAt.keys()), DRAIN_MS);
  await sleep(STATS_FLUSH_MS);

  const statsBefore = await tableStats(run.db, run.schema);
  const transactionsBefore = await committedTransactions(run.db);
  desks.counters = {};
  const repeatedBefore = new Set(desks.repeated.keys());
  log(`  measuring ${args.seconds} s at ${int(rate)} SMS/s…`);
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const cpuBefore = cpuSnapshot(run.serverPid);
  const measureStart = performance.now();
  const load = await openLoop({ rate, seconds: args.seconds, send: smsSender(client, team.recipients) });
  const measureEnd = performance.now();
  const cpu = cpuShares(cpuBefore, cpuSnapshot(run.serverPid));
  lag.disable();

  const drained = await waitUntil(settled(load.sentAt.keys()), DRAIN_MS);
  if (!drained) log(`  not everything reached the desks within ${DRAIN_MS / 1000} s after the last answer`);
  await sleep(STATS_FLUSH_MS);
  const tables = statsDelta(statsBefore, await tableStats(run.db, run.schema));
  const transactions = (await committedTransactions(run.db)) - transactionsBefore;
  const ids = [...load.sentAt.keys()];
  const db = await checkDatabase(run.db, ids);

  const deskLatencies: number[] = [];
  const handleTimes: number[] = [];
  let lastArrival = measureStart;
  for (const [id, sentAt] of load.sentAt) {
    const offer = desks.offers.get(id);
    if (!offer) continue;
    deskLatencies.push(offer.at - sentAt);
    lastArrival = Math.max(lastArrival, offer.at);
    const completedAt = desks.completedAt.get(id);
    if (completedAt !== undefined) handleTimes.push(completedAt - offer.at);
  }
  deskLatencies.sort((a, b) => a - b);
  handleTimes.sort((a, b) => a - b);
  const seenTwice = ids.filter((id) => desks.repeated.has(id) && !repeatedBefore.has(id)).length;
  return {
    team,
    title,
    rate,
    load,
    cpu,
    loadGeneratorLagP99Ms: lag.percentile(99) / 1e6,
    deskLatencies,
    offersPerSecond: deskLatencies.length / ((lastArrival - measureStart) / 1000),
    seenOnDesks: deskLatencies.length,
    seenTwice,
    handleTimes,
    completedByAgents: handleTimes.length,
    counters: { ...desks.counters },
    db,
    tables,
    transactions,
    window: [measureStart - run.spawnedAt, measureEnd - run.spawnedAt],
  };
}

// ----- set-up over the API -----

async function createTeam(
  admin: AdminSession,
  client: HttpClient,
  clientId: string,
  kind: ScenarioKind,
  prefix: string,
): Promise<Team> {
  const password = randomBytes(12).toString('base64url');
  const withAgents = kind !== 'baseline';
  const capacity = kind === 'working' ? WORKING_CAPACITY : OFFER_CAPACITY;
  const created = withAgents
    ? await inParallel(
        Array.from({ length: AGENTS }, (_, i) => i),
        4,
        async (i) => {
          const email = `${kind}-agent${i}@bench.test`;
          const agent = await admin.create('/api/users', {
            email,
            password,
            role: 'agent',
            clientId,
            displayName: `${kind} agent ${i}`,
            capacity,
            smsDelivery: 'web',
          });
          return { id: agent.id as string, email };
        },
      )
    : [];
  const recipients: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const members = created.slice(g * PER_GROUP, (g + 1) * PER_GROUP);
    const group = await admin.create('/api/acd-groups', {
      name: `${kind} group ${g}`,
      clientId,
      strategy: 'longest_idle',
      // Offers nobody answers must not time out (and be offered again) during the run.
      offerTimeoutSeconds: kind === 'working' ? 60 : 3600,
      members: members.map((agent) => ({ agentId: agent.id, priority: 0 })),
    });
    const recipient = `${prefix}${String(g).padStart(4, '0')}`;
    await admin.create('/api/connectors', {
      name: `${kind} ${recipient}`,
      recipient,
      requireToken: false,
      routingType: 'direct_acd_group',
      acdGroupId: group.id,
      subject: 'Bench SMS',
      clientId,
    });
    recipients.push(recipient);
  }
  const agents = await inParallel(created, 4, async ({ id, email }) => {
    const login = await client.request('POST', '/api/auth/login', {}, { email, password });
    if (login.status !== 200) throw new Error(`login as ${email}: ${login.status} ${login.body}`);
    const cookie = sessionCookie(login);
    const status = await client.request('PUT', '/api/desk/status', { cookie }, { status: 'available' });
    if (status.status !== 200) throw new Error(`setting ${email} available: ${status.status} ${status.body}`);
    return { id, email, cookie, works: kind === 'working' } satisfies Agent;
  });
  return { kind, agents, recipients };
}

// ----- the report -----

const cell3 = (values: number[]) =>
  values.length === 0
    ? '—'
    : `${ms(percentile(values, 0.5))} / ${ms(percentile(values, 0.99))} / ${ms(values.at(-1) ?? NaN)}`;

function failures(result: ScenarioResult): number {
  const sms = Object.values(result.load.failures).reduce((a, b) => a + b, 0);
  const desk = Object.entries(result.counters)
    .filter(([what]) => what !== 'stream: withdrawn')
    .reduce((a, [, n]) => a + n, 0);
  return sms + desk;
}

/** Acknowledged SMS must each be stored, offered once (unless only queued) and seen once on a desk. */
function mismatches(result: ScenarioResult): string[] {
  const { load, db } = result;
  const problems: string[] = [];
  if (db.stored !== load.acknowledged) problems.push(`${load.acknowledged - db.stored} acknowledged SMS not stored`);
  if (db.events !== load.acknowledged) problems.push(`${db.events} media events for ${load.acknowledged} SMS`);
  if (result.team.kind === 'baseline') {
    if (db.queued !== db.events) problems.push(`${db.events - db.queued} events left the queue without any agent`);
    return problems;
  }
  // Events still queued when agents could not keep up are a backlog, not a loss: those are
  // reported with the scenario. Anything neither offered nor queued is lost.
  if (db.offered + db.queued !== load.acknowledged)
    problems.push(`${load.acknowledged - db.offered - db.queued} events neither offered nor queued`);
  if (result.team.kind !== 'working' && db.queued > 0) problems.push(`${db.queued} events never offered`);
  if (db.offerRows !== db.offered || db.offeredMoreThanOnce > 0)
    problems.push(
      `${db.offerRows} offer rows for ${db.offered} offered events (${db.offeredMoreThanOnce} offered twice)`,
    );
  if (result.seenOnDesks !== db.offered)
    problems.push(`${db.offered - result.seenOnDesks} offered SMS never reached a desk`);
  if (result.seenTwice > 0) problems.push(`${result.seenTwice} SMS reached desks more than once`);
  if (result.team.kind === 'working' && db.completed + db.queued !== load.acknowledged)
    problems.push(`${load.acknowledged - db.completed - db.queued} offered events not completed by the working agents`);
  return problems;
}

/** The server's warn/error lines, counted by message (from its last 200 lines of output). */
function serverProblems(server: ManagedProcess): string {
  const byMessage = new Map<string, number>();
  for (const line of server.recentOutput()) {
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (!level || Number(level) < 40) continue;
    const msg = /"msg":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? line.slice(0, 200);
    byMessage.set(msg, (byMessage.get(msg) ?? 0) + 1);
  }
  const listed = [...byMessage].map(([msg, n]) => `${n} × ${msg}`);
  return `${server.warnings.count} warn/error log lines${listed.length ? `: ${listed.join('; ')}` : ''}`;
}

function report(args: Args, results: ScenarioResult[], server: string, resent: number): number {
  const baseline = results.find((r) => r.team.kind === 'baseline');
  const rows = results.map((r) => {
    const offered = r.team.kind !== 'baseline';
    const counts = offered
      ? `${int(r.load.acknowledged)} / ${int(r.db.offerRows)} / ${int(r.seenOnDesks)} / ${int(r.seenTwice)}`
      : `${int(r.load.acknowledged)} / ${int(r.db.queued)} queued`;
    const cpuPerSms = r.cpu ? (r.cpu.server * r.load.seconds * 1e6) / Math.max(1, r.load.acknowledged) : NaN;
    return [
      r.title,
      int(r.load.acknowledged / r.load.seconds),
      ms(percentile(r.load.latenciesMs, 0.5)),
      ms(percentile(r.load.latenciesMs, 0.99)),
      offered ? int(r.offersPerSecond) : '—',
      offered ? cell3(r.db.offerLatencies) : '—',
      offered ? cell3(r.deskLatencies) : '—',
      counts,
      Number.isNaN(cpuPerSms) ? '?' : int(cpuPerSms),
      int(failures(r)),
    ];
  });
  log('');
  log(
    renderTable(
      [
        'scenario',
        'SMS/s acked',
        'HTTP p50 ms',
        'HTTP p99 ms',
        'offers/s',
        'receipt→offer in DB p50/p99/max ms',
        'send→desk p50/p99/max ms',
        'acked / offers in DB / on desks / twice',
        'server CPU µs/SMS',
        'errors',
      ],
      rows,
      new Set([1, 2, 3, 4, 8, 9]),
    ),
  );
  log('');

  if (baseline) {
    const p99 = percentile(baseline.load.latenciesMs, 0.99);
    for (const r of results) {
      if (r === baseline) continue;
      log(
        `${r.title}: HTTP p99 ${(percentile(r.load.latenciesMs, 0.99) / p99).toFixed(2)}× the baseline's, ` +
          `HTTP p50 ${(percentile(r.load.latenciesMs, 0.5) / percentile(baseline.load.latenciesMs, 0.5)).toFixed(2)}×`,
      );
    }
  }
  for (const r of results) {
    log(`\n${r.title}:`);
    const failed = Object.entries(r.load.failures).map(([why, n]) => `${why} ×${int(n)}`);
    log(
      `  ${int(r.load.sent)} SMS sent in ${r.load.seconds.toFixed(2)} s, ${int(r.load.acknowledged)} acknowledged` +
        (failed.length ? ` (failed: ${failed.join(', ')})` : '') +
        `; load generator: sends late by p99 ${ms(r.load.sendLagP99Ms)} ms (max ${ms(r.load.sendLagMaxMs)}), ` +
        `event-loop delay p99 ${ms(r.loadGeneratorLagP99Ms)} ms`,
    );
    for (const line of cpuReportLines(r.cpu, r.load.acknowledged, r.load.seconds)) log(`  ${line}`);
    if (r.team.kind !== 'baseline') {
      log(
        `  database: ${int(r.db.offered)} events offered in ${int(r.db.dispatches)} dispatch transactions ` +
          `(${(r.db.offered / Math.max(1, r.db.dispatches)).toFixed(1)} offers each); ` +
          `desk_event reads (stream catch-ups) per offer ${((r.tables.get('desk_event')?.scans ?? 0) / Math.max(1, r.db.offered)).toFixed(2)}`,
      );
    }
    const perSms = (n: number) => (n / Math.max(1, r.load.acknowledged)).toFixed(2);
    const busiest = [...r.tables]
      .filter(([, s]) => s.scans > 0)
      .sort((a, b) => b[1].scans - a[1].scans)
      .slice(0, 6)
      .map(([table, s]) => `${table} ${perSms(s.scans)}`);
    // Sequential scans are what a database with history punishes: each reads the whole table.
    const sequential = [...r.tables]
      .filter(([, s]) => s.seqScans > 0)
      .sort((a, b) => b[1].seqRows - a[1].seqRows)
      .slice(0, 6)
      .map(
        ([table, s]) => `${table} ${perSms(s.seqScans)} (${int(s.seqRows / Math.max(1, r.load.acknowledged))} rows)`,
      );
    log(
      `  table scans per SMS (pg_stat_user_tables of the schema): ${busiest.join(', ') || 'none'}; ` +
        `transactions committed per SMS ${perSms(r.transactions)} (whole database: includes anyone else using it)`,
    );
    log(`  of them sequential, per SMS (rows read): ${sequential.join(', ') || 'none'}`);
    if (r.team.kind === 'working') {
      log(
        `  working agents: ${int(r.completedByAgents)} completed; offer on the desk → complete answered ` +
          `p50 ${ms(percentile(r.handleTimes, 0.5))} ms, p99 ${ms(percentile(r.handleTimes, 0.99))} ms`,
      );
    }
    const other = Object.entries(r.counters).map(([what, n]) => `${what} ×${int(n)}`);
    if (other.length) log(`  desk side: ${other.join(', ')}`);
  }

  log(`\nServer: ${server}`);
  if (resent > 0) log(`Requests sent again after meeting a keep-alive socket the server had closed: ${int(resent)}`);

  // The aim is about receipt to offer: from the SMS stored to the offer committed, both on the
  // database's clock. Send → desk adds the HTTP answer, the stream and this process's own delays.
  const verdict = (r: ScenarioResult) => {
    const p99 = percentile(r.db.offerLatencies, 0.99);
    const keptUp = r.load.acknowledged / r.load.seconds >= 0.98 * r.rate;
    const backlog = r.db.queued;
    const met =
      r.rate >= AIM.rate &&
      keptUp &&
      backlog === 0 &&
      p99 < AIM.p99Ms &&
      mismatches(r).length === 0 &&
      failures(r) === 0;
    const why = [
      `receipt→offer in the database p99 ${ms(p99)} ms; end to end, request sent → offer on the desk p99 ${ms(percentile(r.deskLatencies, 0.99))} ms`,
      `${int(r.load.acknowledged / r.load.seconds)} of ${int(r.rate)} SMS/s acknowledged`,
      ...(keptUp ? [] : ['the server did not keep up with the rate']),
      ...(backlog > 0 ? [`${int(backlog)} events still queued at the end: the agents did not keep up`] : []),
      ...(r.rate < AIM.rate ? [`the rate is below the aim's ${int(AIM.rate)} SMS/s`] : []),
    ];
    return { met, why: why.join(', ') };
  };
  const distribution = results.find((r) => r.team.kind === 'distribution');
  const working = results.find((r) => r.team.kind === 'working');
  if (distribution) {
    const v = verdict(distribution);
    log(
      `\nAim: p99 receipt-to-offer < ${AIM.p99Ms} ms at ${int(AIM.rate)} SMS/s — ${v.met ? 'MET' : 'MISSED'} (${v.why})`,
    );
  }
  if (working) {
    const v = verdict(working);
    log(`     in the steady state with working agents — ${v.met ? 'met' : 'not met'} (${v.why})`);
  }

  let exitCode = 0;
  for (const r of results) {
    const problems = mismatches(r);
    if (problems.length === 0) continue;
    exitCode = 1;
    log(`\nMISMATCH in "${r.title}": ${problems.join('; ')}`);
  }
  return exitCode;
}

// ----- main -----

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const pinning = pinLoadGenerator(args.pin);
  log(`Switchboard ACD benchmark — ${new Date().toISOString()}`);
  await logMachine(
    `${int(args.rate)} SMS/s open-loop, warm-up ${args.warmup} s, measured ${args.seconds} s per scenario`,
    pinning,
  );
  const perAgent = (args.rate * (args.warmup + args.seconds)) / AGENTS;
  if (perAgent > OFFER_CAPACITY * 0.9) {
    log(
      `  WARNING: ${Math.round(perAgent)} offers per agent in the distribution scenario, capacity ${OFFER_CAPACITY}: ` +
        'agents fill up and the latency measures waiting for capacity',
    );
  }

  const database = await createPostgresDatabase(args.databaseUrl);
  onCleanup('drop the benchmark database', () => database.drop());
  const schema = database.env.SWITCHBOARD_DB_SCHEMA!;
  const started = await startSwitchboardServer({
    port: await freePort(),
    database,
    pinning,
    logLevel: 'warn',
    // The conversation scenario's replies go to a fake provider in this process.
    entry: args.conversations ? STAND_IN_ENTRY : 'server/index.ts',
    profile: args.profile,
  });
  const { process: server, base, spawnedAt, profileDir } = started;
  log(`  server (separate process) on ${base}, ${database.description}`);

  const client = new HttpClient(base);
  onCleanup('close the desk streams and connections', () => client.close());
  const desks = new Desks(client);
  const db = new pg.Client({ connectionString: args.databaseUrl, options: `-c search_path="${schema}"` });
  await db.connect();
  onCleanup('close the database connection', () => db.end());

  const setupStart = performance.now();
  log(
    `  setting up over the API: ${AGENTS} agents (capacity ${OFFER_CAPACITY}) in ${GROUPS} groups` +
      (args.working ? `, ${AGENTS} more (capacity ${WORKING_CAPACITY}) in ${GROUPS} more` : '') +
      `, ${GROUPS} groups without agents; a connector each…`,
  );
  const admin = await started.adminSession();
  const reseller = await admin.create('/api/resellers', { name: 'Bench reseller' });
  const benchClient = await admin.create('/api/clients', { name: 'Bench client', resellerId: reseller.id });
  const baselineTeam = await createTeam(admin, client, benchClient.id, 'baseline', '+4930200');
  const distributionTeam = await createTeam(admin, client, benchClient.id, 'distribution', '+4930100');
  const workingTeam = args.working ? await createTeam(admin, client, benchClient.id, 'working', '+4930300') : undefined;
  const agents = [...distributionTeam.agents, ...(workingTeam?.agents ?? [])];
  await Promise.all(agents.map((agent) => desks.open(agent).opened));
  log(
    `  ${agents.length} agents available, each with its desk stream open (set-up took ${((performance.now() - setupStart) / 1000).toFixed(0)} s)\n`,
  );

  if (args.history) {
    const answering = distributionTeam.agents.slice(0, PER_GROUP).map((agent) => agent.id);
    await fillHistory(admin, db, { clientId: benchClient.id as string, agentIds: answering }, args.history);
  }

  const run: Run = { args, client, desks, db, schema, serverPid: server.pid, spawnedAt };
  const results: ScenarioResult[] = [];
  results.push(await runScenario(run, baselineTeam, 'baseline: nobody available, events only queue'));
  results.push(
    await runScenario(
      run,
      distributionTeam,
      `distribution: ${AGENTS} agents in ${GROUPS} groups, capacity ${OFFER_CAPACITY}, offers left open`,
    ),
  );
  if (workingTeam) {
    results.push(
      await runScenario(
        run,
        workingTeam,
        `working: ${AGENTS} agents in ${GROUPS} groups, capacity ${WORKING_CAPACITY}, accept + complete at once` +
          ` (${int(args.workingRate)} SMS/s)`,
      ),
    );
  }

  for (const agent of agents) agent.stream?.close();
  log('');
  const conversations = args.conversations
    ? await runConversationScenario(admin, client, db, benchClient.id as string, {
        rate: args.rate,
        replyRate: args.replyRate,
        seconds: args.seconds,
        warmup: args.warmup,
        serverPid: server.pid,
        spawnedAt,
      })
    : { problems: [], windows: [] };
  client.close();
  await server.stop();
  let exitCode = report(args, results, serverProblems(server), client.resent);
  if (conversations.problems.length > 0) {
    exitCode = 1;
    log(`\nMISMATCH in the conversation scenario: ${conversations.problems.join('; ')}`);
  }

  if (profileDir) {
    const file = mainThreadProfile(profileDir, server.pid);
    if (!file) log(`\nNo CPU profile of the server's main thread in ${profileDir}`);
    else {
      log(`\nCPU profile of the server: ${file}`);
      const profile = readCpuProfile(file);
      for (const { title, window } of [...results, ...conversations.windows]) {
        log(`\n=== ${title}: measured window ===`);
        log(summarizeCpuProfile(profile, { skipMs: window[0], untilMs: window[1], root: ROOT, top: 25 }));
      }
    }
  }
  return exitCode;
}

runBenchmark('bench:acd', main);
