// How long the inputs that once froze the server take: a switch case `(a+)+$` against 29 `a` and
// a `!`, and templates of `{{` followed by spaces, validated (draft save, publish) and rendered
// (an SMS run), and the worst a switch's regex limits allow. Each case runs once, as the server
// would, after the runner it needs is built. Run: npx tsx bench/hostile-input.ts [case names…]
import {
  createMockServices,
  createWorkflowRunner,
  REGEX_LIMITS,
  validateWorkflow,
  type WorkflowGraph,
  type WorkflowSms,
} from '../workflows/index';
import { ms, renderTable } from './support/report';

const GROUP = '11111111-1111-4111-8111-111111111111';

function anSms(text: string): WorkflowSms {
  return {
    sender: '+4917012345678',
    receiver: '+4930123456',
    text,
    keyword: null,
    connectorId: null,
    receivedAt: '2026-03-30T09:15:00.000Z',
  };
}

function graphOf(nodes: [string, string, Record<string, unknown>][], edges: [string, string, string][]): WorkflowGraph {
  return {
    schemaVersion: 1,
    nodes: nodes.map(([id, type, config], index) => ({ id, type, position: { x: index * 200, y: 0 }, config })),
    edges: edges.map(([source, sourcePort, target]) => ({ id: `${source}.${sourcePort}`, source, sourcePort, target })),
  };
}

function regexGraphOf(pattern: string): WorkflowGraph {
  return graphOf(
    [
      ['start', 'start', {}],
      ['check', 'switch', { value: 'sms.text', cases: [{ id: 'hostile', operator: 'regex', value: pattern }] }],
      ['routed', 'route_to_acd_group', { acdGroupId: GROUP }],
    ],
    [
      ['start', 'next', 'check'],
      ['check', 'hostile', 'routed'],
      ['check', 'default', 'routed'],
    ],
  );
}

/** A draft whose e-mail text, or HTTP request body, is `template`; the rest of it is ordinary. */
function templateGraph(field: 'text' | 'body', template: string): WorkflowGraph {
  const [node, ports]: [[string, string, Record<string, unknown>], string[]] =
    field === 'text'
      ? [['hostile', 'send_email', { to: 'desk@example.com', text: template }], ['next']]
      : [
          ['hostile', 'http_request', { method: 'POST', url: 'https://crm.example.com/lookup', body: template }],
          ['success', 'error'],
        ];
  return graphOf(
    [['start', 'start', {}], node, ['routed', 'route_to_acd_group', { acdGroupId: GROUP }]],
    [['start', 'next', 'hostile'], ...ports.map((port): [string, string, string] => ['hostile', port, 'routed'])],
  );
}

// The worst the switch's limits allow: a pattern RE2's DFA cannot cache (it falls back to its NFA)
// at the largest total size, against the longest value a regex case compares.
const limitPattern = `[ab]*a[ab]{${REGEX_LIMITS.totalSize - 6}}$`;
const limitText = Array.from({ length: REGEX_LIMITS.valueLength }, (_, i) => ((i * 7919) % 13 < 6 ? 'a' : 'b')).join(
  '',
);

interface Case {
  name: string;
  input: string;
  /** Makes what the server would have cached (a version's runner), then answers what is timed. */
  prepare: () => () => Promise<string> | string;
}

/** The server caches a version's runner, so an SMS costs the run only. */
function runOf(graph: WorkflowGraph, text: string): Case['prepare'] {
  return () => {
    const runner = createWorkflowRunner(graph);
    return async () => (await runner.run(anSms(text), createMockServices())).outcome.kind;
  };
}

const cases: Case[] = [
  {
    name: 'regex-29',
    input: 'switch `(a+)+$`, SMS of 29 `a` and `!`',
    prepare: runOf(regexGraphOf('(a+)+$'), `${'a'.repeat(29)}!`),
  },
  ...(
    [
      ['3000', 'text', 3_000],
      ['20000', 'body', 19_998],
    ] as const
  ).flatMap(([name, field, spaces]): Case[] => {
    const graph = templateGraph(field, `{{${' '.repeat(spaces)}`);
    return [
      {
        name: `validate-${name}`,
        input: `validate a draft: ${field === 'text' ? 'e-mail text' : 'HTTP body'} \`{{\` + ${spaces.toLocaleString('en-US')} spaces`,
        prepare: () => () => `problems: ${validateWorkflow(graph, { acdGroupIds: new Set([GROUP]) }).length}`,
      },
      { name: `render-${name}`, input: 'run an SMS through it (renders it)', prepare: runOf(graph, 'Hello') },
    ];
  }),
  {
    name: 'regex-limit',
    input: `switch \`${limitPattern.replace(/\{\d+\}/, '{…}')}\` (size ${REGEX_LIMITS.totalSize}), value of ${REGEX_LIMITS.valueLength.toLocaleString('en-US')} a/b`,
    prepare: runOf(regexGraphOf(limitPattern), limitText),
  },
];

const wanted = new Set(process.argv.slice(2));
const rows: string[][] = [];
for (const benchCase of cases) {
  if (wanted.size > 0 && !wanted.has(benchCase.name)) continue;
  const measured = benchCase.prepare();
  const started = performance.now();
  const result = await measured();
  rows.push([benchCase.name, benchCase.input, result, ms(performance.now() - started)]);
}
console.log(renderTable(['case', 'input', 'result', 'ms'], rows, new Set([3])));
