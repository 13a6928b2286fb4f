import type { Language } from '../../i18n/languages';
import type { EnglishMessages } from '../../i18n/messages/messages';
import { say, sentence, type KeysOf } from '../../i18n/sentence';
import { issueText } from '../node-types/check-words';
import { START_NODE_TYPE } from '../catalog/node-type-catalog';
import { configSchemaOf } from '../catalog/node-types-as-data';
import { fieldLabelAt } from '../node-types/field-ui';
import { describeNode, QUOTES, resolveNode, type ResolvedNode } from '../graph/resolve-node';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '../graph/workflow-graph';
import { findLoops } from './find-loops';
import type { Problem } from './problem';

export interface ValidationContext {
  /** The ACD groups of the workflow's client. */
  acdGroupIds: ReadonlySet<string> | ((acdGroupId: string) => boolean);
  /** The language of the messages; English (the API's) unless the editor asks for its own. */
  language?: Language;
}

/** A message's words in the language asked for, with names quoted the way that language quotes. */
interface Say {
  language: Language;
  /** A name in quotation marks. */
  q(name: string): string;
  node(node: WorkflowNode): string;
  /** The catalog's sentence for a problem (`i18n/messages/workflow-problem-messages.ts`). */
  problem(key: ProblemWords, params?: Readonly<Record<string, string | number>>): string;
}

type ProblemWords = Exclude<KeysOf<EnglishMessages['workflowProblem']>, `definition.${string}` | 'node'>;

function sayIn(language: Language): Say {
  const [open, close] = QUOTES[language];
  return {
    language,
    q: (name) => `${open}${name}${close}`,
    node: (node) => describeNode(node, language),
    problem: (key, params) => say(language, sentence(`workflowProblem.${key}`, params)),
  };
}

/** Everything that keeps a graph from being published; an empty list means it may be. */
export function validateWorkflow(graph: WorkflowGraph, context: ValidationContext): Problem[] {
  const nodes = indexNodes(graph);
  const edges = connectableEdges(graph, nodes);
  const say = sayIn(context.language ?? 'en');
  return [
    ...duplicateNodeIds(graph, say),
    ...startProblems(graph, say),
    ...nodeProblems(nodes, context, say),
    ...edgeProblems(graph, nodes, say),
    ...portProblems(nodes, graph.edges, say),
    ...unreachableNodes(graph, nodes, edges, say),
    ...loopsWithoutWait(nodes, edges, say),
  ];
}

type NodeIndex = ReadonlyMap<string, ResolvedNode>;

/** The first node of each id; later duplicates are reported, not used. */
function indexNodes(graph: WorkflowGraph): NodeIndex {
  const nodes = new Map<string, ResolvedNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, resolveNode(node));
  return nodes;
}

/** Edges between existing nodes, not into the start node: the ones a run could follow. */
function connectableEdges(graph: WorkflowGraph, nodes: NodeIndex): WorkflowEdge[] {
  return graph.edges.filter((edge) => {
    const target = nodes.get(edge.target);
    return nodes.has(edge.source) && target !== undefined && target.node.type !== START_NODE_TYPE;
  });
}

/** A check that answers true for an id it was asked about before: the second node or edge of an id. */
function repeatedIds(): (id: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    return false;
  };
}

function duplicateNodeIds(graph: WorkflowGraph, say: Say): Problem[] {
  const repeated = repeatedIds();
  return graph.nodes
    .filter((node) => repeated(node.id))
    .map((node) => ({
      code: 'node_id_duplicate',
      nodeId: node.id,
      message: say.problem('node_id_duplicate', { id: say.q(node.id) }),
    }));
}

function startProblems(graph: WorkflowGraph, say: Say): Problem[] {
  const starts = graph.nodes.filter((node) => node.type === START_NODE_TYPE);
  if (starts.length === 0) {
    const message = say.problem('start_missing');
    return [{ code: 'start_missing', message }];
  }
  return starts.slice(1).map((node) => ({
    code: 'start_multiple',
    nodeId: node.id,
    message: say.problem('start_multiple', { node: say.node(node) }),
  }));
}

function nodeProblems(nodes: NodeIndex, context: ValidationContext, say: Say): Problem[] {
  const hasGroup = groupLookup(context);
  const problems: Problem[] = [];
  for (const resolved of nodes.values()) {
    const { node } = resolved;
    if (resolved.status === 'unknown_type') {
      problems.push({
        code: 'node_type_unknown',
        nodeId: node.id,
        message: say.problem('node_type_unknown', { id: say.q(node.id), type: say.q(node.type) }),
      });
    } else if (resolved.status === 'invalid_config') {
      for (const issue of resolved.issues) {
        const field = issue.path.join('.');
        // Named as the form labels it ("Case 1 › Value"); `field` keeps the path for the editor.
        const reason = withPeriod(issueText(issue, say.language));
        problems.push({
          code: 'config_invalid',
          nodeId: node.id,
          ...(field === '' ? {} : { field }),
          message:
            field === ''
              ? say.problem('config_invalid', { node: say.node(node), reason })
              : say.problem('config_invalid_field', {
                  node: say.node(node),
                  field: fieldLabelAt(configSchemaOf(resolved.nodeType), issue.path, say.language),
                  reason,
                }),
        });
      }
    } else {
      for (const reference of resolved.nodeType.acdGroupReferences?.(resolved.config) ?? []) {
        if (hasGroup(reference.acdGroupId)) continue;
        problems.push({
          code: 'acd_group_unknown',
          nodeId: node.id,
          field: reference.field,
          message: say.problem('acd_group_unknown', {
            node: say.node(node),
            field: fieldLabelAt(configSchemaOf(resolved.nodeType), reference.field.split('.'), say.language),
            group: `${reference.acdGroupId.slice(0, 8)}…`,
          }),
        });
      }
    }
  }
  return problems;
}

function groupLookup(context: ValidationContext): (acdGroupId: string) => boolean {
  const { acdGroupIds } = context;
  return typeof acdGroupIds === 'function' ? acdGroupIds : (acdGroupId) => acdGroupIds.has(acdGroupId);
}

function edgeProblems(graph: WorkflowGraph, nodes: NodeIndex, say: Say): Problem[] {
  const problems: Problem[] = [];
  const repeated = repeatedIds();
  for (const edge of graph.edges) {
    if (repeated(edge.id)) {
      problems.push({
        code: 'edge_id_duplicate',
        edgeId: edge.id,
        message: say.problem('edge_id_duplicate', { id: say.q(edge.id) }),
      });
    }
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (source === undefined) {
      problems.push({
        code: 'edge_source_missing',
        edgeId: edge.id,
        message: say.problem('edge_source_missing', { id: say.q(edge.id), node: say.q(edge.source) }),
      });
    } else if (source.status === 'ok' && !source.ports.includes(edge.sourcePort)) {
      problems.push({
        code: 'edge_port_unknown',
        edgeId: edge.id,
        nodeId: source.node.id,
        port: edge.sourcePort,
        message:
          source.ports.length === 0
            ? say.problem('edge_port_none', { id: say.q(edge.id), node: say.node(source.node) })
            : say.problem('edge_port_unknown', {
                id: say.q(edge.id),
                node: say.node(source.node),
                port: say.q(edge.sourcePort),
                ports: source.ports.join(', '),
              }),
      });
    }
    if (target === undefined) {
      problems.push({
        code: 'edge_target_missing',
        edgeId: edge.id,
        message: say.problem('edge_target_missing', { id: say.q(edge.id), node: say.q(edge.target) }),
      });
    } else if (target.node.type === START_NODE_TYPE) {
      problems.push({
        code: 'edge_into_start',
        edgeId: edge.id,
        nodeId: target.node.id,
        message: say.problem('edge_into_start', { id: say.q(edge.id) }),
      });
    }
  }
  return problems;
}

/** Any edge counts as connecting its port; an edge's own mistakes are reported on the edge. */
function portProblems(nodes: NodeIndex, edges: readonly WorkflowEdge[], say: Say): Problem[] {
  const problems: Problem[] = [];
  for (const resolved of nodes.values()) {
    if (resolved.status !== 'ok') continue;
    for (const port of resolved.ports) {
      const leaving = edges.filter((edge) => edge.source === resolved.node.id && edge.sourcePort === port);
      if (leaving.length === 0) {
        problems.push({
          code: 'port_unconnected',
          nodeId: resolved.node.id,
          port,
          message: say.problem('port_unconnected', { port: say.q(port), node: say.node(resolved.node) }),
        });
      }
      for (const extra of leaving.slice(1)) {
        problems.push({
          code: 'port_multiple_edges',
          nodeId: resolved.node.id,
          edgeId: extra.id,
          port,
          message: say.problem('port_multiple_edges', {
            port: say.q(port),
            node: say.node(resolved.node),
            count: leaving.length,
          }),
        });
      }
    }
  }
  return problems;
}

function successorsOf(edges: readonly WorkflowEdge[]): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    const targets = successors.get(edge.source);
    if (targets === undefined) successors.set(edge.source, [edge.target]);
    else targets.push(edge.target);
  }
  return successors;
}

function unreachableNodes(graph: WorkflowGraph, nodes: NodeIndex, edges: readonly WorkflowEdge[], say: Say): Problem[] {
  const start = graph.nodes.find((node) => node.type === START_NODE_TYPE);
  // Without a start node everything would be "unreachable"; start_missing already says it.
  if (start === undefined) return [];
  const successors = successorsOf(edges);
  const reached = new Set([start.id]);
  const pending = [start.id];
  while (pending.length > 0) {
    for (const next of successors.get(pending.pop()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        pending.push(next);
      }
    }
  }
  return [...nodes.values()]
    .filter(({ node }) => !reached.has(node.id) && node.type !== START_NODE_TYPE)
    .map(({ node }) => ({
      code: 'node_unreachable',
      nodeId: node.id,
      message: say.problem('node_unreachable', { node: say.node(node) }),
    }));
}

function loopsWithoutWait(nodes: NodeIndex, edges: readonly WorkflowEdge[], say: Say): Problem[] {
  const loops = findLoops([...nodes.keys()], successorsOf(edges));
  return loops
    .filter((loop) => !loop.some((id) => waits(nodes.get(id))))
    .map((loop) => ({
      code: 'cycle_without_wait',
      nodeId: loop[0]!,
      message: say.problem('cycle_without_wait', {
        nodes: loop.map((id) => say.node(nodes.get(id)!.node)).join(', '),
      }),
    }));
}

function waits(resolved: ResolvedNode | undefined): boolean {
  return resolved !== undefined && resolved.status !== 'unknown_type' && resolved.nodeType.waits === true;
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
