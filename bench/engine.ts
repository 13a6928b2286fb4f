// In-process cost of one workflow execution: the cached runner of each example workflow next to
// a hand-written function making the same decisions (the limit), plus what building a runner
// from JSON costs (why runners are cached per version). Run: npx tsx bench/engine.ts
import { readFileSync } from 'node:fs';
import { createActor, fromPromise, setup, type AnyStateMachine } from 'xstate';
import {
  createWorkflowRunner,
  EXAMPLE_ACD_GROUP_IDS,
  isOpenAt,
  migrateDefinition,
  type BusinessHoursConfig,
  type PersistedRun,
  type WorkflowGraph,
  type WorkflowOutcome,
  type WorkflowServices,
  type WorkflowSms,
} from '../workflows/index';

const WARM_UP_MS = Number(process.env['BENCH_WARMUP_MS'] ?? 3_000);
const ROUND_MS = Number(process.env['BENCH_ROUND_MS'] ?? 300);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

const sms: WorkflowSms = {
  sender: '+4917012345678',
  receiver: '+4930123456',
  text: 'Sales: do you deliver to Austria?',
  keyword: null,
  connectorId: null,
  receivedAt: '2026-03-30T09:15:00.000Z',
};

const crmAnswer = { status: 200, json: { tier: 'vip', name: 'Ada' } };
// Answers at once, so the figure is the engine's cost around an effect, not a network's.
const services: WorkflowServices = {
  http: () => Promise.resolve(crmAnswer),
  acd: { groupStatus: () => Promise.resolve({ availableAgents: 1, queueLength: 0 }) },
  email: { send: () => Promise.resolve() },
  sms: { send: () => Promise.resolve({ sent: true }) },
  random: Math.random,
};

function loadExample(file: string): string {
  return readFileSync(new URL(`../workflows/examples/${file}`, import.meta.url), 'utf8');
}

// ---- the hand-written limits: the same decisions, no engine, no trace ----------------------------

const STOP_WORDS = new Set(['stop', 'stopp', 'unsubscribe']);
function keywordRoutingByHand(message: WorkflowSms): WorkflowOutcome {
  const text = message.text.trim().toLowerCase();
  if (STOP_WORDS.has(text)) return { kind: 'dropped', reason: 'Opt-out keyword' };
  if (text.startsWith('sales')) {
    return {
      kind: 'routed',
      acdGroupId: EXAMPLE_ACD_GROUP_IDS.sales,
      subject: `Sales SMS from ${message.sender}`,
      priority: 6,
    };
  }
  return {
    kind: 'routed',
    acdGroupId: EXAMPLE_ACD_GROUP_IDS.support,
    subject: `Support SMS from ${message.sender}`,
    priority: 5,
  };
}

const officeHours = migrateDefinition(JSON.parse(loadExample('business-hours.json'))).nodes.find(
  (node) => node.id === 'hours',
)!.config as BusinessHoursConfig;
function businessHoursByHand(message: WorkflowSms, now: number): WorkflowOutcome {
  return isOpenAt(officeHours, now)
    ? { kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.day, subject: `SMS from ${message.sender}`, priority: 5 }
    : {
        kind: 'routed',
        acdGroupId: EXAMPLE_ACD_GROUP_IDS.afterHours,
        subject: `After hours: SMS from ${message.sender}`,
        priority: 3,
      };
}

async function crmVipLookupByHand(message: WorkflowSms): Promise<WorkflowOutcome> {
  const standard: WorkflowOutcome = {
    kind: 'routed',
    acdGroupId: EXAMPLE_ACD_GROUP_IDS.standard,
    subject: `SMS from ${message.sender}`,
    priority: 5,
  };
  try {
    const url = `https://crm.example.com/api/customers?phone=${encodeURIComponent(message.sender)}`;
    const answer = await services.http(
      { method: 'GET', url, headers: { accept: 'application/json' }, body: undefined, timeoutMs: 2_000 },
      { nodeId: 'crm' },
    );
    if (answer.status < 200 || answer.status > 299) return standard;
    const crm = answer.json as { tier?: unknown; name?: unknown };
    if (
      String(crm.tier ?? '')
        .trim()
        .toLowerCase() !== 'vip'
    )
      return standard;
    return {
      kind: 'routed',
      acdGroupId: EXAMPLE_ACD_GROUP_IDS.vip,
      subject: `VIP ${String(crm.name)}: ${message.text}`,
      priority: 9,
    };
  } catch {
    return standard;
  }
}

// ---- measuring -----------------------------------------------------------------------------------

/** µs per call of `fn`, called back to back (awaited, as the server would) for `ms`. */
async function timePerCall(fn: () => unknown, ms: number): Promise<number> {
  const batch = 100;
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let i = 0; i < batch; i += 1) await fn();
    calls += batch;
  }
  return ((performance.now() - started) * 1_000) / calls;
}

interface Figure {
  median: number;
  best: number;
}

/**
 * Warms every subject up, then measures them in interleaved rounds, so that a burst of load from
 * another process on a shared machine hits all subjects alike; answers the median and best round.
 */
async function measureAll(subjects: Record<string, () => unknown>): Promise<Record<string, Figure>> {
  for (const fn of Object.values(subjects)) await timePerCall(fn, WARM_UP_MS / Object.keys(subjects).length);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, fn] of Object.entries(subjects)) samples[name]!.push(await timePerCall(fn, ROUND_MS));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [name, { median: sorted[Math.floor(sorted.length / 2)]!, best: sorted[0]! }];
    }),
  );
}

interface Case {
  name: string;
  json: string;
  byHand: () => unknown;
}

const now = new Date('2026-03-30T09:15:00.000Z');
const cases: Case[] = [
  { name: 'keyword-routing', json: loadExample('keyword-routing.json'), byHand: () => keywordRoutingByHand(sms) },
  {
    name: 'business-hours',
    json: loadExample('business-hours.json'),
    byHand: () => businessHoursByHand(sms, now.getTime()),
  },
  {
    name: 'crm-vip-lookup (HTTP effect)',
    json: loadExample('crm-vip-lookup.json'),
    byHand: () => crmVipLookupByHand(sms),
  },
];

// What XState itself costs for the same shapes, with no work in them: the floor under the engine.
const eventlessSteps = setup({}).createMachine({
  initial: 'a',
  states: { a: { always: 'b' }, b: { always: 'c' }, c: { type: 'final' } },
});
const oneInvokedPromise = setup({ actors: { effect: fromPromise(() => Promise.resolve(1)) } }).createMachine({
  initial: 'a',
  states: { a: { invoke: { src: 'effect', onDone: 'b' } }, b: { type: 'final' } },
});
function runToFinal(machine: AnyStateMachine): Promise<void> | void {
  const actor = createActor(machine);
  if (actor.getSnapshot().status === 'done') return;
  return new Promise((resolve) => {
    actor.subscribe({ complete: resolve });
    actor.start();
  });
}

// A menu: start → wait for reply → route. Persisting is the run to the wait plus the state as the
// JSON a database keeps; restoring is parsing that JSON and resuming to the end.
const waitAndResume: WorkflowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} },
    { id: 'ask', type: 'wait_for_reply', position: { x: 200, y: 0 }, config: {} },
    {
      id: 'route',
      type: 'route_to_acd_group',
      position: { x: 400, y: 0 },
      config: { acdGroupId: EXAMPLE_ACD_GROUP_IDS.sales },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourcePort: 'reply', target: 'route' },
    { id: 'e3', source: 'ask', sourcePort: 'timeout', target: 'route' },
  ],
};

function formatNumber(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  console.log(
    `Switchboard workflow engine, in process — Node ${process.version}, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms after ${WARM_UP_MS} ms warm-up`,
  );
  console.log('µs per execution: median of the rounds (best round in brackets)\n');

  const subjects: Record<string, () => unknown> = {
    'xstate: 3 eventless steps': () => runToFinal(eventlessSteps),
    'xstate: 1 invoked promise': () => runToFinal(oneInvokedPromise),
  };
  for (const benchCase of cases) {
    const runner = createWorkflowRunner(migrateDefinition(JSON.parse(benchCase.json)));
    const check = await runner.run(sms, services, { now });
    if (check.outcome.kind !== 'routed') throw new Error(`${benchCase.name}: ${JSON.stringify(check.outcome)}`);
    subjects[`${benchCase.name}: engine`] = () => runner.run(sms, services, { now });
    subjects[`${benchCase.name}: by hand`] = benchCase.byHand;
    subjects[`${benchCase.name}: build`] = () => createWorkflowRunner(migrateDefinition(JSON.parse(benchCase.json)));
    subjects[`${benchCase.name}: build + run`] = () =>
      createWorkflowRunner(migrateDefinition(JSON.parse(benchCase.json))).run(sms, services, { now });
  }
  const waiting = createWorkflowRunner(waitAndResume);
  const paused = await waiting.start(sms, services, { now });
  if (paused.status !== 'waiting') throw new Error('wait-and-resume: the run did not wait');
  const storedState = JSON.stringify(paused.state);
  const resumed = await waiting.resume(JSON.parse(storedState) as PersistedRun, { kind: 'reply', text: '1' }, services);
  if (resumed.status !== 'finished' || resumed.outcome.kind !== 'routed')
    throw new Error('wait-and-resume: not routed');
  subjects['wait-and-resume: persist'] = async () => {
    const progress = await waiting.start(sms, services, { now });
    if (progress.status === 'waiting') JSON.stringify(progress.state);
  };
  subjects['wait-and-resume: restore'] = () =>
    waiting.resume(JSON.parse(storedState) as PersistedRun, { kind: 'reply', text: '1' }, services, { now });
  const figures = await measureAll(subjects);
  const cell = (figure: Figure, digits = 1) =>
    `${formatNumber(figure.median, digits)} (${formatNumber(figure.best, digits)})`;

  printTable(
    ['workflow', 'engine µs', 'runs/s', 'by hand µs', 'engine ÷ by hand', 'build runner µs', 'build + run µs'],
    cases.map(({ name }) => {
      const engine = figures[`${name}: engine`]!;
      const byHand = figures[`${name}: by hand`]!;
      return [
        name,
        cell(engine),
        formatNumber(1e6 / engine.median, 0),
        cell(byHand, 3),
        `${formatNumber(engine.median / byHand.median, 0)}×`,
        cell(figures[`${name}: build`]!, 0),
        cell(figures[`${name}: build + run`]!, 0),
      ];
    }),
  );
  const eventless = figures['xstate: 3 eventless steps']!;
  const invoked = figures['xstate: 1 invoked promise']!;
  console.log(
    `\nXState floor (cached machine, no actions): 3 eventless steps ${cell(eventless)} µs; one invoked promise ${cell(invoked)} µs`,
  );
  console.log(
    `\nwait-and-resume (start → wait for reply → route): run to the wait and persist its state ` +
      `${cell(figures['wait-and-resume: persist']!)} µs; restore it from JSON and resume to the end ` +
      `${cell(figures['wait-and-resume: restore']!)} µs; the state is ${storedState.length} bytes of JSON`,
  );
  console.log('Aim: at most 25 µs per execution of an example workflow with a cached runner.');
  for (const { name } of cases) {
    const engine = figures[`${name}: engine`]!;
    const rebuild = figures[`${name}: build + run`]!;
    console.log(
      `  ${name}: ${engine.median <= 25 ? 'met' : 'missed'} (${formatNumber(engine.median)} µs, ` +
        `${formatNumber(engine.median / (name.includes('effect') ? invoked : eventless).median, 1)}× the XState floor); ` +
        `building the runner per SMS would cost ${formatNumber(rebuild.median / engine.median, 1)}× a cached run`,
    );
  }
}

await main();
