/**
 * Intake cost benchmark: the CPU one SMS costs the intake, measured where it is spent and not
 * through a load generator, so that the figures hold on a busy machine (bench:ingest's SMS/s do
 * not). See shared/design/performance.md.
 *
 *   npm run bench:intake -- [--tree DIR] [--rounds 7] [--database-url URL]
 *
 * - **Receiver:** server CPU per request of /SMSReceiver (generic) and /SMSReceiver/twilio (form
 *   body, signature enforced), through the app's own fetch handler in this process (no socket,
 *   a store that answers at once). Baseline: bare Hono parsing the same form and answering JSON.
 * - **Intake statement:** PostgreSQL backend CPU and this process's CPU per SMS of the statement
 *   that stores SMS with their media events and delivery lines, in batches of 25 with four in
 *   flight (as the intake writes them), on a fresh schema. Baseline: a plain insert of the same
 *   rows into inbound_sms alone, in the same run. Measured twice: every SMS from a new customer
 *   (it opens a conversation), and 1,600 returning customers in turn (nearly every SMS joins an
 *   open conversation, as in bench:ingest).
 *
 * `--tree DIR` takes the server code from another checkout (its node_modules installed) to
 * compare against an earlier commit on the same machine in the same minute; the schema is this
 * checkout's. Medians of `--rounds` rounds; the first round of each is a warm-up.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest } from '../server/db/migrate';
import { openDatabase } from '../server/db/open-database';
import type { Database } from '../server/db/schema';
import { uuid7 } from '../server/db/uuid7';
import { DEFAULT_DATABASE_URL } from './support/database';
import { readFlags } from './support/flags';
import { log, renderTable } from './support/report';

interface Args {
  tree: string;
  rounds: number;
  databaseUrl: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { tree: resolve(import.meta.dirname, '..'), rounds: 7, databaseUrl: DEFAULT_DATABASE_URL };
  readFlags(argv, (flag) => {
    if (flag.name === '--tree') args.tree = resolve(flag.value());
    else if (flag.name === '--rounds') args.rounds = Math.max(2, Math.round(flag.positive()));
    else if (flag.name === '--database-url') args.databaseUrl = flag.value();
    else throw new Error(`unknown argument ${flag.name}: npm run bench:intake -- [--tree DIR] [--rounds 7]`);
  });
  return args;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const micros = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(1));
const times = (n: number) => (Number.isNaN(n) ? '—' : `${n.toFixed(2)}×`);

/** Runs `round` `rounds` times (the first a warm-up) and answers the median of what each measured. */
async function medianOf<T extends Record<string, number>>(rounds: number, round: () => Promise<T>): Promise<T> {
  const measured: T[] = [];
  for (let r = 0; r < rounds; r++) {
    const result = await round();
    if (r > 0) measured.push(result);
  }
  const keys = Object.keys(measured[0]!) as (keyof T)[];
  return Object.fromEntries(keys.map((key) => [key, median(measured.map((m) => m[key] as number))])) as T;
}

async function cpuMicrosOf(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

// ---------------------------------------------------------------------------------- receiver

const GENERIC_NUMBER = '+4930123456';
const TWILIO_NUMBER = '+4930123457';
const TOKEN = 'sbt_benchtoken0123456789abcdefghijklmnop';
const TWILIO_AUTH_TOKEN = 'bench-twilio-auth-token-0123456789';
const REQUESTS = 10_000;
const DISTINCT = 2000;

/** A connector as the cache holds it: the fields of every version since the cache began, so an older tree reads what it knows. */
function cachedConnector(recipient: string, native: boolean) {
  return {
    id: uuid7(),
    clientId: uuid7(),
    recipient,
    name: recipient,
    tokenHash: Buffer.from(createHash('sha256').update(TOKEN).digest('hex'), 'hex'),
    requireToken: !native,
    routingType: 'direct_acd_group',
    acdGroupId: uuid7(),
    subject: 'Customer SMS',
    routingApplicationId: null,
    provider: native ? 'twilio' : 'generic',
    providerSecret: native ? TWILIO_AUTH_TOKEN : null,
    providerSecretUnreadable: false,
    signatureCheck: native ? 'enforce' : 'off',
    multipartWindowSeconds: 300,
    defaultCountry: null,
  };
}

function genericRequests(): (() => Request)[] {
  return Array.from({ length: DISTINCT }, (_, k) => {
    const body = new URLSearchParams({
      receiver: GENERIC_NUMBER,
      sender: `+49170${String(k).padStart(7, '0')}`,
      message: `Hallo, Bestellung ${k}: wann kommt mein Paket? Viele Grüße`,
    }).toString();
    return () =>
      new Request('http://127.0.0.1:3000/SMSReceiver', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-switchboard-token': TOKEN },
      });
  });
}

function twilioRequests(): (() => Request)[] {
  const url = 'http://127.0.0.1:3000/SMSReceiver/twilio';
  return Array.from({ length: DISTINCT }, (_, k) => {
    const params: Record<string, string> = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      Body: `Hallo, Bestellung ${k}: wann kommt mein Paket? Viele Grüße`,
      From: `+49170${String(k).padStart(7, '0')}`,
      MessageSid: `SM${String(k).padStart(32, '0')}`,
      NumMedia: '0',
      NumSegments: '1',
      SmsStatus: 'received',
      To: TWILIO_NUMBER,
    };
    const signed =
      url +
      Object.keys(params)
        .sort()
        .map((name) => name + params[name])
        .join('');
    const signature = createHmac('sha1', TWILIO_AUTH_TOKEN).update(signed).digest('base64');
    const body = new URLSearchParams(params).toString();
    return () =>
      new Request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      });
  });
}

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/** CPU per request of `requests` answered by `fetch`, each one checked to be a 200. */
async function receiverCost(fetch: Fetch, requests: (() => Request)[]): Promise<number> {
  const env = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
  const used = await cpuMicrosOf(async () => {
    for (let i = 0; i < REQUESTS; i++) {
      const response = await fetch(requests[i % requests.length]!(), env);
      if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
      await response.text();
    }
  });
  return used / REQUESTS;
}

/** The tree's app with a connector cache holding the two connectors and a store that answers at once. */
async function receiverApp(tree: string): Promise<Fetch> {
  const { createApp } = (await import(`${tree}/server/app.ts`)) as { createApp: (deps: unknown) => Hono };
  const { ConnectorCache } = (await import(`${tree}/server/sms-receiver/connector-cache.ts`)) as {
    ConnectorCache: new (db: unknown) => object;
  };
  const cache = new ConnectorCache(undefined);
  const connectors = [cachedConnector(GENERIC_NUMBER, false), cachedConnector(TWILIO_NUMBER, true)];
  // The cache's own map, filled as its load would (the benchmark has no connector rows).
  Object.assign(cache, { byRecipient: new Map(connectors.map((c) => [c.recipient, c])), countries: [] });
  const logger = { isLevelEnabled: () => false, info() {}, warn() {}, error() {}, debug() {}, child: () => logger };
  const app = createApp({
    db: undefined,
    logger,
    connectors: cache,
    configChanged: () => {},
    deliveryLogDays: 7,
    smsStore: { store: async (sms: { id: string }) => ({ id: sms.id, duplicate: false }) },
    acd: {},
    deskBus: {},
    limits: { smsMaxBytes: 65_536, smsMaxChars: 1600 },
  });
  return (request, env) => app.fetch(request, env);
}

/** Bare Hono reading the same form and answering as the receiver does. */
function bareHono(): Fetch {
  const app = new Hono();
  app.post('/SMSReceiver', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    return c.json({ id: form.get('sender'), status: 'accepted' });
  });
  return (request, env) => app.fetch(request, env);
}

async function measureReceiver(args: Args) {
  const app = await receiverApp(args.tree);
  const bare = bareHono();
  const generic = genericRequests();
  const twilio = twilioRequests();
  // A tree from before the provider webhooks has no Twilio path.
  const probe = await app(twilio[0]!(), { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
  const servesTwilio = probe.status !== 404;
  return medianOf(args.rounds, async () => ({
    bare: await receiverCost(bare, generic),
    generic: await receiverCost(app, generic),
    twilio: servesTwilio ? await receiverCost(app, twilio) : Number.NaN,
  }));
}

// ---------------------------------------------------------------------------- intake statement

const BATCH = 25;
const BATCHES = 400;
const IN_FLIGHT = 4;
/** As many customers as bench:ingest's 100 connections cycle through (16 each). */
const RETURNING_CUSTOMERS = 1600;

interface SmsStoreLike {
  store(sms: unknown): Promise<unknown>;
}

/** The CPU ticks (1/100 s) PostgreSQL's backends of this benchmark have used so far. */
async function backendTicks(db: Kysely<Database>): Promise<number> {
  const backends = await sql<{ pid: number }>`
    select pid from pg_stat_activity where application_name = 'bench-intake-cost'`.execute(db);
  let ticks = 0;
  for (const { pid } of backends.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ticks;
}

async function seedConnector(db: Kysely<Database>) {
  const [reseller, client, group, connector] = [uuid7(), uuid7(), uuid7(), uuid7()];
  await sql`insert into reseller (id, name) values (${reseller}, 'Bench')`.execute(db);
  await sql`insert into client (id, reseller_id, name) values (${client}, ${reseller}, 'Bench')`.execute(db);
  await sql`insert into acd_group (id, client_id, name) values (${group}, ${client}, 'Bench')`.execute(db);
  await sql`insert into sms_connector (id, client_id, name, recipient, token_hash, token_hint, routing_type, acd_group_id)
    values (${connector}, ${client}, 'Bench', ${GENERIC_NUMBER}, 'x', 'x', 'direct_acd_group', ${group})`.execute(db);
  return { client, group, connector };
}

/**
 * SMS as the generic receiver builds them, with the delivery line it writes with them: each from
 * a new customer, or (`customers`) from that many returning ones in turn, so that nearly every SMS
 * joins its customer's open conversation, as in bench:ingest.
 */
function smsFactory(ids: { client: string; group: string; connector: string }, customers?: number) {
  let n = 0;
  return () => {
    n++;
    const sender = `+49170${String(customers === undefined ? n : n % customers).padStart(7, '0')}`;
    const message = `Hallo, Bestellung ${n}: wann kommt mein Paket? Viele Grüße`;
    return {
      id: uuid7(),
      clientId: ids.client,
      connectorId: ids.connector,
      sender,
      senderNormalized: sender,
      receiver: GENERIC_NUMBER,
      receiverNormalized: GENERIC_NUMBER,
      message,
      keyword: null,
      messageId: null,
      status: 'routed',
      routingApplicationId: null,
      raw: JSON.stringify({ receiver: GENERIC_NUMBER, sender, message }),
      receivedAt: new Date(),
      partsTotal: null,
      partsReceived: null,
      mediaEvent: { id: uuid7(), acdGroupId: ids.group, subject: 'Customer SMS' },
      deliveryLine: {
        id: uuid7(),
        provider: 'generic',
        status: 200,
        clientAddress: '127.0.0.1',
        method: 'POST',
        path: '/SMSReceiver',
        contentType: 'application/x-www-form-urlencoded',
        userAgent: null,
      },
    };
  };
}

type NewSms = ReturnType<ReturnType<typeof smsFactory>>;

/** The baseline: the same rows into inbound_sms alone, one statement per batch. */
function plainInsert(db: Kysely<Database>): (batch: NewSms[]) => Promise<unknown> {
  return (batch) =>
    sql`insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
        receiver_normalized, message, status, raw, received_at)
      select * from json_to_recordset(${JSON.stringify(
        batch.map((s) => ({
          id: s.id,
          client_id: s.clientId,
          connector_id: s.connectorId,
          sender: s.sender,
          sender_normalized: s.senderNormalized,
          receiver: s.receiver,
          receiver_normalized: s.receiverNormalized,
          message: s.message,
          status: s.status,
          raw: JSON.parse(s.raw) as unknown,
          received_at: s.receivedAt.toISOString(),
        })),
      )}::json) as t(id uuid, client_id uuid, connector_id uuid, sender text, sender_normalized text, receiver text,
        receiver_normalized text, message text, status text, raw jsonb, received_at timestamptz)`.execute(db);
}

/** PostgreSQL and client CPU per SMS of `write` over BATCHES batches, IN_FLIGHT at a time. */
async function statementCost(
  db: Kysely<Database>,
  makeSms: () => NewSms,
  write: (batch: NewSms[]) => Promise<unknown>,
) {
  const ticksBefore = await backendTicks(db);
  const client = await cpuMicrosOf(async () => {
    const inFlight: Promise<unknown>[] = [];
    for (let b = 0; b < BATCHES; b++) {
      inFlight.push(write(Array.from({ length: BATCH }, makeSms)));
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
  });
  const count = BATCH * BATCHES;
  return { database: ((await backendTicks(db)) - ticksBefore) * (1e6 / 100 / count), client: client / count };
}

async function measureStatement(args: Args) {
  const url = new URL(args.databaseUrl);
  url.searchParams.set('application_name', 'bench-intake-cost');
  const schema = `bench_intake_${Date.now().toString(36)}`;
  // PostgreSQL only: its backends' CPU is read from /proc (no data folder is used).
  const postgres = { databaseUrl: url.toString(), dataDir: '' };
  const admin = await openDatabase({ ...postgres, poolSize: 1 });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  const handle = await openDatabase({ ...postgres, schema, poolSize: IN_FLIGHT });
  try {
    await migrateToLatest(handle.db, schema);
    const ids = await seedConnector(handle.db);
    const makeSms = smsFactory(ids);
    const returning = smsFactory(ids, RETURNING_CUSTOMERS);
    const { SmsStore } = (await import(`${args.tree}/server/sms-receiver/sms-store.ts`)) as {
      SmsStore: new (db: unknown, options: { maxConcurrentBatches: number }) => SmsStoreLike;
    };
    const store = new SmsStore(handle.db, { maxConcurrentBatches: IN_FLIGHT });
    const intake = (batch: NewSms[]) => Promise.all(batch.map((sms) => store.store(sms)));
    const plain = plainInsert(handle.db);
    return await medianOf(args.rounds, async () => {
      const baseline = await statementCost(handle.db, makeSms, plain);
      const measured = await statementCost(handle.db, makeSms, intake);
      const joining = await statementCost(handle.db, returning, intake);
      return {
        baselineDatabase: baseline.database,
        baselineClient: baseline.client,
        database: measured.database,
        client: measured.client,
        joiningDatabase: joining.database,
        joiningClient: joining.client,
      };
    });
  } finally {
    await handle.close();
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
    await admin.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  log(`Intake cost benchmark — ${new Date().toISOString()}`);
  log(`  server code: ${args.tree}; medians of ${args.rounds - 1} rounds after a warm-up`);

  const receiver = await measureReceiver(args);
  log('\nReceiver, in process (app.fetch, no socket, the store answers at once), CPU per request:');
  log(
    renderTable(
      ['path', 'µs per request', 'vs bare Hono'],
      [
        ['bare Hono (reads the form, answers JSON)', micros(receiver.bare), '1.00×'],
        ['/SMSReceiver (generic, token checked)', micros(receiver.generic), times(receiver.generic / receiver.bare)],
        ['/SMSReceiver/twilio (signature enforced)', micros(receiver.twilio), times(receiver.twilio / receiver.bare)],
      ],
      new Set([1, 2]),
    ),
  );
  if (Number.isNaN(receiver.twilio)) log('  (this tree serves no /SMSReceiver/twilio)');
  else
    log(
      `  Twilio's webhook costs ${((receiver.twilio / receiver.generic - 1) * 100).toFixed(0)} % more than the generic path`,
    );

  const statement = await measureStatement(args);
  log(`\nIntake statement on PostgreSQL (batches of ${BATCH}, ${IN_FLIGHT} in flight), CPU per SMS:`);
  log(
    renderTable(
      ['statement', 'PostgreSQL µs', 'client µs'],
      [
        [
          'baseline: the rows into inbound_sms alone',
          micros(statement.baselineDatabase),
          micros(statement.baselineClient),
        ],
        [
          'the intake, new customers (SMS, conversation, media event, delivery line)',
          micros(statement.database),
          micros(statement.client),
        ],
        [
          `the intake, ${RETURNING_CUSTOMERS.toLocaleString('en')} returning customers (SMS joining its conversation)`,
          micros(statement.joiningDatabase),
          micros(statement.joiningClient),
        ],
      ],
      new Set([1, 2]),
    ),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
