import { START_NODE_TYPE } from '../catalog/node-type-catalog';
import { configSchemaOf } from '../catalog/node-types-as-data';
import { fieldLabelAt } from '../node-types/field-ui';
import { describeNode, resolveNode, type ResolvedNode } from '../graph/resolve-node';
import type { WorkflowEdge, WorkflowGraph } from '../graph/workflow-graph';
import { findLoops } from './find-loops';
import type { Problem } from './problem';

export interface ValidationContext {
  /** The ACD groups of the workflow's client. */
  acdGroupIds: ReadonlySet<string> | ((acdGroupId: string) => boolean);
}

/** Everything that keeps a graph from being published; an empty list means it may be. */
export function validateWorkflow(graph: WorkflowGraph, context: ValidationContext): Problem[] {
  const nodes = indexNodes(graph);
  const edges = connectableEdges(graph, nodes);
  return [
    ...duplicateNodeIds(graph),
    ...startProblems(graph),
    ...nodeProblems(nodes, context),
    ...edgeProblems(graph, nodes),
    ...portProblems(nodes, graph.edges),
    ...unreachableNodes(graph, nodes, edges),
    ...loopsWithoutWait(nodes, edges),
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

function duplicateNodeIds(graph: WorkflowGraph): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      problems.push({
        code: 'node_id_duplicate',
        nodeId: node.id,
        message: `Two nodes have the id "${node.id}"; every node needs its own id.`,
      });
    }
    seen.add(node.id);
  }
  return problems;
}

function startProblems(graph: WorkflowGraph): Problem[] {
  const starts = graph.nodes.filter((node) => node.type === START_NODE_TYPE);
  if (starts.length === 0) {
    return [{ code: 'start_missing', message: 'The workflow has no start node; add one where SMS come in.' }];
  }
  return starts.slice(1).map((node) => ({
    code: 'start_multiple',
    nodeId: node.id,
    message: `${describeNode(node)} is a second start node; a workflow has exactly one.`,
  }));
}

function nodeProblems(nodes: NodeIndex, context: ValidationContext): Problem[] {
  const hasGroup = groupLookup(context);
  const problems: Problem[] = [];
  for (const resolved of nodes.values()) {
    const { node } = resolved;
    if (resolved.status === 'unknown_type') {
      problems.push({
        code: 'node_type_unknown',
        nodeId: node.id,
        message: `Node "${node.id}" has the type "${node.type}", which this Switchboard does not know.`,
      });
    } else if (resolved.status === 'invalid_config') {
      for (const issue of resolved.issues) {
        const field = issue.path.join('.');
        // Named as the form labels it ("Case 1 › Value"); `field` keeps the path for the editor.
        const where = field === '' ? '' : `${fieldLabelAt(configSchemaOf(resolved.nodeType), issue.path, 'en')}: `;
        problems.push({
          code: 'config_invalid',
          nodeId: node.id,
          ...(field === '' ? {} : { field }),
          message: `${describeNode(node)}: ${where}${sentence(issue.message)}`,
        });
      }
    } else {
      for (const reference of resolved.nodeType.acdGroupReferences?.(resolved.config) ?? []) {
        if (hasGroup(reference.acdGroupId)) continue;
        problems.push({
          code: 'acd_group_unknown',
          nodeId: node.id,
          field: reference.field,
          message: `${describeNode(node)} names an ACD group (${reference.acdGroupId}) that this client does not have.`,
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

function edgeProblems(graph: WorkflowGraph, nodes: NodeIndex): Problem[] {
  const problems: Problem[] = [];
  const seenIds = new Set<string>();
  for (const edge of graph.edges) {
    if (seenIds.has(edge.id)) {
      problems.push({
        code: 'edge_id_duplicate',
        edgeId: edge.id,
        message: `Two edges have the id "${edge.id}"; every edge needs its own id.`,
      });
    }
    seenIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (source === undefined) {
      problems.push({
        code: 'edge_source_missing',
        edgeId: edge.id,
        message: `Edge "${edge.id}" starts at node "${edge.source}", which does not exist.`,
      });
    } else if (source.status === 'ok' && !source.ports.includes(edge.sourcePort)) {
      problems.push({
        code: 'edge_port_unknown',
        edgeId: edge.id,
        nodeId: source.node.id,
        port: edge.sourcePort,
        message:
          source.ports.length === 0
            ? `Edge "${edge.id}" leaves ${describeNode(source.node)}, which ends the run and has no ports.`
            : `Edge "${edge.id}" leaves ${describeNode(source.node)} by port "${edge.sourcePort}", ` +
              `which it does not have (it has ${source.ports.join(', ')}).`,
      });
    }
    if (target === undefined) {
      problems.push({
        code: 'edge_target_missing',
        edgeId: edge.id,
        message: `Edge "${edge.id}" leads to node "${edge.target}", which does not exist.`,
      });
    } else if (target.node.type === START_NODE_TYPE) {
      problems.push({
        code: 'edge_into_start',
        edgeId: edge.id,
        nodeId: target.node.id,
        message: `Edge "${edge.id}" leads into the start node; runs only begin there.`,
      });
    }
  }
  return problems;
}

/** Any edge counts as connecting its port; an edge's own mistakes are reported on the edge. */
function portProblems(nodes: NodeIndex, edges: readonly WorkflowEdge[]): Problem[] {
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
          message: `Port "${port}" of ${describeNode(resolved.node)} leads nowhere; connect it to a node.`,
        });
      }
      for (const extra of leaving.slice(1)) {
        problems.push({
          code: 'port_multiple_edges',
          nodeId: resolved.node.id,
          edgeId: extra.id,
          port,
          message: `Port "${port}" of ${describeNode(resolved.node)} has ${leaving.length} edges; a port leads to one node.`,
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

function unreachableNodes(graph: WorkflowGraph, nodes: NodeIndex, edges: readonly WorkflowEdge[]): Problem[] {
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
      message: `${describeNode(node)} cannot be reached from the start node.`,
    }));
}

function loopsWithoutWait(nodes: NodeIndex, edges: readonly WorkflowEdge[]): Problem[] {
  const loops = findLoops([...nodes.keys()], successorsOf(edges));
  return loops
    .filter((loop) => !loop.some((id) => waits(nodes.get(id))))
    .map((loop) => ({
      code: 'cycle_without_wait',
      nodeId: loop[0]!,
      message:
        `${loop.map((id) => describeNode(nodes.get(id)!.node)).join(', ')} form a loop with no waiting node; ` +
        'a run would go round until its step limit.',
    }));
}

function waits(resolved: ResolvedNode | undefined): boolean {
  return resolved !== undefined && resolved.status !== 'unknown_type' && resolved.nodeType.waits === true;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
