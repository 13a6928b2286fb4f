import type { z } from 'zod';
import { findNodeType } from '../catalog/node-type-catalog';
import { portsOf, type NodeType } from '../node-types/define-node-type';
import type { WorkflowNode } from './workflow-graph';

/** A node with its type looked up and its config parsed (defaults applied), as far as that worked. */
export type ResolvedNode =
  | { node: WorkflowNode; status: 'unknown_type' }
  | { node: WorkflowNode; status: 'invalid_config'; nodeType: NodeType; issues: z.core.$ZodIssue[] }
  | { node: WorkflowNode; status: 'ok'; nodeType: NodeType; config: unknown; ports: string[] };

export function resolveNode(node: WorkflowNode): ResolvedNode {
  const nodeType = findNodeType(node.type);
  if (nodeType === undefined) return { node, status: 'unknown_type' };
  const parsed = nodeType.config.safeParse(node.config);
  if (!parsed.success) return { node, status: 'invalid_config', nodeType, issues: parsed.error.issues };
  return { node, status: 'ok', nodeType, config: parsed.data, ports: portsOf(nodeType, parsed.data) };
}

/** How messages name a node: its own label if it has one, else its type and id. */
export function describeNode(node: WorkflowNode): string {
  if (node.label !== undefined && node.label.trim() !== '') return `"${node.label.trim()}"`;
  return `${findNodeType(node.type)?.label.en ?? 'Node'} "${node.id}"`;
}
