import type { z } from 'zod';
import type { Language } from '../../i18n/languages';
import { messages } from '../../i18n/messages/messages';
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
export function describeNode(node: WorkflowNode, language: Language = 'en'): string {
  const [open, close] = QUOTES[language];
  if (node.label !== undefined && node.label.trim() !== '') return `${open}${node.label.trim()}${close}`;
  return `${findNodeType(node.type)?.label[language] ?? messages[language].workflowProblem.node} ${open}${node.id}${close}`;
}

/** The quotation marks a message puts around a name, per language. */
export const QUOTES: Readonly<Record<Language, readonly [string, string]>> = { en: ['"', '"'], de: ['„', '“'] };
