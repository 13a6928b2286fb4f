import { findNodeType } from '../catalog/node-type-catalog';
import type { WorkflowGraph } from './workflow-graph';

/** One ACD group a node names, as its node type declares (`acdGroupReferences`). */
export interface NodeAcdGroupReference {
  nodeId: string;
  field: string;
  acdGroupId: string;
}

/** The ACD groups a graph's nodes name (route to ACD group, ACD group status, …); nodes with invalid configs name none. */
export function acdGroupReferencesIn(graph: WorkflowGraph): NodeAcdGroupReference[] {
  const references: NodeAcdGroupReference[] = [];
  for (const node of graph.nodes) {
    const nodeType = findNodeType(node.type);
    if (nodeType?.acdGroupReferences === undefined) continue;
    const parsed = nodeType.config.safeParse(node.config);
    if (!parsed.success) continue;
    for (const reference of nodeType.acdGroupReferences(parsed.data))
      references.push({ nodeId: node.id, ...reference });
  }
  return references;
}

/**
 * Whether two graphs are the same: nodes, edges, configs, labels and positions, whatever order
 * their object keys are stored in (PostgreSQL's jsonb keeps its own).
 */
export function sameGraph(a: WorkflowGraph, b: WorkflowGraph): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
