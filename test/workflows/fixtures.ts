import type {
  DecisionContext,
  EffectContext,
  StepContext,
  WorkflowGraph,
  WorkflowServices,
  WorkflowSms,
} from '../../workflows/index';
import { EXAMPLE_ACD_GROUP_IDS, exampleWorkflows, withAcdGroups } from '../../workflows/index';

export function anSms(overrides: Partial<WorkflowSms> = {}): WorkflowSms {
  return {
    sender: '+4917012345678',
    receiver: '+4930123456',
    text: 'Hello',
    keyword: null,
    connectorId: '7f1d6c2e-0000-4000-8000-00000000c001',
    receivedAt: '2026-03-30T09:15:00.000Z',
    ...overrides,
  };
}

/** What every step reads: the SMS of `anSms`, at the instant it came in, and no variables yet. */
function aStepContext(): StepContext {
  return { nodeId: 'node', sms: anSms(), vars: {}, at: Date.parse('2026-03-30T09:15:00.000Z') };
}

export function aDecisionContext(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return { ...aStepContext(), random: () => 0.5, ...overrides };
}

/** Services that fail loudly when a test did not expect them to be used. */
export function unusedServices(overrides: Partial<WorkflowServices> = {}): WorkflowServices {
  return {
    http: () => Promise.reject(new Error('http was not expected')),
    acd: { groupStatus: () => Promise.reject(new Error('acd.groupStatus was not expected')) },
    email: { send: () => Promise.reject(new Error('email.send was not expected')) },
    sms: { send: () => Promise.reject(new Error('sms.send was not expected')) },
    random: () => {
      throw new Error('random was not expected');
    },
    ...overrides,
  };
}

export function anEffectContext(overrides: Partial<EffectContext> = {}): EffectContext {
  return { ...aStepContext(), services: unusedServices(), ...overrides };
}

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];
type EdgeSpec = [source: string, port: string, target: string];

/** A graph from terse node and edge lists; edge ids are `source.port`. */
export function aGraph(nodes: NodeSpec[], edges: EdgeSpec[]): WorkflowGraph {
  return {
    schemaVersion: 1,
    nodes: nodes.map(([id, type, config = {}], index) => ({ id, type, position: { x: index * 200, y: 0 }, config })),
    edges: edges.map(([source, sourcePort, target]) => ({ id: `${source}.${sourcePort}`, source, sourcePort, target })),
  };
}

/** start → call (an HTTP request whose error port leads back into it) → end: a loop with no waiting node. */
export function anHttpRetryLoop(): WorkflowGraph {
  return aGraph(
    [
      ['start', 'start'],
      ['call', 'http_request', { url: 'https://crm.example.com/x' }],
      ['end', 'drop'],
    ],
    [
      ['start', 'next', 'call'],
      ['call', 'error', 'call'],
      ['call', 'success', 'end'],
    ],
  );
}

/** One HTTP request, `crm`, whose URL has a placeholder in its host (which the validator refuses). */
export function aPlaceholderInTheHost(): WorkflowGraph {
  return aGraph([['crm', 'http_request', { url: 'http://crm.example.com{{sms.text}}/lookup' }]], []);
}

export const GROUP_A = '11111111-1111-4111-8111-111111111111';
export const GROUP_B = '22222222-2222-4222-8222-222222222222';

export const routeTo = (acdGroupId: string, extra: Record<string, unknown> = {}) => ({ acdGroupId, ...extra });

/** The keyword-routing example, routing to a client's groups named `Sales` and `Support`. */
export function keywordRoutingTo(groups: Record<string, string>): WorkflowGraph {
  return withAcdGroups(exampleWorkflows().keywordRouting, {
    [EXAMPLE_ACD_GROUP_IDS.sales]: groups.Sales!,
    [EXAMPLE_ACD_GROUP_IDS.support]: groups.Support!,
  });
}

/**
 * The CRM lookup example, routing to a client's groups named `VIP` and `Standard`; `http` changes
 * the config of its HTTP request node (where it calls, with which headers).
 */
export function crmLookupTo(
  groups: Record<string, string>,
  http: (config: Record<string, unknown>) => Record<string, unknown> = (config) => config,
): WorkflowGraph {
  const graph = withAcdGroups(exampleWorkflows().crmVipLookup, {
    [EXAMPLE_ACD_GROUP_IDS.vip]: groups.VIP!,
    [EXAMPLE_ACD_GROUP_IDS.standard]: groups.Standard!,
  });
  return {
    ...graph,
    nodes: graph.nodes.map((node) => (node.type === 'http_request' ? { ...node, config: http(node.config) } : node)),
  };
}
